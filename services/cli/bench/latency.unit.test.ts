import { describe, expect, it } from "vitest";
import { latencySummary, percentile } from "./latency.js";

describe("latency figures", () => {
  it("takes the nearest rank: the p99 of 100 times is the 99th, of 1000 the 990th", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(Array.from({ length: 1000 }, (_, i) => i + 1), 99)).toBe(990);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBeNaN();
  });

  it("merges the times of several load generators before ranking them", () => {
    const fast = Array.from({ length: 99 }, () => 1);
    const slow = [50, 60];
    const summary = latencySummary(fast, slow);
    expect(summary).toEqual({ count: 101, p50: 1, p99: 50, max: 60 });
    // Averaging each generator's p99 would have said (1 + 60) / 2.
    expect(latencySummary([3, 1, 2])).toEqual({ count: 3, p50: 2, p99: 3, max: 3 });
  });
});
