import { describe, expect, it } from "vitest";
import type { IndexQuery, ReadModelStore } from "./read-model-store.js";
import type { ReadModelSnapshot } from "./sqlite-read-model-store.js";

/** A read-model store under test, with its whole content (`snapshot`, sync or not). */
export type StoreUnderTest = ReadModelStore & { snapshot(): ReadModelSnapshot | Promise<ReadModelSnapshot> };

/**
 * What every adapter of the read-model store port must do (SQLite, PostgreSQL): run by each
 * adapter's integration test with `open` giving a fresh, empty store (closed by the caller).
 */
export const readModelStoreConformance = (adapter: string, open: () => Promise<StoreUnderTest>): void => {
  describe(`read-model store conformance: ${adapter}`, () => {
    it("puts and gets documents; a put replaces the index entries by a diff", async () => {
      const store = await open();
      await store.transaction((w) => {
        w.put("p", "a", { n: 1 }, [
          { name: "x", value: "v1", sort: 2 },
          { name: "x", value: "v2" },
        ]);
        w.put("p", "b", { n: 2 }, [{ name: "x", value: "v1", sort: 1 }]);
      });
      expect(await store.get("p", "a")).toEqual({ n: 1 });
      expect(await store.get("p", "zz")).toBeUndefined();
      expect(await store.getMany("p", ["a", "zz", "b"])).toEqual(new Map([["a", { n: 1 }], ["b", { n: 2 }]]));
      expect(await store.queryIndex("p", { name: "x", values: ["v1"] })).toEqual([
        { key: "b", value: "v1", sort: 1 },
        { key: "a", value: "v1", sort: 2 },
      ]);
      await store.transaction((w) => w.put("p", "a", { n: 3 }, [{ name: "x", value: "v3", sort: 9 }]));
      expect((await store.snapshot()).index.map((e) => `${e.key}:${e.value}:${e.sort}`)).toEqual(["b:v1:1", "a:v3:9"]);
      // With the previous entries given, the same result without reading them back.
      await store.transaction((w) => w.put("p", "a", { n: 4 }, [{ name: "x", value: "v4" }], [{ name: "x", value: "v3", sort: 9 }]));
      expect((await store.snapshot()).index.map((e) => `${e.key}:${e.value}:${e.sort}`)).toEqual(["b:v1:1", "a:v4:0"]);
    });

    it("queries ranges, both orders, keyset cursors, several values, mixed number/string sorts", async () => {
      const store = await open();
      await store.transaction((w) => {
        for (let i = 1; i <= 6; i++) w.put("p", `k${i}`, { i }, [{ name: "n", value: i % 2 === 0 ? "even" : "odd", sort: i * 10 }]);
        w.put("p", "s", { s: true }, [{ name: "n", value: "odd", sort: "text" }]);
      });
      const keys = async (query: IndexQuery) => (await store.queryIndex("p", query)).map((h) => h.key);
      expect(await keys({ name: "n", values: ["odd"] })).toEqual(["k1", "k3", "k5", "s"]);
      expect(await keys({ name: "n", values: ["odd", "even"], min: 20, max: 50, maxExclusive: true })).toEqual(["k2", "k3", "k4"]);
      expect(await keys({ name: "n", values: ["odd", "even"], order: "desc", max: 60, limit: 2 })).toEqual(["k6", "k5"]);
      expect(await keys({ name: "n", values: ["odd", "even"], order: "desc", max: 60, after: { sort: 50, key: "k5" }, limit: 2 })).toEqual(["k4", "k3"]);
      expect(await keys({ name: "n", values: [] })).toEqual([]);
      const listed = await store.listByIndex<{ i: number }>("p", { name: "n", values: ["even"], min: 40 });
      expect(listed).toEqual([
        { key: "k4", value: "even", sort: 40, doc: { i: 4 } },
        { key: "k6", value: "even", sort: 60, doc: { i: 6 } },
      ]);
    });

    it("a transaction of many index rows writes each of them, its deletions among them in order", async () => {
      const store = await open();
      const entries = (i: number) => [
        { name: "unit", value: `u${i % 7}`, sort: i },
        { name: "state", value: i % 2 === 0 ? "open" : "closed" },
      ];
      await store.transaction((w) => {
        for (let i = 0; i < 450; i++) w.put("p", `k${String(i).padStart(3, "0")}`, { i }, entries(i));
      });
      expect((await store.snapshot()).index).toHaveLength(900);
      // Rewrites whose deletions fall among the insertions (sorted together), a row deleted and
      // inserted again in one transaction, and duplicates of rows already there (ignored).
      await store.transaction((w) => {
        for (let i = 0; i < 450; i += 3) w.put("p", `k${String(i).padStart(3, "0")}`, { i }, [{ name: "unit", value: `u${i % 7}`, sort: i }, { name: "state", value: "moved" }], entries(i));
        w.put("p", "k001", { i: 1 }, [{ name: "state", value: "closed" }], entries(1));
        w.put("p", "k001", { i: 1 }, entries(1), [{ name: "state", value: "closed" }]);
        for (let i = 450; i < 700; i++) w.put("p", `k${i}`, { i }, entries(i));
      });
      const expected = new Set<string>();
      for (let i = 0; i < 700; i++) {
        const key = i < 450 ? `k${String(i).padStart(3, "0")}` : `k${i}`;
        expected.add(`unit=u${i % 7}@${i}:${key}`);
        expected.add(`state=${i < 450 && i % 3 === 0 ? "moved" : i % 2 === 0 ? "open" : "closed"}@0:${key}`);
      }
      const stored = (await store.snapshot()).index.map((e) => `${e.name}=${e.value}@${e.sort}:${e.key}`);
      expect(stored).toHaveLength(expected.size);
      expect(new Set(stored)).toEqual(expected);
      expect(await store.queryIndex("p", { name: "state", values: ["moved"], limit: 1000 })).toHaveLength(150);
    });

    it("deletes, drops a projection, and keeps other projections", async () => {
      const store = await open();
      await store.transaction((w) => {
        w.put("p", "a", 1, [{ name: "x", value: "v" }]);
        w.put("p", "b", 2, [{ name: "x", value: "v" }]);
        w.put("q", "a", 3, [{ name: "x", value: "v" }]);
      });
      await store.transaction((w) => w.delete("p", "a"));
      expect((await store.snapshot()).docs.map((d) => `${d.projection}/${d.key}`)).toEqual(["p/b", "q/a"]);
      await store.transaction((w) => w.dropProjection("p"));
      expect((await store.snapshot()).docs.map((d) => `${d.projection}/${d.key}`)).toEqual(["q/a"]);
      expect((await store.snapshot()).index.map((e) => e.projection)).toEqual(["q"]);
    });

    it("a transaction is all or nothing; a checkpoint names the position it expects", async () => {
      const store = await open();
      await store.transaction((w) => w.setCheckpoint("p", 1, 10));
      await expect(
        store.transaction((w) => {
          w.put("p", "a", 1);
          w.setCheckpoint("p", 1, 20, 15);
        }),
      ).rejects.toMatchObject({ code: "CHECKPOINT_CONFLICT", expected: 15, actual: 10 });
      expect(await store.get("p", "a")).toBeUndefined();
      expect(await store.checkpoint("p")).toMatchObject({ projection: "p", version: 1, position: 10 });
      await store.transaction((w) => w.setCheckpoint("p", 2, 20, 10));
      expect((await store.checkpoints()).map((c) => [c.projection, c.version, c.position])).toEqual([["p", 2, 20]]);
      await expect(store.transaction(async () => undefined)).rejects.toThrow(/must not be async/);
    });

    it("plays a transaction's writes in order: a drop, puts and deletes of one document, checkpoints set twice", async () => {
      const store = await open();
      await store.transaction((w) => {
        w.put("p", "a", 1, [{ name: "x", value: "v", sort: "s" }]);
        w.put("p", "b", 2, [{ name: "x", value: "v", sort: 1 }]);
        w.put("q", "a", 3, [{ name: "x", value: "v" }]);
      });
      await store.transaction((w) => {
        w.put("p", "c", 9, [{ name: "x", value: "v" }]);
        w.dropProjection("p");
        w.put("p", "b", 4, [{ name: "x", value: "w", sort: 2 }]);
        w.delete("q", "a");
        w.put("q", "a", 5, [{ name: "y", value: "v" }]);
        w.put("q", "z", 6);
        w.delete("q", "z");
        w.setCheckpoint("p", 1, 3);
        w.setCheckpoint("p", 1, 4, 3);
      });
      const snapshot = await store.snapshot();
      expect(snapshot.docs.map((d) => `${d.projection}/${d.key}=${String(d.doc)}`)).toEqual(["p/b=4", "q/a=5"]);
      expect(snapshot.index.map((e) => `${e.projection}/${e.key}:${e.name}=${e.value}@${e.sort}`)).toEqual(["p/b:x=w@2", "q/a:y=v@0"]);
      expect(snapshot.checkpoints).toEqual([{ projection: "p", version: 1, position: 4 }]);
      await expect(store.transaction((w) => w.put("p", "n", 1, [{ name: "x", value: "v", sort: Number.NaN }]))).rejects.toThrow(/finite/);
      expect(await store.get("p", "n")).toBeUndefined();
    });
  });
};
