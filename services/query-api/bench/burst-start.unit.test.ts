import { describe, expect, it } from "vitest";
import { burstStartOf } from "./burst-start.js";

describe("burstStartOf", () => {
  it("finds the slowest 1 % sent just after the ticks", () => {
    // 200 answers over two seconds, one every 10 ms; the two slowest left 5 ms and 1,005 ms in.
    const sentAt = Array.from({ length: 200 }, (_, i) => i * 10 + 5);
    const latencies = sentAt.map((at) => (at % 1000 === 5 ? 20 : 1));
    expect(burstStartOf(latencies, sentAt)).toEqual({ windowMs: 50, slowest: 2, slowestShare: 1, allShare: 10 / 200 });
  });

  it("shows a tail that has nothing to do with the ticks", () => {
    const sentAt = Array.from({ length: 200 }, (_, i) => i * 10 + 5);
    const latencies = sentAt.map((at) => (at === 505 || at === 1505 ? 20 : 1));
    expect(burstStartOf(latencies, sentAt, 50)?.slowestShare).toBe(0);
  });

  it("takes at least one answer as the slowest, and none gives no figure", () => {
    expect(burstStartOf([3, 9], [2000, 1500])).toEqual({ windowMs: 50, slowest: 1, slowestShare: 0, allShare: 0.5 });
    expect(burstStartOf([], [])).toBeUndefined();
  });

  it("refuses latencies and send times that do not pair up", () => {
    expect(() => burstStartOf([1, 2], [0])).toThrow(RangeError);
  });
});
