import { ErrorType, isCommandError, type EventStoreDBClient } from "@eventstore/db-client";
import type { AllStreamResolvedEvent, RecordedEvent as EsdbRecordedEvent, ResolvedEvent } from "@eventstore/db-client";
import {
  checkCount,
  checkInteger,
  decodeMetadata,
  fromEsdbPosition,
  fromEsdbRevision,
  isHiddenEvent,
  matchesFilter,
  toEsdbDirection,
  toReadPosition,
  toReadRevision,
} from "./esdb-mapping.js";
import type { Direction, ReadAllOptions, ReadStreamOptions, RecordedEvent } from "./event-store.js";

/**
 * The reads of the EventStoreDB adapter: a stream, `$all` (the port's inclusive positions
 * over EventStoreDB's exclusive backwards start), a stream's revision, the head position;
 * the ledger's events decoded from what the client returns, EventStoreDB's own skipped.
 */

export interface EsdbReads {
  /** One stream's events; nothing when the stream does not exist. */
  streamEvents(streamId: string, direction: Direction, fromRevision: number | undefined, maxCount: number): AsyncGenerator<RecordedEvent>;
  /** `count` events of a stream from `fromRevision` on. */
  readRange(streamId: string, fromRevision: number, count: number): Promise<RecordedEvent[]>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent>;
  streamRevision(streamId: string): Promise<number | null>;
  headPosition(): Promise<number>;
}

/** A ledger event from what the client returns; `undefined` for EventStoreDB's own events. */
export const toPortEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined => {
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

/** `assertOpen` throws when the store is closed. */
export function createEsdbReads(client: EventStoreDBClient, assertOpen: () => void): EsdbReads {
  async function* streamEvents(streamId: string, direction: Direction, fromRevision: number | undefined, maxCount: number): AsyncGenerator<RecordedEvent> {
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

  return {
    streamEvents,
    readRange,
    readStream,
    readAll,
    streamRevision: async (streamId) => {
      assertOpen();
      for await (const event of streamEvents(streamId, "backwards", undefined, 1)) return event.revision;
      return null;
    },
    headPosition: async () => {
      assertOpen();
      for await (const event of logEvents("backwards", undefined)) return event.position;
      return 0;
    },
  };
}
