import { describe, expect, it } from "vitest";
import { deterministicEventId } from "./deterministic-id.js";

const uuidV5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("deterministicEventId", () => {
  it("is a version-5, RFC 4122 variant UUID", () => {
    for (let i = 0; i < 50; i++) expect(deterministicEventId("ledger-api", "D-1", `key-${i}`, String(i))).toMatch(uuidV5);
  });

  it("is stable for the same inputs", () => {
    expect(deterministicEventId("ledger-api", "D-1", "k", "0")).toBe(deterministicEventId("ledger-api", "D-1", "k", "0"));
  });

  it("differs by namespace, part, index and part boundaries", () => {
    const ids = new Set([
      deterministicEventId("ledger-api", "D-1", "k", "0"),
      deterministicEventId("ledger-api", "D-1", "k", "1"),
      deterministicEventId("ledger-api", "D-2", "k", "0"),
      deterministicEventId("other", "D-1", "k", "0"),
      deterministicEventId("ledger-api", "D-1k", "", "0"),
      deterministicEventId("ledger-api", "D-", "1k", "0"),
    ]);
    expect(ids.size).toBe(6);
  });
});
