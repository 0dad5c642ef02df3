import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createKeyedQueue } from "./esdb-stream-queue.js";

describe("createKeyedQueue", () => {
  it("runs the tasks of one key one at a time, in call order, and those of other keys alongside", async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async (): Promise<string> => {
      log.push(`start ${name}`);
      await delay(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run("a", task("a1", 30)), queue.run("a", task("a2", 1)), queue.run("b", task("b1", 5))]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("start a2")).toBeGreaterThan(log.indexOf("end a1"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });

  it("goes on after a failed task, passes its error to its caller, and forgets idle keys", async () => {
    const queue = createKeyedQueue();
    const failing = queue.run("a", async () => {
      throw new Error("boom");
    });
    const next = queue.run("a", async () => "next");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next");
    await delay(0);
    expect(queue.size).toBe(0);
  });
});
