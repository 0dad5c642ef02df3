import type pg from "pg";
import type { CanonicalEncoder } from "./canonical-json.js";
import { InvalidAppendError } from "./errors.js";
import type { ImportResult, RecordedEvent } from "./event-store.js";
import { importProblem } from "./hash-chain.js";
import { isUniqueViolation } from "./pg-append.js";
import { streamLockKey } from "./pg-locks.js";
import { LOG_CHANNEL } from "./pg-notifier.js";

/**
 * `importRecorded` of the PostgreSQL store: events recorded elsewhere written as they are, in
 * one transaction, each checked to continue its stream's hash chain (`importProblem`). The
 * streams' advisory locks are taken first, in key order (no deadlock between two imports), then
 * the positions from `log_head`, as an append does.
 */

export async function importInTransaction(client: pg.ClientBase, encoder: CanonicalEncoder, events: readonly RecordedEvent[]): Promise<ImportResult> {
  const streamIds = [...new Set(events.map((event) => event.streamId))];
  const keys = [...new Set(streamIds.map(streamLockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await client.query(`BEGIN; ${keys.map((key) => `SELECT pg_advisory_xact_lock(${key});`).join(" ")}`);
  let committed = false;
  try {
    const heads = new Map<string, { revision: number; hash: string }>();
    const stored = await client.query<[string, number, string]>({
      text: "SELECT stream_id, last_revision, last_hash FROM streams WHERE stream_id = ANY($1::text[])",
      values: [streamIds],
      rowMode: "array",
    });
    for (const [streamId, revision, hash] of stored.rows) heads.set(streamId, { revision, hash });
    for (const event of events) {
      const problem = importProblem(event, heads.get(event.streamId));
      if (problem !== null) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: ${problem}`);
      heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
    }
    const head = await client.query<[number]>({ text: "UPDATE log_head SET position = position + $1 WHERE id = 1 RETURNING position - $1", values: [events.length], rowMode: "array" });
    const base = (head.rows[0] as [number])[0];
    if (events.length > 0) {
      try {
        await client.query(
          `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
           SELECT $1::bigint + e.ord, e.stream_id, e.revision, e.id, e.type, e.data, e.metadata
           FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS e (stream_id, revision, id, type, data, metadata, ord)`,
          [
            base,
            events.map((e) => e.streamId),
            events.map((e) => e.revision),
            events.map((e) => e.id),
            events.map((e) => e.type),
            events.map((e) => encoder(e.data)),
            events.map((e) => JSON.stringify(e.metadata)),
          ],
        );
      } catch (error) {
        if (isUniqueViolation(error, "events_event_id_key")) throw new InvalidAppendError(events[0]?.streamId ?? "", `cannot import: an event id is already stored (${(error as { detail?: string }).detail ?? ""})`);
        throw error;
      }
      const last = [...heads];
      await client.query(
        `INSERT INTO streams (stream_id, last_revision, last_hash) SELECT * FROM unnest($1::text[], $2::integer[], $3::text[])
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash`,
        [last.map(([id]) => id), last.map(([, h]) => h.revision), last.map(([, h]) => h.hash)],
      );
    }
    await client.query(`NOTIFY ${LOG_CHANNEL}; COMMIT`);
    committed = true;
    return { imported: events.length, position: base + events.length };
  } finally {
    if (!committed) await client.query("ROLLBACK").catch(() => undefined);
  }
}
