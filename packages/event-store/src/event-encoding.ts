import { canonicalJson, canonicalString } from "./canonical-json.js";
import { InvalidAppendError } from "./errors.js";
import type { NewEvent } from "./event-store.js";
import { eventHashText, sha256Hex } from "./hash-chain.js";

/**
 * Turning the events of an append into what a store writes: validated, data encoded ONCE in
 * canonical JSON (stored as is, hashed as is, compared as is for idempotency), metadata
 * completed with `recordedAt` and the hash chain. Shared by the adapters so that every store
 * produces the same hashes.
 */

/** Metadata keys only the store sets; a caller's values for them are dropped. */
const storeKeys: ReadonlySet<string> = new Set(["recordedAt", "prevHash", "hash"]);

/** A caller's metadata as canonical `"key":value` members, sorted by key, store keys removed. */
interface MetadataMembers {
  readonly keys: readonly string[];
  readonly members: readonly string[];
}

/** An event of an append, validated and encoded, not yet placed in its stream. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  /** Canonical JSON of the data. */
  readonly dataJson: string;
  readonly metadata: MetadataMembers;
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

function encodeMetadata(streamId: string, eventId: string, metadata: unknown): MetadataMembers {
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
  const keys: string[] = [];
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (storeKeys.has(key)) continue;
    let encoded: string;
    try {
      const value = record[key];
      if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
      encoded = canonicalJson(value);
    } catch (error) {
      throw new InvalidAppendError(streamId, `metadata.${key} of event ${eventId} is not JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    keys.push(key);
    members.push(`${canonicalString(key)}:${encoded}`);
  }
  return { keys, members };
}

/**
 * Validates and encodes the events of an append. Throws `InvalidAppendError` for an empty
 * stream id, no events, duplicate ids within the append, empty ids or types, a missing actor,
 * or data that is not a JSON value.
 */
export function encodeNewEvents(streamId: string, events: readonly NewEvent[]): EncodedEvent[] {
  if (!isNonEmptyString(streamId)) throw new InvalidAppendError(String(streamId), "the stream id must be a non-empty string");
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError(streamId, "no events to append");
  const encoded: EncodedEvent[] = new Array<EncodedEvent>(events.length);
  const ids = events.length > 1 ? new Set<string>() : undefined;
  let lastMetadataInput: unknown;
  let lastMetadata: MetadataMembers | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as NewEvent;
    if (!isNonEmptyString(event.id)) throw new InvalidAppendError(streamId, `event #${i} has no id`);
    if (!isNonEmptyString(event.type)) throw new InvalidAppendError(streamId, `event ${event.id} has no type`);
    if (ids !== undefined) {
      if (ids.has(event.id)) throw new InvalidAppendError(streamId, `event id ${event.id} appears twice in one append`);
      ids.add(event.id);
    }
    let dataJson: string;
    try {
      dataJson = canonicalJson(event.data);
    } catch (error) {
      throw new InvalidAppendError(streamId, `data of event ${event.id} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    // A batch usually shares one metadata object: encode it once.
    if (lastMetadata === undefined || event.metadata !== lastMetadataInput) {
      lastMetadata = encodeMetadata(streamId, event.id, event.metadata);
      lastMetadataInput = event.metadata;
    }
    encoded[i] = { id: event.id, type: event.type, dataJson, metadata: lastMetadata };
  }
  return encoded;
}

/** Canonical JSON of the metadata without `hash`: the caller's members plus prevHash and recordedAt. */
function metadataWithoutHashJson(metadata: MetadataMembers, prevHash: string | null, recordedAt: string): string {
  const prevHashMember = `"prevHash":${prevHash === null ? "null" : canonicalString(prevHash)}`;
  const recordedAtMember = `"recordedAt":${canonicalString(recordedAt)}`;
  let out = "{";
  let prevHashDone = false;
  let recordedAtDone = false;
  const add = (member: string): void => {
    out += out.length === 1 ? member : `,${member}`;
  };
  for (let i = 0; i < metadata.keys.length; i++) {
    const key = metadata.keys[i] as string;
    if (!prevHashDone && key > "prevHash") {
      add(prevHashMember);
      prevHashDone = true;
    }
    if (!recordedAtDone && key > "recordedAt") {
      add(recordedAtMember);
      recordedAtDone = true;
    }
    add(metadata.members[i] as string);
  }
  if (!prevHashDone) add(prevHashMember);
  if (!recordedAtDone) add(recordedAtMember);
  return out + "}";
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
  const chained: ChainedEvent[] = new Array<ChainedEvent>(events.length);
  let previous = prevHash;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as EncodedEvent;
    const revision = firstRevision + i;
    const metadataJson = metadataWithoutHashJson(event.metadata, previous, recordedAt);
    const hash = sha256Hex(eventHashText(streamId, revision, event.id, event.type, event.dataJson, metadataJson));
    chained[i] = {
      id: event.id,
      type: event.type,
      revision,
      dataJson: event.dataJson,
      metadataJson: `${metadataJson.slice(0, -1)},"hash":"${hash}"}`,
      hash,
    };
    previous = hash;
  }
  return chained;
}
