import type { RecordedEvent } from "@duty-ledger/event-store";
import {
  cacheLoaded,
  createCursor,
  createProjectionDocuments,
  createSqliteReadModelStore,
  deputyTimelineProjection,
  evictDocuments,
  foldChunk,
  putChangedDocuments,
  routeChunk,
  suggestionFactsProjection,
  type AnyProjection,
  type ProjectionCursor,
  type ProjectionDocuments,
  type SqliteReadModelStore,
} from "@duty-ledger/projections";

/**
 * The replay's fold: the projections the duty records and the scores are read from (the
 * deputies' streams, whose events the records are then summed from, and the suggestions' scoring
 * facts, without the watch list's part the figures do not read) — the projector's own folds — applied in memory by the projection engine's own fold
 * (`routeChunk`, `cacheLoaded`, `foldChunk` over its document cache, `putChangedDocuments`),
 * batch by batch, into a read-model store held in memory (SQLite `:memory:`, the same store
 * code the query API reads). Nothing touches the disk.
 *
 * As in the engine, folded documents stay in memory between batches: a document touched by
 * many batches (a deputy's list of streams, a suggestion's facts over its months of handling)
 * is neither written nor read back at each batch. Once more than `maxCachedDocuments` changed,
 * they are written with their index entries and the documents not folded lately are dropped
 * (read back if met again); `flush()`, which the reader of `store` calls first, writes the rest.
 */

export const replayProjections: readonly AnyProjection[] = [deputyTimelineProjection as AnyProjection, suggestionFactsProjection as AnyProjection];

/**
 * Changed documents held in memory before they are written to the store (half as many
 * unchanged ones stay cached after a write). See docs/performance.md, "Audit: verify and
 * replay", for the replay's time and memory over the generated province at this bound.
 */
export const DEFAULT_MAX_CACHED_DOCUMENTS = 100_000;

export interface InMemoryFoldOptions {
  /** Default `replayProjections`. */
  readonly projections?: readonly AnyProjection[];
  /** Changed documents before a write. Default `DEFAULT_MAX_CACHED_DOCUMENTS`. */
  readonly maxCachedDocuments?: number;
}

export interface InMemoryFold {
  /** The read models: they hold what was folded up to the last `flush()`. */
  readonly store: SqliteReadModelStore;
  /** Folds the next events (in log order, positions increasing). */
  apply(events: readonly RecordedEvent[]): Promise<void>;
  /** Writes the documents folded since the last write, and the checkpoints, into `store`. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const createInMemoryFold = (options: InMemoryFoldOptions = {}): InMemoryFold => {
  const projections = options.projections ?? replayProjections;
  const maxCached = Math.max(1, options.maxCachedDocuments ?? DEFAULT_MAX_CACHED_DOCUMENTS);
  const store = createSqliteReadModelStore({ path: ":memory:" });
  let cursors: ProjectionCursor[] = projections.map((projection) => createCursor(projection, 0));
  // The store starts empty: it holds no document but those this fold wrote.
  const caches: ProjectionDocuments[] = projections.map(() => createProjectionDocuments(true));
  /** Position of the last event folded, and of the last one written; batches folded. */
  let folded = 0;
  let written = 0;
  let round = 0;

  const changedCount = (): number => caches.reduce((sum, cache) => sum + cache.dirty.size, 0);

  const flush = async (): Promise<void> => {
    if (folded === written) return;
    let markWritten: () => void = () => {};
    await store.transaction((writer) => {
      markWritten = putChangedDocuments(writer, cursors, caches);
      for (const { projection } of cursors) writer.setCheckpoint(projection.name, projection.version, folded);
    });
    markWritten();
    written = folded;
    evictDocuments(caches, Math.floor(maxCached / 2), round, 2);
  };

  return {
    store,
    async apply(events) {
      const last = events[events.length - 1];
      if (last === undefined) return;
      round++;
      const routes = routeChunk(cursors, caches, events);
      const loaded: Map<string, unknown>[] = [];
      for (let c = 0; c < cursors.length; c++) {
        const keys = routes.load[c] as string[];
        loaded.push(keys.length === 0 ? new Map() : await store.getMany<unknown>((cursors[c] as ProjectionCursor).projection.name, keys));
      }
      cacheLoaded(cursors, caches, loaded, round);
      foldChunk(cursors, caches, routes, round);
      cursors = cursors.map((cursor) => ({ ...cursor, checkpoint: last.position }));
      folded = last.position;
      if (changedCount() > maxCached) await flush();
    },
    flush,
    close: () => store.close(),
  };
};
