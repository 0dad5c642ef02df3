import { encodeNewEvents, startStreamChain } from "../src/event-encoding.js";
import type { NewEvent } from "../src/event-store.js";
import type { Lane } from "./bench-events.js";

/**
 * What the store stores for each event of a plan, computed before any timing, so that the raw
 * baselines (raw-sqlite-log.ts, pg-drivers.ts) insert the rows the store inserts without doing
 * its JavaScript: the metadata with `recordedAt`, `prevHash` and `hash` (the store's encoding
 * and hash chain, every event stamped with one time).
 */

/** An event's metadata as the store stores it, and its hash. */
interface StoredRow {
  readonly metadata: string;
  readonly hash: string;
}

/** What the store stores for the plan's events, by event id: their streams' hash chains, stamped now. */
export type StoredRows = ReadonlyMap<string, StoredRow>;

/** The stored row of every event of the plan, its streams chained in plan order. */
export function storedRowsOf(lanes: readonly Lane[]): StoredRows {
  const recordedAt = new Date().toISOString();
  const lastHashes = new Map<string, string>();
  const rows = new Map<string, StoredRow>();
  for (const step of lanes.flat()) {
    const chain = startStreamChain(step.streamId, lastHashes.get(step.streamId) ?? null, recordedAt);
    encodeNewEvents(step.streamId, step.events as readonly NewEvent[]).forEach((event, i) => {
      const metadata = chain.next(event, step.expectedRevision + 1 + i);
      rows.set(event.id, { metadata, hash: chain.lastHash as string });
    });
    lastHashes.set(step.streamId, chain.lastHash as string);
  }
  return rows;
}

export const storedRow = (rows: StoredRows, id: string): StoredRow => {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`raw baseline: event ${id} is not in the plan`);
  return row;
};
