import { canonicalString, createCanonicalEncoder, flatten, type CanonicalEncoder } from "./canonical-json.js";
import { InvalidAppendError } from "./errors.js";
import type { NewEvent } from "./event-store.js";
import { sha256Hex } from "./hash-chain.js";

/**
 * Turning the events of an append into what a store writes: validated, data encoded ONCE in
 * canonical JSON (stored as is, hashed as is, compared as is for idempotency), metadata
 * completed with `recordedAt` and the hash chain. Shared by the adapters so that every store
 * produces the same hashes.
 */

/** Metadata keys only the store sets; a caller's values for them are dropped. */
const storeKeys: ReadonlySet<string> = new Set(["recordedAt", "prevHash", "hash"]);

/**
 * A caller's metadata, canonical, as a template around the two members the store adds:
 * `beforePrevHash + <prevHash> + beforeRecordedAt + <recordedAt> + afterRecordedAt + "}"` is
 * the canonical JSON of the metadata without `hash` (`afterRecordedAt`: the members sorting
 * after `recordedAt`, usually none, without the closing brace, so that `,"hash":…` can follow).
 */
interface EncodedMetadata {
  readonly beforePrevHash: string;
  readonly beforeRecordedAt: string;
  readonly afterRecordedAt: string;
}

/** An event of an append, validated and encoded, not yet placed in its stream. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  /** Canonical JSON of the data. */
  readonly dataJson: string;
  readonly metadata: EncodedMetadata;
}

/** An event placed at its revision with its hash chain. */
export interface ChainedEvent {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly dataJson: string;
  /** The metadata as stored (JSON, `hash` included). */
  readonly metadataJson: string;
  readonly hash: string;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === "string" && value.length > 0;

function encodeMetadata(encoder: CanonicalEncoder, streamId: string, eventId: string, metadata: unknown): EncodedMetadata {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new InvalidAppendError(streamId, `event ${eventId} has no metadata object`);
  }
  const actor = (metadata as { actor?: unknown }).actor;
  if (
    typeof actor !== "object" ||
    actor === null ||
    !isNonEmptyString((actor as { id?: unknown }).id) ||
    typeof (actor as { role?: unknown }).role !== "string"
  ) {
    throw new InvalidAppendError(streamId, `event ${eventId} does not name its actor (metadata.actor {id, role})`);
  }
  const record = metadata as Record<string, unknown>;
  const keys = Object.keys(record);
  // Usual case: every key sorts before "prevHash" and none is a store key (actor,
  // causationId, correlationId): the store's members go at the end of the canonical text.
  if (keys.every((key) => key < "prevHash" && key !== "hash")) {
    const text = encodeMember(encoder, streamId, eventId, "", record);
    return {
      beforePrevHash: text === "{}" ? '{"prevHash":' : `${text.slice(0, -1)},"prevHash":`,
      beforeRecordedAt: ',"recordedAt":',
      afterRecordedAt: "",
    };
  }
  const before: string[] = [];
  const between: string[] = [];
  const after: string[] = [];
  for (const key of keys.sort()) {
    if (storeKeys.has(key)) continue;
    const value = record[key];
    if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
    const member = `${canonicalString(key)}:${encodeMember(encoder, streamId, eventId, `.${key}`, value)}`;
    if (key < "prevHash") before.push(member);
    else if (key < "recordedAt") between.push(member);
    else after.push(member);
  }
  return {
    beforePrevHash: `{${before.map((member) => `${member},`).join("")}"prevHash":`,
    beforeRecordedAt: `${between.map((member) => `,${member}`).join("")},"recordedAt":`,
    afterRecordedAt: after.map((member) => `,${member}`).join(""),
  };
}

function encodeMember(encoder: CanonicalEncoder, streamId: string, eventId: string, path: string, value: unknown): string {
  try {
    return encoder(value);
  } catch (error) {
    throw new InvalidAppendError(streamId, `metadata${path} of event ${eventId} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Validates and encodes the events of an append. Throws `InvalidAppendError` for an empty
 * stream id, no events, duplicate ids within the append, empty ids or types, a missing actor,
 * or data that is not a JSON value. `encoder`: a canonical encoder to reuse (a store keeps
 * one, so the key orders of its event shapes are sorted once, not at every append).
 */
export function encodeNewEvents(streamId: string, events: readonly NewEvent[], encoder: CanonicalEncoder = createCanonicalEncoder()): EncodedEvent[] {
  if (!isNonEmptyString(streamId)) throw new InvalidAppendError(String(streamId), "the stream id must be a non-empty string");
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError(streamId, "no events to append");
  const encoded: EncodedEvent[] = new Array<EncodedEvent>(events.length);
  const ids = events.length > 1 ? new Set<string>() : undefined;
  let lastMetadataInput: unknown;
  let lastMetadata: EncodedMetadata | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as NewEvent;
    if (typeof event !== "object" || event === null) throw new InvalidAppendError(streamId, `event #${i} is not an object`);
    if (!isNonEmptyString(event.id)) throw new InvalidAppendError(streamId, `event #${i} has no id`);
    if (!isNonEmptyString(event.type)) throw new InvalidAppendError(streamId, `event ${event.id} has no type`);
    if (ids !== undefined) {
      if (ids.has(event.id)) throw new InvalidAppendError(streamId, `event id ${event.id} appears twice in one append`);
      ids.add(event.id);
    }
    let dataJson: string;
    try {
      dataJson = encoder(event.data);
    } catch (error) {
      throw new InvalidAppendError(streamId, `data of event ${event.id} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    // Events of a batch often share one metadata object: encode it once.
    if (lastMetadata === undefined || event.metadata !== lastMetadataInput) {
      lastMetadata = encodeMetadata(encoder, streamId, event.id, event.metadata);
      lastMetadataInput = event.metadata;
    }
    encoded[i] = { id: event.id, type: event.type, dataJson, metadata: lastMetadata };
  }
  return encoded;
}

/**
 * A stream's hash chain, extended one event at a time: what `chainEvents` computes, without
 * an object per event (a store inserting each event as it is chained keeps only the texts).
 */
export interface StreamChain {
  /**
   * Chains `event` at `revision` (the revision after the previous call's, or the first):
   * returns its metadata as stored (JSON, `recordedAt`, `prevHash` and `hash` included) and
   * makes its hash `lastHash`.
   */
  next(event: EncodedEvent, revision: number): string;
  /** The hash of the last event chained; before any, the `prevHash` the chain started from. */
  readonly lastHash: string | null;
}

/** Starts chaining events of `streamId` after `prevHash` (`null`: from revision 0), all stamped `recordedAt`. */
export function startStreamChain(streamId: string, prevHash: string | null, recordedAt: string): StreamChain {
  const recordedAtJson = canonicalString(recordedAt);
  const streamIdJson = canonicalString(streamId);
  let previous = prevHash;
  let lastType = "";
  let lastTypeJson = "";
  return {
    next: (event, revision) => {
      const metadata = event.metadata;
      // The metadata without `hash` and without its closing brace: hashed with the brace,
      // stored followed by `,"hash":…}`.
      const open =
        metadata.beforePrevHash +
        (previous === null ? "null" : `"${previous}"`) +
        metadata.beforeRecordedAt +
        recordedAtJson +
        metadata.afterRecordedAt;
      if (event.type !== lastType) {
        lastType = event.type;
        lastTypeJson = canonicalString(event.type);
      }
      const hash = sha256Hex(
        `{"data":${event.dataJson},"id":${canonicalString(event.id)},"metadata":${open}},"revision":${revision},"streamId":${streamIdJson},"type":${lastTypeJson}}`,
      );
      previous = hash;
      return `${open},"hash":"${hash}"}`;
    },
    get lastHash() {
      return previous;
    },
  };
}

/**
 * Places encoded events at `firstRevision`, … of `streamId` and computes their hash chain,
 * starting from `prevHash` (the hash of the event at `firstRevision - 1`, `null` at 0).
 */
export function chainEvents(
  streamId: string,
  events: readonly EncodedEvent[],
  firstRevision: number,
  prevHash: string | null,
  recordedAt: string,
): ChainedEvent[] {
  const chain = startStreamChain(streamId, prevHash, recordedAt);
  const chained: ChainedEvent[] = new Array<ChainedEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as EncodedEvent;
    const revision = firstRevision + i;
    const metadataJson = flatten(chain.next(event, revision));
    chained[i] = { id: event.id, type: event.type, revision, dataJson: event.dataJson, metadataJson, hash: chain.lastHash as string };
  }
  return chained;
}
