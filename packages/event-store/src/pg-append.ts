import type pg from "pg";
import { WrongExpectedRevisionError } from "./errors.js";
import { startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { AppendResult, EventMetadata, ExpectedRevision, RecordedEvent } from "./event-store.js";
import { originalAppend } from "./pg-idempotency.js";
import { streamLockKey } from "./pg-locks.js";
import { EVENT_COLUMNS, type PgEventRow } from "./pg-rows.js";

/**
 * One append on the PostgreSQL store, one transaction:
 *
 * 1. `BEGIN` and the stream's advisory lock (pg-locks.ts): writers of one stream take turns;
 * 2. the stream's head and any of the append's event ids already stored (idempotency);
 * 3. `UPDATE log_head … RETURNING`: the log's single counter row, locked until `COMMIT`, gives
 *    the next positions and the last `recordedAt` — so appends (of any process) take their
 *    positions in the order they commit, and a reader's snapshot always holds a prefix of the
 *    log: position n + 1 never becomes visible before position n;
 * 4. the events chained (shared encoding, so the same hashes as every store) and inserted with
 *    the stream's new head in one statement; `COMMIT`.
 *
 * Only steps 3 and 4 hold the counter: three round trips and the hashing.
 */

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  (error as { code?: unknown }).code === "23505" && (constraint === undefined || (error as { constraint?: unknown }).constraint === constraint);

function expectationMet(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return actual === null;
    case "stream_exists":
      return actual !== null;
    default:
      return actual === expected;
  }
}

const insertSql = `
WITH ins AS (
  INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
  SELECT $1::bigint + e.ord, $2, $3::integer + e.ord - 1, e.id, e.type, e.data, e.metadata
  FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS e (id, type, data, metadata, ord)
)
INSERT INTO streams (stream_id, last_revision, last_hash) VALUES ($2, $8, $9)
ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash`;

/** The stored rows of these event ids. */
export const storedRows = async (client: pg.ClientBase, ids: readonly string[]): Promise<PgEventRow[]> =>
  (await client.query<PgEventRow>({ text: `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::text[])`, values: [ids], rowMode: "array" })).rows;

/**
 * Runs the append's transaction on `client` (which must not be in one). Throws
 * `WrongExpectedRevisionError`, `IdempotencyConflictError`, or the database's error (a unique
 * violation on `events.event_id` when another stream's append stored one of the ids meanwhile:
 * the caller answers it with `originalAppend`).
 */
export async function appendInTransaction(client: pg.ClientBase, streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision, now: () => Date): Promise<AppendResult> {
  const ids = events.map((event) => event.id);
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${streamLockKey(streamId)})`);
  let committed = false;
  try {
    const state = (
      await client.query<[number | null, string | null, boolean]>({
        text: "SELECT s.last_revision, s.last_hash, EXISTS (SELECT 1 FROM events WHERE event_id = ANY($2::text[])) FROM (SELECT 1) AS one LEFT JOIN streams s ON s.stream_id = $1",
        values: [streamId, ids],
        rowMode: "array",
      })
    ).rows[0] as [number | null, string | null, boolean];
    const [actual, lastHash, repeated] = state;
    if (repeated || !expectationMet(expected, actual)) {
      const original = repeated ? originalAppend(streamId, events, await storedRows(client, ids)) : null;
      if (original !== null) return original;
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    // recordedAt: the store's clock, or the last event's time when that is later (several processes' clocks): never back along the log.
    const head = await client.query<[number, string]>({
      text: "UPDATE log_head SET position = position + $1, recorded_at = greatest(recorded_at, $2) WHERE id = 1 RETURNING position - $1, recorded_at",
      values: [events.length, now().toISOString()],
      rowMode: "array",
    });
    const [base, recordedAt] = head.rows[0] as [number, string];
    const chain = startStreamChain(streamId, lastHash, recordedAt);
    const firstRevision = actual === null ? 0 : actual + 1;
    const metadataJsons = events.map((event, i) => chain.next(event, firstRevision + i));
    const lastRevision = firstRevision + events.length - 1;
    await client.query(insertSql, [base, streamId, firstRevision, ids, events.map((e) => e.type), events.map((e) => e.dataJson), metadataJsons, lastRevision, chain.lastHash]);
    await client.query("COMMIT");
    committed = true;
    return {
      nextExpectedRevision: lastRevision,
      position: base + events.length,
      events: events.map(
        (event, i): RecordedEvent => ({
          id: event.id,
          type: event.type,
          streamId,
          revision: firstRevision + i,
          position: base + 1 + i,
          data: JSON.parse(event.dataJson) as unknown,
          metadata: JSON.parse(metadataJsons[i] as string) as EventMetadata,
        }),
      ),
    };
  } finally {
    if (!committed) await client.query("ROLLBACK").catch(() => undefined);
  }
}
