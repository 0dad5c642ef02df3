import { setTimeout as delay } from "node:timers/promises";
import { ErrorType, EventStoreDBClient, NO_STREAM, START, WrongExpectedVersionError, isCommandError } from "@eventstore/db-client";
import type {
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  RecordedEvent as EsdbRecordedEvent,
  JSONType,
  ResolvedEvent,
} from "@eventstore/db-client";
import { Observable } from "rxjs";
import { v4 as uuidV4 } from "uuid";
import { IdempotencyConflictError, InvalidAppendError, StoreClosedError, WrongExpectedRevisionError } from "./errors.js";
import { importProblem } from "./hash-chain.js";
import { checkEsdbAppend, prepareEsdbEvents, sameBatch } from "./esdb-append.js";
import type { PreparedEvent } from "./esdb-append.js";
import {
  RESERVATION_EVENT_TYPE,
  buildSubscriptionFilter,
  checkCount,
  checkInteger,
  decodeMetadata,
  encodeMetadata,
  fromEsdbCurrentRevision,
  fromEsdbPosition,
  fromEsdbRevision,
  isHiddenEvent,
  matchesFilter,
  parseReservation,
  repeatCandidateRevision,
  reservationStreamId,
  satisfiesExpectedRevision,
  toEsdbDirection,
  toEsdbEventId,
  toEsdbExpectedRevision,
  toReadPosition,
  toReadRevision,
} from "./esdb-mapping.js";
import type { EventIdReservation } from "./esdb-mapping.js";
import { createKeyedQueue } from "./esdb-stream-queue.js";
import { ESDB_CAPABILITIES } from "./esdb-store.js";
import { encodeNewEvents } from "./event-encoding.js";
import type { EncodedEvent } from "./event-encoding.js";
import type {
  AppendOptions,
  AppendResult,
  Direction,
  EventFilter,
  EventStore,
  ExpectedRevision,
  ImportResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from "./event-store.js";
import { readStreamsOneByOne } from "./read-streams.js";
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
   * How often an append is planned again when another process appended to the same stream
   * first (appends of this process to one stream are queued, they do not race). Default 10.
   */
  readonly maxAppendAttempts?: number;
}

/**
 * The EventStore port on EventStoreDB / KurrentDB (`@eventstore/db-client`).
 *
 * - Revisions are EventStoreDB's stream revisions; `position` is the event's commit position
 *   in the transaction log: strictly increasing, not dense (`densePositions: false`).
 * - Each append reads the stream's last events (the head of its hash chain, the revision
 *   check, a just-repeated batch), then appends with that exact revision, so a writer in
 *   another process makes it fail instead of forking the chain: it is then planned again
 *   (bounded). Appends of this process to one stream are queued, not raced.
 * - Idempotent by event id, as the SQLite store: re-appending stored events (same ids, stream,
 *   types and data) returns the original result and appends nothing; a partial or altered
 *   repeat, or an id used in another stream, is an IdempotencyConflictError. EventStoreDB has
 *   no index of event ids, so each new id is reserved first in a stream of its own
 *   (`dl-event-id-<uuid>`, hidden from reads).
 */
export const createEsdbEventStore = (options: EsdbEventStoreOptions): EventStore => {
  const maxAppendAttempts = options.maxAppendAttempts ?? 10;
  if (!Number.isSafeInteger(maxAppendAttempts) || maxAppendAttempts < 1) {
    throw new RangeError(`maxAppendAttempts must be a positive integer, got ${maxAppendAttempts}`);
  }
  const logger = options.logger ?? createSilentLogger();
  const now = options.now ?? (() => new Date());
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const name = "esdb";

  let closed = false;
  const streamQueue = createKeyedQueue();
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
   * An earlier append of this batch in the stream, looked for among the events read (newest
   * first): `undefined` when none of the batch's ids is among them, its events when the batch
   * is there whole; an IdempotencyConflictError when it is there in part or with other content.
   */
  const earlierAppend = async (
    streamId: string,
    events: readonly EncodedEvent[],
    newestFirst: AsyncIterable<RecordedEvent>,
    onEvent: (event: RecordedEvent) => void = () => {},
  ): Promise<RecordedEvent[] | undefined> => {
    const first = events[0] as EncodedEvent;
    const positionInBatch = new Map(events.map((event, index) => [event.id, index]));
    let window: RecordedEvent[] = []; // the event looked at and the ones after it, as many as the batch
    let laterIdSeen: RecordedEvent | undefined;
    for await (const event of newestFirst) {
      onEvent(event);
      window = [event, ...window].slice(0, events.length);
      if (event.id === first.id) {
        const stored = window.length === events.length ? window : await readRange(streamId, event.revision, events.length);
        return sameBatch(streamId, stored, events);
      }
      if (laterIdSeen === undefined && positionInBatch.has(event.id)) laterIdSeen = event;
    }
    if (laterIdSeen === undefined) return undefined;
    // A later event of the batch is stored but its first was not met: check where it would be.
    const start = laterIdSeen.revision - (positionInBatch.get(laterIdSeen.id) ?? 0);
    return sameBatch(streamId, start < 0 ? [] : await readRange(streamId, start, events.length), events);
  };

  /**
   * Reads the stream's head (as many events as the batch) and decides: append after it, or
   * the call repeats an earlier append (its events are returned), or it is refused.
   */
  const plan = async (streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<Plan> => {
    let head: RecordedEvent | undefined;
    const atHead = await earlierAppend(streamId, events, streamEvents(streamId, "backwards", undefined, events.length), (event) => {
      head ??= event;
    });
    if (atHead !== undefined) return { kind: "repeat", originals: atHead };

    const current = head?.revision ?? null;
    if (satisfiesExpectedRevision(expected, current)) return { kind: "append", current, prevHash: head?.metadata.hash ?? null };

    // Refused, unless this is a late repeat: where the caller's expectation puts it, or, if
    // the first id is reserved for this stream, anywhere in the stream.
    const first = events[0] as EncodedEvent;
    const candidate = repeatCandidateRevision(expected, current);
    if (candidate !== null) {
      const stored = await readRange(streamId, candidate, events.length);
      if (stored[0]?.id === first.id) return { kind: "repeat", originals: sameBatch(streamId, stored, events) };
    }
    if ((await reservationOf(first.id))?.streamId === streamId) {
      const earlier = await earlierAppend(streamId, events, streamEvents(streamId, "backwards", undefined, Number.POSITIVE_INFINITY));
      if (earlier !== undefined) return { kind: "repeat", originals: earlier };
    }
    throw new WrongExpectedRevisionError(streamId, expected, current);
  };

  /** Who an event id is reserved for, `undefined` when it is free. */
  const reservationOf = async (eventId: string): Promise<EventIdReservation | undefined> => {
    const read = client.readStream(reservationStreamId(eventId), { fromRevision: START, maxCount: 1 });
    try {
      for await (const resolved of read) {
        if (resolved.event !== undefined) return parseReservation(resolved.event.data, `reservation of event id ${eventId}`);
      }
      return undefined;
    } catch (error) {
      if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return undefined;
      throw error;
    }
  };

  /**
   * Reserves the ids for `streamId` (each in its own reservation stream, created only if it
   * does not exist). Returns the ids that were reserved before, with whom they are reserved for.
   */
  const reserve = async (streamId: string, eventIds: readonly string[]): Promise<Map<string, EventIdReservation>> => {
    const taken = new Map<string, EventIdReservation>();
    await Promise.all(
      eventIds.map(async (eventId) => {
        const reservation: EventIdReservation = { streamId, eventId };
        try {
          await client.appendToStream(
            reservationStreamId(eventId),
            // A fresh event id: EventStoreDB must not mistake a reservation for another stream as a retry.
            { id: uuidV4(), contentType: "application/json", type: RESERVATION_EVENT_TYPE, data: { ...reservation }, metadata: undefined },
            { expectedRevision: NO_STREAM },
          );
        } catch (error) {
          if (!isWrongExpectedVersion(error)) throw error;
          const existing = await reservationOf(eventId);
          if (existing === undefined) throw new Error(`event store: the reservation of event id ${eventId} exists but cannot be read`);
          taken.set(eventId, existing);
        }
      }),
    );
    return taken;
  };

  const append = async (streamId: string, events: readonly NewEvent[], appendOptions?: AppendOptions): Promise<AppendResult> => {
    assertOpen();
    const expected = appendOptions?.expectedRevision ?? "any";
    const encoded = encodeNewEvents(streamId, events);
    checkEsdbAppend(streamId, events, expected);
    // One append per stream at a time in this process: they would only race for the same head.
    return await streamQueue.run(streamId, () => appendInTurn(streamId, encoded, expected));
  };

  const appendInTurn = async (streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    let reserved = false;
    let lastConflict: WrongExpectedVersionError | undefined;
    for (let attempt = 1; attempt <= maxAppendAttempts; attempt++) {
      const decided = await plan(streamId, events, expected);
      if (decided.kind === "repeat") return resultOf(decided.originals);

      if (!reserved) {
        const taken = await reserve(streamId, events.map((event) => event.id));
        reserved = true;
        for (const [eventId, reservation] of taken) {
          if (reservation.streamId !== streamId) {
            throw new IdempotencyConflictError(streamId, eventId, `is already used in stream "${reservation.streamId}"`);
          }
        }
        if (taken.size > 0) {
          // Reserved for this stream before: stored by an earlier append (a repeat), or left by
          // one that did not complete (then the ids are free to use here).
          const earlier = await earlierAppend(streamId, events, streamEvents(streamId, "backwards", undefined, Number.POSITIVE_INFINITY));
          if (earlier !== undefined) return resultOf(earlier);
        }
      }

      const prepared = prepareEsdbEvents(streamId, events, decided.current, decided.prevHash, now().toISOString());
      let written: EsdbAppendResult;
      try {
        written = await client.appendToStream(
          streamId,
          prepared.map((event) => event.esdb),
          { expectedRevision: toEsdbExpectedRevision(decided.current) },
        );
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // Another process appended to this stream first: plan again (a repeat, a refusal, or a retry).
        lastConflict = error;
        logger.debug({ streamId, attempt, expected }, "event store: esdb append lost a race, planning again");
        await delay(Math.random() * 10 * attempt);
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

  // --- lookup and import ------------------------------------------------------------------------

  /** The id's reservation names its stream; the event is then found in that stream. */
  const readEvent = async (eventId: string): Promise<RecordedEvent | null> => {
    assertOpen();
    const reservation = await reservationOf(eventId);
    if (reservation === undefined) return null;
    for await (const event of streamEvents(reservation.streamId, "backwards", undefined, Number.POSITIVE_INFINITY)) {
      if (event.id === eventId) return event;
    }
    return null;
  };

  /**
   * Appends recorded events verbatim, each at the exact revision it had. The whole batch is
   * checked against the streams' heads before anything is written.
   */
  const importRecorded = async (events: readonly RecordedEvent[]): Promise<ImportResult> => {
    assertOpen();
    const heads = new Map<string, { revision: number; hash: string } | undefined>();
    const previous: ({ revision: number; hash: string } | undefined)[] = [];
    for (const event of events) {
      if (!heads.has(event.streamId)) {
        let last: { revision: number; hash: string } | undefined;
        for await (const stored of streamEvents(event.streamId, "backwards", undefined, 1)) last = { revision: stored.revision, hash: stored.metadata.hash };
        heads.set(event.streamId, last);
      }
      const last = heads.get(event.streamId);
      const problem = importProblem(event, last);
      if (problem !== null) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: ${problem}`);
      previous.push(last);
      heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
    }
    let position = await headPosition();
    for (const [index, event] of events.entries()) {
      const taken = await reserve(event.streamId, [event.id]);
      const clash = taken.get(event.id);
      if (clash !== undefined && clash.streamId !== event.streamId) {
        throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: its id is already used in "${clash.streamId}"`);
      }
      const written = await client.appendToStream(
        event.streamId,
        { id: toEsdbEventId(event.id), contentType: "application/json", type: event.type, data: event.data as JSONType, metadata: encodeMetadata(event.metadata, event.id) },
        { expectedRevision: toEsdbExpectedRevision(previous[index]?.revision ?? null) },
      );
      if (written.position !== undefined) position = fromEsdbPosition(written.position.commit);
    }
    return { imported: events.length, position };
  };

  // --- subscribe --------------------------------------------------------------------------------

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
          for await (const event of readAll({ fromPosition: after + 1, ...(filter === undefined ? {} : { filter }) })) {
            if (cancelled) return;
            if (event.position > until) break;
            subscriber.next(event);
          }
          if (closed) throw new StoreClosedError(name);
          subscriber.complete();
        } catch (error) {
          if (!cancelled) subscriber.error(error);
        }
      })();
      return () => {
        cancelled = true;
      };
    });

  const subscribe = (subscribeOptions: SubscribeOptions = {}): Observable<RecordedEvent> =>
    subscribeOptions.until === undefined ? subscribeLive(subscribeOptions) : readUntil({ ...subscribeOptions, until: subscribeOptions.until });

  const subscribeLive = (subscribeOptions: SubscribeOptions): Observable<RecordedEvent> =>
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
    capabilities: ESDB_CAPABILITIES,
    append,
    readStream,
    readStreams: (streamIds, readOptions) => readStreamsOneByOne(readStream, streamIds, readOptions),
    readAll,
    subscribe,
    streamRevision,
    headPosition,
    readEvent,
    importRecorded,
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
  if (event === undefined || isHiddenEvent(event.streamId, event.type)) return undefined;
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
