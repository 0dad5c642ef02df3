import { Observable } from "rxjs";
import { StoreClosedError } from "./errors.js";
import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions } from "./event-store.js";
import { pagedSubscription, type LogPage } from "./paged-subscription.js";
import { filterParameters, normaliseFilter, toRecordedEvent, type EventRow, type SqliteStatements } from "./sqlite-statements.js";

/**
 * The reads of the SQLite event store: a stream, several streams, the global log in pages,
 * subscriptions (catch-up then live, paged by position), one event, a stream's revision, the
 * head position.
 */

export type SqliteReads = Pick<EventStore, "readStream" | "readAll" | "subscribe" | "readEvent" | "streamRevision" | "headPosition">;

/** A subscription as the store knows it: woken after each commit, completed when the store closes. */
export interface StoreSubscription {
  wake(): void;
  complete(): void;
}

export interface SqliteReadsContext {
  readonly name: string;
  readonly statements: SqliteStatements;
  /** Rows per page for reads and subscription catch-up. */
  readonly pageSize: number;
  /** How often subscriptions poll for writes of other processes (ms); 0: never. */
  readonly pollIntervalMs: number;
  readonly isClosed: () => boolean;
  /** Throws when the store is closed. */
  readonly assertOpen: () => void;
  /** The live subscriptions (the store wakes them after its commits, completes them when closing). */
  readonly subscriptions: Set<StoreSubscription>;
}

function checkCount(value: number | undefined, what: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

function checkStart(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer, got ${value}`);
  return value;
}

export function createSqliteReads(context: SqliteReadsContext): SqliteReads {
  const { name, statements, pageSize, pollIntervalMs, assertOpen, subscriptions } = context;
  const scanWindow = pageSize * 16;

  async function* readStream(streamId: string, readOptions: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOpen();
    const backwards = readOptions.direction === "backwards";
    let remaining = checkCount(readOptions.maxCount, "maxCount");
    let next = checkStart(readOptions.fromRevision, "fromRevision") ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (remaining > 0) {
      assertOpen();
      const limit = Math.min(pageSize, remaining);
      const rows = (backwards ? statements.readStreamBackwards : statements.readStreamForwards).all(streamId, next, limit) as EventRow[];
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastRevision = (rows[rows.length - 1] as EventRow)[2];
      next = backwards ? lastRevision - 1 : lastRevision + 1;
      if (next < 0) return;
    }
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOpen();
    const backwards = readOptions.direction === "backwards";
    let remaining = checkCount(readOptions.maxCount, "maxCount");
    let next = checkStart(readOptions.fromPosition, "fromPosition") ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const filter = normaliseFilter(readOptions.filter);
    const statement = statements.logStatement(backwards ? "backwards" : "forwards", filter);
    const parameters = filterParameters(filter);
    while (remaining > 0) {
      assertOpen();
      const limit = Math.min(pageSize, remaining);
      const rows = statement.all(next, ...parameters, limit) as EventRow[];
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastPosition = (rows[rows.length - 1] as EventRow)[0];
      next = backwards ? lastPosition - 1 : lastPosition + 1;
      if (next < 1) return;
    }
  }

  const subscribe = (subscribeOptions: SubscribeOptions = {}): Observable<RecordedEvent> => {
    if (context.isClosed()) return new Observable<RecordedEvent>((subscriber) => subscriber.error(new StoreClosedError(name)));
    const after = checkStart(subscribeOptions.after, "after") ?? 0;
    const until = checkStart(subscribeOptions.until, "until");
    const filter = normaliseFilter(subscribeOptions.filter);
    const parameters = filterParameters(filter);
    const readPage = (cursor: number): LogPage => {
      assertOpen();
      // Everything up to the head read first is committed (positions become visible in order),
      // so when the page is not full the log has been scanned up to that head, matching or not.
      const head = statements.selectHead.get() as number;
      if (head <= cursor) return { events: [], scannedTo: cursor, more: false };
      // Bound the scan so that a selective filter over a long log does not block for long.
      const upTo = Math.min(head, cursor + scanWindow, until ?? Number.MAX_SAFE_INTEGER);
      const rows = statements.logStatement("after", filter).all(cursor, upTo, ...parameters, pageSize) as EventRow[];
      if (rows.length === pageSize) {
        return { events: rows.map(toRecordedEvent), scannedTo: (rows[rows.length - 1] as EventRow)[0], more: true };
      }
      return { events: rows.map(toRecordedEvent), scannedTo: upTo, more: upTo < head };
    };
    return pagedSubscription({
      after,
      ...(until === undefined ? {} : { until, closedError: () => new StoreClosedError(name) }),
      readPage,
      pollIntervalMs,
      register: (subscription) => {
        subscriptions.add(subscription);
        return () => subscriptions.delete(subscription);
      },
    });
  };

  return {
    readStream,
    readAll,
    subscribe,
    readEvent: async (eventId) => {
      assertOpen();
      const row = statements.selectEventById.get(eventId) as EventRow | undefined;
      return row === undefined ? null : toRecordedEvent(row);
    },
    streamRevision: async (streamId) => {
      assertOpen();
      return (statements.selectRevision.get(streamId) as number | undefined) ?? null;
    },
    headPosition: async () => {
      assertOpen();
      return statements.selectHead.get() as number;
    },
  };
}
