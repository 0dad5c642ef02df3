import { foldProjection, recordEvents } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { allProjections } from "./all-projections.js";
import { applyBatch, createCursor, planBatch, type ProjectionCursor } from "./apply-batch.js";
import { isProjectionError } from "./errors.js";
import type { AnyProjection } from "./projection.js";
import { generateSampleLog } from "@duty-ledger/testing";

const log = recordEvents(
  generateSampleLog({ seed: 4, deputies: 15, units: 4, stations: 3, contacts: 120, suggestions: 80, voidRate: 0.08 }).flatMap((a) =>
    a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as never),
  ),
);

/** Applies the log in batches of `size` over an in-memory "store", moving checkpoints like the engine. */
const inBatches = (size: number, projections: readonly AnyProjection[]): Map<string, unknown>[] => {
  const stored = projections.map(() => new Map<string, unknown>());
  let cursors: ProjectionCursor[] = projections.map((p) => createCursor(p, 0));
  for (let i = 0; i < log.length; i += size) {
    const batch = log.slice(i, i + size);
    const plan = planBatch(cursors, batch);
    const loaded = plan.keys.map((keys, c) => new Map([...keys].filter((k) => stored[c]!.has(k)).map((k) => [k, stored[c]!.get(k)])));
    const changed = applyBatch(cursors, plan, loaded);
    changed.forEach((docs, c) => docs.forEach((doc, key) => stored[c]!.set(key, doc)));
    const last = batch[batch.length - 1]!.position;
    cursors = cursors.map((c) => ({ ...c, checkpoint: last }));
  }
  return stored;
};

describe("applyBatch", () => {
  it("any batch size gives the documents of one fold over the whole log", () => {
    const expected = allProjections.map((p) => foldProjection(p, log));
    for (const size of [1, 7, 250, log.length]) {
      const stored = inBatches(size, allProjections);
      stored.forEach((docs, c) => expect(docs).toEqual(expected[c]));
    }
  });

  it("skips events at or before a projection's checkpoint (no event applied twice)", () => {
    const [projection] = allProjections as [AnyProjection];
    const half = log[Math.floor(log.length / 2)]!.position;
    const plan = planBatch([createCursor(projection, half)], log);
    expect(plan.routes.every((r) => r.event.position > half)).toBe(true);
  });

  it("only changed documents are returned", () => {
    const unchanged: AnyProjection = { name: "noop", version: 1, handles: ["ContactRecorded"], keysOf: () => ["k"], init: () => ({}), apply: (doc) => doc };
    const cursors = [createCursor(unchanged, 0)];
    const changed = applyBatch(cursors, planBatch(cursors, log), [new Map()]);
    expect(changed[0]!.size).toBe(0);
  });

  it("a projection that throws fails the batch with PROJECTION_FAILED naming the event", () => {
    const broken: AnyProjection = {
      name: "broken",
      version: 1,
      handles: ["ContactRecorded"],
      keysOf: () => ["k"],
      init: () => ({}),
      apply: () => {
        throw new Error("boom");
      },
    };
    const cursors = [createCursor(broken, 0)];
    try {
      applyBatch(cursors, planBatch(cursors, log), [new Map()]);
      expect.fail("applyBatch should have thrown");
    } catch (error) {
      expect(isProjectionError(error) && error.code === "PROJECTION_FAILED").toBe(true);
      expect((error as Error).message).toMatch(/projection broken failed on event .* boom/);
    }
  });
});
