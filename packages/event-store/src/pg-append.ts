import type pg from "pg";
import { WrongExpectedRevisionError } from "./errors.js";
import { startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type { AppendResult, ExpectedRevision } from "./event-store.js";
import { sqlLiteral, storedAppend, textArray } from "./pg-append-result.js";
import { originalAppend } from "./pg-idempotency.js";
import { LOG_CHANNEL } from "./pg-notifier.js";
import { streamLockKey } from "./pg-locks.js";
import { EVENT_COLUMNS, type PgEventRow } from "./pg-rows.js";

/**
 * Appends on the PostgreSQL store: a group of appends to distinct streams (one, or the appends
 * of this process that waited while the group before them ran: pg-append-queue.ts) in one
 * transaction of two round trips:
 *
 * 1. `BEGIN`; the streams' advisory locks in key order (pg-locks.ts: writers of one stream take
 *    turns, in any process; key order: two groups never wait on each other in a circle); the
 *    streams' heads, which of the appends' ids are stored already (idempotency), and the log's
 *    last `recordedAt`. One simple-protocol query of several statements (each with its own
 *    snapshot, taken after the locks).
 * 2. Each append checked here (a repeat answered with its original result, a wrong expected
 *    revision refused, neither written), the others chained (shared encoding: the same hashes as
 *    every store; a hash does not cover the position), then one statement: `UPDATE log_head …
 *    RETURNING` — the log's single counter row, locked until `COMMIT` — gives the positions, the
 *    appends' events taking them in the group's order, and the events and the streams' new heads
 *    are inserted; `NOTIFY` and `COMMIT` in the same query. Appends (of any process) thus take
 *    their positions in the order they commit, and a reader's snapshot always holds a prefix of
 *    the log: position n + 1 never becomes visible before position n.
 *
 * The counter is held only while the server runs the second query, no round trip. It also keeps
 * the last `recordedAt`, and refuses (stores nothing, the transaction holds no row) a group
 * stamped earlier than an append that committed first: the group is then tried again stamped at
 * that time, so recording times never go back along the log. The clock is read just before the
 * second query, so that few appends stamped later commit in between.
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

/** One append of a group. */
export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
}

/** What became of one append of a group. */
export type AppendOutcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

/** The stored rows of these event ids. */
export const storedRows = async (client: pg.ClientBase, ids: readonly string[]): Promise<PgEventRow[]> =>
  (await client.query<PgEventRow>({ text: `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::text[])`, values: [ids], rowMode: "array" })).rows;

/** The statement taking the streams' advisory locks, in key order. */
function lockStatement(streamIds: readonly string[]): string {
  const keys = [...new Set(streamIds.map(streamLockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 1) return `SELECT pg_advisory_xact_lock(${keys[0]})`;
  // The ordered subquery is not flattened: the locks are taken in its order.
  return `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest(ARRAY[${keys.join(",")}]::bigint[]) AS k ORDER BY k) AS keys`;
}

interface Written {
  readonly index: number;
  readonly append: PendingAppend;
  readonly firstRevision: number;
  readonly metadataJsons: string[];
  readonly lastHash: string;
  /** Events of the group written before this append's. */
  readonly offset: number;
}

/** One try of the group's transaction: `outcomes` null when the counter refused its `recordedAt` (nothing stored). */
async function attempt(client: pg.ClientBase, appends: readonly PendingAppend[], now: () => Date, notBefore: string): Promise<{ outcomes: AppendOutcome[] | null; notBefore: string }> {
  const streamIds = appends.map((append) => append.streamId);
  const ids = appends.flatMap((append) => append.events.map((event) => event.id));
  let finished = false;
  try {
    const results = (await client.query(
      `BEGIN; ${lockStatement(streamIds)};
       SELECT stream_id, last_revision, last_hash FROM streams WHERE stream_id = ANY(${textArray(streamIds)});
       SELECT event_id FROM events WHERE event_id = ANY(${textArray(ids)});
       SELECT recorded_at FROM log_head WHERE id = 1`,
    )) as unknown as pg.QueryResult[];
    const heads = new Map((results[2]?.rows as { stream_id: string; last_revision: number; last_hash: string }[]).map((row) => [row.stream_id, row]));
    const repeated = new Set((results[3]?.rows as { event_id: string }[]).map((row) => row.event_id));
    const lastRecordedAt = (results[4]?.rows[0] as { recorded_at: string }).recorded_at;
    const recordedAt = [now().toISOString(), notBefore, lastRecordedAt].reduce((a, b) => (a < b ? b : a));
    const outcomes: AppendOutcome[] = new Array<AppendOutcome>(appends.length);
    const written: Written[] = [];
    let offset = 0;
    for (const [index, append] of appends.entries()) {
      const head = heads.get(append.streamId);
      const actual = head?.last_revision ?? null;
      if (append.events.some((event) => repeated.has(event.id))) {
        try {
          const original = originalAppend(append.streamId, append.events, await storedRows(client, append.events.map((event) => event.id)));
          outcomes[index] = original !== null ? { ok: true, result: original } : { ok: false, error: new WrongExpectedRevisionError(append.streamId, append.expected, actual) };
        } catch (error) {
          outcomes[index] = { ok: false, error };
        }
      } else if (!expectationMet(append.expected, actual)) {
        outcomes[index] = { ok: false, error: new WrongExpectedRevisionError(append.streamId, append.expected, actual) };
      } else {
        const chain = startStreamChain(append.streamId, head?.last_hash ?? null, recordedAt);
        const firstRevision = actual === null ? 0 : actual + 1;
        const metadataJsons = append.events.map((event, i) => chain.next(event, firstRevision + i));
        written.push({ index, append, firstRevision, metadataJsons, lastHash: chain.lastHash as string, offset });
        offset += append.events.length;
      }
    }
    if (written.length === 0) {
      await client.query("COMMIT");
      finished = true;
      return { outcomes, notBefore: "" };
    }
    const events = written.flatMap((w) => w.append.events.map((event, i) => ({ stream: w.append.streamId, revision: w.firstRevision + i, event, metadata: w.metadataJsons[i] as string })));
    const time = sqlLiteral(recordedAt);
    const done = (await client.query(
      `WITH head AS (
         UPDATE log_head SET position = position + ${offset}, recorded_at = ${time}
         WHERE id = 1 AND recorded_at <= ${time} RETURNING position - ${offset} AS base
       ), ins AS (
         INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
         SELECT head.base + e.ord, e.stream_id, e.revision, e.id, e.type, e.data, e.metadata
         FROM head, unnest(${textArray(events.map((e) => e.stream))}, ARRAY[${events.map((e) => e.revision).join(",")}]::integer[],
                           ${textArray(events.map((e) => e.event.id))}, ${textArray(events.map((e) => e.event.type))},
                           ${textArray(events.map((e) => e.event.dataJson))}, ${textArray(events.map((e) => e.metadata))})
           WITH ORDINALITY AS e (stream_id, revision, id, type, data, metadata, ord)
       ), st AS (
         INSERT INTO streams (stream_id, last_revision, last_hash)
         SELECT s.stream_id, s.last_revision, s.last_hash
         FROM head, unnest(${textArray(written.map((w) => w.append.streamId))}, ARRAY[${written.map((w) => w.firstRevision + w.append.events.length - 1).join(",")}]::integer[],
                           ${textArray(written.map((w) => w.lastHash))}) AS s (stream_id, last_revision, last_hash)
         ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash
       )
       SELECT (SELECT base FROM head) AS base, (SELECT recorded_at FROM log_head WHERE id = 1) AS last_recorded_at;
       NOTIFY ${LOG_CHANNEL};
       COMMIT`,
    )) as unknown as pg.QueryResult[];
    finished = true;
    const row = done[0]?.rows[0] as { base: number | null; last_recorded_at: string };
    if (row.base === null) return { outcomes: null, notBefore: row.last_recorded_at };
    for (const w of written) outcomes[w.index] = { ok: true, result: storedAppend(w.append.streamId, w.append.events, w.metadataJsons, w.firstRevision, (row.base as number) + w.offset + 1) };
    return { outcomes, notBefore: "" };
  } finally {
    if (!finished) await client.query("ROLLBACK").catch(() => undefined);
  }
}

/**
 * Runs a group's transaction on `client` (which must not be in one); the appends' streams must
 * be distinct. Each append's outcome: its result, `WrongExpectedRevisionError` or
 * `IdempotencyConflictError`. Throws the database's error, the group then storing nothing (a
 * unique violation on `events.event_id` when another append stored one of the ids meanwhile:
 * the caller tries each append alone and answers it with `originalAppend`).
 */
export async function appendGroup(client: pg.ClientBase, appends: readonly PendingAppend[], now: () => Date): Promise<AppendOutcome[]> {
  let notBefore = "";
  for (;;) {
    const tried = await attempt(client, appends, now, notBefore);
    if (tried.outcomes !== null) return tried.outcomes;
    notBefore = tried.notBefore; // an append stamped later committed first: stamp this group at that time at least
  }
}
