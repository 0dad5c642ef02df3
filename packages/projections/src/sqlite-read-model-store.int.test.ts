import { statSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "./engine.test-support.js";
import { readModelStoreConformance } from "./read-model-store.conformance.test-support.js";
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

readModelStoreConformance("SQLite", async () => open());

describe("SQLite read-model store", () => {
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
