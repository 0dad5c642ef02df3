import type { Observable } from "rxjs";
import type { TransparencyLog } from "./transparency-log.js";

/**
 * The event-store port. Semantics follow EventStoreDB: streams with gapless revisions
 * starting at 0, one global order (`position`), optimistic concurrency on append,
 * idempotent append by event id, catch-up-then-live subscriptions from a checkpoint.
 */

/** Which state the stream must be in for an append to be accepted. */
export type ExpectedRevision =
  | "any" // no check
  | "no_stream" // the stream must not exist yet
  | "stream_exists" // the stream must have at least one event
  | number; // the stream's last revision must be exactly this

/** Who caused an event, as the ledger's auth layer saw them. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Metadata the caller supplies; the store adds `recordedAt` and the hash chain. */
export interface EventMetadataInput {
  readonly actor: Actor;
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
}

/** Metadata as stored: what the caller gave plus what the store set. */
export interface EventMetadata extends EventMetadataInput {
  /** When the store received the event (ISO 8601, UTC), set by the store, never by a client. */
  readonly recordedAt: string;
  /** Hash of the previous event of the same stream (hex sha-256), `null` for revision 0. */
  readonly prevHash: string | null;
  /** Hash of this event over its canonical encoding, see `hashEvent`. */
  readonly hash: string;
}

/** An event to append. `id` makes the append idempotent. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadataInput;
}

/** An event as read back from the store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly streamId: string;
  /** 0-based, gapless within the stream. */
  readonly revision: number;
  /** Global order. Strictly increasing; gapless on stores that say `densePositions`. */
  readonly position: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface AppendOptions {
  /** Default `"any"`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The stream's last revision after the append (pass it as the next expected revision). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
  /** The events as stored, in order. On an idempotent repeat, the originals. */
  readonly events: readonly RecordedEvent[];
}

export interface ImportResult {
  readonly imported: number;
  /** Position of the last event imported (the head when nothing was). */
  readonly position: number;
}

export type Direction = "forwards" | "backwards";

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Only events of these types. */
  readonly eventTypes?: readonly string[];
  /** Only events whose stream id starts with one of these. */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  readonly fromPosition?: number;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /**
   * The checkpoint: the position of the last event already processed. The subscription
   * delivers events strictly after it. Omitted: from the start of the log.
   */
  readonly after?: number;
  readonly filter?: EventFilter;
  /**
   * Makes the subscription a catch-up read: it delivers the (matching) events up to this
   * position, then completes once the log has been read that far — also when the last events
   * did not match the filter, which is how a filtered reader learns it reached `until`. Fails
   * (instead of completing) if the store closes before. Default: a subscription that never ends.
   */
  readonly until?: number;
}

export interface StoreCapabilities {
  /** Global positions are 1, 2, 3, … with no gaps (SQLite, PostgreSQL); EventStoreDB's are log offsets. */
  readonly densePositions: boolean;
}

export interface EventStore {
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /** The RFC 9162 Merkle tree over the log, on stores that keep one (SQLite, PostgreSQL). */
  readonly transparencyLog?: TransparencyLog;
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Yields nothing for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up from the checkpoint, then live; never completes unless the store closes. */
  subscribe(options?: SubscribeOptions): Observable<RecordedEvent>;
  /** The event with this id, in whichever stream it is, or `null`. */
  readEvent(eventId: string): Promise<RecordedEvent | null>;
  /**
   * Appends events exactly as another store recorded them — metadata, `recordedAt` and hashes
   * kept — to re-import an audit export. Each event must continue its stream's hash chain
   * (next revision, `prevHash` = the stream's last hash, `hash` valid over its content), else
   * the call is refused with `InvalidAppendError` and nothing of it is stored. Positions are
   * this store's own.
   */
  importRecorded(events: readonly RecordedEvent[]): Promise<ImportResult>;
  /** The stream's last revision, or `null` when it has no events. */
  streamRevision(streamId: string): Promise<number | null>;
  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
