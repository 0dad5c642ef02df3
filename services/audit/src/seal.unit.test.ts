import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSealHasher, formatSeal, parseSeal } from "./seal.js";

describe("seal", () => {
  it("is SHA-256 over the event hashes, one per line, as `jq -r .hash | sha256sum` computes it", () => {
    const hashes = ["a".repeat(64), "b".repeat(64), "c".repeat(64)];
    const hasher = createSealHasher();
    for (const hash of hashes) hasher.add(hash);
    const expected = createHash("sha256").update(hashes.map((h) => `${h}\n`).join("")).digest("hex");
    expect(hasher.seal()).toEqual({ events: 3, digest: expected });
    expect(formatSeal(hasher.seal())).toBe(`dlseal1:3:${expected}`);
  });

  it("can be read while the hasher goes on", () => {
    const hasher = createSealHasher();
    hasher.add("a".repeat(64));
    const first = hasher.seal();
    hasher.add("b".repeat(64));
    expect(hasher.seal().digest).not.toBe(first.digest);
    expect(createSealHasher().seal().digest).toBe(createHash("sha256").digest("hex"));
  });

  it("parses its own text and refuses others", () => {
    const seal = { events: 12, digest: "f".repeat(64) };
    expect(parseSeal(` ${formatSeal(seal)}\n`)).toEqual(seal);
    expect(parseSeal(`dlseal1:12:${"F".repeat(64)}`)).toBeNull();
    expect(parseSeal(`dlseal2:12:${"f".repeat(64)}`)).toBeNull();
    expect(parseSeal("dlseal1:-1:abc")).toBeNull();
  });
});
