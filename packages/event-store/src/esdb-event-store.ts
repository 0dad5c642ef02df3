import { EventStoreDBClient, type JSONType } from "@eventstore/db-client";
import { InvalidAppendError, StoreClosedError } from "./errors.js";
import { createEsdbAppender } from "./esdb-appender.js";
import { encodeMetadata, fromEsdbPosition, toEsdbEventId, toEsdbExpectedRevision } from "./esdb-mapping.js";
import { ESDB_CAPABILITIES, type EsdbEventStoreOptions } from "./esdb-options.js";
import { createEsdbReads } from "./esdb-reads.js";
import { createEsdbReservations } from "./esdb-reservations.js";
import { createEsdbSubscribe } from "./esdb-subscribe.js";
import type { EventStore, ImportResult, RecordedEvent } from "./event-store.js";
import { importProblem } from "./hash-chain.js";
import { createSilentLogger } from "./logger.js";

export type { EsdbEventStoreOptions } from "./esdb-options.js";

/**
 * The EventStore port on EventStoreDB / KurrentDB (`@eventstore/db-client`).
 *
 * - Revisions are EventStoreDB's stream revisions; `position` is the event's commit position
 *   in the transaction log: strictly increasing, not dense (`densePositions: false`).
 * - Each append reads the stream's last events (the head of its hash chain, the revision
 *   check, a just-repeated batch), then appends with that exact revision, so a writer in
 *   another process makes it fail instead of forking the chain: it is then planned again
 *   (bounded). Appends of this process to one stream are queued, not raced (esdb-appender.ts).
 * - Idempotent by event id, as the SQLite store: re-appending stored events (same ids, stream,
 *   types and data) returns the original result and appends nothing; a partial or altered
 *   repeat, or an id used in another stream, is an IdempotencyConflictError. EventStoreDB has
 *   no index of event ids, so each new id is reserved first in a stream of its own
 *   (`dl-event-id-<uuid>`, hidden from reads: esdb-reservations.ts).
 * - Reads in esdb-reads.ts, subscriptions in esdb-subscribe.ts.
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
  /** Ends of the live subscriptions, run when the store closes. */
  const liveSubscriptions = new Set<() => Promise<void>>();

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError(name);
  };

  const reads = createEsdbReads(client, assertOpen);
  const reservations = createEsdbReservations(client);
  const { streamEvents, readStream, headPosition } = reads;

  /** The id's reservation names its stream; the event is then found in that stream. */
  const readEvent = async (eventId: string): Promise<RecordedEvent | null> => {
    assertOpen();
    const reservation = await reservations.reservationOf(eventId);
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
      const taken = await reservations.reserve(event.streamId, [event.id]);
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
    append: createEsdbAppender({ client, reads, reservations, logger, now, maxAppendAttempts, assertOpen }),
    readStream,
    readAll: reads.readAll,
    subscribe: createEsdbSubscribe({ name, client, reads, logger, isClosed: () => closed, liveSubscriptions }),
    streamRevision: reads.streamRevision,
    headPosition,
    readEvent,
    importRecorded,
    close,
  };
};
