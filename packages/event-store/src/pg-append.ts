import type pg from "pg";
import { WrongExpectedRevisionError } from "./errors.js";
import { startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { AppendResult, EventMetadata, ExpectedRevision, RecordedEvent } from "./event-store.js";
import { originalAppend } from "./pg-idempotency.js";
import { streamLockKey } from "./pg-locks.js";
import { EVENT_COLUMNS, type PgEventRow } from "./pg-rows.js";

/**
 * One append on the PostgreSQL store, one transaction in two round trips:
 *
 * 1. `BEGIN`; the stream's advisory lock (pg-locks.ts: writers of one stream take turns); the
 *    stream's head and whether any of the append's ids is stored already (idempotency); then
 *    `UPDATE log_head … RETURNING`: the log's single counter row, locked until `COMMIT`, gives
 *    the next positions and the last `recordedAt`. Appends (of any process) thus take their
 *    positions in the order they commit, and a reader's snapshot always holds a prefix of the
 *    log: position n + 1 never becomes visible before position n. One simple-protocol query of
 *    four statements (each with its own snapshot, taken after the lock before it).
 * 2. The events chained here (shared encoding: the same hashes as every store), then inserted
 *    with the stream's new head, and `COMMIT`: again one query of several statements, values
 *    inlined as escaped literals.
 *
 * The counter is held from the end of the first round trip to the end of the second.
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

/** The stored rows of these event ids. */
export const storedRows = async (client: pg.ClientBase, ids: readonly string[]): Promise<PgEventRow[]> =>
  (await client.query<PgEventRow>({ text: `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::text[])`, values: [ids], rowMode: "array" })).rows;

const textArray = (client: pg.ClientBase, values: readonly string[]): string => `ARRAY[${values.map((value) => client.escapeLiteral(value)).join(",")}]::text[]`;

/**
 * Runs the append's transaction on `client` (which must not be in one). Throws
 * `WrongExpectedRevisionError`, `IdempotencyConflictError`, or the database's error (a unique
 * violation on `events.event_id` when another stream's append stored one of the ids meanwhile:
 * the caller answers it with `originalAppend`).
 */
export async function appendInTransaction(client: pg.ClientBase, streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision, now: () => Date): Promise<AppendResult> {
  const ids = events.map((event) => event.id);
  const stream = client.escapeLiteral(streamId);
  let committed = false;
  try {
    // recordedAt: the store's clock, or the last event's time when that is later (several processes' clocks): never back along the log.
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${streamLockKey(streamId)});
       SELECT s.last_revision, s.last_hash, EXISTS (SELECT 1 FROM events WHERE event_id = ANY(${textArray(client, ids)})) AS repeated
         FROM (SELECT 1) AS one LEFT JOIN streams s ON s.stream_id = ${stream};
       UPDATE log_head SET position = position + ${events.length}, recorded_at = greatest(recorded_at, ${client.escapeLiteral(now().toISOString())})
         WHERE id = 1 RETURNING position - ${events.length} AS base, recorded_at`,
    )) as unknown as pg.QueryResult[];
    const state = results[2]?.rows[0] as { last_revision: number | null; last_hash: string | null; repeated: boolean };
    const head = results[3]?.rows[0] as { base: number; recorded_at: string };
    const actual = state.last_revision;
    if (state.repeated || !expectationMet(expected, actual)) {
      const original = state.repeated ? originalAppend(streamId, events, await storedRows(client, ids)) : null;
      if (original !== null) return original;
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const base = head.base;
    const chain = startStreamChain(streamId, state.last_hash, head.recorded_at);
    const firstRevision = actual === null ? 0 : actual + 1;
    const metadataJsons = events.map((event, i) => chain.next(event, firstRevision + i));
    const lastRevision = firstRevision + events.length - 1;
    await client.query(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
         SELECT ${base} + e.ord, ${stream}, ${firstRevision} + e.ord - 1, e.id, e.type, e.data, e.metadata
         FROM unnest(${textArray(client, ids)}, ${textArray(client, events.map((e) => e.type))}, ${textArray(client, events.map((e) => e.dataJson))}, ${textArray(client, metadataJsons)})
           WITH ORDINALITY AS e (id, type, data, metadata, ord);
       INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (${stream}, ${lastRevision}, ${client.escapeLiteral(chain.lastHash as string)})
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash;
       COMMIT`,
    );
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
