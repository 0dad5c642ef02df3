import { isVoiding } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { ProjectionFailedError } from "./errors.js";
import { NOT_STORED, type CachedDocument, type ProjectionDocuments } from "./document-cache.js";
import { foldDocument, type AnyProjection } from "./projection.js";
import type { IndexEntry, ReadModelWriter } from "./read-model-store.js";

/**
 * The engine's fold over its document cache (`document-cache.ts`): a chunk of events is routed
 * (`routeChunk`), the documents it touches that are neither cached nor known absent are loaded
 * by the caller (`cacheLoaded`), then `foldChunk` applies the events in log order to the cached
 * documents and marks the ones that changed (a voiding replaces the documents of its stream
 * with their fold from the stream's counting events, read beforehand by `readVoidedStreams`);
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
  /**
   * For a route of a voiding: the voided event's stream up to and including the voiding, which
   * the document is folded again from (`foldDocument`); `undefined` for a route that applies.
   */
  readonly refold: (readonly RecordedEvent[] | undefined)[];
  /** Per projection, the keys to read from the store before folding. */
  readonly load: string[][];
}

/** The streams of a chunk's voidings, each read up to and including the voiding, by the voiding's id. */
export type VoidedStreams = ReadonlyMap<string, readonly RecordedEvent[]>;

/** Where the engine reads a voided event's stream: the event store, or a view of it. */
export type StreamSource = Pick<EventStore, "readStream">;

const noStreams: VoidedStreams = new Map();

/** For each voiding of the chunk (rare), reads its stream up to and including it. */
export const readVoidedStreams = async (log: StreamSource, events: readonly RecordedEvent[]): Promise<VoidedStreams> => {
  let streams: Map<string, readonly RecordedEvent[]> | undefined;
  for (const event of events) {
    if (!isVoiding(event)) continue;
    const stream: RecordedEvent[] = [];
    for await (const stored of log.readStream(event.streamId)) {
      if (stored.position > event.position) break;
      stream.push(stored);
    }
    (streams ??= new Map()).set(event.id, stream);
  }
  return streams ?? noStreams;
};

/**
 * The documents a voiding folds again, for one projection: every key the events of the voided
 * event's stream route to (the voided one's among them).
 */
const keysRefoldedBy = (cursor: ProjectionCursor, stream: readonly RecordedEvent[]): string[] => {
  const keys = new Set<string>();
  for (const event of stream) if (cursor.handles.has(event.type)) for (const key of cursor.projection.keysOf(event)) keys.add(key);
  return [...keys];
};

export const routeChunk = (
  cursors: readonly ProjectionCursor[],
  caches: readonly ProjectionDocuments[],
  events: readonly RecordedEvent[],
  voided: VoidedStreams = noStreams,
): ChunkRoutes => {
  const routes: ChunkRoutes = { cursor: [], event: [], key: [], entry: [], refold: [], load: cursors.map(() => []) };
  const asked = cursors.map(() => new Set<string>());
  const route = (c: number, event: RecordedEvent, key: string, refold: readonly RecordedEvent[] | undefined): void => {
    const cache = caches[c] as ProjectionDocuments;
    const entry = cache.entries.get(key);
    routes.cursor.push(c);
    routes.event.push(event);
    routes.key.push(key);
    routes.entry.push(entry);
    routes.refold.push(refold);
    if (entry !== undefined || !cache.mayBeStored(key)) return;
    const seen = asked[c] as Set<string>;
    if (seen.has(key)) return;
    seen.add(key);
    (routes.load[c] as string[]).push(key);
  };
  // Which projections apply each type, looked up once per type and chunk.
  const byType = new Map<string, number[]>();
  for (const event of events) {
    const stream = voided.get(event.id);
    if (stream === undefined && isVoiding(event)) throw new Error(`the stream of voiding ${event.id} was not read (readVoidedStreams)`);
    // A voiding folds again the documents of every projection its stream's events route to.
    let handlers = byType.get(event.type);
    if (handlers === undefined) {
      handlers = [];
      for (let c = 0; c < cursors.length; c++) if (stream !== undefined || (cursors[c] as ProjectionCursor).handles.has(event.type)) handlers.push(c);
      byType.set(event.type, handlers);
    }
    for (const c of handlers) {
      const cursor = cursors[c] as ProjectionCursor;
      if (event.position <= cursor.checkpoint) continue;
      let eventKeys: readonly string[];
      try {
        eventKeys = stream === undefined ? cursor.projection.keysOf(event) : keysRefoldedBy(cursor, stream);
      } catch (error) {
        throw failed(cursor.projection, event, error);
      }
      for (const key of eventKeys) route(c, event, key, stream);
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

/**
 * Folds the routed events into the cached documents (absent ones start from `init`; a voiding's
 * route takes the fold of its stream's counting events); returns the routes applied.
 */
export const foldChunk = (
  cursors: readonly ProjectionCursor[],
  caches: readonly ProjectionDocuments[],
  routes: ChunkRoutes,
  round: number,
): number => {
  const count = routes.cursor.length;
  for (let r = 0; r < count; r++) {
    const c = routes.cursor[r] as number;
    const event = routes.event[r] as RecordedEvent;
    const key = routes.key[r] as string;
    const projection = (cursors[c] as ProjectionCursor).projection;
    const cache = caches[c] as ProjectionDocuments;
    const stream = routes.refold[r];
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
      next = stream === undefined ? projection.apply(entry.doc, event) : foldDocument(projection, key, stream);
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
