import Database from "better-sqlite3";

/**
 * The SQLite store's Merkle tree (sqlite-merkle-tree.ts) lives in a file of its own beside the
 * log, `<log file>-tree`: its writes then never take the log's write lock (an append finding it
 * taken sleeps at least a millisecond) and never ride on an append's fsync. The tree is derived
 * from the events, so the file is written with `synchronous = NORMAL` (a power loss may cost its
 * last integrations, never its consistency) and needs no backup: a missing or emptied file is
 * integrated again from the log, giving the same roots. The signed tree heads the ledger issued
 * are records, not derived: they stay in the log's file (`tree_heads`, sqlite-schema.ts).
 *
 * `merkle_leaves` holds the leaf hashes, 16 to a row (block b: the events at positions
 * 16b + 1 …, 32 bytes each); `merkle_nodes` the hash of every complete perfect subtree of
 * 2^level leaves, level ≥ 4; `merkle_tree.size` how many events the tree covers (it trails the
 * log by the last fraction of a second's events).
 */

const TREE_SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_leaves (
  block  INTEGER PRIMARY KEY,
  hashes BLOB    NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS merkle_nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS merkle_tree (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO merkle_tree (id, size) VALUES (1, 0);
`;

/** The tree's file of the log at `logPath`. */
export const treeFilePath = (logPath: string): string => `${logPath}-tree`;

/** Opens (creating if needed) the tree's file of the log at `logPath`, in WAL mode, its tables created. */
export function openTreeFile(logPath: string, busyTimeoutMs: number): Database.Database {
  const path = treeFilePath(logPath);
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    const journalMode: unknown = db.pragma("journal_mode = WAL", { simple: true });
    if (journalMode !== "wal") throw new Error(`Merkle tree file ${path}: WAL journal mode refused (got ${String(journalMode)})`);
    db.pragma("synchronous = NORMAL");
    db.transaction(() => db.exec(TREE_SCHEMA)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
