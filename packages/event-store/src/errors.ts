import type { ExpectedRevision } from "./event-store.js";

/**
 * Errors of the event store. Each carries a stable `code`; guards test the code, not
 * `instanceof`, so they survive module duplication (and an adapter in another package can
 * throw these same classes). The HTTP layer maps WRONG_EXPECTED_REVISION and
 * IDEMPOTENCY_CONFLICT to 409.
 */

export type EventStoreErrorCode =
  | "WRONG_EXPECTED_REVISION" // optimistic concurrency: the stream is not in the expected state
  | "IDEMPOTENCY_CONFLICT" // an event id is already stored with other content / stream / revision
  | "INVALID_APPEND" // the append itself is malformed (empty, duplicate ids, no actor, non-JSON data)
  | "STORE_CLOSED" // the store was closed
  | "TREE_SIZE"; // a Merkle tree size or leaf index outside the log (past the head, or not a valid range)

export abstract class EventStoreError extends Error {
  abstract readonly code: EventStoreErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

export const describeExpectedRevision = (expected: ExpectedRevision): string =>
  typeof expected === "number" ? `revision ${expected}` : expected;

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = "WRONG_EXPECTED_REVISION";
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  /** The stream's last revision when the append was refused; `null`: the stream does not exist. */
  readonly actual: number | null;

  constructor(streamId: string, expected: ExpectedRevision, actual: number | null) {
    super(
      `append to "${streamId}" expected ${describeExpectedRevision(expected)} but the stream ` +
        (actual === null ? "does not exist" : `is at revision ${actual}`),
    );
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

export class IdempotencyConflictError extends EventStoreError {
  readonly code = "IDEMPOTENCY_CONFLICT";
  readonly streamId: string;
  /** The event id that collides. */
  readonly eventId: string;

  constructor(streamId: string, eventId: string, reason: string) {
    super(`append to "${streamId}": event id ${eventId} ${reason}`);
    this.streamId = streamId;
    this.eventId = eventId;
  }
}

export class InvalidAppendError extends EventStoreError {
  readonly code = "INVALID_APPEND";
  readonly streamId: string;

  constructor(streamId: string, reason: string, options?: { cause?: unknown }) {
    super(`append to "${streamId}": ${reason}`, options);
    this.streamId = streamId;
  }
}

export class StoreClosedError extends EventStoreError {
  readonly code = "STORE_CLOSED";

  constructor(storeName: string) {
    super(`event store ${storeName} is closed`);
  }
}

/** A tree size or leaf index the transparency log cannot answer for: `beyondHead` when the log is not that long yet. */
export class TreeSizeError extends EventStoreError {
  readonly code = "TREE_SIZE";
  readonly beyondHead: boolean;

  constructor(message: string, beyondHead: boolean) {
    super(message);
    this.beyondHead = beyondHead;
  }
}

const codes: ReadonlySet<string> = new Set<EventStoreErrorCode>([
  "WRONG_EXPECTED_REVISION",
  "IDEMPOTENCY_CONFLICT",
  "INVALID_APPEND",
  "STORE_CLOSED",
  "TREE_SIZE",
]);

export const isEventStoreError = (error: unknown): error is EventStoreError => {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === "string" && codes.has(code);
};

const guard =
  <E extends EventStoreError>(code: E["code"]) =>
  (error: unknown): error is E =>
    isEventStoreError(error) && error.code === code;

export const isWrongExpectedRevision = guard<WrongExpectedRevisionError>("WRONG_EXPECTED_REVISION");
export const isIdempotencyConflict = guard<IdempotencyConflictError>("IDEMPOTENCY_CONFLICT");
export const isInvalidAppend = guard<InvalidAppendError>("INVALID_APPEND");
export const isStoreClosed = guard<StoreClosedError>("STORE_CLOSED");
export const isTreeSizeError = guard<TreeSizeError>("TREE_SIZE");
