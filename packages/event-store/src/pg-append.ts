import type pg from "pg";
import { WrongExpectedRevisionError } from "./errors.js";
import { startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { AppendResult, EventMetadata, ExpectedRevision, RecordedEvent } from "./event-store.js";
import { originalAppend } from "./pg-idempotency.js";
import { LOG_CHANNEL } from "./pg-notifier.js";
import { streamLockKey } from "./pg-locks.js";
import { EVENT_COLUMNS, type PgEventRow } from "./pg-rows.js";

/**
 * One append on the PostgreSQL store, one transaction in two round trips:
 *
 * 1. `BEGIN`; the stream's advisory lock (pg-locks.ts: writers of one stream take turns); the
 *    stream's head, whether any of the append's ids is stored already (idempotency), and the
 *    log's last `recordedAt`. One simple-protocol query of three statements (each with its own
 *    snapshot, taken after the lock before it).
 * 2. The events chained here (shared encoding: the same hashes as every store; a hash does not
 *    cover the position), then one statement: `UPDATE log_head … RETURNING` — the log's single
 *    counter row, locked until `COMMIT` — gives the positions, and the events and the stream's
 *    new head are inserted; `COMMIT` in the same query. Appends (of any process) thus take
 *    their positions in the order they commit, and a reader's snapshot always holds a prefix of
 *    the log: position n + 1 never becomes visible before position n.
 *
 * The counter is held only while the server runs the second query, no round trip. It also
 * keeps the last `recordedAt`, and refuses (stores nothing, the transaction holds no row) an
 * append stamped earlier than an append that committed first: the append is then tried again
 * stamped at that time, so recording times never go back along the log.
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

interface Attempt {
  readonly result: AppendResult | null;
  /** When the counter refused the attempt's `recordedAt` (a later one was stored first): that later time. */
  readonly notBefore: string;
}

/** The result an append returns: its events as stored. */
function appended(streamId: string, events: readonly EncodedEvent[], base: number, firstRevision: number, metadataJsons: readonly string[]): AppendResult {
  return {
    nextExpectedRevision: firstRevision + events.length - 1,
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
}

/** One try of the append's transaction: `result` null when the counter refused its `recordedAt` (nothing stored). */
async function attempt(client: pg.ClientBase, streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision, recordedAtAtLeast: string): Promise<Attempt> {
  const ids = events.map((event) => event.id);
  const stream = client.escapeLiteral(streamId);
  let finished = false;
  try {
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${streamLockKey(streamId)});
       SELECT s.last_revision, s.last_hash, EXISTS (SELECT 1 FROM events WHERE event_id = ANY(${textArray(client, ids)})) AS repeated,
              (SELECT recorded_at FROM log_head WHERE id = 1) AS last_recorded_at
         FROM (SELECT 1) AS one LEFT JOIN streams s ON s.stream_id = ${stream}`,
    )) as unknown as pg.QueryResult[];
    const state = results[2]?.rows[0] as { last_revision: number | null; last_hash: string | null; repeated: boolean; last_recorded_at: string };
    const actual = state.last_revision;
    if (state.repeated || !expectationMet(expected, actual)) {
      const original = state.repeated ? originalAppend(streamId, events, await storedRows(client, ids)) : null;
      if (original !== null) return { result: original, notBefore: "" };
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    // recordedAt: the store's clock, or the last event's time when that is later (several processes' clocks): never back along the log.
    const recordedAt = [recordedAtAtLeast, state.last_recorded_at].reduce((a, b) => (a < b ? b : a));
    const chain = startStreamChain(streamId, state.last_hash, recordedAt);
    const firstRevision = actual === null ? 0 : actual + 1;
    const metadataJsons = events.map((event, i) => chain.next(event, firstRevision + i));
    const lastRevision = firstRevision + events.length - 1;
    const time = client.escapeLiteral(recordedAt);
    const written = (await client.query(
      `WITH head AS (
         UPDATE log_head SET position = position + ${events.length}, recorded_at = ${time}
         WHERE id = 1 AND recorded_at <= ${time} RETURNING position - ${events.length} AS base
       ), ins AS (
         INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
         SELECT head.base + e.ord, ${stream}, ${firstRevision} + e.ord - 1, e.id, e.type, e.data, e.metadata
         FROM head, unnest(${textArray(client, ids)}, ${textArray(client, events.map((e) => e.type))}, ${textArray(client, events.map((e) => e.dataJson))}, ${textArray(client, metadataJsons)})
           WITH ORDINALITY AS e (id, type, data, metadata, ord)
       ), st AS (
         INSERT INTO streams (stream_id, last_revision, last_hash) SELECT ${stream}, ${lastRevision}, ${client.escapeLiteral(chain.lastHash as string)} FROM head
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash
       )
       SELECT (SELECT base FROM head) AS base, (SELECT recorded_at FROM log_head WHERE id = 1) AS last_recorded_at;
       NOTIFY ${LOG_CHANNEL};
       COMMIT`,
    )) as unknown as pg.QueryResult[];
    finished = true;
    const row = written[0]?.rows[0] as { base: number | null; last_recorded_at: string };
    if (row.base === null) return { result: null, notBefore: row.last_recorded_at };
    return { result: appended(streamId, events, row.base, firstRevision, metadataJsons), notBefore: "" };
  } finally {
    if (!finished) await client.query("ROLLBACK").catch(() => undefined);
  }
}

/**
 * Runs the append's transaction on `client` (which must not be in one). Throws
 * `WrongExpectedRevisionError`, `IdempotencyConflictError`, or the database's error (a unique
 * violation on `events.event_id` when another stream's append stored one of the ids meanwhile:
 * the caller answers it with `originalAppend`).
 */
export async function appendInTransaction(client: pg.ClientBase, streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision, now: () => Date): Promise<AppendResult> {
  let notBefore = "";
  for (;;) {
    const clock = now().toISOString();
    const tried = await attempt(client, streamId, events, expected, clock < notBefore ? notBefore : clock);
    if (tried.result !== null) return tried.result;
    notBefore = tried.notBefore; // an append stamped later committed first: stamp this one at that time at least
  }
}
