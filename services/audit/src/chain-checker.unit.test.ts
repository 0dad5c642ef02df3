import { hashEvent, type RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { createChainChecker } from "./chain-checker.js";

/** A valid chain of `count` events in `streamId`, positions from `firstPosition` (step `step`). */
const chain = (streamId: string, count: number, firstPosition = 1, step = 1): RecordedEvent[] => {
  const events: RecordedEvent[] = [];
  let prevHash: string | null = null;
  for (let revision = 0; revision < count; revision++) {
    const base = {
      id: `${streamId}-e${revision}`,
      type: "Thing",
      streamId,
      revision,
      position: firstPosition + revision * step,
      data: { n: revision, text: `value ${revision}` },
    };
    const metadata = { actor: { id: "office-1", role: "office" }, recordedAt: "2024-03-01T01:00:00.000Z", prevHash };
    const hash = hashEvent({ ...base, metadata });
    events.push({ ...base, metadata: { ...metadata, hash } });
    prevHash = hash;
  }
  return events;
};

const check = (events: readonly RecordedEvent[], densePositions = true) => {
  const checker = createChainChecker({ densePositions });
  for (const event of events) checker.add(event);
  return checker.report();
};

/** Interleaves streams a (odd positions) and b (even positions). */
const renumber = (events: readonly RecordedEvent[]): RecordedEvent[] => events.map((event, i) => ({ ...event, position: i + 1 }));

describe("createChainChecker", () => {
  it("accepts valid interleaved streams and counts them", () => {
    const a = chain("a", 3);
    const b = chain("b", 2);
    const report = check(renumber([a[0], b[0], a[1], b[1], a[2]] as RecordedEvent[]));
    expect(report).toMatchObject({ ok: true, streams: 2, events: 5, position: 5, problemCount: 0 });
  });

  it("names a gap that never fills missing, and one that fills later reordered", () => {
    const events = chain("a", 5);
    const missing = check(renumber([events[0], events[1], events[3], events[4]] as RecordedEvent[]));
    expect(missing.firstBroken).toMatchObject({ streamId: "a", revision: 3, problem: "missing", detail: "revision 2 is missing" });

    const late = check(renumber([events[0], events[3], events[1], events[2], events[4]] as RecordedEvent[]));
    expect(late.firstBroken).toMatchObject({ revision: 3, position: 2, problem: "reordered", detail: "revision 3 (position 2) comes before revision 1 (position 3) in the global order" });
    expect(late.problemCount).toBe(1);
  });

  it("names a revision seen twice reordered", () => {
    const events = chain("a", 3);
    const report = check(renumber([events[0], events[1], events[1]] as RecordedEvent[]));
    expect(report.firstBroken).toMatchObject({ revision: 1, position: 3, problem: "reordered", detail: "revision 1 appears twice" });
  });

  it("names a stream whose first revisions are absent missing", () => {
    const events = chain("a", 4);
    const report = check(renumber(events.slice(2)));
    expect(report.firstBroken).toMatchObject({ revision: 2, problem: "missing", detail: "revisions 0..1 are missing" });
  });

  it("names a first event that links to a predecessor altered", () => {
    const [first] = chain("a", 1) as [RecordedEvent];
    const metadata = { ...first.metadata, prevHash: "0".repeat(64) };
    const forged = { ...first, metadata: { ...metadata, hash: hashEvent({ ...first, metadata }) } };
    expect(check([forged]).firstBroken).toMatchObject({ problem: "altered", detail: expect.stringContaining("links to none") as unknown });
  });

  it("names damaged metadata altered without throwing", () => {
    const [first] = chain("a", 1) as [RecordedEvent];
    const damaged = { ...first, metadata: null } as unknown as RecordedEvent;
    expect(check([damaged]).firstBroken).toMatchObject({ eventId: first.id, problem: "altered" });
  });

  it("reports absent positions on a dense store only, and prefers a stream's break as the first broken", () => {
    const events = chain("a", 3, 1, 2); // positions 1, 3, 5
    expect(check(events, false).ok).toBe(true);
    const dense = check(events, true);
    expect(dense.ok).toBe(false);
    expect(dense.firstBroken).toMatchObject({ streamId: null, position: 2, problem: "missing", detail: "position 2 is absent from the log (an event was removed)" });
    const both = check([...events, ...chain("b", 3, 6).filter((e) => e.revision !== 1)], true);
    expect(both.firstBroken).toMatchObject({ streamId: "b", revision: 2, problem: "missing" });
    expect(both.problems.map((p) => [p.position, p.streamId])).toEqual([[2, null], [4, null], [7, null], [8, "b"]]);
  });

  it("reports positions that go backwards", () => {
    const a = chain("a", 1, 5);
    const b = chain("b", 1, 3);
    expect(check([...a, ...b], false).firstBroken).toMatchObject({ streamId: "b", position: 3, problem: "reordered" });
  });

  it("lists at most maxProblems but counts them all", () => {
    const checker = createChainChecker({ densePositions: false, maxProblems: 2 });
    for (let i = 0; i < 5; i++) checker.add(chain(`s${i}`, 2, 10 * i + 1)[1] as RecordedEvent);
    const report = checker.report();
    expect(report.problems).toHaveLength(2);
    expect(report).toMatchObject({ problemCount: 5, brokenStreams: 5 });
  });
});
