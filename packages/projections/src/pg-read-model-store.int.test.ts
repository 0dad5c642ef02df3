import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isCheckpointConflict } from "./errors.js";
import { createMemoryReadModelStore } from "./memory-read-model-store.js";
import { SLICE_CHARS, SLICE_ROWS, sliceRanges } from "./pg-read-model-commit.js";
import { createPgReadModelStore, type PgReadModelStore } from "./pg-read-model-store.js";
import { readModelStoreConformance } from "./read-model-store.conformance.test-support.js";
import type { IndexEntry, IndexQuery, ReadModelStore } from "./read-model-store.js";
import { createReadModels, readModelProjections } from "./read-models.js";

/** The PostgreSQL adapter: one embedded server for the file (or DATABASE_URL), a fresh database per test. */
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const opened: PgReadModelStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
const open = (connectionString: string, readonly = false): PgReadModelStore => {
  const store = createPgReadModelStore({ connectionString, readonly, poolSize: 3 });
  opened.push(store);
  return store;
};

readModelStoreConformance("PostgreSQL", async () => open(await server.createDatabase()));

// The memory store (itself checked against SQLite) as the model of random transactions and queries.
const key = fc.constantFrom("a", "b", "c");
const value = fc.constantFrom("v1", "v2");
const sort = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom("x", "Y", "é"));
const entry: fc.Arbitrary<IndexEntry> = fc.record({ name: fc.constantFrom("i", "j"), value, sort: fc.option(sort, { nil: undefined }) }, { requiredKeys: ["name", "value"] });
const projection = fc.constantFrom("p", "q");
type Op =
  | { kind: "put"; projection: string; key: string; n: number; entries: IndexEntry[]; withPrevious: boolean }
  | { kind: "delete"; projection: string; key: string }
  | { kind: "checkpoint"; projection: string; position: number; expected: number | undefined }
  | { kind: "drop"; projection: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("put" as const), projection, key, n: fc.nat(9), entries: fc.array(entry, { maxLength: 3 }), withPrevious: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), projection, key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("checkpoint" as const), projection, position: fc.nat(3), expected: fc.option(fc.nat(3), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), projection }) },
);
const transaction = fc.record({ ops: fc.array(op, { maxLength: 6 }), fails: fc.boolean() });
const query: fc.Arbitrary<IndexQuery> = fc
  .record(
    {
      name: fc.constantFrom("i", "j"),
      values: fc.uniqueArray(value, { minLength: 1, maxLength: 2 }),
      min: sort,
      minExclusive: fc.boolean(),
      max: sort,
      maxExclusive: fc.boolean(),
      order: fc.constantFrom("asc" as const, "desc" as const),
      after: fc.record({ sort, key }),
      limit: fc.nat(4),
    },
    { requiredKeys: ["name", "values"] },
  )
  .map((q) => (q.limit === undefined ? q : { ...q, values: q.values.slice(0, 1) }));

/** Runs one transaction: committed, or not (a checkpoint conflict or the planned failure; which is seen first differs by adapter). */
const run = async (store: ReadModelStore, tx: { ops: Op[]; fails: boolean }, entriesOf: (projection: string, key: string) => Promise<IndexEntry[] | undefined>): Promise<string> => {
  const previous = new Map<string, IndexEntry[] | undefined>();
  for (const o of tx.ops) if (o.kind === "put" && o.withPrevious) previous.set(`${o.projection}/${o.key}`, await entriesOf(o.projection, o.key));
  try {
    await store.transaction((w) => {
      const known = new Map(previous);
      for (const o of tx.ops) {
        if (o.kind === "put") {
          const id = `${o.projection}/${o.key}`;
          const before = o.withPrevious ? known.get(id) : undefined;
          w.put(o.projection, o.key, { n: o.n }, o.entries, before);
          known.set(id, o.entries);
        } else if (o.kind === "delete") {
          w.delete(o.projection, o.key);
          known.set(`${o.projection}/${o.key}`, []);
        } else if (o.kind === "checkpoint") w.setCheckpoint(o.projection, 1, o.position, o.expected);
        else {
          w.dropProjection(o.projection);
          for (const id of known.keys()) if (id.startsWith(`${o.projection}/`)) known.set(id, []);
        }
      }
      if (tx.fails) throw new Error("planned");
    });
    return "committed";
  } catch (error) {
    if (isCheckpointConflict(error) || (error as Error).message === "planned") return "rolled back";
    throw error;
  }
};

describe("PostgreSQL read-model store", () => {
  it("answers every query, checkpoint and snapshot as the memory store does", async () => {
    const connectionString = await server.createDatabase();
    const pgStore = open(connectionString);
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { maxLength: 6 }), fc.array(query, { maxLength: 4 }), async (transactions, queries) => {
        round++;
        const memory = createMemoryReadModelStore();
        // Each round in projections of its own: p and q renamed.
        const rename = (tx: { ops: Op[]; fails: boolean }) => ({ ...tx, ops: tx.ops.map((o) => ({ ...o, projection: `${o.projection}${round}` })) });
        const entriesIn = (store: { snapshot(): unknown }) => async (p: string, k: string) => {
          const snap = (await store.snapshot()) as { docs: { projection: string; key: string }[]; index: { projection: string; key: string; name: string; value: string; sort: number | string }[] };
          if (!snap.docs.some((d) => d.projection === p && d.key === k)) return undefined;
          return snap.index.filter((e) => e.projection === p && e.key === k).map((e) => ({ name: e.name, value: e.value, sort: e.sort }));
        };
        try {
          for (const tx of transactions.map(rename)) expect(await run(pgStore, tx, entriesIn(pgStore))).toBe(await run(memory, tx, entriesIn(memory)));
          const mine = (snapshot: Awaited<ReturnType<PgReadModelStore["snapshot"]>>) => ({
            checkpoints: snapshot.checkpoints.filter((c) => c.projection.slice(1) === `${round}`),
            docs: snapshot.docs.filter((d) => d.projection.slice(1) === `${round}`),
            index: snapshot.index.filter((e) => e.projection.slice(1) === `${round}`),
          });
          expect(mine(await pgStore.snapshot())).toEqual(mine(memory.snapshot()));
          for (const q of queries) {
            for (const p of [`p${round}`, `q${round}`]) {
              expect(await pgStore.listByIndex(p, q)).toEqual(await memory.listByIndex(p, q));
              expect(await pgStore.queryIndex(p, q)).toEqual(await memory.queryIndex(p, q));
            }
          }
        } finally {
          await memory.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("a checkpoint's expected position guards it across connections; minPosition waits see another connection's commits", async () => {
    const connectionString = await server.createDatabase();
    const writerA = open(connectionString);
    const writerB = open(connectionString);
    const reader = open(connectionString, true);
    await expect(reader.transaction((w) => w.put("p", "a", 1))).rejects.toThrow(/read-only/);
    await writerA.transaction((w) => {
      for (const name of [...readModelProjections, "p"]) w.setCheckpoint(name, 1, 5);
    });
    // Two writers that both read the checkpoint at 5: one commits, the other is refused.
    const outcomes = await Promise.allSettled([
      writerA.transaction((w) => {
        w.put("p", "a", "A");
        w.setCheckpoint("p", 1, 6, 5);
      }),
      writerB.transaction((w) => {
        w.put("p", "a", "B");
        w.setCheckpoint("p", 1, 6, 5);
      }),
    ].map((p) => p.then(() => undefined)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(isCheckpointConflict(refused?.reason)).toBe(true);
    // A reader on its own pool waits for a position another connection commits later.
    const readModels = createReadModels(reader);
    expect(await readModels.position()).toBe(5);
    expect(await readModels.waitFor(7, 50)).toBe(false);
    const waiting = readModels.waitFor(7, 5000);
    setTimeout(() => {
      void writerB.transaction((w) => {
        for (const name of readModelProjections) w.setCheckpoint(name, 1, 7);
      });
    }, 100);
    expect(await waiting).toBe(true);
  });

  it("commits a transaction larger than one statement's slice (rows and characters), all of it or nothing", async () => {
    const store = open(await server.createDatabase());
    const rows = SLICE_ROWS * 2 + 17;
    const big = "引".repeat(SLICE_CHARS / 2); // a document of about half a slice: a few of them fill one
    await store.transaction((w) => {
      for (let i = 0; i < rows; i++) w.put("p", `k${i}`, { i, text: i % 4000 === 0 ? big : `"${i}"` }, [{ name: "n", value: i % 2 === 0 ? "even" : "odd", sort: i }]);
      w.setCheckpoint("p", 1, 1);
    });
    const even = await store.queryIndex("p", { name: "n", values: ["even"] });
    expect(even).toHaveLength(Math.ceil(rows / 2));
    expect(even.map((hit) => hit.sort)).toEqual(Array.from({ length: Math.ceil(rows / 2) }, (_, j) => 2 * j));
    expect(await store.get("p", "k8000")).toEqual({ i: 8000, text: big });
    expect(await store.get("p", `k${rows - 1}`)).toEqual({ i: rows - 1, text: `"${rows - 1}"` });
    // Rewritten with other entries, then refused at the checkpoint: nothing of it is written.
    await expect(
      store.transaction((w) => {
        for (let i = 0; i < rows; i++) w.put("p", `k${i}`, { i: -i }, [{ name: "n", value: "none" }]);
        w.setCheckpoint("p", 1, 2, 0);
      }),
    ).rejects.toSatisfy(isCheckpointConflict);
    expect(await store.queryIndex("p", { name: "n", values: ["none"] })).toEqual([]);
    expect(await store.get("p", "k1")).toEqual({ i: 1, text: '"1"' });
    // Deleted in one transaction: every document and entry goes.
    await store.transaction((w) => {
      for (let i = 0; i < rows; i++) w.delete("p", `k${i}`);
    });
    expect(await store.queryIndex("p", { name: "n", values: ["even", "odd"] })).toEqual([]);
  }, 120_000);
});

describe("sliceRanges", () => {
  it("covers every row once, at most SLICE_ROWS rows and about SLICE_CHARS characters a slice, a larger row alone", () => {
    expect(sliceRanges(0)).toEqual([]);
    expect(sliceRanges(SLICE_ROWS)).toEqual([[0, SLICE_ROWS]]);
    expect(sliceRanges(SLICE_ROWS + 1)).toEqual([[0, SLICE_ROWS], [SLICE_ROWS, SLICE_ROWS + 1]]);
    const chars = [SLICE_CHARS / 2, SLICE_CHARS / 2, 1, SLICE_CHARS * 3, 5];
    expect(sliceRanges(chars.length, (row) => chars[row] as number)).toEqual([[0, 2], [2, 3], [3, 4], [4, 5]]);
  });
});
