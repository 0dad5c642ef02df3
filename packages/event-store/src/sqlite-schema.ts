import type Database from "better-sqlite3";

/**
 * The SQLite event store's schema. `events.position` is the rowid (the global order); events
 * are never updated or deleted, so positions are dense. `streams` holds each stream's last
 * revision and last hash (the head of its hash chain), read and written by every append.
 */

export const SQLITE_SCHEMA_VERSION = 3;

const schemaV1 = `
CREATE TABLE events (
  position  INTEGER PRIMARY KEY,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL UNIQUE,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL, -- canonical JSON
  metadata  TEXT    NOT NULL, -- JSON: actor, correlationId?, causationId?, recordedAt, prevHash, hash
  UNIQUE (stream_id, revision)
) STRICT;

CREATE TABLE streams (
  stream_id     TEXT    PRIMARY KEY,
  last_revision INTEGER NOT NULL,
  last_hash     TEXT    NOT NULL
) STRICT, WITHOUT ROWID;
`;

/**
 * Version 2: the RFC 9162 Merkle tree over the log. `tree_heads` keeps the signed tree heads
 * the ledger issued. (Version 2 also kept the tree's own tables here; version 3 moved them to a
 * file of their own, sqlite-tree-file.ts.)
 */
const schemaV2 = `
CREATE TABLE tree_heads (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT    NOT NULL,
  issued_at TEXT    NOT NULL,
  key_id    TEXT    NOT NULL,
  signature TEXT    NOT NULL
) STRICT;
`;

/**
 * Version 3: the tree's tables leave the log's file for the tree's (sqlite-tree-file.ts); the
 * tree is derived from the events, so the store integrates it again there from the log.
 */
const schemaV3 = `
DROP TABLE IF EXISTS merkle_leaves;
DROP TABLE IF EXISTS merkle_nodes;
DROP TABLE IF EXISTS merkle_tree;
`;

/** The statements taking a file from each version to the next. */
const MIGRATIONS: readonly (readonly [from: number, sql: string])[] = [
  [0, schemaV1],
  [1, schemaV2],
  [2, schemaV3],
];

/**
 * Creates the schema in an empty database, checks the version of an existing one. Runs in an
 * IMMEDIATE transaction so that two processes opening the same new file do not race.
 */
export function migrateSqliteSchema(db: Database.Database): number {
  return db
    .transaction((): number => {
      db.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT",
      );
      const current = db.prepare("SELECT version FROM schema_version WHERE id = 1").pluck().get() as number | undefined;
      if (current !== undefined && current > SQLITE_SCHEMA_VERSION) {
        throw new Error(
          `event store schema version ${current} is newer than this code understands (${SQLITE_SCHEMA_VERSION}): upgrade duty-ledger`,
        );
      }
      const from = current ?? 0;
      for (const [version, sql] of MIGRATIONS) if (version >= from) db.exec(sql);
      if (current === undefined) db.prepare("INSERT INTO schema_version (id, version) VALUES (1, ?)").run(SQLITE_SCHEMA_VERSION);
      else if (current < SQLITE_SCHEMA_VERSION) db.prepare("UPDATE schema_version SET version = ? WHERE id = 1").run(SQLITE_SCHEMA_VERSION);
      return SQLITE_SCHEMA_VERSION;
    })
    .immediate();
}
