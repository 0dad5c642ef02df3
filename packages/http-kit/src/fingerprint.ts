import { createHash } from "node:crypto";
import { canonicalJson } from "@duty-ledger/event-store";

export interface FingerprintInput {
  readonly method: string;
  /** Path and query, e.g. `req.originalUrl`; query parameters are sorted before hashing. */
  readonly url: string;
  /** The parsed JSON body (undefined when none). */
  readonly body: unknown;
}

const canonicalUrl = (url: string): string => {
  const parsed = new URL(url, "http://fingerprint.invalid");
  parsed.searchParams.sort();
  const query = parsed.searchParams.toString();
  return query === "" ? parsed.pathname : `${parsed.pathname}?${query}`;
};

/**
 * sha-256 (hex) of method, path+query and the canonical JSON of the body (RFC 8785, the event
 * store's `canonicalJson`; "" when there is no body): "the same request". Recorded with each
 * idempotency key, so it must not change for the same request: `fingerprint.unit.test.ts` pins it.
 */
export const requestFingerprint = (input: FingerprintInput): string =>
  createHash("sha256")
    .update(`${input.method.toUpperCase()}\n${canonicalUrl(input.url)}\n${input.body === undefined ? "" : canonicalJson(input.body)}`, "utf8")
    .digest("hex");
