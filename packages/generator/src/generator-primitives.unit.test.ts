import { shanghaiIsoOf } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { createActionQueue } from "./action-queue.js";
import { createEventIdFactory } from "./event-id-factory.js";
import { createRandom } from "./random.js";
import { addWorkingTime, isWeekend, nextWorkingTime, previousWorkingTime } from "./working-time.js";

describe("seeded random", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const draw = (seed: number | string): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 8 }, () => random.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw("42")).not.toEqual(draw(43));
    expect(draw("abc")).toEqual(draw("abc"));
  });

  it("draws within its ranges with the expected means", () => {
    const random = createRandom(7);
    const n = 20_000;
    let sumPoisson = 0;
    let sumExp = 0;
    let hits = 0;
    for (let i = 0; i < n; i++) {
      const k = random.int(3, 5);
      expect(k >= 3 && k <= 5).toBe(true);
      sumPoisson += random.poisson(2);
      sumExp += random.exponential(10);
      if (random.chance(0.3)) hits++;
    }
    expect(sumPoisson / n).toBeCloseTo(2, 1);
    expect(sumExp / n).toBeGreaterThan(9.5);
    expect(sumExp / n).toBeLessThan(10.5);
    expect(hits / n).toBeCloseTo(0.3, 1);
    expect(new Set(random.distinct(10, 10)).size).toBe(10);
  });
});

describe("event ids", () => {
  it("are UUIDv7-shaped, carry the time and strictly increase, even within one millisecond", () => {
    const ids = createEventIdFactory(createRandom(1));
    const t = Date.parse("2024-03-01T09:30:00+08:00");
    const made = [ids(t), ids(t), ids(t), ids(t + 1), ids(t + 1.7), ids(t + 1000)];
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    expect(Number.parseInt(made[0]?.replace("-", "").slice(0, 12) ?? "", 16)).toBe(t);
  });
});

describe("working time (Shanghai)", () => {
  it("moves times into working hours, forwards and backwards", () => {
    const saturdayNight = Date.parse("2024-03-02T22:00:00+08:00");
    expect(shanghaiIsoOf(nextWorkingTime(saturdayNight), "second")).toBe("2024-03-04T08:30:00+08:00");
    expect(shanghaiIsoOf(previousWorkingTime(saturdayNight), "second")).toBe("2024-03-01T17:30:00+08:00");
    const fridayAfternoon = Date.parse("2024-03-01T17:00:00+08:00");
    expect(shanghaiIsoOf(addWorkingTime(fridayAfternoon, 60 * 60_000), "second")).toBe("2024-03-04T09:00:00+08:00");
    expect(isWeekend(Date.parse("2024-03-03T12:00:00+08:00"))).toBe(true);
  });
});

describe("action queue", () => {
  it("pops by time, then in the order scheduled", () => {
    const queue = createActionQueue();
    const order: string[] = [];
    for (const [at, name] of [[5, "a"], [1, "b"], [5, "c"], [3, "d"], [1, "e"]] as const) queue.push(at, () => order.push(name));
    for (let action = queue.pop(); action !== undefined; action = queue.pop()) action.run();
    expect(order).toEqual(["b", "e", "d", "a", "c"]);
  });
});
