import type pg from "pg";
import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent } from "./event-store.js";
import { EVENT_COLUMNS, filterSql, toRecordedEvent, type PgEventRow } from "./pg-rows.js";

/**
 * The reads of the PostgreSQL event store, paged (one statement per page, each on its own
 * snapshot: pages of the global log are consistent because positions become visible in order,
 * see pg-append.ts): a stream, the global log, one event, a stream's revision, the head.
 */

export type PgReads = Pick<EventStore, "readStream" | "readAll" | "readEvent" | "streamRevision" | "headPosition">;

export interface PgReadsContext {
  readonly pool: pg.Pool;
  readonly pageSize: number;
  /** Resolves once the store is open (schema checked); throws when it is closed. */
  readonly ready: () => Promise<void>;
}

export function checkCount(value: number | undefined, what: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

export function checkStart(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer, got ${value}`);
  return value;
}

const rowsOf = async (pool: pg.Pool, text: string, values: unknown[]): Promise<PgEventRow[]> => (await pool.query<PgEventRow>({ text, values, rowMode: "array" })).rows;

export function createPgReads(context: PgReadsContext): PgReads {
  const { pool, pageSize, ready } = context;

  async function* readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    await ready();
    const backwards = options.direction === "backwards";
    let remaining = checkCount(options.maxCount, "maxCount");
    let next = checkStart(options.fromRevision, "fromRevision") ?? (backwards ? 2 ** 31 - 1 : 0);
    const text = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND revision ${backwards ? "<=" : ">="} $2 ORDER BY revision ${backwards ? "DESC" : "ASC"} LIMIT $3`;
    while (remaining > 0) {
      await ready();
      const limit = Math.min(pageSize, remaining);
      const rows = await rowsOf(pool, text, [streamId, Math.max(-1, Math.min(next, 2 ** 31 - 1)), limit]);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastRevision = (rows[rows.length - 1] as PgEventRow)[2];
      next = backwards ? lastRevision - 1 : lastRevision + 1;
      if (next < 0) return;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    await ready();
    const backwards = options.direction === "backwards";
    let remaining = checkCount(options.maxCount, "maxCount");
    let next = checkStart(options.fromPosition, "fromPosition") ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const filter = filterSql(options.filter, 3);
    const where = [`position ${backwards ? "<=" : ">="} $1`, ...filter.terms].join(" AND ");
    const text = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY position ${backwards ? "DESC" : "ASC"} LIMIT $2`;
    while (remaining > 0) {
      await ready();
      const limit = Math.min(pageSize, remaining);
      const rows = await rowsOf(pool, text, [next, limit, ...filter.values]);
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastPosition = (rows[rows.length - 1] as PgEventRow)[0];
      next = backwards ? lastPosition - 1 : lastPosition + 1;
      if (next < 1) return;
    }
  }

  return {
    readStream,
    readAll,
    readEvent: async (eventId) => {
      await ready();
      const row = (await rowsOf(pool, `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`, [eventId]))[0];
      return row === undefined ? null : toRecordedEvent(row);
    },
    streamRevision: async (streamId) => {
      await ready();
      const result = await pool.query<[number]>({ text: "SELECT last_revision FROM streams WHERE stream_id = $1", values: [streamId], rowMode: "array" });
      return result.rows[0]?.[0] ?? null;
    },
    headPosition: async () => {
      await ready();
      const result = await pool.query<[number]>({ text: "SELECT position FROM log_head WHERE id = 1", rowMode: "array" });
      return result.rows[0]?.[0] ?? 0;
    },
  };
}
