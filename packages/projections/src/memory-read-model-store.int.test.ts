import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCheckpointConflict } from "./errors.js";
import { createMemoryReadModelStore } from "./memory-read-model-store.js";
import type { IndexEntry, IndexQuery, ReadModelStore } from "./read-model-store.js";
import { createSqliteReadModelStore } from "./sqlite-read-model-store.js";

/** The memory store answers as the SQLite store does, on any sequence of transactions and queries. */

const key = fc.constantFrom("a", "b", "c", "d", "e");
const value = fc.constantFrom("v1", "v2", "v3");
const sort = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom("x", "y"));
const entry: fc.Arbitrary<IndexEntry> = fc.record({ name: fc.constantFrom("i", "j"), value, sort: fc.option(sort, { nil: undefined }) }, { requiredKeys: ["name", "value"] });

type Op =
  | { readonly kind: "put"; readonly projection: string; readonly key: string; readonly n: number; readonly entries: IndexEntry[] }
  | { readonly kind: "delete"; readonly projection: string; readonly key: string }
  | { readonly kind: "checkpoint"; readonly projection: string; readonly position: number; readonly expected: number | undefined }
  | { readonly kind: "drop"; readonly projection: string };

const projection = fc.constantFrom("p", "q");
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("put" as const), projection, key, n: fc.nat(9), entries: fc.array(entry, { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), projection, key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("checkpoint" as const), projection, position: fc.nat(5), expected: fc.option(fc.nat(5), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), projection }) },
);
/** A transaction: its writes, and whether it throws at the end (nothing may stay of it). */
const transaction = fc.record({ ops: fc.array(op, { maxLength: 6 }), fails: fc.boolean() });

const query: fc.Arbitrary<IndexQuery> = fc.record(
  {
    name: fc.constantFrom("i", "j"),
    values: fc.uniqueArray(value, { minLength: 1, maxLength: 3 }),
    min: sort,
    minExclusive: fc.boolean(),
    max: sort,
    maxExclusive: fc.boolean(),
    order: fc.constantFrom("asc" as const, "desc" as const),
    after: fc.record({ sort, key }),
    limit: fc.nat(6),
  },
  { requiredKeys: ["name", "values"] },
  // With a limit, one value: which of two hits tied on (sort, key) under two values comes first is left open by the port.
).map((q) => (q.limit === undefined ? q : { ...q, values: q.values.slice(0, 1) }));

/** Hits in the port's order, (sort, key); ties across values (an order the port leaves open) by value. */
const canonical = <H extends { key: string; value: string; sort: number | string }>(hits: readonly H[]): H[] => {
  const out = [...hits];
  for (let i = 0; i < out.length; ) {
    let j = i + 1;
    while (j < out.length && out[j]!.key === out[i]!.key && out[j]!.sort === out[i]!.sort) j++;
    out.splice(i, j - i, ...out.slice(i, j).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)));
    i = j;
  }
  return out;
};

/** Runs one transaction; its outcome (committed, a checkpoint conflict, or the planned failure). */
const run = async (store: ReadModelStore, tx: { ops: Op[]; fails: boolean }): Promise<string> => {
  try {
    await store.transaction((w) => {
      for (const o of tx.ops) {
        if (o.kind === "put") w.put(o.projection, o.key, { n: o.n }, o.entries);
        else if (o.kind === "delete") w.delete(o.projection, o.key);
        else if (o.kind === "checkpoint") w.setCheckpoint(o.projection, 1, o.position, o.expected);
        else w.dropProjection(o.projection);
      }
      if (tx.fails) throw new Error("planned");
    });
    return "committed";
  } catch (error) {
    return isCheckpointConflict(error) ? "conflict" : (error as Error).message;
  }
};

describe("memory read-model store", () => {
  it("answers every query, checkpoint and snapshot as the SQLite store does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { maxLength: 8 }), fc.array(query, { maxLength: 6 }), async (transactions, queries) => {
        const memory = createMemoryReadModelStore();
        const sqlite = createSqliteReadModelStore({ path: ":memory:" });
        try {
          for (const tx of transactions) expect(await run(memory, tx)).toBe(await run(sqlite, tx));
          expect(memory.snapshot()).toEqual(sqlite.snapshot());
          for (const q of queries) {
            for (const p of ["p", "q"]) {
              expect(canonical(await memory.listByIndex(p, q))).toEqual(canonical(await sqlite.listByIndex(p, q)));
              expect(canonical(await memory.queryIndex(p, q))).toEqual(canonical(await sqlite.queryIndex(p, q)));
            }
          }
          expect((await memory.checkpoints()).map(({ updatedAt: _, ...rest }) => rest)).toEqual((await sqlite.checkpoints()).map(({ updatedAt: _, ...rest }) => rest));
          expect(await memory.getMany("p", ["a", "b", "zz"])).toEqual(await sqlite.getMany("p", ["a", "b", "zz"]));
        } finally {
          await memory.close();
          await sqlite.close();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an async transaction function and a closed store", async () => {
    const store = createMemoryReadModelStore();
    await expect(store.transaction(async () => undefined)).rejects.toThrow(/must not be async/);
    await store.close();
    await expect(store.get("p", "a")).rejects.toThrow(/closed/);
  });
});

describe("memory read-model store: one index value under many documents", () => {
  it("removes documents in any order in time proportional to their number, keeping the others' hits", async () => {
    // The province's `registered` index holds every deputy under one value; the replay deletes
    // them one by one. Removing by a scan of the value's entries took quadratic time (minutes).
    const count = 100_000;
    const store = createMemoryReadModelStore();
    const keys = Array.from({ length: count }, (_, i) => `k${String(i).padStart(6, "0")}`);
    await store.transaction((writer) => {
      for (const k of keys) writer.put("p", k, { k }, [{ name: "all", value: "one", sort: 1 }]);
    });
    const order = fc.sample(fc.shuffledSubarray(keys, { minLength: count / 2, maxLength: count / 2 }), { numRuns: 1, seed: 7 })[0] ?? [];
    const start = performance.now();
    for (const k of order) await store.transaction((writer) => writer.delete("p", k));
    const seconds = (performance.now() - start) / 1000;
    const removed = new Set(order);
    const hits = await store.queryIndex("p", { name: "all", values: ["one"] });
    expect(hits.map((hit) => hit.key)).toEqual(keys.filter((k) => !removed.has(k)));
    expect(seconds).toBeLessThan(5); // ~0.1 s; by a scan, 50 000 × 75 000 entries compared
    await store.close();
  });
});
