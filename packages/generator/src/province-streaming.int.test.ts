import { describe, expect, it } from "vitest";
import { generateHistory } from "./generate-history.js";

describe("generateHistory: the province profile streams", () => {
  it("yields its first 100,000 events lazily, in time order, without running ahead", () => {
    const iterator = generateHistory({ profile: "province", seed: 1 })[Symbol.iterator]();
    expect(iterator.plan.counties).toHaveLength(122);
    const started = performance.now();
    let consumed = 0;
    let maxAhead = 0;
    let maxPending = 0;
    let lastRecordedAt = "";
    let lastId = "";
    for (const append of iterator) {
      expect(append.recordedAt >= lastRecordedAt).toBe(true);
      lastRecordedAt = append.recordedAt;
      for (const event of append.events) {
        expect(event.id > lastId).toBe(true);
        lastId = event.id;
      }
      consumed += append.events.length;
      const stats = iterator.stats();
      maxAhead = Math.max(maxAhead, stats.events - consumed);
      maxPending = Math.max(maxPending, stats.pendingActions);
      if (consumed >= 100_000) break;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`province prefix: ${consumed} events in ${seconds.toFixed(1)} s (${Math.round(consumed / seconds)} events/s), agenda <= ${maxPending} actions`);
    // Generated only what was asked for: the simulation runs at most a handful of appends ahead.
    expect(maxAhead).toBeLessThan(100);
    // The agenda holds what is open now (one action per registry office, process, open case), not the history.
    expect(maxPending).toBeLessThan(50_000);
    expect(iterator.stats().progress).toBeLessThan(0.1);
  });

  it("keeps its agenda bounded over a whole (scaled-down) two-year province", () => {
    const iterator = generateHistory({ profile: "province", seed: 2, scale: 0.05 })[Symbol.iterator]();
    let events = 0;
    let maxPending = 0;
    for (const append of iterator) {
      events += append.events.length;
      maxPending = Math.max(maxPending, iterator.stats().pendingActions);
    }
    console.info(`province at scale 0.05: ${events} events, agenda <= ${maxPending} actions`);
    expect(events).toBeGreaterThan(20_000);
    expect(maxPending).toBeLessThan(events / 10);
    expect(iterator.stats().pendingActions).toBe(0);
  });
});
