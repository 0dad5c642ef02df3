import type { RecordedEvent } from "@duty-ledger/event-store";
import {
  applyBatch,
  createCursor,
  createSqliteReadModelStore,
  deputyRecordProjection,
  planBatch,
  scoringFactsProjection,
  type AnyProjection,
  type ProjectionCursor,
  type SqliteReadModelStore,
} from "@duty-ledger/projections";

/**
 * The replay's fold: the projections the duty records and the scores are read from — the
 * same objects the projector runs — applied in memory by the projection engine's own pure
 * core (`planBatch`, `applyBatch`), batch by batch, into a read-model store held in memory
 * (SQLite `:memory:`, the same store code the query API reads). Nothing touches the disk.
 */

export const replayProjections: readonly AnyProjection[] = [deputyRecordProjection as AnyProjection, scoringFactsProjection as AnyProjection];

export interface InMemoryFold {
  /** The read models folded so far. */
  readonly store: SqliteReadModelStore;
  /** Folds the next events (in log order, positions increasing). */
  apply(events: readonly RecordedEvent[]): Promise<void>;
  close(): Promise<void>;
}

export const createInMemoryFold = (projections: readonly AnyProjection[] = replayProjections): InMemoryFold => {
  const store = createSqliteReadModelStore({ path: ":memory:" });
  let cursors: ProjectionCursor[] = projections.map((projection) => createCursor(projection, 0));

  return {
    store,
    async apply(events) {
      const last = events[events.length - 1];
      if (last === undefined) return;
      const plan = planBatch(cursors, events);
      const loaded: Map<string, unknown>[] = [];
      for (let c = 0; c < cursors.length; c++) {
        const keys = plan.keys[c] as Set<string>;
        loaded.push(keys.size === 0 ? new Map() : await store.getMany<unknown>((cursors[c] as ProjectionCursor).projection.name, keys));
      }
      const changed = applyBatch(cursors, plan, loaded);
      await store.transaction((writer) => {
        cursors.forEach(({ projection }, c) => {
          for (const [key, doc] of changed[c] as Map<string, unknown>) writer.put(projection.name, key, doc, projection.indexesOf?.(doc, key));
          writer.setCheckpoint(projection.name, projection.version, last.position);
        });
      });
      cursors = cursors.map((cursor) => ({ ...cursor, checkpoint: last.position }));
    },
    close: () => store.close(),
  };
};
