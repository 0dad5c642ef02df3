import { ErrorType, EventStoreDBClient, START, WrongExpectedVersionError, isCommandError } from "@eventstore/db-client";
import type {
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  RecordedEvent as EsdbRecordedEvent,
  ResolvedEvent,
} from "@eventstore/db-client";
import { Observable } from "rxjs";
import { StoreClosedError, WrongExpectedRevisionError } from "./errors.js";
import { checkEsdbAppend, prepareEsdbEvents, sameBatch } from "./esdb-append.js";
import type { PreparedEvent } from "./esdb-append.js";
import {
  buildSubscriptionFilter,
  checkCount,
  checkInteger,
  decodeMetadata,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  fromEsdbRevision,
  isSystemEvent,
  matchesFilter,
  repeatCandidateRevision,
  satisfiesExpectedRevision,
  toEsdbDirection,
  toEsdbExpectedRevision,
  toReadPosition,
  toReadRevision,
} from "./esdb-mapping.js";
import { encodeNewEvents } from "./event-encoding.js";
import type { EncodedEvent } from "./event-encoding.js";
import type {
  AppendOptions,
  AppendResult,
  Direction,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from "./event-store.js";
import { createSilentLogger } from "./logger.js";
import type { EventStoreLogger } from "./logger.js";

export interface EsdbEventStoreOptions {
  /**
   * E.g. `esdb://node1:2113,node2:2113,node3:2113?tls=false`. Keep the default
   * `nodePreference=leader`: appends read the stream's head right before writing.
   */
  readonly connectionString: string;
  readonly logger?: EventStoreLogger;
  /** The store's clock for `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * How often an append expecting `"any"` or `"stream_exists"` is planned again when a
   * concurrent append to the same stream wins the race. Default 5.
   */
  readonly maxAppendAttempts?: number;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB (`@eventstore/db-client`).
 *
 * - Revisions are EventStoreDB's stream revisions; `position` is the event's commit position
 *   in the transaction log: strictly increasing, not dense (`densePositions: false`).
 * - Each append first reads the stream's last events (the head of its hash chain and the
 *   revision check), then appends with that exact revision, so a concurrent appender makes it
 *   fail instead of forking the chain. `"any"` / `"stream_exists"` appends are then planned
 *   again (bounded); an exact expectation that no longer holds is a WrongExpectedRevisionError.
 * - Idempotent by event id, as the SQLite store: ids the stream already holds, same batch and
 *   same type and data, return the original result and append nothing; a partial or altered
 *   repeat is an IdempotencyConflictError. Unlike SQLite (one global id index), a repeat is
 *   recognised within its own stream: among its last events for an exact expectation, in the
 *   whole stream for `"any"` / `"stream_exists"`.
 */
export const createEsdbEventStore = (options: EsdbEventStoreOptions): EventStore => {
  const maxAppendAttempts = options.maxAppendAttempts ?? 5;
  if (!Number.isSafeInteger(maxAppendAttempts) || maxAppendAttempts < 1) {
    throw new RangeError(`maxAppendAttempts must be a positive integer, got ${maxAppendAttempts}`);
  }
  const logger = options.logger ?? createSilentLogger();
  const now = options.now ?? (() => new Date());
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const name = "esdb";

  let closed = false;
  /** Ends of the live subscriptions, run when the store closes. */
  const liveSubscriptions = new Set<() => Promise<void>>();

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError(name);
  };

  // --- reads ------------------------------------------------------------------------------------

  /** One stream's events; nothing when the stream does not exist. */
  async function* streamEvents(
    streamId: string,
    direction: Direction,
    fromRevision: number | undefined,
    maxCount: number,
  ): AsyncGenerator<RecordedEvent> {
    if (maxCount <= 0) return;
    const read = client.readStream(streamId, {
      direction: toEsdbDirection(direction),
      fromRevision: toReadRevision(fromRevision, direction),
      maxCount: Number.isFinite(maxCount) ? maxCount : Number.MAX_SAFE_INTEGER,
      resolveLinkTos: false,
    });
    let finished = false;
    try {
      for await (const resolved of read) {
        const event = toPortEvent(resolved as ResolvedEvent);
        if (event !== undefined) yield event;
      }
      finished = true;
    } catch (error) {
      finished = true;
      if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return;
      throw error;
    } finally {
      // The consumer stopped early: end the server-side read too.
      if (!finished) await read.cancel();
    }
  }

  /** `$all` in EventStoreDB's terms (a backwards `fromPosition` is exclusive), system events skipped. */
  async function* logEvents(direction: Direction, fromPosition: number | undefined): AsyncGenerator<RecordedEvent> {
    const read = client.readAll({
      direction: toEsdbDirection(direction),
      fromPosition: toReadPosition(fromPosition, direction),
      resolveLinkTos: false,
    });
    let finished = false;
    try {
      for await (const resolved of read) {
        const event = toPortEvent(resolved as AllStreamResolvedEvent);
        if (event !== undefined) yield event;
      }
      finished = true;
    } finally {
      if (!finished) await read.cancel();
    }
  }

  const readRange = async (streamId: string, fromRevision: number, count: number): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of streamEvents(streamId, "forwards", fromRevision, count)) events.push(event);
    return events;
  };

  async function* readStream(streamId: string, readOptions: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOpen();
    const direction = readOptions.direction ?? "forwards";
    const maxCount = checkCount(readOptions.maxCount, "maxCount");
    let from = checkInteger(readOptions.fromRevision, "fromRevision");
    if (from !== undefined && from < 0) {
      if (direction === "backwards") return;
      from = 0;
    }
    yield* streamEvents(streamId, direction, from, maxCount);
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOpen();
    const direction = readOptions.direction ?? "forwards";
    const maxCount = checkCount(readOptions.maxCount, "maxCount");
    const from = checkInteger(readOptions.fromPosition, "fromPosition");
    const filter = readOptions.filter;
    if (maxCount === 0) return;
    let yielded = 0;

    if (direction === "forwards") {
      for await (const event of logEvents("forwards", from === undefined ? undefined : Math.max(from, 0))) {
        if ((from !== undefined && event.position < from) || !matchesFilter(filter, event.streamId, event.type)) continue;
        yield event;
        if (++yielded >= maxCount) return;
      }
      return;
    }

    if (from !== undefined) {
      if (from <= 0) return;
      // The port's `fromPosition` is inclusive, EventStoreDB's backwards one exclusive: take the
      // event at `fromPosition` itself from a forward read, then read on backwards from there.
      for await (const event of logEvents("forwards", from)) {
        if (event.position === from && matchesFilter(filter, event.streamId, event.type)) {
          yield event;
          if (++yielded >= maxCount) return;
        }
        break;
      }
    }
    for await (const event of logEvents("backwards", from)) {
      if ((from !== undefined && event.position >= from) || !matchesFilter(filter, event.streamId, event.type)) continue;
      yield event;
      if (++yielded >= maxCount) return;
    }
  }

  const streamRevision = async (streamId: string): Promise<number | null> => {
    assertOpen();
    for await (const event of streamEvents(streamId, "backwards", undefined, 1)) return event.revision;
    return null;
  };

  const headPosition = async (): Promise<number> => {
    assertOpen();
    for await (const event of logEvents("backwards", undefined)) return event.position;
    return 0;
  };

  // --- append -----------------------------------------------------------------------------------

  type Plan =
    | { readonly kind: "append"; readonly current: number | null; readonly prevHash: string | null }
    | { readonly kind: "repeat"; readonly originals: readonly RecordedEvent[] };

  /**
   * Reads what an append needs and decides: append after `current` (chained to `prevHash`),
   * or it repeats an earlier append (its events are returned), or it is refused.
   */
  const plan = async (streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<Plan> => {
    const first = events[0] as EncodedEvent;
    const positionInBatch = new Map(events.map((event, index) => [event.id, index]));
    // An exact expectation (or no_stream) locates a repeat by revision, so the batch's own
    // length of head events is enough; "any" has nothing to go by and searches the stream.
    const searched = expected === "any" || expected === "stream_exists" ? Number.POSITIVE_INFINITY : events.length;

    let head: RecordedEvent | undefined;
    let window: RecordedEvent[] = []; // the event looked at and the ones after it, as many as the batch
    let laterIdSeen: RecordedEvent | undefined;
    for await (const event of streamEvents(streamId, "backwards", undefined, searched)) {
      head ??= event;
      window = [event, ...window].slice(0, events.length);
      if (event.id === first.id) {
        const stored = window.length === events.length ? window : await readRange(streamId, event.revision, events.length);
        return { kind: "repeat", originals: sameBatch(streamId, stored, events) };
      }
      if (laterIdSeen === undefined && positionInBatch.has(event.id)) laterIdSeen = event;
    }
    if (laterIdSeen !== undefined) {
      // A later event of the batch is stored but its first was not met: check where it would be.
      const start = laterIdSeen.revision - (positionInBatch.get(laterIdSeen.id) ?? 0);
      const stored = start < 0 ? [] : await readRange(streamId, start, events.length);
      return { kind: "repeat", originals: sameBatch(streamId, stored, events) };
    }

    const current = head?.revision ?? null;
    if (satisfiesExpectedRevision(expected, current)) return { kind: "append", current, prevHash: head?.metadata.hash ?? null };
    const candidate = repeatCandidateRevision(expected, current);
    if (candidate !== null) {
      const stored = await readRange(streamId, candidate, events.length);
      if (stored[0]?.id === first.id) return { kind: "repeat", originals: sameBatch(streamId, stored, events) };
    }
    throw new WrongExpectedRevisionError(streamId, expected, current);
  };

  const append = async (streamId: string, events: readonly NewEvent[], appendOptions?: AppendOptions): Promise<AppendResult> => {
    assertOpen();
    const expected = appendOptions?.expectedRevision ?? "any";
    const encoded = encodeNewEvents(streamId, events);
    checkEsdbAppend(streamId, events, expected);

    let lastConflict: WrongExpectedVersionError | undefined;
    for (let attempt = 1; attempt <= maxAppendAttempts; attempt++) {
      const decided = await plan(streamId, encoded, expected);
      if (decided.kind === "repeat") return resultOf(decided.originals);

      const prepared = prepareEsdbEvents(streamId, encoded, decided.current, decided.prevHash, now().toISOString());
      let written: EsdbAppendResult;
      try {
        written = await client.appendToStream(
          streamId,
          prepared.map((event) => event.esdb),
          { expectedRevision: toEsdbExpectedRevision(decided.current) },
        );
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // A concurrent append to this stream came first: plan again (a repeat, a refusal, or a retry).
        lastConflict = error;
        logger.debug({ streamId, attempt, expected }, "event store: esdb append lost a race, planning again");
        continue;
      }
      return await confirm(streamId, prepared, written);
    }
    throw toWrongExpectedRevision(streamId, expected, lastConflict);
  };

  /**
   * The result of an append the server accepted. A single event with the position the server
   * reported is complete; a batch is read back for each event's own position.
   */
  const confirm = async (streamId: string, prepared: readonly PreparedEvent[], written: EsdbAppendResult): Promise<AppendResult> => {
    const only = prepared.length === 1 ? prepared[0] : undefined;
    if (only !== undefined && written.position !== undefined) {
      return resultOf([{ ...only.recorded, position: fromEsdbPosition(written.position.commit) }]);
    }
    const firstRevision = (prepared[0] as PreparedEvent).recorded.revision;
    const stored = await readRange(streamId, firstRevision, prepared.length);
    if (stored.length !== prepared.length || stored.some((event, index) => event.id !== prepared[index]?.recorded.id)) {
      throw new Error(`event store: events appended to "${streamId}" were not found at revision ${firstRevision} after the append`);
    }
    return resultOf(stored);
  };

  // --- subscribe --------------------------------------------------------------------------------

  const subscribe = (subscribeOptions: SubscribeOptions = {}): Observable<RecordedEvent> =>
    new Observable<RecordedEvent>((subscriber) => {
      if (closed) {
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

  // --- the store --------------------------------------------------------------------------------

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await Promise.allSettled([...liveSubscriptions].map((complete) => complete()));
    await client.dispose();
    logger.info({}, "event store: esdb client closed");
  };

  return {
    name,
    capabilities: { densePositions: false },
    append,
    readStream,
    readAll,
    subscribe,
    streamRevision,
    headPosition,
    close,
  };
};

const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;

/** The port's error for EventStoreDB's WrongExpectedVersion, with the caller's expectation. */
const toWrongExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError | undefined,
): WrongExpectedRevisionError => {
  const mapped = new WrongExpectedRevisionError(streamId, expected, error === undefined ? null : fromEsdbCurrentRevision(error.actualVersion));
  if (error !== undefined) Object.defineProperty(mapped, "cause", { value: error, enumerable: false, configurable: true });
  return mapped;
};

const resultOf = (events: readonly RecordedEvent[]): AppendResult => {
  const last = events[events.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.revision, position: last.position, events };
};

/** A ledger event from what the client returns; `undefined` for EventStoreDB's own events. */
const toPortEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event as EsdbRecordedEvent | undefined;
  if (event === undefined || isSystemEvent(event.streamId, event.type)) return undefined;
  const where = `esdb event ${event.id} at ${event.streamId}@${event.revision}`;
  if (!event.isJson) throw new TypeError(`${where}: data is not JSON; was this event written by duty-ledger?`);
  const commit = event.position?.commit ?? resolved.commitPosition;
  if (commit === undefined) throw new Error(`${where}: the server sent no position (EventStoreDB 22.6 or later is needed)`);
  const { metadata, ledgerEventId } = decodeMetadata(event.metadata, where);
  return {
    id: ledgerEventId ?? event.id,
    type: event.type,
    streamId: event.streamId,
    revision: fromEsdbRevision(event.revision),
    position: fromEsdbPosition(commit),
    data: event.data as unknown,
    metadata,
  };
};
