import { join } from "node:path";
import { voidingEventType } from "@duty-ledger/domain";
import { newEventId, type RecordedEvent } from "@duty-ledger/event-store";
import { afterEach, describe, expect, it } from "vitest";
import { allProjections, retiredProjections } from "./all-projections.js";
import { capturingLogger, expectedSnapshot, openEventStore, readAllEvents, tempDir } from "./engine.test-support.js";
import { isCheckpointConflict, isProjectionError } from "./errors.js";
import { createProjectionEngine, type ProjectionEngine, type ProjectionProgress } from "./projection-engine.js";
import type { AnyProjection, Projection } from "./projection.js";
import { appendSampleLog, generateSampleLog } from "@duty-ledger/testing";
import { createSqliteReadModelStore, type SqliteReadModelStore } from "./sqlite-read-model-store.js";
import { combineProjections } from "./combined-projection.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { SUGGESTION_WATCH, suggestionWatchProjection, type SuggestionWatchDoc } from "./suggestion-watch-projection.js";
import { SUGGESTIONS, suggestionsProjection } from "./suggestions-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = () => {
  const temp = tempDir("engine");
  const store = openEventStore(temp.dir);
  const openReadModels = (): SqliteReadModelStore => {
    const readModels = createSqliteReadModelStore({ path: join(temp.dir, "read-models.sqlite") });
    cleanups.push(() => readModels.close());
    return readModels;
  };
  cleanups.push(async () => {
    await store.close();
    temp.remove();
  });
  return { dir: temp.dir, store, openReadModels };
};

const small = (seed: number) => generateSampleLog({ seed, deputies: 25, units: 6, stations: 4, contacts: 250, suggestions: 120, voidRate: 0.05 });

const started = async (engine: ProjectionEngine): Promise<ProjectionEngine> => {
  await engine.start();
  cleanups.push(() => engine.stop());
  return engine;
};

const expectMatchesFold = async (store: ReturnType<typeof setup>["store"], readModels: SqliteReadModelStore, projections: readonly AnyProjection[] = allProjections) => {
  const events = await readAllEvents(store);
  const head = events[events.length - 1]?.position ?? 0;
  const snapshot = readModels.snapshot();
  const expected = expectedSnapshot(projections, events);
  expect(snapshot.docs.length).toBe(expected.docs.length);
  expect(snapshot.docs).toEqual(expected.docs);
  expect(snapshot.index).toEqual(expected.index);
  expect(snapshot.checkpoints.map((c) => c.position)).toEqual(projections.map(() => head));
};

/** The events of the log some projection handles: what a catch-up reads of it. */
const handledEvents = async (store: ReturnType<typeof setup>["store"], projections: readonly AnyProjection[] = allProjections): Promise<RecordedEvent[]> => {
  // Every projection is folded again on a voiding of its streams: the engine reads them too.
  const handled = new Set([...projections.flatMap((p) => p.handles), voidingEventType]);
  return (await readAllEvents(store)).filter((event) => handled.has(event.type));
};

describe("projection engine on SQLite", () => {
  it("applies every event exactly once across many small batches, live appends and a restart", async () => {
    const { store, openReadModels } = setup();
    const head = await appendSampleLog(store, small(1));
    const readModels = openReadModels();
    const progress: ProjectionProgress[] = [];
    const engine = await started(
      createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger(), batchSize: 37, catchUpBatchSize: 37, onProgress: (p) => progress.push(p) }),
    );
    expect(await engine.waitFor(head, 30_000)).toBe(true);
    await expectMatchesFold(store, readModels);
    expect(progress.length).toBeGreaterThan((await handledEvents(store)).length / 37 - 1);
    expect(progress.every((p) => p.batch <= 37)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "live", position: head, percent: 100 });
    expect(await engine.lag()).toBe(0);

    // Live: events appended while the engine runs.
    const head2 = await appendSampleLog(store, small(2));
    expect(await engine.waitFor(head2, 30_000)).toBe(true);
    await expectMatchesFold(store, readModels);
    await engine.stop();

    // A restart continues from the checkpoints: nothing applied twice, nothing skipped.
    const head3 = await appendSampleLog(store, small(3));
    const again = await started(createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger(), batchSize: 500 }));
    expect(again.position()).toBe(head2);
    expect(await again.waitFor(head3, 30_000)).toBe(true);
    await expectMatchesFold(store, readModels);
    expect(again.status()).toMatchObject({ phase: "live", position: head3, error: null, rebuilding: [] });
  });

  it("a rebuild whose documents do not fit its cache (commits, evictions, reads back) gives the documents of one fold", async () => {
    const { store, openReadModels } = setup();
    const head = await appendSampleLog(store, small(9));
    const readModels = openReadModels();
    const progress: ProjectionProgress[] = [];
    // 25 changed documents per batch at most, 12 kept after a commit: most documents are dropped and read back.
    const engine = await started(
      createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger(), catchUpCachedDocs: 25, liveCachedDocs: 3, onProgress: (p) => progress.push(p) }),
    );
    expect(engine.status().rebuilding.length).toBe(allProjections.length);
    expect(await engine.waitFor(head, 30_000)).toBe(true);
    await expectMatchesFold(store, readModels);
    expect(progress.length, "commits while catching up").toBeGreaterThan(20);
    // Live, with a cache of 3 documents: appends touching documents dropped long ago.
    const head2 = await appendSampleLog(store, small(10));
    expect(await engine.waitFor(head2, 30_000)).toBe(true);
    await expectMatchesFold(store, readModels);
  });

  it("a catch-up that fits its cache is one batch, and logs its progress from the folding meanwhile", async () => {
    const { store, openReadModels } = setup();
    await appendSampleLog(store, small(7));
    // An event no projection reads (a backfill's grant; the sample log's types are all read): the engine skips it.
    const grant = { backfillId: "B-1", actorRole: "unit", actorId: "U-1", from: "2023-01-01T00:00:00+08:00", to: "2023-12-31T00:00:00+08:00", reason: "补录", expiresAt: "2099-01-01T00:00:00+08:00", grantedAt: "2024-01-01T00:00:00+08:00" };
    const { position: head } = await store.append("backfill-B-1", [{ id: newEventId(), type: "BackfillGranted", data: grant, metadata: { actor: { id: "office-1", role: "office" } } }]);
    const readModels = openReadModels();
    const logger = capturingLogger();
    const progress: ProjectionProgress[] = [];
    // Chunks of 500 events; fewer than 5000 documents in all, so no bound ends the batch before the head.
    const engine = await started(
      createProjectionEngine({ store, readModels, projections: allProjections, logger, catchUpCachedDocs: 5000, catchUpChunkSize: 500, progressLogIntervalMs: 0, onProgress: (p) => progress.push(p) }),
    );
    expect(await engine.waitFor(head, 30_000)).toBe(true);
    expect(readModels.snapshot().docs.length).toBeLessThan(5000);
    // Every event the projections handle, and no other, read in one batch.
    const read = (await handledEvents(store)).length;
    expect(read).toBeLessThan(head);
    expect(progress.map((p) => p.batch)).toEqual([read]);
    const logged = logger.lines.filter((l) => l.message === "projections: catching up").map((l) => l.object as { position: number; folded: number; percent: number });
    expect(logged.length).toBeGreaterThanOrEqual(Math.floor(read / 500) - 1);
    expect(logged.every((l) => l.position === 0 && l.folded > 0 && l.folded <= head)).toBe(true);
    expect(logged.map((l) => l.folded)).toEqual([...logged.map((l) => l.folded)].sort((a, b) => a - b));
    await expectMatchesFold(store, readModels);
  });

  it("folds a catch-up in chunks of catchUpChunkSize events, and refuses a chunk size that is not a positive integer", async () => {
    const { store, openReadModels } = setup();
    const head = await appendSampleLog(store, small(8));
    const readModels = openReadModels();
    for (const catchUpChunkSize of [0, 2.5, -1]) {
      expect(() => createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger(), catchUpChunkSize })).toThrow(RangeError);
    }
    const logger = capturingLogger();
    const engine = await started(createProjectionEngine({ store, readModels, projections: allProjections, logger, catchUpChunkSize: 7, progressLogIntervalMs: 0 }));
    expect(await engine.waitFor(head, 30_000)).toBe(true);
    // One progress line per chunk folded (none for the last, which reached the head and committed).
    const folded = logger.lines.filter((l) => l.message === "projections: catching up").map((l) => (l.object as { folded: number }).folded);
    const read = (await handledEvents(store)).length;
    expect(folded.length).toBeGreaterThanOrEqual(Math.floor(read / 7) - 1);
    expect(folded.length).toBeLessThanOrEqual(Math.ceil(read / 7));
    await expectMatchesFold(store, readModels);
  });

  it("reads only the types its projections handle, and still reaches the head when the last events are of other types, catching up and live", async () => {
    const { store, openReadModels } = setup();
    await appendSampleLog(store, small(11));
    const feedback = (contactId: string) => ({ id: newEventId(), type: "ContactFeedbackGiven", data: { contactId }, metadata: { actor: { id: "office-1", role: "office" } } });
    const { position: head } = await store.append("contact-C-tail", Array.from({ length: 120 }, () => feedback("C-tail")));
    const projections = [unitRegistryProjection as AnyProjection];
    const units = await handledEvents(store, projections);
    expect(units.at(-1)!.position).toBeLessThan(head - 100);
    const readModels = openReadModels();
    const progress: ProjectionProgress[] = [];
    const engine = await started(createProjectionEngine({ store, readModels, projections, logger: capturingLogger(), onProgress: (p) => progress.push(p) }));
    expect(await engine.waitFor(head, 30_000)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "live", position: head, events: units.length });
    expect((await readModels.checkpoint(projections[0]!.name))?.position).toBe(head);
    await expectMatchesFold(store, readModels, projections);
    // Live: an event no projection handles moves the checkpoint too (a write's minPosition is reached).
    const { position } = await store.append("contact-C-tail", [feedback("C-tail")]);
    expect(await engine.waitFor(position, 30_000)).toBe(true);
    expect(await engine.lag()).toBe(0);
  });

  it("stop() flushes the batch in progress and its checkpoint", async () => {
    const { store, openReadModels } = setup();
    const readModels = openReadModels();
    const engine = await started(
      createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger(), batchSize: 1_000_000, maxBatchWaitMs: 120_000 }),
    );
    const head = await appendSampleLog(store, small(4).slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the events reach the buffer, whose timer is far away
    expect(engine.position()).toBe(0);
    await engine.stop();
    expect(engine.position()).toBe(head);
    expect(engine.status().phase).toBe("stopped");
    await expectMatchesFold(store, readModels);
  });

  it("the documents a retired projection left are dropped at start, once, and the others kept", async () => {
    const { store, openReadModels } = setup();
    const head = await appendSampleLog(store, small(6));
    const readModels = openReadModels();
    // An earlier version of the code ran the watch list's part as a projection of its own.
    const earlier = await started(createProjectionEngine({ store, readModels, projections: [...allProjections, suggestionWatchProjection as AnyProjection], logger: capturingLogger() }));
    expect(await earlier.waitFor(head, 30_000)).toBe(true);
    await earlier.stop();
    expect(readModels.snapshot().docs.some((d) => d.projection === SUGGESTION_WATCH)).toBe(true);

    const logger = capturingLogger();
    const current = await started(createProjectionEngine({ store, readModels, projections: allProjections, retired: retiredProjections, logger }));
    expect(current.status().rebuilding).toEqual([]);
    const snapshot = readModels.snapshot();
    expect(snapshot.docs.filter((d) => d.projection === SUGGESTION_WATCH)).toEqual([]);
    expect(snapshot.index.filter((i) => i.projection === SUGGESTION_WATCH)).toEqual([]);
    expect(await readModels.checkpoint(SUGGESTION_WATCH)).toMatchObject({ position: 0 });
    expect(logger.lines.filter((l) => l.message === "projections: dropped the documents of a retired projection")).toHaveLength(1);
    const expected = expectedSnapshot(allProjections, await readAllEvents(store));
    expect(snapshot.docs).toEqual(expected.docs);
    expect(snapshot.index).toEqual(expected.index);
    await current.stop();

    const again = capturingLogger();
    await started(createProjectionEngine({ store, readModels, projections: allProjections, retired: retiredProjections, logger: again }));
    expect(again.lines.filter((l) => l.message === "projections: dropped the documents of a retired projection")).toEqual([]);
  });

  it("a version bump drops the projection's documents and rebuilds it from the start, reporting progress", async () => {
    const { store, openReadModels } = setup();
    const head = await appendSampleLog(store, small(5));
    const readModels = openReadModels();
    const first = await started(createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger() }));
    expect(await first.waitFor(head, 30_000)).toBe(true);
    await first.stop();
    const before = await readModels.checkpoints();

    const markedWatch: Projection<SuggestionWatchDoc & { shape?: string }> = {
      ...suggestionWatchProjection,
      apply: (doc, event) => ({ ...suggestionWatchProjection.apply(doc, event), shape: "v2" }),
    };
    const v2 = combineProjections(SUGGESTIONS, suggestionsProjection.version + 1, { watch: markedWatch, facts: scoringFactsProjection }) as AnyProjection;
    const projections = allProjections.map((p) => (p.name === SUGGESTIONS ? v2 : p));
    const logger = capturingLogger();
    const progress: ProjectionProgress[] = [];
    const second = await started(
      createProjectionEngine({ store, readModels, projections, logger, batchSize: 200, catchUpBatchSize: 200, progressLogIntervalMs: 1, onProgress: (p) => progress.push(p) }),
    );
    expect(second.status().rebuilding).toEqual([SUGGESTIONS]);
    expect(await second.waitFor(head, 30_000)).toBe(true);

    const docs = readModels.snapshot().docs.filter((d) => d.projection === SUGGESTIONS);
    expect(docs.length).toBeGreaterThan(100);
    // Every document the new code applied an event to (one whose every event was voided holds none).
    expect(docs.every((d) => (d.doc as { watch: { shape?: string; state: string | null } }).watch.shape === "v2" || (d.doc as { watch: { state: string | null } }).watch.state === null)).toBe(true);
    await expectMatchesFold(store, readModels, projections);
    const after = await readModels.checkpoints();
    expect(after.find((c) => c.projection === SUGGESTIONS)?.version).toBe(suggestionsProjection.version + 1);
    // The other projections were not rebuilt: their checkpoints did not move back.
    for (const checkpoint of before.filter((c) => c.projection !== SUGGESTIONS)) {
      expect(after.find((c) => c.projection === checkpoint.projection)?.version).toBe(checkpoint.version);
    }
    expect(logger.lines.some((l) => l.message?.includes("(re)building") && (l.object as { projection?: string }).projection === SUGGESTIONS)).toBe(true);
    expect(logger.lines.some((l) => l.message === "projections: catching up" && "eventsPerSecond" in l.object && "percent" in l.object)).toBe(true);
    expect(logger.lines.some((l) => l.message === "projections: caught up with the log")).toBe(true);
    expect(progress[0]).toMatchObject({ phase: "catching-up", rebuilding: [SUGGESTIONS] });
    expect(progress[0]!.percent).toBeLessThan(100);
    expect(progress.at(-1)).toMatchObject({ phase: "live", percent: 100 });
  });

  it("waitFor: true once the position is reached, false on timeout; refused before start", async () => {
    const { store, openReadModels } = setup();
    const readModels = openReadModels();
    const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: capturingLogger() });
    await expect(engine.waitFor(1, 10)).rejects.toMatchObject({ code: "ENGINE_NOT_RUNNING" });
    await started(engine);
    expect(await engine.waitFor(0, 10)).toBe(true);
    expect(await engine.waitFor(5, 50)).toBe(false);
    const waiting = engine.waitFor(5, 10_000);
    await appendSampleLog(store, small(6).slice(0, 10));
    expect(await waiting).toBe(true);
    await engine.stop();
    expect(await engine.waitFor(1_000_000, 10_000)).toBe(false); // a stopped engine answers at once
  });

  it("two projectors on one read-model file: the loser's commit is refused (CHECKPOINT_CONFLICT), nothing is applied twice", async () => {
    const { store, openReadModels } = setup();
    const failures: unknown[] = [];
    const a = await started(
      createProjectionEngine({ store, readModels: openReadModels(), projections: allProjections, logger: capturingLogger(), onFailure: (e) => failures.push(e) }),
    );
    const b = await started(
      createProjectionEngine({ store, readModels: openReadModels(), projections: allProjections, logger: capturingLogger(), onFailure: (e) => failures.push(e) }),
    );
    const head = await appendSampleLog(store, small(7).slice(0, 300));
    const reached = await Promise.all([a.waitFor(head, 10_000), b.waitFor(head, 10_000)]);
    expect(reached.filter(Boolean).length).toBe(1);
    expect(failures.length).toBe(1);
    expect(isCheckpointConflict(failures[0])).toBe(true);
    expect([a.status().phase, b.status().phase].sort()).toEqual(["failed", "live"]);
    const winner = a.status().phase === "live" ? a : b;
    expect(winner.position()).toBe(head);
    const readModels = openReadModels();
    await expectMatchesFold(store, readModels);
  });

  it("when the event store closes under it, the engine stops and says so", async () => {
    const { store, openReadModels } = setup();
    const logger = capturingLogger();
    const engine = await started(createProjectionEngine({ store, readModels: openReadModels(), projections: allProjections, logger }));
    const waiting = engine.waitFor(10, 10_000);
    await store.close();
    expect(await waiting).toBe(false);
    expect(engine.status().phase).toBe("stopped");
    expect(logger.lines.some((l) => l.level === "warn" && l.message?.includes("closed the subscription"))).toBe(true);
  });

  it("a projection that throws stops the engine at its last checkpoint (fail-stop, nothing half-applied)", async () => {
    const { store, openReadModels } = setup();
    // No voidings: the count is across streams (not a fold of one stream, which a voiding folds again).
    const log = generateSampleLog({ seed: 8, deputies: 25, units: 6, stations: 4, contacts: 250, suggestions: 120, voidRate: 0 });
    const head = await appendSampleLog(store, log);
    let applied = 0;
    const fragile: AnyProjection = {
      name: "fragile",
      version: 1,
      handles: ["ContactRecorded"],
      keysOf: () => ["count"],
      init: () => ({ n: 0 }),
      apply: (doc) => {
        applied++;
        if (applied === 100) throw new Error("bad event");
        return { n: (doc as { n: number }).n + 1 };
      },
    };
    const readModels = openReadModels();
    const failures: unknown[] = [];
    const engine = await started(
      createProjectionEngine({ store, readModels, projections: [fragile], logger: capturingLogger(), batchSize: 60, catchUpBatchSize: 60, onFailure: (e) => failures.push(e) }),
    );
    expect(await engine.waitFor(head, 2_000)).toBe(false);
    expect(engine.status()).toMatchObject({ phase: "failed" });
    expect(isProjectionError(failures[0]) && failures[0].code).toBe("PROJECTION_FAILED");
    const checkpoint = (await readModels.checkpoint("fragile"))?.position ?? -1;
    const events = await readAllEvents(store);
    const counted = events.filter((e) => e.type === "ContactRecorded" && e.position <= checkpoint).length;
    expect(await readModels.get("fragile", "count")).toEqual({ n: counted });
    expect(counted).toBeLessThan(100);
  });
});
