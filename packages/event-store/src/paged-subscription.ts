import { Observable } from "rxjs";
import type { RecordedEvent } from "./event-store.js";

/**
 * A catch-up-then-live subscription over a log that can be read in pages by position.
 *
 * One cursor (the position up to which the log has been scanned) is the only state: every
 * read asks for events strictly after it, in position order, so catch-up and live are the
 * same loop and there is no handover in which an event could be lost or delivered twice. This
 * requires that an event never becomes visible after a later position did (true for SQLite:
 * one writer at a time, positions assigned inside the committing transaction).
 *
 * Pages are emitted synchronously (no per-event async overhead); the loop yields to the event
 * loop between pages. With `until` it is a catch-up read that completes once the cursor (the
 * scan, matching events or not) reached `until`. It is woken by the store after each of its own commits and by a poll
 * timer, which is what makes writes of another process (same database file) visible.
 */

export interface LogPage {
  /** Matching events strictly after the cursor, in position order. */
  readonly events: readonly RecordedEvent[];
  /** The log has been scanned up to this position (>= the last event's position). */
  readonly scannedTo: number;
  /** More may follow right away (the page was full): read again without waiting. */
  readonly more: boolean;
}

export interface PagedSubscriptionOptions {
  /** Deliver events strictly after this position. */
  readonly after: number;
  /** Complete once the log has been scanned up to this position (a catch-up read); default never. */
  readonly until?: number;
  /** The error a catch-up read (`until`) fails with when the store closes before it ends. */
  readonly closedError?: () => Error;
  /** Reads one page after `cursor` (synchronously). */
  readonly readPage: (cursor: number) => LogPage;
  /** Polling interval in ms (other processes' writes); `0` disables polling. */
  readonly pollIntervalMs: number;
  /**
   * Registers the subscription with its store: `wake` is called after the store commits,
   * `complete` when the store closes. Returns the unregister function.
   */
  readonly register: (subscription: { wake: () => void; complete: () => void }) => () => void;
}

export function pagedSubscription(options: PagedSubscriptionOptions): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let cursor = options.after;
    let stopped = false;
    let immediate: NodeJS.Immediate | undefined;
    let timer: NodeJS.Timeout | undefined;
    let unregister = (): void => {};

    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      if (immediate !== undefined) clearImmediate(immediate);
      immediate = undefined;
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      unregister();
    };

    const pump = (): void => {
      immediate = undefined;
      if (stopped) return;
      let page: LogPage;
      try {
        page = options.readPage(cursor);
      } catch (error) {
        stop();
        subscriber.error(error);
        return;
      }
      for (const event of page.events) {
        if (stopped) return; // unsubscribed from inside `next`
        cursor = event.position;
        subscriber.next(event);
      }
      if (stopped) return;
      cursor = Math.max(cursor, page.scannedTo);
      if (options.until !== undefined && cursor >= options.until) {
        stop();
        subscriber.complete();
        return;
      }
      if (page.more) schedule();
    };

    const schedule = (): void => {
      if (!stopped && immediate === undefined) immediate = setImmediate(pump);
    };

    unregister = options.register({
      wake: schedule,
      complete: () => {
        stop();
        if (options.until !== undefined && cursor < options.until) subscriber.error(options.closedError?.() ?? new Error("the store closed before the read reached its end"));
        else subscriber.complete();
      },
    });
    if (stopped) return stop;
    if (options.pollIntervalMs > 0) timer = setInterval(schedule, options.pollIntervalMs);
    schedule();
    return stop;
  });
}
