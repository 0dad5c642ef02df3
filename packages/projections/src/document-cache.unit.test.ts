import { describe, expect, it } from "vitest";
import { createProjectionDocuments, evictDocuments, NOT_STORED, type CachedDocument } from "./document-cache.js";

const entry = (touched: number, dirty = false, stored: CachedDocument["stored"] = []): CachedDocument => ({ doc: { touched }, stored, dirty, touched });

describe("document cache", () => {
  it("a projection rebuilt in this run knows which keys the store cannot hold: none but those dropped from the cache", () => {
    const cache = createProjectionDocuments(true);
    const dropped = Array.from({ length: 50_000 }, (_, i) => `contact-C-${i}`);
    for (const key of dropped) cache.forget(key);
    // No false negative: every dropped key may be stored (it must be read back).
    expect(dropped.every((key) => cache.mayBeStored(key))).toBe(true);
    // Few false positives among keys never written (each costs one read that finds nothing).
    const fresh = Array.from({ length: 50_000 }, (_, i) => `suggestion-S-${i}`);
    const falsePositives = fresh.filter((key) => cache.mayBeStored(key)).length;
    expect(falsePositives / fresh.length).toBeLessThan(0.03);
  });

  it("a projection that was not rebuilt asks the store for every key it does not hold", () => {
    const cache = createProjectionDocuments(false);
    expect(cache.mayBeStored("contact-C-1")).toBe(true);
  });

  it("eviction drops clean documents only, least recently folded first, and remembers the stored ones", () => {
    const cache = createProjectionDocuments(true);
    cache.entries.set("old-clean", entry(1));
    cache.entries.set("old-dirty", entry(1, true));
    cache.entries.set("never-stored", entry(2, false, NOT_STORED));
    cache.entries.set("recent-clean", entry(9));
    cache.dirty.add("old-dirty");
    evictDocuments([cache], 2, 10, 2);
    expect([...cache.entries.keys()].sort()).toEqual(["old-dirty", "recent-clean"]);
    expect(cache.mayBeStored("old-clean")).toBe(true); // dropped, stored: read back if needed
    evictDocuments([cache], 0, 10, 2);
    expect([...cache.entries.keys()]).toEqual(["old-dirty"]); // a changed document stays until its commit
  });
});
