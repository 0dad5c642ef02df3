import type { RecordedEvent } from "@duty-ledger/event-store";
import {
  applyBatch,
  createCursor,
  createSqliteReadModelStore,
  deputyRecordProjection,
  planBatch,
  scoringFactsProjection,
  type AnyProjection,
  type IndexEntry,
  type ProjectionCursor,
  type SqliteReadModelStore,
} from "@duty-ledger/projections";

/**
 * The replay's fold: the projections the duty records and the scores are read from — the
 * same objects the projector runs — applied in memory by the projection engine's own pure
 * core (`planBatch`, `applyBatch`), batch by batch, into a read-model store held in memory
 * (SQLite `:memory:`, the same store code the query API reads). Nothing touches the disk.
 *
 * Between batches the folded documents stay in memory as objects: a document touched by many
 * batches (a deputy's registry entry, a suggestion's facts over its months of handling) is
 * neither written to the store nor read back from it at each batch. They are written, with
 * their index entries, when more than `maxCachedDocuments` are held (then the cache starts
 * afresh, reading back from the store the documents it meets again) and by `flush()`, which
 * the reader of `store` calls first.
 */

export const replayProjections: readonly AnyProjection[] = [deputyRecordProjection as AnyProjection, scoringFactsProjection as AnyProjection];

/**
 * Documents held in memory before they are written to the store. Measured over the generated
 * province (1.3 M events): the fold's CPU time is about the same from 100 000 up to holding
 * every document (−35 % against writing at every batch); the peak memory grows with the bound
 * (1.1 GiB at 100 000, 2.0 GiB for all).
 */
export const DEFAULT_MAX_CACHED_DOCUMENTS = 100_000;

export interface InMemoryFoldOptions {
  /** Default `replayProjections`. */
  readonly projections?: readonly AnyProjection[];
  /** Default `DEFAULT_MAX_CACHED_DOCUMENTS`. */
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

/** One projection's documents in memory since the last write. */
interface CachedDocuments {
  /** Every document folded or read back since the last write. */
  readonly docs: Map<string, unknown>;
  /** The keys of those folded since (to write). */
  readonly dirty: Set<string>;
  /** The keys of those read back from the store (the others are new to it: no index entries to replace). */
  readonly stored: Set<string>;
  /** The store holds documents of this projection (it has been written to once). */
  written: boolean;
}

export const createInMemoryFold = (options: InMemoryFoldOptions = {}): InMemoryFold => {
  const projections = options.projections ?? replayProjections;
  const maxCached = Math.max(1, options.maxCachedDocuments ?? DEFAULT_MAX_CACHED_DOCUMENTS);
  const store = createSqliteReadModelStore({ path: ":memory:" });
  let cursors: ProjectionCursor[] = projections.map((projection) => createCursor(projection, 0));
  const caches: CachedDocuments[] = projections.map(() => ({ docs: new Map(), dirty: new Set(), stored: new Set(), written: false }));
  /** Position of the last event folded, and of the last one written. */
  let folded = 0;
  let written = 0;

  const cachedCount = (): number => caches.reduce((sum, cache) => sum + cache.docs.size, 0);

  const flush = async (): Promise<void> => {
    if (folded === written) return;
    const none: readonly IndexEntry[] = [];
    await store.transaction((writer) => {
      cursors.forEach(({ projection }, c) => {
        const cache = caches[c] as CachedDocuments;
        // In key order: neighbouring rows of the B-tree written together.
        for (const key of [...cache.dirty].sort()) {
          const doc = cache.docs.get(key);
          writer.put(projection.name, key, doc, projection.indexesOf?.(doc, key), cache.stored.has(key) ? undefined : none);
        }
        writer.setCheckpoint(projection.name, projection.version, folded);
      });
    });
    for (const cache of caches) {
      if (cache.dirty.size > 0) cache.written = true;
      cache.docs.clear();
      cache.dirty.clear();
      cache.stored.clear();
    }
    written = folded;
  };

  return {
    store,
    async apply(events) {
      const last = events[events.length - 1];
      if (last === undefined) return;
      const plan = planBatch(cursors, events);
      for (let c = 0; c < cursors.length; c++) {
        const cache = caches[c] as CachedDocuments;
        if (!cache.written) continue; // the store holds none of its documents: every uncached one is new
        const missing: string[] = [];
        for (const key of plan.keys[c] as Set<string>) if (!cache.docs.has(key)) missing.push(key);
        if (missing.length === 0) continue;
        for (const [key, doc] of await store.getMany<unknown>((cursors[c] as ProjectionCursor).projection.name, missing)) {
          cache.docs.set(key, doc);
          cache.stored.add(key);
        }
      }
      const changed = applyBatch(
        cursors,
        plan,
        caches.map((cache) => cache.docs),
      );
      changed.forEach((docs, c) => {
        const cache = caches[c] as CachedDocuments;
        for (const [key, doc] of docs) {
          cache.docs.set(key, doc);
          cache.dirty.add(key);
        }
      });
      cursors = cursors.map((cursor) => ({ ...cursor, checkpoint: last.position }));
      folded = last.position;
      if (cachedCount() > maxCached) await flush();
    },
    flush,
    close: () => store.close(),
  };
};
