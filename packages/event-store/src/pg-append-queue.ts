import type pg from "pg";
import type { EncodedEvent } from "./event-encoding.js";
import type { AppendResult, ExpectedRevision } from "./event-store.js";
import { appendGroup, isUniqueViolation, storedRows, type AppendOutcome, type PendingAppend } from "./pg-append.js";
import { originalAppend } from "./pg-idempotency.js";

/**
 * The group commit of the PostgreSQL store: one group transaction of this process at a time
 * (pg-append.ts). An append arriving while none runs starts one at once, alone; those arriving
 * while one runs (or in the turn of the event loop after it) wait, and the next group takes them all (in arrival order, one append per
 * stream, up to `MAX_GROUP_EVENTS` events; an append left out keeps every later append of its
 * stream out too, so a stream's appends stay in order). Under concurrent load a transaction, its
 * two round trips and its commit thus serve many appends. When a group's transaction fails (a
 * unique violation on an event id another append stored meanwhile, or any error), nothing of it
 * is stored and each of its appends is tried again alone, so one append's failure is its own.
 */

/** Events in one group at most (an append of more is a group of its own). */
const MAX_GROUP_EVENTS = 2000;

interface Waiting extends PendingAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface PgAppendQueue {
  append(streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult>;
}

/** `committed` gets the results of a group that stored something. */
export function createPgAppendQueue(pool: pg.Pool, now: () => Date, committed: (results: readonly AppendResult[]) => void): PgAppendQueue {
  let waiting: Waiting[] = [];
  let running = false;

  const takeGroup = (): Waiting[] => {
    const group: Waiting[] = [];
    const left: Waiting[] = [];
    const streams = new Set<string>();
    let events = 0;
    for (const entry of waiting) {
      if (streams.has(entry.streamId) || (group.length > 0 && events + entry.events.length > MAX_GROUP_EVENTS)) left.push(entry);
      else {
        group.push(entry);
        events += entry.events.length;
      }
      streams.add(entry.streamId);
    }
    waiting = left;
    return group;
  };

  const settle = (entry: Waiting, outcome: AppendOutcome): void => (outcome.ok ? entry.resolve(outcome.result) : entry.reject(outcome.error));

  /** One append alone; a unique violation on an event id answered as a repeat when it is one. */
  const alone = async (client: pg.PoolClient, entry: Waiting): Promise<AppendOutcome> => {
    try {
      return (await appendGroup(client, [entry], now))[0] as AppendOutcome;
    } catch (error) {
      if (!isUniqueViolation(error, "events_event_id_key")) return { ok: false, error };
      try {
        const original = originalAppend(entry.streamId, entry.events, await storedRows(client, entry.events.map((event) => event.id)));
        return original === null ? { ok: false, error } : { ok: true, result: original };
      } catch (conflict) {
        return { ok: false, error: conflict };
      }
    }
  };

  const runGroup = async (group: readonly Waiting[]): Promise<void> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const entry of group) entry.reject(error);
      return;
    }
    try {
      let outcomes: AppendOutcome[];
      if (group.length === 1) outcomes = [await alone(client, group[0] as Waiting)];
      else {
        try {
          outcomes = await appendGroup(client, group, now);
        } catch {
          outcomes = [];
          for (const entry of group) outcomes.push(await alone(client, entry));
        }
      }
      const results = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.result] : []));
      if (results.length > 0) committed(results);
      group.forEach((entry, i) => settle(entry, outcomes[i] as AppendOutcome));
    } finally {
      client.release();
    }
  };

  const run = async (): Promise<void> => {
    running = true;
    try {
      while (waiting.length > 0) {
        await runGroup(takeGroup());
        // The appenders just answered may append again: one turn of the event loop lets them join the next group.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      running = false;
    }
  };

  return {
    append: (streamId, events, expected) =>
      new Promise<AppendResult>((resolve, reject) => {
        waiting.push({ streamId, events, expected, resolve, reject });
        if (!running) void run();
      }),
  };
}
