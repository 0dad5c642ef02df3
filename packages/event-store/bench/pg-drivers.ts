import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import type { EventStore, NewEvent } from "../src/event-store.js";
import { createPostgresEventStore } from "../src/pg-event-store.js";
import { sqlLiteral, textArray } from "../src/pg-append-result.js";
import { migratePgSchema } from "../src/pg-schema.js";
import type { AppendDriver } from "./bench-driver.js";
import type { AppendStep } from "./bench-events.js";
import { storedRow, type StoredRows } from "./stored-rows.js";

/**
 * The drivers of `pnpm bench postgres`, each on a fresh database of one PostgreSQL server:
 *
 * - the baselines: raw `pg` doing the store's inserts in the store's transactions, and nothing
 *   else — the same schema (`migratePgSchema`), `BEGIN`, the streams' advisory locks and heads,
 *   then one statement taking the positions from the counter row and inserting the events and
 *   the streams' heads, `COMMIT` (two round trips, as the store's), its texts as SQL literals made
 *   as the store makes them (`textArray`), its rows the store's rows: each event's metadata as the
 *   store stores it (`recordedAt`, `prevHash`, `hash`) and each stream's last hash, chained before
 *   any timing (`storedRowsOf`). One transaction per append (`openRawPgDriver`), and for
 *   concurrent appends also grouped as the store's group commit groups them: the appends that
 *   wait while the process's transaction runs share the next one (`openRawPgGroupedDriver`). What
 *   they leave out is what the store adds: canonical encoding and the hash chain (JavaScript),
 *   the idempotency lookup of the event ids, the recording-time guard and the `NOTIFY`;
 * - the subject: the store (`createPostgresEventStore`), with or without its Merkle tree;
 * - the peer: Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), its
 *   defaults (its own pool).
 * The baseline and the store hold a pool of `poolSize` connections.
 */

const expectedOf = (step: AppendStep): number | "no_stream" => (step.expectedRevision < 0 ? "no_stream" : step.expectedRevision);

/** A pool on a database with the store's schema. */
async function rawPool(connectionString: string, poolSize: number): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const setup = await pool.connect();
  try {
    await migratePgSchema(setup);
  } finally {
    setup.release();
  }
  return pool;
}

/** The statement inserting `events` at the positions the counter row gives, and the streams' new heads. */
function insertStatement(events: readonly { readonly stream: string; readonly revision: number; readonly event: AppendStep["events"][number] }[], rows: StoredRows): string {
  const lastRevisions = new Map(events.map((e) => [e.stream, e.revision]));
  const lastHashes = new Map(events.map((e) => [e.stream, storedRow(rows, e.event.id).hash]));
  return `WITH head AS (UPDATE log_head SET position = position + ${events.length} WHERE id = 1 RETURNING position - ${events.length} AS base),
     ins AS (
       INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
       SELECT head.base + e.ord, e.stream_id, e.revision, e.id, e.type, e.data, e.metadata
       FROM head, unnest(${textArray(events.map((e) => e.stream))}, ARRAY[${events.map((e) => e.revision).join(",")}]::integer[],
                         ${textArray(events.map((e) => e.event.id))}, ${textArray(events.map((e) => e.event.type))},
                         ${textArray(events.map((e) => JSON.stringify(e.event.data)))}, ${textArray(events.map((e) => storedRow(rows, e.event.id).metadata))})
         WITH ORDINALITY AS e (stream_id, revision, id, type, data, metadata, ord)
     )
     INSERT INTO streams (stream_id, last_revision, last_hash)
     SELECT s.stream_id, s.last_revision, s.last_hash
     FROM unnest(${textArray([...lastRevisions.keys()])}, ARRAY[${[...lastRevisions.values()].join(",")}]::integer[], ${textArray([...lastHashes.values()])}) AS s (stream_id, last_revision, last_hash)
     ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash;
     COMMIT`;
}

/** The baseline: the store's two round trips of SQL per append, one transaction each, without its JavaScript. */
export async function openRawPgDriver(connectionString: string, poolSize: number, rows: StoredRows): Promise<AppendDriver> {
  const pool = await rawPool(connectionString, poolSize);
  return {
    append: async (step) => {
      const client = await pool.connect();
      try {
        const stream = sqlLiteral(step.streamId);
        const results = (await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0)); SELECT last_revision FROM streams WHERE stream_id = ${stream}`,
        )) as unknown as pg.QueryResult[];
        const actual = (results[2]?.rows[0] as { last_revision: number } | undefined)?.last_revision ?? -1;
        if (actual !== step.expectedRevision) {
          await client.query("ROLLBACK");
          throw new Error(`${step.streamId}: expected revision ${step.expectedRevision}, found ${actual}`);
        }
        await client.query(insertStatement(step.events.map((event, i) => ({ stream: step.streamId, revision: actual + 1 + i, event })), rows));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

interface WaitingStep {
  readonly step: AppendStep;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Events in one group at most, as the store's group commit. */
const MAX_GROUP_EVENTS = 2000;

/**
 * The baseline for concurrent appends: the same SQL, grouped as the store groups appends — one
 * transaction of this process at a time; an append arriving while none runs starts one alone,
 * those arriving meanwhile share the next (one append per stream, up to 2 000 events).
 */
export async function openRawPgGroupedDriver(connectionString: string, poolSize: number, rows: StoredRows): Promise<AppendDriver> {
  const pool = await rawPool(connectionString, poolSize);
  let waiting: WaitingStep[] = [];
  let running = false;

  const takeGroup = (): WaitingStep[] => {
    const group: WaitingStep[] = [];
    const left: WaitingStep[] = [];
    const streams = new Set<string>();
    let events = 0;
    for (const entry of waiting) {
      if (streams.has(entry.step.streamId) || (group.length > 0 && events + entry.step.events.length > MAX_GROUP_EVENTS)) left.push(entry);
      else {
        group.push(entry);
        events += entry.step.events.length;
      }
      streams.add(entry.step.streamId);
    }
    waiting = left;
    return group;
  };

  const runGroup = async (group: readonly WaitingStep[]): Promise<void> => {
    const client = await pool.connect();
    try {
      const streams = textArray(group.map((entry) => entry.step.streamId));
      const results = (await client.query(
        `BEGIN; SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT hashtextextended(s, 0) AS k FROM unnest(${streams}) AS s ORDER BY k) AS keys;
         SELECT stream_id, last_revision FROM streams WHERE stream_id = ANY(${streams})`,
      )) as unknown as pg.QueryResult[];
      const heads = new Map((results[2]?.rows as { stream_id: string; last_revision: number }[]).map((row) => [row.stream_id, row.last_revision]));
      for (const { step } of group) {
        const actual = heads.get(step.streamId) ?? -1;
        if (actual !== step.expectedRevision) throw new Error(`${step.streamId}: expected revision ${step.expectedRevision}, found ${actual}`);
      }
      await client.query(
        insertStatement(group.flatMap(({ step }) => step.events.map((event, i) => ({ stream: step.streamId, revision: step.expectedRevision + 1 + i, event }))), rows),
      );
      for (const entry of group) entry.resolve();
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      for (const entry of group) entry.reject(error);
    } finally {
      client.release();
    }
  };

  const pump = (): void => {
    if (running || waiting.length === 0) return;
    running = true;
    void runGroup(takeGroup()).finally(() => {
      running = false;
      pump();
    });
  };

  return {
    append: (step) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ step, resolve, reject });
        pump();
      }),
    close: () => pool.end(),
  };
}

/** The subject: this package's PostgreSQL store. */
export async function openStorePgDriver(connectionString: string, poolSize: number, keepMerkleTree: boolean): Promise<AppendDriver> {
  const store: EventStore = createPostgresEventStore({ connectionString, poolSize, keepMerkleTree, pollIntervalMs: 0 });
  await store.headPosition(); // schema created, untimed
  return {
    append: async (step) => {
      await store.append(step.streamId, step.events as readonly NewEvent[], { expectedRevision: expectedOf(step) });
    },
    close: () => store.close(),
  };
}

/** The peer: Emmett's PostgreSQL event store with its default pool; our event ids go in as its `messageId`. */
export async function openEmmettPgDriver(connectionString: string): Promise<AppendDriver> {
  const store: PostgresEventStore = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  return {
    append: async (step) => {
      const events = step.events.map((event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata, messageId: event.id } }));
      await store.appendToStream(step.streamId, events, { expectedStreamVersion: BigInt(step.expectedRevision + 1) });
    },
    close: () => store.close(),
  };
}
