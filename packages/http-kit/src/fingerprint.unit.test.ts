import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";
import { requestFingerprint } from "./fingerprint.js";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("keeps array order, null and undefined members as JSON does", () => {
    expect(canonicalJson([2, 1, null])).toBe("[2,1,null]");
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe("");
    expect(canonicalJson("é")).toBe('"é"');
  });
});

describe("requestFingerprint", () => {
  const base = { method: "POST", url: "/v1/contacts", body: { topic: "roads", deputyIds: ["D-1", "D-2"] } };

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
