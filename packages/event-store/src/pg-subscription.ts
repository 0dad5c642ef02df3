import { Observable } from "rxjs";
import type pg from "pg";
import type { RecordedEvent, SubscribeOptions } from "./event-store.js";
import type { LogPage } from "./paged-subscription.js";
import { checkStart } from "./pg-reads.js";
import { EVENT_COLUMNS, filterSql, toRecordedEvent, type PgEventRow } from "./pg-rows.js";

/**
 * Subscriptions of the PostgreSQL store: one cursor (the position the log has been scanned up
 * to), pages of events strictly after it, catch-up and live the same loop (the shape of
 * paged-subscription.ts, with pages read asynchronously). Each page is one statement, so one
 * snapshot, reading the head (`log_head`) and the events up to it together: since positions
 * become visible in commit order (pg-append.ts), every position up to that head is there, so
 * the cursor can move to it even when the filter matched nothing — and a reader never skips an
 * event committed later at a lower position, for there is none. Woken after the store's own
 * commits and by a poll timer (other processes' commits).
 */

/** A subscription as the store knows it: woken after each commit, completed when the store closes. */
export interface PgStoreSubscription {
  wake(): void;
  complete(): void;
}

export interface PgSubscriptionContext {
  readonly pool: pg.Pool;
  readonly pageSize: number;
  readonly pollIntervalMs: number;
  readonly ready: () => Promise<void>;
  readonly closedError: () => Error;
  readonly subscriptions: Set<PgStoreSubscription>;
}

/** Reads the page after `cursor` (scanning at most `window` positions), and the head, on one snapshot. */
function pageReader(context: PgSubscriptionContext, options: SubscribeOptions): (cursor: number) => Promise<LogPage> {
  const { pool, pageSize } = context;
  const window = pageSize * 16;
  const filter = filterSql(options.filter, 4);
  const text = `SELECT h.position, e.* FROM log_head h LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM events
      WHERE ${["position > $1", "position <= least(h.position, $2)", ...filter.terms].join(" AND ")}
      ORDER BY position LIMIT $3) e ON true
    WHERE h.id = 1`;
  return async (cursor) => {
    const upTo = Math.min(cursor + window, options.until ?? Number.MAX_SAFE_INTEGER);
    const rows = (await pool.query<[number, ...PgEventRow]>({ text, values: [cursor, upTo, pageSize, ...filter.values], rowMode: "array" })).rows;
    const head = rows[0]?.[0] ?? 0;
    const events = rows.filter((row) => row[1] !== null).map((row) => toRecordedEvent(row.slice(1) as PgEventRow));
    if (events.length === pageSize) return { events, scannedTo: (events[events.length - 1] as RecordedEvent).position, more: true };
    const scannedTo = Math.max(cursor, Math.min(head, upTo));
    return { events, scannedTo, more: scannedTo < head && scannedTo < (options.until ?? Number.MAX_SAFE_INTEGER) };
  };
}

export function pgSubscription(context: PgSubscriptionContext, options: SubscribeOptions): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let cursor = checkStart(options.after, "after") ?? 0;
    const until = checkStart(options.until, "until");
    const readPage = pageReader(context, options);
    let stopped = false;
    let running = false;
    let again = false;
    let timer: NodeJS.Timeout | undefined;

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      context.subscriptions.delete(registration);
    };

    const fail = (error: unknown): void => {
      if (stopped) return;
      stop();
      subscriber.error(error);
    };

    const pump = async (): Promise<void> => {
      running = true;
      try {
        do {
          again = false;
          await context.ready();
          if (stopped) return;
          const page = await readPage(cursor);
          for (const event of page.events) {
            if (stopped) return;
            if (event.position <= cursor) continue;
            cursor = event.position;
            subscriber.next(event);
          }
          if (stopped) return;
          cursor = Math.max(cursor, page.scannedTo);
          if (until !== undefined && cursor >= until) {
            stop();
            subscriber.complete();
            return;
          }
          if (page.more) again = true;
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };

    const wake = (): void => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      pump().catch(fail);
    };

    const registration: PgStoreSubscription = {
      wake,
      complete: () => {
        if (stopped) return;
        stop();
        if (until !== undefined && cursor < until) subscriber.error(context.closedError());
        else subscriber.complete();
      },
    };
    context.subscriptions.add(registration);
    if (context.pollIntervalMs > 0) timer = setInterval(wake, context.pollIntervalMs);
    wake();
    return stop;
  });
}
