import type pg from "pg";

/**
 * The read-model schema in PostgreSQL: the SQLite one's tables (sqlite-read-model-schema.ts) in
 * the connection's current schema, beside the event store's tables when both share a database.
 * An index entry's `sort` (a number or a string, numbers first) is three columns: `sort_kind`
 * (0 number, 1 string), `sort_num` and `sort_text`; comparing the triple orders as SQLite orders
 * its untyped column. Text columns use the "C" collation: byte order, as SQLite compares text.
 */
export const PG_READ_MODEL_SCHEMA_VERSION = 1;

/** The advisory-lock key that serialises creating the schema (transaction-scoped). */
const READ_MODEL_MIGRATION_LOCK = 0x6475_7479_0101n;

const schemaV1 = `
CREATE TABLE rm_docs (
  projection text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  doc        text NOT NULL,
  idx        text,
  PRIMARY KEY (projection, key)
);
CREATE TABLE rm_index (
  projection text COLLATE "C" NOT NULL,
  name       text COLLATE "C" NOT NULL,
  value      text COLLATE "C" NOT NULL,
  sort_kind  smallint NOT NULL,
  sort_num   double precision NOT NULL,
  sort_text  text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  PRIMARY KEY (projection, name, value, sort_kind, sort_num, sort_text, key)
);
CREATE TABLE rm_checkpoints (
  projection text COLLATE "C" PRIMARY KEY,
  version    integer NOT NULL,
  position   bigint NOT NULL,
  updated_at text NOT NULL
);
`;

/** Creates the schema in a database without it; refuses one written by a newer schema. Returns the version. */
export async function migratePgReadModelSchema(client: pg.ClientBase): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${READ_MODEL_MIGRATION_LOCK})`);
    await client.query("CREATE TABLE IF NOT EXISTS duty_ledger_read_model_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)");
    const current = (await client.query<{ version: number }>("SELECT version FROM duty_ledger_read_model_schema WHERE id = 1")).rows[0]?.version;
    if (current === undefined) {
      await client.query(schemaV1);
      await client.query("INSERT INTO duty_ledger_read_model_schema (id, version) VALUES (1, $1)", [PG_READ_MODEL_SCHEMA_VERSION]);
    } else if (current > PG_READ_MODEL_SCHEMA_VERSION) {
      throw new Error(`read-model schema version ${current} is newer than this code understands (${PG_READ_MODEL_SCHEMA_VERSION}): upgrade duty-ledger`);
    }
    await client.query("COMMIT");
    return current ?? PG_READ_MODEL_SCHEMA_VERSION;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
