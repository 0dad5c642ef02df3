import { setTimeout as delay } from "node:timers/promises";
import type { AppendResult as EsdbAppendResult, EventStoreDBClient, WrongExpectedVersionError } from "@eventstore/db-client";
import { IdempotencyConflictError, WrongExpectedRevisionError } from "./errors.js";
import { checkEsdbAppend, prepareEsdbEvents, sameBatch, type PreparedEvent } from "./esdb-append.js";
import { fromEsdbCurrentRevision, fromEsdbPosition, repeatCandidateRevision, satisfiesExpectedRevision, toEsdbExpectedRevision } from "./esdb-mapping.js";
import type { EsdbReads } from "./esdb-reads.js";
import { isWrongExpectedVersion, type EsdbReservations } from "./esdb-reservations.js";
import { createKeyedQueue } from "./esdb-stream-queue.js";
import { encodeNewEvents, type EncodedEvent } from "./event-encoding.js";
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from "./event-store.js";
import type { EventStoreLogger } from "./logger.js";

/**
 * `append` of the EventStoreDB adapter. Each append reads the stream's last events (the head
 * of its hash chain, the revision check, a just-repeated batch), then appends with that exact
 * revision, so a writer in another process makes it fail instead of forking the chain: it is
 * then planned again (bounded). Appends of this process to one stream are queued, not raced.
 * Re-appending stored events returns the original result (idempotent by event id, the ids
 * reserved first: esdb-reservations.ts).
 */

export interface EsdbAppenderContext {
  readonly client: EventStoreDBClient;
  readonly reads: EsdbReads;
  readonly reservations: EsdbReservations;
  readonly logger: EventStoreLogger;
  readonly now: () => Date;
  readonly maxAppendAttempts: number;
  /** Throws when the store is closed. */
  readonly assertOpen: () => void;
}

type Plan =
  | { readonly kind: "append"; readonly current: number | null; readonly prevHash: string | null }
  | { readonly kind: "repeat"; readonly originals: readonly RecordedEvent[] };

/** The port's error for EventStoreDB's WrongExpectedVersion, with the caller's expectation. */
const toWrongExpectedRevision = (streamId: string, expected: ExpectedRevision, error: WrongExpectedVersionError | undefined): WrongExpectedRevisionError => {
  const mapped = new WrongExpectedRevisionError(streamId, expected, error === undefined ? null : fromEsdbCurrentRevision(error.actualVersion));
  if (error !== undefined) Object.defineProperty(mapped, "cause", { value: error, enumerable: false, configurable: true });
  return mapped;
};

const resultOf = (events: readonly RecordedEvent[]): AppendResult => {
  const last = events[events.length - 1] as RecordedEvent;
  return { nextExpectedRevision: last.revision, position: last.position, events };
};

export function createEsdbAppender(context: EsdbAppenderContext): (streamId: string, events: readonly NewEvent[], options?: AppendOptions) => Promise<AppendResult> {
  const { client, reads, reservations, logger, now, maxAppendAttempts, assertOpen } = context;
  const { streamEvents, readRange } = reads;
  const streamQueue = createKeyedQueue();

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
    if ((await reservations.reservationOf(first.id))?.streamId === streamId) {
      const earlier = await earlierAppend(streamId, events, streamEvents(streamId, "backwards", undefined, Number.POSITIVE_INFINITY));
      if (earlier !== undefined) return { kind: "repeat", originals: earlier };
    }
    throw new WrongExpectedRevisionError(streamId, expected, current);
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

  const appendInTurn = async (streamId: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    let reserved = false;
    let lastConflict: WrongExpectedVersionError | undefined;
    for (let attempt = 1; attempt <= maxAppendAttempts; attempt++) {
      const decided = await plan(streamId, events, expected);
      if (decided.kind === "repeat") return resultOf(decided.originals);

      if (!reserved) {
        const taken = await reservations.reserve(streamId, events.map((event) => event.id));
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

  return async (streamId, events, appendOptions) => {
    assertOpen();
    const expected = appendOptions?.expectedRevision ?? "any";
    const encoded = encodeNewEvents(streamId, events);
    checkEsdbAppend(streamId, events, expected);
    // One append per stream at a time in this process: they would only race for the same head.
    return await streamQueue.run(streamId, () => appendInTurn(streamId, encoded, expected));
  };
}
