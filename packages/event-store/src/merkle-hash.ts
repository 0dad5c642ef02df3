import { hash } from "node:crypto";
import { sha256Short } from "./sha256-short.js";

/**
 * RFC 9162 §2.1 Merkle tree hashing, over the 32-byte hashes of a log's events:
 *
 *     leaf hash  = SHA-256(0x00 ‖ leaf data)
 *     node hash  = SHA-256(0x01 ‖ left ‖ right)
 *     empty tree = SHA-256()
 *
 * and a tree of n > 1 leaves splits at k, the largest power of two smaller than n. Hashes are
 * `Buffer`s of 32 bytes here and lowercase hex on the wire. Leaves and nodes are hashed by
 * sha256-short.ts (their inputs are 33 and 65 bytes).
 */

export type Hash = Buffer;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Hash = hash("sha256", Buffer.alloc(0), "buffer") as unknown as Hash;

export const leafHash = (data: Uint8Array): Hash => sha256Short(LEAF_PREFIX, data);

export const nodeHash = (left: Uint8Array, right: Uint8Array): Hash => sha256Short(NODE_PREFIX, left, right);

/** The leaf hash of an event whose `metadata.hash` is `eventHashHex` (64 hex digits). */
export const eventLeafHash = (eventHashHex: string): Hash => leafHash(Buffer.from(eventHashHex, "hex"));

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

export const toHex = (value: Uint8Array): string => Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");

const HEX_HASH = /^[0-9a-f]{64}$/;

/** A hash from its lowercase hex form; `null` when the text is not 64 lowercase hex digits. */
export const hashFromHex = (text: string): Hash | null => (HEX_HASH.test(text) ? Buffer.from(text, "hex") : null);
