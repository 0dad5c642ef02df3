import { START, type AllStreamResolvedEvent, type EventStoreDBClient } from "@eventstore/db-client";
import { Observable } from "rxjs";
import { StoreClosedError } from "./errors.js";
import { buildSubscriptionFilter, checkInteger, matchesFilter, toReadPosition } from "./esdb-mapping.js";
import { toPortEvent, type EsdbReads } from "./esdb-reads.js";
import type { EventFilter, RecordedEvent, SubscribeOptions } from "./event-store.js";
import type { EventStoreLogger } from "./logger.js";

/**
 * `subscribe` of the EventStoreDB adapter: a catch-up read of `$all` when `until` is given,
 * else a live `$all` subscription from `after`, filtered again here (the server's filter is
 * coarse and its start exclusive), completed when the store closes.
 */

export interface EsdbSubscribeContext {
  readonly name: string;
  readonly client: EventStoreDBClient;
  readonly reads: EsdbReads;
  readonly logger: EventStoreLogger;
  readonly isClosed: () => boolean;
  /** Ends of the live subscriptions, run when the store closes. */
  readonly liveSubscriptions: Set<() => Promise<void>>;
}

export function createEsdbSubscribe(context: EsdbSubscribeContext): (options?: SubscribeOptions) => Observable<RecordedEvent> {
  const { name, client, reads, logger, isClosed, liveSubscriptions } = context;

  /**
   * A catch-up read (`until`): `$all` read forwards from after `after` — the read ends at the end
   * of the log, however many events the filter skipped — delivering the matching events up to
   * `until`, then complete.
   */
  const readUntil = (subscribeOptions: SubscribeOptions & { readonly until: number }): Observable<RecordedEvent> =>
    new Observable<RecordedEvent>((subscriber) => {
      let cancelled = false;
      const { until, filter } = subscribeOptions;
      void (async () => {
        try {
          const after = checkInteger(subscribeOptions.after, "after") ?? 0;
          checkInteger(until, "until");
          for await (const event of reads.readAll({ fromPosition: after + 1, ...(filter === undefined ? {} : { filter }) })) {
            if (cancelled) return;
            if (event.position > until) break;
            subscriber.next(event);
          }
          if (isClosed()) throw new StoreClosedError(name);
          subscriber.complete();
        } catch (error) {
          if (!cancelled) subscriber.error(error);
        }
      })();
      return () => {
        cancelled = true;
      };
    });

  const subscribeLive = (subscribeOptions: SubscribeOptions): Observable<RecordedEvent> =>
    new Observable<RecordedEvent>((subscriber) => {
      if (isClosed()) {
        subscriber.error(new StoreClosedError(name));
        return undefined;
      }
      let after: number;
      try {
        after = checkInteger(subscribeOptions.after, "after") ?? 0;
      } catch (error) {
        subscriber.error(error);
        return undefined;
      }
      const filter: EventFilter | undefined = subscribeOptions.filter;
      const subscription = client.subscribeToAll({
        fromPosition: after <= 0 ? START : toReadPosition(after, "forwards"),
        filter: buildSubscriptionFilter(filter),
        resolveLinkTos: false,
      });

      let ending: Promise<void> | undefined;
      const end = (): Promise<void> => {
        ending ??= (async () => {
          liveSubscriptions.delete(completeOnClose);
          subscription.removeAllListeners("data");
          await subscription.unsubscribe();
        })();
        return ending;
      };
      const endQuietly = (): void => {
        end().catch((error: unknown) => logger.warn({ err: error }, "event store: esdb subscription did not end cleanly"));
      };
      const fail = (error: unknown): void => {
        if (ending !== undefined) return;
        subscriber.error(error);
        endQuietly();
      };
      const completeOnClose = async (): Promise<void> => {
        subscriber.complete();
        await end();
      };
      liveSubscriptions.add(completeOnClose);

      subscription.on("data", (resolved: AllStreamResolvedEvent) => {
        let event: RecordedEvent | undefined;
        try {
          event = toPortEvent(resolved);
        } catch (error) {
          fail(error);
          return;
        }
        // The server filter is coarse (one criterion) and the start exclusive: check both here too.
        if (event === undefined || event.position <= after || !matchesFilter(filter, event.streamId, event.type)) return;
        subscriber.next(event);
      });
      subscription.on("error", (error: Error) => fail(error));
      subscription.on("end", () => fail(new Error("event store: EventStoreDB ended the $all subscription")));
      return endQuietly;
    });

  return (subscribeOptions = {}) =>
    subscribeOptions.until === undefined ? subscribeLive(subscribeOptions) : readUntil({ ...subscribeOptions, until: subscribeOptions.until });
}
