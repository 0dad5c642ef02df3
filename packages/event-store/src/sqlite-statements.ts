import type Database from "better-sqlite3";
import type { EventFilter, EventMetadata, RecordedEvent } from "./event-store.js";

/**
 * The SQL of the SQLite event store (the tables of sqlite-schema.ts): every statement prepared
 * once per connection, and the rows they return.
 */

/** A row of `events` in raw mode: position, stream_id, revision, event_id, type, data, metadata. */
export type EventRow = [number, string, number, string, string, string, string];

const eventColumns = "position, stream_id, revision, event_id, type, data, metadata";

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row[3],
  type: row[4],
  streamId: row[1],
  revision: row[2],
  position: row[0],
  data: JSON.parse(row[5]) as unknown,
  metadata: JSON.parse(row[6]) as EventMetadata,
});

/** A filter of the global log, its lists never undefined. */
export interface LogFilter {
  readonly types: readonly string[];
  readonly prefixes: readonly string[];
}

export const normaliseFilter = (filter: EventFilter | undefined): LogFilter => ({
  types: filter?.eventTypes ?? [],
  prefixes: filter?.streamPrefixes ?? [],
});

/** The parameters a `logStatement` of the filter binds after its positions. */
export const filterParameters = (filter: LogFilter): string[] => [...filter.types, ...filter.prefixes.flatMap((prefix) => [prefix, prefix])];

/** How a statement of the global log is bounded: from a position up, from one down, or in (after, upTo]. */
export type LogShape = "forwards" | "backwards" | "after";

export interface SqliteStatements {
  readonly begin: Database.Statement;
  readonly commit: Database.Statement;
  readonly rollback: Database.Statement;
  readonly savepoint: Database.Statement;
  readonly release: Database.Statement;
  readonly rollbackToSavepoint: Database.Statement;
  /** The head position (0 for an empty log), plucked. */
  readonly selectHead: Database.Statement;
  /** A stream's `[last_revision, last_hash]`, raw. */
  readonly selectStream: Database.Statement;
  /** A stream's last revision, plucked. */
  readonly selectRevision: Database.Statement;
  readonly upsertStream: Database.Statement;
  readonly insertStream: Database.Statement;
  readonly updateStream: Database.Statement;
  readonly insertEvent: Database.Statement;
  readonly selectEventById: Database.Statement;
  readonly readStreamForwards: Database.Statement;
  readonly readStreamBackwards: Database.Statement;
  /** A statement reading the global log with a filter, by shape (prepared once per direction, #types, #prefixes). */
  logStatement(shape: LogShape, filter: LogFilter): Database.Statement;
}

const logWhere = (shape: LogShape, filter: LogFilter): string[] => {
  const where: string[] = [];
  switch (shape) {
    case "forwards":
      where.push("position >= ?");
      break;
    case "backwards":
      where.push("position <= ?");
      break;
    case "after":
      where.push("position > ?", "position <= ?");
      break;
    default: {
      const _exhaustive: never = shape;
      throw new Error(`unknown shape ${String(_exhaustive)}`);
    }
  }
  if (filter.types.length > 0) where.push(`type IN (${filter.types.map(() => "?").join(", ")})`);
  if (filter.prefixes.length > 0) {
    where.push(`(${filter.prefixes.map(() => "substr(stream_id, 1, length(?)) = ?").join(" OR ")})`);
  }
  return where;
};

export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  const logStatements = new Map<string, Database.Statement>();
  return {
    begin: db.prepare("BEGIN IMMEDIATE"),
    commit: db.prepare("COMMIT"),
    rollback: db.prepare("ROLLBACK"),
    savepoint: db.prepare("SAVEPOINT append_one"),
    release: db.prepare("RELEASE append_one"),
    rollbackToSavepoint: db.prepare("ROLLBACK TO append_one"),
    selectHead: db.prepare("SELECT coalesce(max(position), 0) FROM events").pluck(),
    selectStream: db.prepare("SELECT last_revision, last_hash FROM streams WHERE stream_id = ?").raw(),
    selectRevision: db.prepare("SELECT last_revision FROM streams WHERE stream_id = ?").pluck(),
    upsertStream: db.prepare(
      "INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?) " +
        "ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash",
    ),
    insertStream: db.prepare("INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?)"),
    updateStream: db.prepare("UPDATE streams SET last_revision = ?, last_hash = ? WHERE stream_id = ?"),
    insertEvent: db.prepare("INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)"),
    selectEventById: db.prepare(`SELECT ${eventColumns} FROM events WHERE event_id = ?`).raw(),
    readStreamForwards: db.prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(),
    readStreamBackwards: db.prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`).raw(),
    logStatement: (shape, filter) => {
      const key = `${shape}:${filter.types.length}:${filter.prefixes.length}`;
      let statement = logStatements.get(key);
      if (statement === undefined) {
        statement = db
          .prepare(`SELECT ${eventColumns} FROM events WHERE ${logWhere(shape, filter).join(" AND ")} ORDER BY position ${shape === "backwards" ? "DESC" : "ASC"} LIMIT ?`)
          .raw();
        logStatements.set(key, statement);
      }
      return statement;
    },
  };
}
