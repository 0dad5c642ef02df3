import { createHash, type Hash } from "node:crypto";

/**
 * The seal of a log: a digest an auditor keeps outside the system, so that a later
 * `verify --seal` proves the first events of the log are unchanged since.
 *
 *     digest = SHA-256( hash_1 "\n" hash_2 "\n" … hash_N "\n" )
 *
 * over the `metadata.hash` of the first N events of the log in global order (each hash as
 * its 64 lowercase hex characters, each followed by a line feed), written
 * `dlseal1:<N>:<digest hex>`. Each event's hash covers its content and the hash of its
 * predecessor in its stream, so the seal binds every byte of every event, every stream's
 * order, and the interleaving of the streams. It holds no position: a copy of the log
 * re-imported into another store (other positions) has the same seal. Anyone can recompute
 * it from an export: `head -n N export.ndjson | jq -r .hash | sha256sum`.
 */

const PREFIX = "dlseal1";
const SEAL = /^dlseal1:(\d{1,15}):([0-9a-f]{64})$/;

export interface Seal {
  /** How many events (from the start of the log, in global order) the seal covers. */
  readonly events: number;
  /** Lowercase hex SHA-256. */
  readonly digest: string;
}

export const formatSeal = (seal: Seal): string => `${PREFIX}:${seal.events}:${seal.digest}`;

/** A seal from its text; `null` when the text is not one. */
export const parseSeal = (text: string): Seal | null => {
  const match = SEAL.exec(text.trim());
  if (match === null) return null;
  const events = Number(match[1]);
  return Number.isSafeInteger(events) ? { events, digest: match[2] as string } : null;
};

/** The running digest of a seal: feed the events' hashes in global order. */
export interface SealHasher {
  add(eventHash: string): void;
  readonly events: number;
  /** The seal of what was added so far (the hasher can go on). */
  seal(): Seal;
}

export const createSealHasher = (): SealHasher => {
  const hash: Hash = createHash("sha256");
  let events = 0;
  return {
    add(eventHash) {
      hash.update(`${eventHash}\n`, "utf8");
      events++;
    },
    get events() {
      return events;
    },
    seal: () => ({ events, digest: hash.copy().digest("hex") }),
  };
};
