import { statSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "./engine.test-support.js";
import { createSqliteReadModelStore, type SqliteReadModelStore } from "./sqlite-read-model-store.js";

const opened: SqliteReadModelStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
const open = (path = ":memory:"): SqliteReadModelStore => {
  const store = createSqliteReadModelStore({ path });
  opened.push(store);
  return store;
};

describe("SQLite read-model store", () => {
  it("puts and gets documents; a put replaces the index entries by a diff", async () => {
    const store = open();
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
    expect(store.snapshot().index.map((e) => `${e.key}:${e.value}:${e.sort}`)).toEqual(["b:v1:1", "a:v3:9"]);
    // With the previous entries given, the same result without reading them back.
    await store.transaction((w) => w.put("p", "a", { n: 4 }, [{ name: "x", value: "v4" }], [{ name: "x", value: "v3", sort: 9 }]));
    expect(store.snapshot().index.map((e) => `${e.key}:${e.value}:${e.sort}`)).toEqual(["b:v1:1", "a:v4:0"]);
  });

  it("queries ranges, both orders, keyset cursors, several values, mixed number/string sorts", async () => {
    const store = open();
    await store.transaction((w) => {
      for (let i = 1; i <= 6; i++) w.put("p", `k${i}`, { i }, [{ name: "n", value: i % 2 === 0 ? "even" : "odd", sort: i * 10 }]);
      w.put("p", "s", { s: true }, [{ name: "n", value: "odd", sort: "text" }]);
    });
    const keys = async (query: Parameters<SqliteReadModelStore["queryIndex"]>[1]) => (await store.queryIndex("p", query)).map((h) => h.key);
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
    const store = open();
    const entries = (i: number) => [
      { name: "unit", value: `u${i % 7}`, sort: i },
      { name: "state", value: i % 2 === 0 ? "open" : "closed" },
    ];
    await store.transaction((w) => {
      for (let i = 0; i < 450; i++) w.put("p", `k${String(i).padStart(3, "0")}`, { i }, entries(i));
    });
    expect(store.snapshot().index).toHaveLength(900);
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
    const stored = store.snapshot().index.map((e) => `${e.name}=${e.value}@${e.sort}:${e.key}`);
    expect(stored).toHaveLength(expected.size);
    expect(new Set(stored)).toEqual(expected);
    expect(await store.queryIndex("p", { name: "state", values: ["moved"], limit: 1000 })).toHaveLength(150);
  });

  it("deletes, drops a projection, and keeps other projections", async () => {
    const store = open();
    await store.transaction((w) => {
      w.put("p", "a", 1, [{ name: "x", value: "v" }]);
      w.put("p", "b", 2, [{ name: "x", value: "v" }]);
      w.put("q", "a", 3, [{ name: "x", value: "v" }]);
    });
    await store.transaction((w) => w.delete("p", "a"));
    expect(store.snapshot().docs.map((d) => `${d.projection}/${d.key}`)).toEqual(["p/b", "q/a"]);
    await store.transaction((w) => w.dropProjection("p"));
    expect(store.snapshot().docs.map((d) => `${d.projection}/${d.key}`)).toEqual(["q/a"]);
    expect(store.snapshot().index.map((e) => e.projection)).toEqual(["q"]);
  });

  it("a transaction is all or nothing; a checkpoint names the position it expects", async () => {
    const store = open();
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

  it("a read-only connection reads what the writer committed and refuses writes", async () => {
    const temp = tempDir("rm-store");
    try {
      const writer = open(`${temp.dir}/rm.sqlite`);
      await writer.transaction((w) => w.put("p", "a", { ok: true }));
      const reader = createSqliteReadModelStore({ path: `${temp.dir}/rm.sqlite`, readonly: true });
      opened.push(reader);
      expect(await reader.get("p", "a")).toEqual({ ok: true });
      await expect(reader.transaction((w) => w.put("p", "b", 1))).rejects.toThrow(/read-only/);
      await writer.close();
      await reader.close();
    } finally {
      temp.remove();
    }
  });

  it("a large transaction commits without copying the log into the file; the copy runs just after, and small ones keep SQLite's default", async () => {
    const temp = tempDir("rm-store");
    try {
      const path = `${temp.dir}/rm.sqlite`;
      const store = open(path);
      const fileBytes = (): number => statSync(path).size;
      const before = fileBytes();
      const doc = { text: "x".repeat(8000) };
      // 999 documents of 8 kB: past SQLite's 1000-page threshold, so the commit checkpoints itself.
      await store.transaction((w) => {
        for (let i = 0; i < 999; i++) w.put("small", `k${i}`, doc);
      });
      const afterSmall = fileBytes();
      expect(afterSmall).toBeGreaterThan(before + 999 * 8000);
      // 1000 documents: the commit leaves them in the write-ahead log...
      await store.transaction((w) => {
        for (let i = 0; i < 1000; i++) w.put("large", `k${i}`, doc);
      });
      expect(fileBytes()).toBe(afterSmall);
      expect(await store.get("large", "k999")).toEqual(doc);
      // ...and the checkpoint copies them into the file on the next turn of the event loop.
      await nextTurn();
      expect(fileBytes()).toBeGreaterThan(afterSmall + 1000 * 8000);
      // The automatic checkpoint is back for the next small commit.
      await store.transaction((w) => {
        for (let i = 0; i < 999; i++) w.put("again", `k${i}`, doc);
      });
      expect(fileBytes()).toBeGreaterThan(afterSmall + 1999 * 8000);
    } finally {
      temp.remove();
    }
  });
});
