import { hash } from "node:crypto";
import { canonicalJson, type CanonicalEncoder } from "./canonical-json.js";
import type { EventMetadata } from "./event-store.js";

/**
 * The per-stream hash chain. Each event's `metadata.hash` is the hex SHA-256 of the canonical
 * JSON (see `canonicalJson`) of
 *
 *     { streamId, revision, id, type, data, metadata }   // metadata WITHOUT `hash`
 *
 * and `metadata.prevHash` is the previous event's hash in the same stream (`null` at
 * revision 0), so the metadata that is hashed links each event to its predecessor. The global
 * position is deliberately not hashed: re-importing the log into another store (other
 * positions) must reproduce the same hashes.
 */

/** What `hashEvent` hashes: a recorded event, or the parts of one. `metadata.hash` is ignored. */
export interface HashableEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, "hash"> & { readonly hash?: string };
}

export const sha256Hex = (text: string): string => hash("sha256", text, "hex");

/**
 * Hex SHA-256 of the event's canonical encoding (metadata without `hash`). Pass one `encoder`
 * (`createCanonicalEncoder()`) when hashing many events: it sorts each event shape's keys once.
 */
export function hashEvent(event: HashableEvent, encoder: CanonicalEncoder = canonicalJson): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  return sha256Hex(
    encoder({
      streamId: event.streamId,
      revision: event.revision,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata,
    }),
  );
}

export type ChainBreakReason =
  | "altered" // the event's content does not match its hash, or its link to the predecessor was rewritten
  | "missing" // one or more revisions are absent
  | "reordered"; // revisions out of order or duplicated

/** What `verifyStreamChain` checks: events of ONE stream with their stored metadata. */
export interface ChainEvent extends HashableEvent {
  readonly metadata: EventMetadata;
}

export interface ChainVerifyOptions {
  /**
   * For a slice that does not start at revision 0: the revision and hash of the event just
   * before the slice, to check the first event's `prevHash` too. Without it, the first event's
   * `prevHash` is trusted when the slice starts after revision 0.
   */
  readonly anchor?: { readonly revision: number; readonly hash: string | null };
  /** The canonical encoder to hash with; reuse one across calls (see `hashEvent`). */
  readonly encoder?: CanonicalEncoder;
}

export type ChainVerification =
  | {
      readonly ok: true;
      /** How many events were checked. */
      readonly checked: number;
      /** Hash of the last event (compare it with a published head hash), `null` when empty. */
      readonly lastHash: string | null;
    }
  | {
      readonly ok: false;
      /** Events before the broken one, all valid. */
      readonly checked: number;
      /** Index in the given list of the first broken event. */
      readonly index: number;
      readonly event: ChainEvent;
      readonly reason: ChainBreakReason;
      readonly detail: string;
    };

/**
 * Verifies the hash chain of one stream's events, given in revision order. Returns the first
 * broken event and why: `altered` (content or link rewritten), `missing` (a revision gap) or
 * `reordered` (out of order or duplicated).
 */
export function verifyStreamChain(events: readonly ChainEvent[], options: ChainVerifyOptions = {}): ChainVerification {
  const first = events[0];
  if (first === undefined) return { ok: true, checked: 0, lastHash: options.anchor?.hash ?? null };

  // Later indexes by revision and hash, to tell a reordering from a loss.
  const indexOfRevision = new Map<number, number>();
  const indexOfHash = new Map<string, number>();
  events.forEach((event, index) => {
    if (!indexOfRevision.has(event.revision)) indexOfRevision.set(event.revision, index);
    indexOfHash.set(event.metadata.hash, index);
  });

  let previousRevision: number;
  let previousHash: string | null | undefined; // undefined: unknown (slice without anchor)
  if (options.anchor !== undefined) {
    previousRevision = options.anchor.revision;
    previousHash = options.anchor.hash;
  } else if (first.revision === 0) {
    previousRevision = -1;
    previousHash = null;
  } else {
    previousRevision = first.revision - 1;
    previousHash = undefined;
  }

  for (let index = 0; index < events.length; index++) {
    const event = events[index] as ChainEvent;
    const broken = (reason: ChainBreakReason, detail: string): ChainVerification => ({
      ok: false,
      checked: index,
      index,
      event,
      reason,
      detail,
    });

    let actualHash: string;
    try {
      actualHash = hashEvent(event, options.encoder);
    } catch (error) {
      return broken("altered", `event ${event.id} cannot be encoded: ${(error as Error).message}`);
    }
    if (actualHash !== event.metadata.hash) {
      return broken("altered", `content of revision ${event.revision} (event ${event.id}) does not match its hash`);
    }

    const expectedRevision = previousRevision + 1;
    if (event.revision > expectedRevision) {
      const later = indexOfRevision.get(expectedRevision);
      return later !== undefined && later > index
        ? broken("reordered", `revision ${event.revision} comes before revision ${expectedRevision}`)
        : broken(
            "missing",
            event.revision - expectedRevision === 1
              ? `revision ${expectedRevision} is missing`
              : `revisions ${expectedRevision}..${event.revision - 1} are missing`,
          );
    }
    if (event.revision < expectedRevision) {
      return broken(
        "reordered",
        event.revision === previousRevision
          ? `revision ${event.revision} appears twice`
          : `revision ${event.revision} comes after revision ${previousRevision}`,
      );
    }

    if (previousHash !== undefined && event.metadata.prevHash !== previousHash) {
      const linked = event.metadata.prevHash === null ? undefined : indexOfHash.get(event.metadata.prevHash);
      return linked !== undefined && linked !== index - 1
        ? broken("reordered", `revision ${event.revision} links to the event at index ${linked}, not to its predecessor`)
        : broken(
            "altered",
            `prevHash of revision ${event.revision} does not match the hash of revision ${previousRevision}: ` +
              "one of them was rewritten and re-hashed, or events between them were removed and renumbered",
          );
    }

    previousRevision = event.revision;
    previousHash = event.metadata.hash;
  }
  return { ok: true, checked: events.length, lastHash: previousHash ?? null };
}

/**
 * Why `event`, an already-recorded event being imported, does not continue its stream's chain
 * whose last event is `last` (`undefined`: the stream is empty); `null` when it does.
 */
export function importProblem(event: ChainEvent, last: { readonly revision: number; readonly hash: string } | undefined): string | null {
  const expectedRevision = last === undefined ? 0 : last.revision + 1;
  if (event.revision !== expectedRevision) return `revision ${event.revision}, expected ${expectedRevision}`;
  if (event.metadata.prevHash !== (last?.hash ?? null)) return "prevHash does not match the stream's last hash";
  if (hashEvent(event) !== event.metadata.hash) return "hash does not match the event's content";
  return null;
}
