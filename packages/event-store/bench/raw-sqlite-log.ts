import Database from "better-sqlite3";
import type { AppendDriver, Durability, ReadDriver } from "./bench-driver.js";
import type { AppendStep, Lane } from "./bench-events.js";
import { storedRow, storedRowsOf, type StoredRows } from "./stored-rows.js";

/**
 * The raw baseline: plain better-sqlite3 prepared statements on an equivalent table
 * (JSON data and metadata, unique event id, per-stream revision, global position),
 * WAL, synchronous FULL or NORMAL, one transaction per append, inserting the rows the store
 * inserts (the metadata as the store stores it, hash chain included, computed before any
 * timing: stored-rows.ts). No chaining, no validation, no async machinery: the floor the
 * store's overhead is measured against.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position   INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

const PAGE = 1000;

interface EventRow {
  readonly position: number;
  readonly id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

function openRaw(path: string, durability: Durability): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  db.exec(SCHEMA);
  return db;
}

function rawAppender(db: Database.Database, rows: StoredRows): (step: AppendStep) => void {
  const lastRevision = db.prepare<[string], { revision: number | null }>(
    "SELECT max(revision) AS revision FROM events WHERE stream_id = ?",
  );
  const insert = db.prepare<[string, string, number, string, string, string]>(
    "INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)",
  );
  return db.transaction((step: AppendStep) => {
    const current = lastRevision.get(step.streamId)?.revision ?? -1;
    if (current !== step.expectedRevision) {
      throw new Error(`raw: ${step.streamId} is at ${current}, expected ${step.expectedRevision}`);
    }
    let revision = current;
    for (const event of step.events) {
      revision += 1;
      insert.run(event.id, step.streamId, revision, event.type, JSON.stringify(event.data), storedRow(rows, event.id).metadata);
    }
  });
}

export function openRawAppendDriver(path: string, durability: Durability, rows: StoredRows): AppendDriver {
  const db = openRaw(path, durability);
  const append = rawAppender(db, rows);
  return {
    append: (step) => {
      append(step);
      return Promise.resolve();
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** Reads the whole log in global order, a page at a time, parsing data and metadata as a reader would. */
function readAllRaw(db: Database.Database): number {
  const page = db.prepare<[number, number], EventRow>(
    "SELECT position, id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?",
  );
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = page.all(after, PAGE);
    for (const row of rows) {
      const event = {
        id: row.id,
        streamId: row.stream_id,
        revision: row.revision,
        position: row.position,
        type: row.type,
        data: JSON.parse(row.data) as unknown,
        metadata: JSON.parse(row.metadata) as unknown,
      };
      if (event.data !== null) count += 1;
      after = row.position;
    }
    if (rows.length < PAGE) return count;
  }
}

/** A raw log holding `lanes`' events, appended in batches (untimed), to read back. */
export function openRawReadDriver(path: string, lanes: readonly Lane[]): ReadDriver {
  const db = openRaw(path, "normal");
  const append = rawAppender(db, storedRowsOf(lanes));
  for (const lane of lanes) for (const step of lane) append(step);
  return {
    readAll: () => Promise.resolve(readAllRaw(db)),
    catchUp: () => Promise.resolve(readAllRaw(db)),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
