import { Subject } from "rxjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { batchEvents } from "./batch-events.js";

afterEach(() => vi.useRealTimers());

const collect = (limits: Parameters<typeof batchEvents<number>>[0]) => {
  const source = new Subject<number>();
  const batches: number[][] = [];
  const events: string[] = [];
  source.pipe(batchEvents(limits)).subscribe({
    next: (batch) => batches.push(batch),
    error: (error: Error) => events.push(`error ${error.message}`),
    complete: () => events.push("complete"),
  });
  return { source, batches, events };
};

describe("batchEvents", () => {
  it("emits full batches at once, and the rest after the wait", () => {
    vi.useFakeTimers();
    const { source, batches } = collect({ maxSize: 3, maxWaitMs: 50 });
    for (const n of [1, 2, 3, 4]) source.next(n);
    expect(batches).toEqual([[1, 2, 3]]);
    vi.advanceTimersByTime(49);
    expect(batches).toEqual([[1, 2, 3]]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it("on completion emits the batch in progress, then completes; on error drops it", () => {
    const done = collect({ maxSize: 10, maxWaitMs: 1000 });
    done.source.next(1);
    done.source.complete();
    expect(done.batches).toEqual([[1]]);
    expect(done.events).toEqual(["complete"]);
    const failed = collect({ maxSize: 10, maxWaitMs: 1000 });
    failed.source.next(1);
    failed.source.error(new Error("store closed"));
    expect(failed.batches).toEqual([]);
    expect(failed.events).toEqual(["error store closed"]);
  });
});
