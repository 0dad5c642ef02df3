import type Database from "better-sqlite3";

/**
 * The SQLite event store's schema. `events.position` is the rowid (the global order); events
 * are never updated or deleted, so positions are dense. `streams` holds each stream's last
 * revision and last hash (the head of its hash chain), read and written by every append.
 */

export const SQLITE_SCHEMA_VERSION = 2;

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
 * Version 2: the RFC 9162 Merkle tree over the log (sqlite-merkle-tree.ts), kept apart from
 * the events so that it witnesses them: `merkle_leaves` holds the leaf hashes, 16 to a row
 * (block b: the events at positions 16b + 1 …, 32 bytes each); `merkle_nodes` the hash of every
 * complete perfect subtree of 2^level leaves, level ≥ 4; `merkle_tree.size` how many events
 * the tree covers (it trails the log by the last few milliseconds' events; a store migrated
 * from version 1 starts at 0). `tree_heads` keeps the signed tree heads the ledger issued.
 */
const schemaV2 = `
CREATE TABLE merkle_leaves (
  block  INTEGER PRIMARY KEY,
  hashes BLOB    NOT NULL
) STRICT;

CREATE TABLE merkle_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE merkle_tree (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL
) STRICT;
INSERT INTO merkle_tree (id, size) VALUES (1, 0);

CREATE TABLE tree_heads (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT    NOT NULL,
  issued_at TEXT    NOT NULL,
  key_id    TEXT    NOT NULL,
  signature TEXT    NOT NULL
) STRICT;
`;

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
      if (current === undefined) {
        db.exec(schemaV1);
        db.exec(schemaV2);
        db.prepare("INSERT INTO schema_version (id, version) VALUES (1, ?)").run(SQLITE_SCHEMA_VERSION);
        return SQLITE_SCHEMA_VERSION;
      }
      if (current === 1) {
        db.exec(schemaV2);
        db.prepare("UPDATE schema_version SET version = ? WHERE id = 1").run(SQLITE_SCHEMA_VERSION);
        return SQLITE_SCHEMA_VERSION;
      }
      if (current > SQLITE_SCHEMA_VERSION) {
        throw new Error(
          `event store schema version ${current} is newer than this code understands (${SQLITE_SCHEMA_VERSION}): upgrade duty-ledger`,
        );
      }
      return current;
    })
    .immediate();
}
