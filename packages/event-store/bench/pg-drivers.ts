import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import type { EventStore, NewEvent } from "../src/event-store.js";
import { createPostgresEventStore } from "../src/pg-event-store.js";
import { migratePgSchema } from "../src/pg-schema.js";
import type { AppendDriver } from "./bench-driver.js";
import type { AppendStep } from "./bench-events.js";

/**
 * The drivers of `pnpm bench postgres`, each on a fresh database of one PostgreSQL server:
 *
 * - the baseline: raw `pg` doing the store's inserts in the store's transactions, and nothing
 *   else — the same schema (`migratePgSchema`), per append `BEGIN`, the stream's advisory lock
 *   and head, then one statement taking the positions from the counter row and inserting the
 *   events and the stream's head, `COMMIT` (two round trips, as the store's); what it leaves
 *   out is what the store adds: canonical encoding and the hash chain (JavaScript), the
 *   idempotency lookup of the event ids, the recording-time guard and the `NOTIFY`;
 * - the subject: the store (`createPostgresEventStore`), with or without its Merkle tree;
 * - the peer: Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), its
 *   defaults (its own pool).
 * The baseline and the store hold a pool of `poolSize` connections.
 */

const expectedOf = (step: AppendStep): number | "no_stream" => (step.expectedRevision < 0 ? "no_stream" : step.expectedRevision);

const literalArray = (client: pg.ClientBase, values: readonly string[]): string => `ARRAY[${values.map((value) => client.escapeLiteral(value)).join(",")}]::text[]`;

/** The baseline: the store's two round trips of SQL per append, without its JavaScript. */
export async function openRawPgDriver(connectionString: string, poolSize: number): Promise<AppendDriver> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const setup = await pool.connect();
  try {
    await migratePgSchema(setup);
  } finally {
    setup.release();
  }
  return {
    append: async (step) => {
      const client = await pool.connect();
      try {
        const stream = client.escapeLiteral(step.streamId);
        const results = (await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${stream}, 0)); SELECT last_revision FROM streams WHERE stream_id = ${stream}`,
        )) as unknown as pg.QueryResult[];
        const actual = (results[2]?.rows[0] as { last_revision: number } | undefined)?.last_revision ?? -1;
        if (actual !== step.expectedRevision) {
          await client.query("ROLLBACK");
          throw new Error(`${step.streamId}: expected revision ${step.expectedRevision}, found ${actual}`);
        }
        const first = actual + 1;
        const n = step.events.length;
        await client.query(
          `WITH head AS (UPDATE log_head SET position = position + ${n} WHERE id = 1 RETURNING position - ${n} AS base),
           ins AS (
             INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
             SELECT head.base + e.ord, ${stream}, ${first} + e.ord - 1, e.id, e.type, e.data, e.metadata
             FROM head, unnest(${literalArray(client, step.events.map((e) => e.id))}, ${literalArray(client, step.events.map((e) => e.type))},
                               ${literalArray(client, step.events.map((e) => JSON.stringify(e.data)))}, ${literalArray(client, step.events.map((e) => JSON.stringify(e.metadata)))})
               WITH ORDINALITY AS e (id, type, data, metadata, ord)
           )
           INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (${stream}, ${first + n - 1}, '')
           ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision;
           COMMIT`,
        );
      } finally {
        client.release();
      }
    },
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
