import { createHash } from "node:crypto";

/**
 * A UUID derived from a namespace and parts, formatted as RFC 4122 version 5 (the name-based
 * variant) but hashed with sha-256 (the first 16 bytes). The same inputs always give the same id,
 * so a retried request (same principal scope, idempotency key and event index) appends events with the
 * same ids and the event store dedupes them. Parts are length-prefixed: ("ab","c") ≠ ("a","bc").
 */
export const deterministicEventId = (namespace: string, ...parts: readonly string[]): string => {
  const hash = createHash("sha256");
  for (const part of [namespace, ...parts]) {
    const bytes = Buffer.from(part, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.byteLength);
    hash.update(length).update(bytes);
  }
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
