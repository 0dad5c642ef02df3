import type { RecordedEvent } from "@duty-ledger/event-store";
import { ProjectionFailedError } from "./errors.js";
import { NOT_STORED, type ProjectionDocuments } from "./document-cache.js";
import type { AnyProjection } from "./projection.js";

/**
 * The pure core of the engine: fold a batch of events into the documents they touch.
 *
 * `planBatch` routes each event to the documents of each projection that has not yet
 * applied it (its position is after the projection's checkpoint) and lists the documents
 * to load; `applyBatch` folds the events, in log order, over the loaded (or initial)
 * documents, keeping each document in memory for the whole batch, and returns the documents
 * that changed. No I/O here, no awaits per event.
 */

export interface ProjectionCursor {
  readonly projection: AnyProjection;
  /** Event types the projection handles. */
  readonly handles: ReadonlySet<string>;
  /** Position of the last event whose effects its documents hold. */
  readonly checkpoint: number;
}

interface Route {
  readonly cursor: number;
  readonly event: RecordedEvent;
  readonly keys: readonly string[];
}

export interface BatchPlan {
  readonly routes: readonly Route[];
  /** Per projection (by index in the cursors), the keys of the documents the batch touches. */
  readonly keys: readonly Set<string>[];
}

export const createCursor = (projection: AnyProjection, checkpoint: number): ProjectionCursor => ({
  projection,
  handles: new Set(projection.handles),
  checkpoint,
});

const failed = (projection: AnyProjection, event: RecordedEvent, error: unknown): ProjectionFailedError =>
  new ProjectionFailedError(projection.name, event.id, event.position, error);

export const planBatch = (cursors: readonly ProjectionCursor[], events: readonly RecordedEvent[]): BatchPlan => {
  const routes: Route[] = [];
  const keys = cursors.map(() => new Set<string>());
  for (const event of events) {
    for (let c = 0; c < cursors.length; c++) {
      const cursor = cursors[c] as ProjectionCursor;
      if (event.position <= cursor.checkpoint || !cursor.handles.has(event.type)) continue;
      let eventKeys: readonly string[];
      try {
        eventKeys = cursor.projection.keysOf(event);
      } catch (error) {
        throw failed(cursor.projection, event, error);
      }
      if (eventKeys.length === 0) continue;
      routes.push({ cursor: c, event, keys: eventKeys });
      const set = keys[c] as Set<string>;
      for (const key of eventKeys) set.add(key);
    }
  }
  return { routes, keys };
};

/**
 * Folds the planned routes. `loaded[c]` holds the stored documents of projection `c` (absent
 * keys start from `init`). Returns, per projection, the documents that changed.
 */
export const applyBatch = (
  cursors: readonly ProjectionCursor[],
  plan: BatchPlan,
  loaded: readonly ReadonlyMap<string, unknown>[],
): Map<string, unknown>[] => {
  const working = cursors.map(() => new Map<string, unknown>());
  const changed = cursors.map(() => new Set<string>());
  for (const route of plan.routes) {
    const cursor = cursors[route.cursor] as ProjectionCursor;
    const docs = working[route.cursor] as Map<string, unknown>;
    const stored = loaded[route.cursor];
    for (const key of route.keys) {
      let doc: unknown;
      if (docs.has(key)) doc = docs.get(key);
      else if (stored !== undefined && stored.has(key)) doc = stored.get(key);
      else {
        try {
          doc = cursor.projection.init(key);
        } catch (error) {
          throw failed(cursor.projection, route.event, error);
        }
      }
      let next: unknown;
      try {
        next = cursor.projection.apply(doc, route.event);
      } catch (error) {
        throw failed(cursor.projection, route.event, error);
      }
      docs.set(key, next);
      if (next !== doc) (changed[route.cursor] as Set<string>).add(key);
    }
  }
  return working.map((docs, c) => {
    const out = new Map<string, unknown>();
    for (const key of changed[c] as Set<string>) out.set(key, docs.get(key));
    return out;
  });
};

/**
 * The engine's fold over its document cache (`document-cache.ts`): a chunk of events is routed
 * (`routeChunk`), the documents it touches that are neither cached nor known absent are loaded
 * by the caller, then `foldChunk` applies the events in log order to the cached documents and
 * marks the ones that changed. Nothing is written here: the engine commits the changed
 * documents with the checkpoints when it decides to (every chunk once live, far less often
 * while catching up).
 */
export interface ChunkRoutes {
  /** Per route: the projection (index in the cursors), the event, its keys. Parallel arrays. */
  readonly cursor: number[];
  readonly event: RecordedEvent[];
  readonly keys: (readonly string[])[];
  /** Per projection, the keys to read from the store before folding. */
  readonly load: string[][];
}

export const routeChunk = (cursors: readonly ProjectionCursor[], caches: readonly ProjectionDocuments[], events: readonly RecordedEvent[]): ChunkRoutes => {
  const routes: ChunkRoutes = { cursor: [], event: [], keys: [], load: cursors.map(() => []) };
  const asked = cursors.map(() => new Set<string>());
  // Which projections handle each type, looked up once per type and chunk.
  const byType = new Map<string, number[]>();
  for (const event of events) {
    let handlers = byType.get(event.type);
    if (handlers === undefined) {
      handlers = [];
      for (let c = 0; c < cursors.length; c++) if ((cursors[c] as ProjectionCursor).handles.has(event.type)) handlers.push(c);
      byType.set(event.type, handlers);
    }
    for (const c of handlers) {
      const cursor = cursors[c] as ProjectionCursor;
      if (event.position <= cursor.checkpoint) continue;
      let eventKeys: readonly string[];
      try {
        eventKeys = cursor.projection.keysOf(event);
      } catch (error) {
        throw failed(cursor.projection, event, error);
      }
      if (eventKeys.length === 0) continue;
      routes.cursor.push(c);
      routes.event.push(event);
      routes.keys.push(eventKeys);
      const cache = caches[c] as ProjectionDocuments;
      for (const key of eventKeys) {
        if (cache.entries.has(key) || !cache.mayBeStored(key)) continue;
        const seen = asked[c] as Set<string>;
        if (seen.has(key)) continue;
        seen.add(key);
        (routes.load[c] as string[]).push(key);
      }
    }
  }
  return routes;
};

/** Adds documents read from the store to the caches (`loaded[c]`: found documents by key), with their index entries. */
export const cacheLoaded = (
  cursors: readonly ProjectionCursor[],
  caches: readonly ProjectionDocuments[],
  loaded: readonly ReadonlyMap<string, unknown>[],
  round: number,
): void => {
  loaded.forEach((docs, c) => {
    const projection = (cursors[c] as ProjectionCursor).projection;
    const cache = caches[c] as ProjectionDocuments;
    for (const [key, doc] of docs) cache.entries.set(key, { doc, stored: projection.indexesOf?.(doc, key) ?? [], dirty: false, touched: round });
  });
};

/** Folds the routed events into the cached documents (absent ones start from `init`); returns the routes applied. */
export const foldChunk = (cursors: readonly ProjectionCursor[], caches: readonly ProjectionDocuments[], routes: ChunkRoutes, round: number): number => {
  const count = routes.cursor.length;
  for (let r = 0; r < count; r++) {
    const c = routes.cursor[r] as number;
    const event = routes.event[r] as RecordedEvent;
    const projection = (cursors[c] as ProjectionCursor).projection;
    const cache = caches[c] as ProjectionDocuments;
    for (const key of routes.keys[r] as readonly string[]) {
      let entry = cache.entries.get(key);
      if (entry === undefined) {
        let doc: unknown;
        try {
          doc = projection.init(key);
        } catch (error) {
          throw failed(projection, event, error);
        }
        entry = { doc, stored: NOT_STORED, dirty: false, touched: round };
        cache.entries.set(key, entry);
      }
      let next: unknown;
      try {
        next = projection.apply(entry.doc, event);
      } catch (error) {
        throw failed(projection, event, error);
      }
      entry.touched = round;
      if (next !== entry.doc) {
        entry.doc = next;
        if (!entry.dirty) {
          entry.dirty = true;
          cache.dirty.add(key);
        }
      }
    }
  }
  return count;
};
