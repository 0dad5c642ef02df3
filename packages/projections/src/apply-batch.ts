import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { ProjectionFailedError } from "./errors.js";
import { NOT_STORED, type CachedDocument, type ProjectionDocuments } from "./document-cache.js";
import type { AnyProjection } from "./projection.js";
import type { IndexEntry, ReadModelWriter } from "./read-model-store.js";

/**
 * The engine's fold over its document cache (`document-cache.ts`): a chunk of events is routed
 * (`routeChunk`), the documents it touches that are neither cached nor known absent are loaded
 * by the caller (`cacheLoaded`), then `foldChunk` applies the events in log order to the cached
 * documents and marks the ones that changed (an event a projection `refold`s on replaces the
 * document with the fold of its stream, read beforehand by `readRefoldStreams`);
 * `putChangedDocuments` writes those through a
 * read-model transaction. No awaits per event. The projection engine runs it over its
 * subscription, the audit's replay over a log read up to a cut.
 */

export interface ProjectionCursor {
  readonly projection: AnyProjection;
  /** Event types the projection handles. */
  readonly handles: ReadonlySet<string>;
  /** Position of the last event whose effects its documents hold. */
  readonly checkpoint: number;
}

export const createCursor = (projection: AnyProjection, checkpoint: number): ProjectionCursor => ({
  projection,
  handles: new Set(projection.handles),
  checkpoint,
});

const failed = (projection: AnyProjection, event: RecordedEvent, error: unknown): ProjectionFailedError =>
  new ProjectionFailedError(projection.name, event.id, event.position, error);

/**
 * A chunk's routes: one per event and document it touches, in log order, as parallel arrays
 * (no object per route). `entry` is the cached document when the chunk was routed, so that the
 * fold looks it up again only for documents then missing (loaded or started meanwhile): a
 * lookup in a cache of ~300 000 documents is most of what routing and folding cost.
 */
export interface ChunkRoutes {
  /** The projection (index in the cursors). */
  readonly cursor: number[];
  readonly event: RecordedEvent[];
  /** The document's key. */
  readonly key: string[];
  /** The cached document, or `undefined` when it was not cached. */
  readonly entry: (CachedDocument | undefined)[];
  /** Whether the route folds its document again from the event's stream (`Projection.refold`). */
  readonly refold: boolean[];
  /** Per projection, the keys to read from the store before folding. */
  readonly load: string[][];
}

export const routeChunk = (cursors: readonly ProjectionCursor[], caches: readonly ProjectionDocuments[], events: readonly RecordedEvent[]): ChunkRoutes => {
  const routes: ChunkRoutes = { cursor: [], event: [], key: [], entry: [], refold: [], load: cursors.map(() => []) };
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
      let refold: boolean;
      try {
        eventKeys = cursor.projection.keysOf(event);
        refold = eventKeys.length > 0 && cursor.projection.refold?.needed(event) === true;
      } catch (error) {
        throw failed(cursor.projection, event, error);
      }
      const cache = caches[c] as ProjectionDocuments;
      for (const key of eventKeys) {
        const entry = cache.entries.get(key);
        routes.cursor.push(c);
        routes.event.push(event);
        routes.key.push(key);
        routes.entry.push(entry);
        routes.refold.push(refold);
        if (entry !== undefined || !cache.mayBeStored(key)) continue;
        const seen = asked[c] as Set<string>;
        if (seen.has(key)) continue;
        seen.add(key);
        (routes.load[c] as string[]).push(key);
      }
    }
  }
  return routes;
};

/** The log a refold reads its streams from: the event store, or a view of it. */
export type RefoldLog = Pick<EventStore, "readStreams">;

/** The streams read for the routes that refold, by route index. */
export type RefoldStreams = ReadonlyMap<number, readonly RecordedEvent[]>;

const noStreams: RefoldStreams = new Map();

/**
 * For each route that folds its documents again from the event's stream (`Projection.refold`:
 * a voiding, rare), reads that stream up to and including the event.
 */
export const readRefoldStreams = async (log: RefoldLog, routes: ChunkRoutes): Promise<RefoldStreams> => {
  const streams = new Map<number, readonly RecordedEvent[]>();
  const byEvent = new Map<RecordedEvent, readonly RecordedEvent[]>();
  for (let r = 0; r < routes.refold.length; r++) {
    if (routes.refold[r] !== true) continue;
    const event = routes.event[r] as RecordedEvent;
    let stream = byEvent.get(event);
    if (stream === undefined) {
      stream = await log.readStreams([event.streamId], { upTo: event.position });
      byEvent.set(event, stream);
    }
    streams.set(r, stream);
  }
  return streams;
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

/**
 * Folds the routed events into the cached documents (absent ones start from `init`; a route that
 * refolds takes the fold of its stream from `streams`); returns the routes applied.
 */
export const foldChunk = (
  cursors: readonly ProjectionCursor[],
  caches: readonly ProjectionDocuments[],
  routes: ChunkRoutes,
  round: number,
  streams: RefoldStreams = noStreams,
): number => {
  const count = routes.cursor.length;
  for (let r = 0; r < count; r++) {
    const c = routes.cursor[r] as number;
    const event = routes.event[r] as RecordedEvent;
    const key = routes.key[r] as string;
    const projection = (cursors[c] as ProjectionCursor).projection;
    const cache = caches[c] as ProjectionDocuments;
    const refold = routes.refold[r] === true ? projection.refold : undefined;
    const stream = refold === undefined ? undefined : streams.get(r);
    if (refold !== undefined && stream === undefined) {
      throw failed(projection, event, new Error("the event refolds its document but its stream was not read (readRefoldStreams)"));
    }
    let entry = routes.entry[r] ?? cache.entries.get(key);
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
      next = refold === undefined || stream === undefined ? projection.apply(entry.doc, event) : refold.fold(key, stream);
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
  return count;
};

/**
 * Puts every changed cached document through `writer` — in key order (neighbouring rows of the
 * store's B-tree written together), with the index entries the store holds for it (kept since
 * its load or last write: nothing is read back). Returns what marks them written, to call once
 * the transaction has committed.
 */
export const putChangedDocuments = (writer: ReadModelWriter, cursors: readonly ProjectionCursor[], caches: readonly ProjectionDocuments[]): (() => void) => {
  const written: CachedDocument[] = [];
  const writtenIndexes: (readonly IndexEntry[])[] = [];
  cursors.forEach(({ projection }, c) => {
    const cache = caches[c] as ProjectionDocuments;
    for (const key of [...cache.dirty].sort()) {
      const entry = cache.entries.get(key);
      if (entry === undefined) continue;
      const indexes = projection.indexesOf?.(entry.doc, key) ?? [];
      writer.put(projection.name, key, entry.doc, indexes, entry.stored ?? []);
      written.push(entry);
      writtenIndexes.push(indexes);
    }
  });
  return () => {
    written.forEach((entry, i) => {
      entry.stored = writtenIndexes[i] as readonly IndexEntry[];
      entry.dirty = false;
    });
    for (const cache of caches) cache.dirty.clear();
  };
};
