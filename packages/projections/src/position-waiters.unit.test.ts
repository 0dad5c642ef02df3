import { describe, expect, it } from "vitest";
import { createPositionWaiters } from "./position-waiters.js";

describe("position waiters", () => {
  it("resolve true when a settle finds their position reached, the others keep waiting", async () => {
    let position = 0;
    const waiters = createPositionWaiters(() => position);
    const near = waiters.wait(5, 10_000);
    const far = waiters.wait(50, 30);
    position = 7;
    waiters.settle(false);
    expect(await near).toBe(true);
    expect(await far).toBe(false); // its timeout, the position not reached
  });

  it("a timeout resolves with whether the position was reached meanwhile", async () => {
    let position = 0;
    const waiters = createPositionWaiters(() => position);
    const waiting = waiters.wait(3, 20);
    position = 3; // reached, but nobody settled
    expect(await waiting).toBe(true);
  });

  it("settle(all) resolves every waiter, false unless reached", async () => {
    const waiters = createPositionWaiters(() => 4);
    const reached = waiters.wait(4, 10_000);
    const not = waiters.wait(9, 10_000);
    waiters.settle(true);
    expect(await Promise.all([reached, not])).toEqual([true, false]);
  });
});
