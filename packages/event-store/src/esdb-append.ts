import type { JSONEventData, JSONType } from "@eventstore/db-client";
import { canonicalJson } from "./canonical-json.js";
import { IdempotencyConflictError, InvalidAppendError } from "./errors.js";
import { LEDGER_EVENT_ID_KEY, RESERVATION_EVENT_TYPE, RESERVATION_STREAM_PREFIX, encodeMetadata, toEsdbEventId } from "./esdb-mapping.js";
import { chainEvents } from "./event-encoding.js";
import type { EncodedEvent } from "./event-encoding.js";
import type { EventMetadata, NewEvent, RecordedEvent } from "./event-store.js";

/**
 * The pure steps of an append to EventStoreDB: what to refuse up front, what to send (events
 * placed after the stream's head, with `recordedAt` and the hash chain), and how to tell a
 * repeat of an earlier append. The adapter (`esdb-event-store.ts`) does the I/O around them.
 */

export interface PreparedEvent {
  readonly esdb: JSONEventData;
  /** The event as it will read back, but for `position` (the server assigns it). */
  readonly recorded: RecordedEvent;
}

/** Places the events after `current`, chained to `prevHash`, and builds what goes on the wire. */
export const prepareEsdbEvents = (
  streamId: string,
  events: readonly EncodedEvent[],
  current: number | null,
  prevHash: string | null,
  recordedAt: string,
): PreparedEvent[] =>
  chainEvents(streamId, events, current === null ? 0 : current + 1, prevHash, recordedAt).map((event) => {
    const data = JSON.parse(event.dataJson) as unknown;
    const metadata = JSON.parse(event.metadataJson) as EventMetadata;
    return {
      esdb: {
        id: toEsdbEventId(event.id),
        contentType: "application/json",
        type: event.type,
        data: data as JSONType,
        metadata: encodeMetadata(metadata, event.id),
      },
      recorded: { id: event.id, type: event.type, streamId, revision: event.revision, position: 0, data, metadata },
    };
  });

/**
 * The stored events of an earlier append of this batch, checked as SQLite checks them: the
 * same ids at consecutive revisions, the same types and data. Anything else is a conflict.
 */
export const sameBatch = (streamId: string, stored: readonly RecordedEvent[], events: readonly EncodedEvent[]): RecordedEvent[] => {
  const originals: RecordedEvent[] = [];
  events.forEach((event, index) => {
    const original = stored[index];
    if (original === undefined || original.id !== event.id) {
      const clash = stored.find((candidate) => candidate.id === event.id) ?? original;
      throw new IdempotencyConflictError(
        streamId,
        event.id,
        clash === undefined
          ? "belongs to a batch that is only partly stored (partial overlap)"
          : "is not where an earlier append of this batch would have put it (partial overlap or another order)",
      );
    }
    if (original.type !== event.type || canonicalJson(original.data) !== event.dataJson) {
      throw new IdempotencyConflictError(streamId, event.id, `is already stored at revision ${original.revision} with another type or data`);
    }
    originals.push(original);
  });
  return originals;
};

/** What EventStoreDB refuses or reserves, refused before anything is sent. */
export const checkEsdbAppend = (streamId: string, events: readonly NewEvent[], expected: unknown): void => {
  if (streamId.startsWith("$")) throw new InvalidAppendError(streamId, "stream ids starting with $ are reserved by EventStoreDB");
  if (streamId.startsWith(RESERVATION_STREAM_PREFIX)) {
    throw new InvalidAppendError(streamId, `stream ids starting with ${RESERVATION_STREAM_PREFIX} are reserved by the esdb store`);
  }
  for (const event of events) {
    if (event.type.startsWith("$")) throw new InvalidAppendError(streamId, `event type ${event.type} is reserved by EventStoreDB`);
    if (event.type === RESERVATION_EVENT_TYPE) throw new InvalidAppendError(streamId, `event type ${event.type} is reserved by the esdb store`);
    if (Object.hasOwn(event.metadata, LEDGER_EVENT_ID_KEY)) {
      throw new InvalidAppendError(streamId, `metadata.${LEDGER_EVENT_ID_KEY} of event ${event.id} is reserved by the esdb store`);
    }
  }
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return;
  if (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(streamId, `invalid expected revision ${String(expected)}`);
};

