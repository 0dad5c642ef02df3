import { BACKWARDS, END, FORWARDS, NO_STREAM, START, eventTypeFilter, streamNameFilter } from "@eventstore/db-client";
import type {
  AppendExpectedRevision,
  CurrentRevision,
  Direction as EsdbDirection,
  Filter,
  ReadPosition,
  ReadRevision,
} from "@eventstore/db-client";
import { v5 as uuidV5, validate as isUuid } from "uuid";
import type { Direction, EventFilter, EventMetadata, ExpectedRevision } from "./event-store.js";

/**
 * Pure translations between the EventStore port and the EventStoreDB client's vocabulary
 * (bigint revisions, `{commit, prepare}` positions, server-side filters, UUID event ids).
 * No I/O here: the adapter in `esdb-event-store.ts` does the talking.
 */

/** Namespace of the name-based UUIDs that stand in for event ids that are not UUIDs. */
const EVENT_ID_NAMESPACE = "0f6d3a52-7c1e-5b8e-9a4d-6e2b1c9f8a70";

/** Metadata key holding the caller's event id when EventStoreDB had to store another form of it. */
export const LEDGER_EVENT_ID_KEY = "ledgerEventId";

/**
 * EventStoreDB needs UUID event ids and returns them lower-case. A lower-case UUID is stored
 * as is; any other id (upper-case UUIDs included, so that the mapping stays one-to-one)
 * becomes a name-based UUID of itself: the same id always maps to the same UUID.
 */
export const toEsdbEventId = (id: string): string => (isUuid(id) && id === id.toLowerCase() ? id : uuidV5(id, EVENT_ID_NAMESPACE));

/**
 * Event ids are unique across the whole log (as in the SQLite store's unique index), which
 * EventStoreDB does not index: before its first append, each id is reserved by creating the
 * stream `dl-event-id-<uuid>` holding one `dl.EventIdReserved` event that names the stream the
 * id is for. These streams are the adapter's own: hidden from reads, refused to callers.
 */
export const RESERVATION_STREAM_PREFIX = "dl-event-id-";
export const RESERVATION_EVENT_TYPE = "dl.EventIdReserved";

export const reservationStreamId = (id: string): string => `${RESERVATION_STREAM_PREFIX}${toEsdbEventId(id)}`;

/** What a reservation event holds. */
export interface EventIdReservation {
  readonly streamId: string;
  readonly eventId: string;
}

export const parseReservation = (data: unknown, where: string): EventIdReservation => {
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const streamId = record["streamId"];
  const eventId = record["eventId"];
  if (typeof streamId !== "string" || typeof eventId !== "string") {
    throw new TypeError(`${where}: not an event id reservation`);
  }
  return { streamId, eventId };
};

/** The expected revision to send so the append succeeds only on the stream state we read. */
export const toEsdbExpectedRevision = (currentRevision: number | null): AppendExpectedRevision =>
  currentRevision === null ? NO_STREAM : BigInt(currentRevision);

/** The port's expected revision in the client's terms (for errors and logs). */
export const portToEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  typeof expected === "number" ? BigInt(expected) : expected;

export const fromEsdbRevision = (revision: bigint): number => toSafeNumber(revision, "revision");

/** The stream's current revision as the port says it: `null` when there is no stream. */
export const fromEsdbCurrentRevision = (current: CurrentRevision): number | null =>
  current === NO_STREAM ? null : fromEsdbRevision(current);

/** The port's expected revision back from the client's terms. */
export const esdbToPortExpectedRevision = (expected: AppendExpectedRevision): ExpectedRevision =>
  typeof expected === "bigint" ? fromEsdbRevision(expected) : expected;

export const fromEsdbPosition = (commit: bigint): number => toSafeNumber(commit, "position");

const toSafeNumber = (value: bigint, what: string): number => {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB ${what} ${value} is outside the safe integer range`);
  }
  return Number(value);
};

/** Does the stream's current revision satisfy what the caller expected? */
export const satisfiesExpectedRevision = (expected: ExpectedRevision, current: number | null): boolean => {
  if (typeof expected === "number") return current === expected;
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return current === null;
    case "stream_exists":
      return current !== null;
    default: {
      const _exhaustive: never = expected;
      throw new Error(`unknown expected revision ${String(_exhaustive)}`);
    }
  }
};

/**
 * Where an earlier append of the same batch must have landed if this call is its repeat:
 * right after the revision the caller expected. Known only for an exact revision or
 * `no_stream`, and only when the stream has moved past it; `null` otherwise.
 */
export const repeatCandidateRevision = (expected: ExpectedRevision, current: number | null): number | null => {
  if (current === null) return null;
  if (typeof expected === "number") return current > expected ? expected + 1 : null;
  switch (expected) {
    case "no_stream":
      return 0;
    case "any":
    case "stream_exists":
      return null;
    default: {
      const _exhaustive: never = expected;
      throw new Error(`unknown expected revision ${String(_exhaustive)}`);
    }
  }
};

export const toEsdbDirection = (direction: Direction): EsdbDirection => {
  switch (direction) {
    case "forwards":
      return FORWARDS;
    case "backwards":
      return BACKWARDS;
    default: {
      const _exhaustive: never = direction;
      throw new Error(`unknown direction ${String(_exhaustive)}`);
    }
  }
};

/** Start revision of a stream read; default the start (forwards) or the end (backwards). */
export const toReadRevision = (fromRevision: number | undefined, direction: Direction): ReadRevision => {
  if (fromRevision === undefined) return direction === "forwards" ? START : END;
  assertNonNegativeInteger(fromRevision, "fromRevision");
  return BigInt(fromRevision);
};

/**
 * Start of a `$all` read or subscription. The port's positions are commit positions; an
 * event appended outside an explicit transaction has prepare = commit, so `{p, p}` names it.
 * 0 (or nothing) is the start of the log forwards; nothing is the end backwards.
 */
export const toReadPosition = (fromPosition: number | undefined, direction: Direction): ReadPosition => {
  if (fromPosition === undefined) return direction === "forwards" ? START : END;
  assertNonNegativeInteger(fromPosition, "fromPosition");
  if (fromPosition === 0 && direction === "forwards") return START;
  const position = BigInt(fromPosition);
  return { commit: position, prepare: position };
};

const assertNonNegativeInteger = (value: number, name: string): void => {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
};

/** A read's `maxCount`: a non-negative integer, unbounded when not given (as in the SQLite store). */
export const checkCount = (value: number | undefined, name: string): number => {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  assertNonNegativeInteger(value, name);
  return value;
};

/** A start revision / position / checkpoint: any safe integer when given (as in the SQLite store). */
export const checkInteger = (value: number | undefined, name: string): number | undefined => {
  if (value !== undefined && !Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
  return value;
};

/** EventStoreDB's own streams and events (`$stats-…`, `$>` links, `$metadata`, …). */
export const isSystemEvent = (streamId: string, type: string): boolean => streamId.startsWith("$") || type.startsWith("$");

/** Events that are not the ledger's: EventStoreDB's own and the adapter's id reservations. */
export const isHiddenEvent = (streamId: string, type: string): boolean =>
  isSystemEvent(streamId, type) || streamId.startsWith(RESERVATION_STREAM_PREFIX) || type === RESERVATION_EVENT_TYPE;

/**
 * The port's filter, applied on the client: every given criterion must hold. An empty list
 * is no criterion (as in the SQLite store).
 */
export const matchesFilter = (filter: EventFilter | undefined, streamId: string, type: string): boolean => {
  const types = filter?.eventTypes;
  const prefixes = filter?.streamPrefixes;
  if (types !== undefined && types.length > 0 && !types.includes(type)) return false;
  if (prefixes !== undefined && prefixes.length > 0 && !prefixes.some((prefix) => streamId.startsWith(prefix))) return false;
  return true;
};

/** Escape a string for use as a literal inside a (.NET or JS) regular expression. */
export const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, (char) => `\\${char}`);

/**
 * The server-side filter of a `$all` subscription. EventStoreDB filters on one thing (stream
 * name or event type), so with both criteria the stream prefixes go to the server and the
 * adapter checks the types itself (it re-checks everything, hidden events included, anyway).
 * Without a filter, the server still drops its own system events and the id reservations.
 */
export const buildSubscriptionFilter = (filter: EventFilter | undefined): Filter => {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  if (prefixes !== undefined && prefixes.length > 0) return streamNameFilter({ prefixes: [...prefixes] });
  if (types !== undefined && types.length > 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join("|")})$` });
  }
  return eventTypeFilter({ regex: `^(?!\\$)(?!${escapeRegex(RESERVATION_EVENT_TYPE)}$).*` });
};

/** The JSON stored as an event's EventStoreDB metadata. */
export const encodeMetadata = (metadata: EventMetadata, id: string): Record<string, unknown> => {
  const stored: Record<string, unknown> = { ...metadata };
  if (toEsdbEventId(id) !== id) stored[LEDGER_EVENT_ID_KEY] = id;
  return stored;
};

export interface DecodedMetadata {
  readonly metadata: EventMetadata;
  /** The caller's event id when it differs from the UUID EventStoreDB holds. */
  readonly ledgerEventId: string | undefined;
}

/** Read back what `encodeMetadata` stored; refuses metadata that no ledger append wrote. */
export const decodeMetadata = (raw: unknown, where: string): DecodedMetadata => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw new TypeError(`${where}: metadata is not a JSON object; was this event written by duty-ledger?`);
  }
  const record = raw as Record<string, unknown>;
  const actor = record["actor"];
  const recordedAt = record["recordedAt"];
  const prevHash = record["prevHash"];
  const hash = record["hash"];
  if (
    typeof actor !== "object" ||
    actor === null ||
    typeof (actor as Record<string, unknown>)["id"] !== "string" ||
    typeof (actor as Record<string, unknown>)["role"] !== "string" ||
    typeof recordedAt !== "string" ||
    (prevHash !== null && typeof prevHash !== "string") ||
    typeof hash !== "string"
  ) {
    throw new TypeError(`${where}: metadata lacks actor, recordedAt or the hash chain; was this event written by duty-ledger?`);
  }
  const { [LEDGER_EVENT_ID_KEY]: ledgerEventId, ...rest } = record;
  return {
    metadata: rest as unknown as EventMetadata,
    ledgerEventId: typeof ledgerEventId === "string" ? ledgerEventId : undefined,
  };
};
