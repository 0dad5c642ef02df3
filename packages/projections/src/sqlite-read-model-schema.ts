import type Database from "better-sqlite3";

/**
 * The read-model schema in SQLite. One table of documents (JSON text, with the document's
 * index entries alongside so a rewrite can diff them), one of index entries, one of
 * checkpoints. `sort` has no declared type: it keeps numbers as numbers and strings as
 * strings (numbers order before strings).
 */
export const READ_MODEL_SCHEMA_VERSION = 1;

const statements = [
  `CREATE TABLE IF NOT EXISTS rm_meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS rm_docs (
     projection TEXT NOT NULL,
     key TEXT NOT NULL,
     doc TEXT NOT NULL,
     idx TEXT,
     PRIMARY KEY (projection, key)
   )`,
  `CREATE TABLE IF NOT EXISTS rm_index (
     projection TEXT NOT NULL,
     name TEXT NOT NULL,
     value TEXT NOT NULL,
     sort NOT NULL,
     key TEXT NOT NULL,
     PRIMARY KEY (projection, name, value, sort, key)
   ) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS rm_checkpoints (
     projection TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     position INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID`,
];

/** Creates the schema if needed; refuses a file written by a newer schema. Returns the version. */
export const migrateReadModelSchema = (db: Database.Database): number => {
  db.transaction(() => {
    for (const statement of statements) db.exec(statement);
    const row = db.prepare("SELECT value FROM rm_meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
    if (row === undefined) {
      db.prepare("INSERT INTO rm_meta (key, value) VALUES ('schema_version', ?)").run(String(READ_MODEL_SCHEMA_VERSION));
    } else if (Number(row) > READ_MODEL_SCHEMA_VERSION) {
      throw new Error(`read-model file has schema version ${row}, newer than this code's ${READ_MODEL_SCHEMA_VERSION}`);
    }
  }).immediate();
  return READ_MODEL_SCHEMA_VERSION;
};
