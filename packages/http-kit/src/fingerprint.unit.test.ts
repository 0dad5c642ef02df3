import { canonicalJson } from "@duty-ledger/event-store";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestFingerprint } from "./fingerprint.js";

/**
 * The body encoder http-kit had before it used the event store's `canonicalJson` (RFC 8785),
 * kept as the reference: fingerprints recorded with idempotency keys before the change must be
 * those computed now, for every JSON body.
 */
const legacyCanonicalJson = (value: unknown): string => {
  if (value === undefined) return "";
  const encode = (v: unknown): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
    if (Array.isArray(v)) return `[${v.map((item) => encode(item)).join(",")}]`;
    const record = v as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${encode(record[key])}`);
    return `{${members.join(",")}}`;
  };
  return encode(value);
};

describe("the canonical JSON of request bodies", () => {
  it("is the legacy encoder's for every parsed JSON body (so recorded fingerprints still match)", () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        const body: unknown = JSON.parse(text);
        expect(canonicalJson(body)).toBe(legacyCanonicalJson(body));
      }),
      { numRuns: 1_000 },
    );
    const tricky: unknown = JSON.parse('{"b":1,"a":{"d":[3,{"z":1,"y":2}],"c":"x"},"10":1,"9":2,"":{},"n":-0,"e":1e21,"f":0.1,"s":"é\\ud83d\\ude00\\u2028"}');
    expect(canonicalJson(tricky)).toBe(legacyCanonicalJson(tricky));
    expect(canonicalJson(tricky)).toBe('{"":{},"10":1,"9":2,"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1,"e":1e+21,"f":0.1,"n":0,"s":"é😀\u2028"}');
  });
});

describe("requestFingerprint", () => {
  const base = { method: "POST", url: "/v1/contacts", body: { topic: "roads", deputyIds: ["D-1", "D-2"] } };

  it("is the digest recorded before (pinned: idempotency records keep their fingerprints)", () => {
    expect(requestFingerprint(base)).toBe("b02a0fbc2834065ddeaee1242fc45927c05d6d91e125fc5db67d9c7b3d9e07ec");
    const body: unknown = JSON.parse('{"title":"关于道路的建议","n":-0,"x":1e21,"y":0.1,"z":[true,null,{"b":"\\u2028","a":"é\\ud83d\\ude00"}],"10":1,"9":2,"":{}}');
    expect(requestFingerprint({ method: "POST", url: "/v1/suggestions?b=2&a=1", body })).toBe("b5097b4e07c9d42a824149d21ce2a7df250bd18e8e3167987dc980184caca841");
    expect(requestFingerprint({ method: "post", url: "/v1/x", body: undefined })).toBe("c583ce382440c30a7e7346a7ed7cf9cb11f3d05c05e80254678885d4beed48e9");
    expect(requestFingerprint({ method: "PUT", url: "/v1/x", body: [] })).toBe("718d9743db0a23378ed0bb5f979b3f860e669b012f001846e59552f7c1563aa1");
  });

  it("is a sha-256 hex digest", () => {
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores key order, spacing and method case", () => {
    const same = { method: "post", url: "/v1/contacts", body: JSON.parse('{ "deputyIds": ["D-1","D-2"],  "topic": "roads" }') as unknown };
    expect(requestFingerprint(same)).toBe(requestFingerprint(base));
  });

  it("ignores query parameter order", () => {
    expect(requestFingerprint({ ...base, url: "/v1/x?b=2&a=1" })).toBe(requestFingerprint({ ...base, url: "/v1/x?a=1&b=2" }));
  });

  it("differs by body, array order, path, query and method", () => {
    const fingerprints = new Set([
      requestFingerprint(base),
      requestFingerprint({ ...base, body: { topic: "roads", deputyIds: ["D-2", "D-1"] } }),
      requestFingerprint({ ...base, body: { topic: "bridges", deputyIds: ["D-1", "D-2"] } }),
      requestFingerprint({ ...base, url: "/v1/suggestions" }),
      requestFingerprint({ ...base, url: "/v1/contacts?x=1" }),
      requestFingerprint({ ...base, method: "PUT" }),
      requestFingerprint({ ...base, body: undefined }),
    ]);
    expect(fingerprints.size).toBe(7);
  });
});
