import { describe, expect, it } from "vitest";
import { createKeyedLock } from "./keyed-lock.js";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("createKeyedLock", () => {
  it("runs work on one key one after the other, in call order, even when some fail", async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const job = (name: string, fail = false) => async (): Promise<string> => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([lock.run("k", job("a")), lock.run("k", job("b", true)), lock.run("k", job("c"))]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("runs work on different keys concurrently", async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const job = (name: string) => async (): Promise<void> => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([lock.run("x", job("x")), lock.run("y", job("y"))]);
    expect(log.slice(0, 2).sort()).toEqual(["start x", "start y"]);
  });

  it("turns a synchronous throw into a rejection and keeps the key usable", async () => {
    const lock = createKeyedLock();
    const boom = (): Promise<never> => {
      throw new Error("boom");
    };
    await expect(lock.run("k", boom)).rejects.toThrow("boom");
    await expect(lock.run("k", async () => 42)).resolves.toBe(42);
  });
});
