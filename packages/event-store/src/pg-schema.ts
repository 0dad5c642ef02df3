import type pg from "pg";
import { MIGRATION_LOCK } from "./pg-locks.js";

/**
 * The PostgreSQL event store's schema, in the connection's current schema (`search_path`).
 * `events.position` is assigned from the single row of `log_head` inside the append's
 * transaction (pg-append.ts), so positions are dense and become visible in order; the row also
 * keeps the last `recordedAt`, so that recording times never go back along the log.
 * `events.data` and `events.metadata` are the canonical JSON texts the hash chain was computed
 * over, stored as `text` (a `jsonb` would reorder keys and rewrite numbers). `streams` holds each
 * stream's last revision and hash. The Merkle tree tables mirror the SQLite store's
 * (sqlite-schema.ts): leaf hashes 16 to a row, perfect subtrees of 16 leaves or more, the size
 * the tree covers, the signed tree heads.
 */

export const PG_SCHEMA_VERSION = 1;

const schemaV1 = `
CREATE TABLE events (
  position  bigint  PRIMARY KEY,
  stream_id text    NOT NULL,
  revision  integer NOT NULL,
  event_id  text    NOT NULL UNIQUE,
  type      text    NOT NULL,
  data      text    NOT NULL,
  metadata  text    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX events_type ON events (type, position);

CREATE TABLE streams (
  stream_id     text    PRIMARY KEY,
  last_revision integer NOT NULL,
  last_hash     text    NOT NULL
);

CREATE TABLE log_head (
  id          integer PRIMARY KEY CHECK (id = 1),
  position    bigint  NOT NULL,
  recorded_at text    COLLATE "C" NOT NULL
);
INSERT INTO log_head (id, position, recorded_at) VALUES (1, 0, '');

CREATE TABLE merkle_leaves (
  block  bigint PRIMARY KEY,
  hashes bytea  NOT NULL
);

CREATE TABLE merkle_nodes (
  level integer NOT NULL,
  idx   bigint  NOT NULL,
  hash  bytea   NOT NULL,
  PRIMARY KEY (level, idx)
);

CREATE TABLE merkle_tree (
  id   integer PRIMARY KEY CHECK (id = 1),
  size bigint  NOT NULL
);
INSERT INTO merkle_tree (id, size) VALUES (1, 0);

CREATE TABLE tree_heads (
  tree_size bigint PRIMARY KEY,
  root_hash text   NOT NULL,
  issued_at text   NOT NULL,
  key_id    text   NOT NULL,
  signature text   NOT NULL
);
`;

/** Creates the schema in an empty database, checks the version of an existing one. */
export async function migratePgSchema(client: pg.ClientBase): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query("CREATE TABLE IF NOT EXISTS duty_ledger_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)");
    const current = (await client.query<{ version: number }>("SELECT version FROM duty_ledger_schema WHERE id = 1")).rows[0]?.version;
    if (current === undefined) {
      await client.query(schemaV1);
      await client.query("INSERT INTO duty_ledger_schema (id, version) VALUES (1, $1)", [PG_SCHEMA_VERSION]);
    } else if (current > PG_SCHEMA_VERSION) {
      throw new Error(`event store schema version ${current} is newer than this code understands (${PG_SCHEMA_VERSION}): upgrade duty-ledger`);
    }
    await client.query("COMMIT");
    return current ?? PG_SCHEMA_VERSION;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
