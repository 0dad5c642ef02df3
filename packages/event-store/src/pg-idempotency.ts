import { IdempotencyConflictError } from "./errors.js";
import type { EncodedEvent } from "./event-encoding.js";
import type { AppendResult } from "./event-store.js";
import { toRecordedEvent, type PgEventRow } from "./pg-rows.js";

/**
 * Idempotent appends on the PostgreSQL store: an append whose event ids are already stored is
 * answered with the original result when it is the same append (same stream, consecutive
 * revisions, same types and data), and refused with `IdempotencyConflictError` otherwise.
 */

/**
 * The original result of an append, given the stored rows of its event ids (any order); `null`
 * when none is stored. Throws on a partial overlap or any difference.
 */
export function originalAppend(streamId: string, events: readonly EncodedEvent[], stored: readonly PgEventRow[]): AppendResult | null {
  if (stored.length === 0) return null;
  const byId = new Map(stored.map((row) => [row[3], row]));
  const rows = events.map((event) => byId.get(event.id));
  const missing = rows.filter((row) => row === undefined).length;
  if (missing > 0) {
    throw new IdempotencyConflictError(streamId, (stored[0] as PgEventRow)[3], `is already stored but ${missing} other event(s) of this append are not (partial overlap)`);
  }
  const found = rows as PgEventRow[];
  const firstRevision = (found[0] as PgEventRow)[2];
  events.forEach((event, i) => {
    const row = found[i] as PgEventRow;
    if (row[1] !== streamId) throw new IdempotencyConflictError(streamId, event.id, `is already stored in stream "${row[1]}"`);
    if (row[2] !== firstRevision + i) throw new IdempotencyConflictError(streamId, event.id, `is already stored at another revision (${row[2]})`);
    if (row[4] !== event.type || row[5] !== event.dataJson) throw new IdempotencyConflictError(streamId, event.id, "is already stored with another type or data");
  });
  const last = found[found.length - 1] as PgEventRow;
  return { nextExpectedRevision: last[2], position: last[0], events: found.map(toRecordedEvent) };
}
