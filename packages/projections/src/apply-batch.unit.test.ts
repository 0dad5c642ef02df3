import { foldProjection, recordEvents } from "@duty-ledger/testing";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { allProjections } from "./all-projections.js";
import { cacheLoaded, createCursor, foldChunk, putChangedDocuments, readRefoldStreams, routeChunk, type ProjectionCursor, type RefoldLog } from "./apply-batch.js";
import { createProjectionDocuments, evictDocuments } from "./document-cache.js";
import { isProjectionError } from "./errors.js";
import type { AnyProjection } from "./projection.js";
import type { ReadModelWriter } from "./read-model-store.js";
import { generateSampleLog } from "@duty-ledger/testing";

const log = recordEvents(
  generateSampleLog({ seed: 4, deputies: 15, units: 4, stations: 3, contacts: 120, suggestions: 80, voidRate: 0.08 }).flatMap((a) =>
    a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as never),
  ),
);

/** The log as the refolds read it: the events of some streams up to a position. */
const logOf = (events: readonly RecordedEvent[]): RefoldLog => ({
  readStreams: async (streamIds, options) => events.filter((e) => streamIds.includes(e.streamId) && e.position <= (options?.upTo ?? Infinity)),
});

/**
 * Folds the log in chunks of `size` as the engine does — route, load what the "store" (a map
 * per projection) holds, read the streams of the refolds, fold, write the changed documents,
 * move the checkpoints — keeping at most `retain` clean documents cached between chunks, so
 * documents are dropped and read back.
 */
const inChunks = async (events: readonly RecordedEvent[], size: number, retain: number, projections: readonly AnyProjection[]): Promise<Map<string, unknown>[]> => {
  const stored = projections.map(() => new Map<string, unknown>());
  let cursors: ProjectionCursor[] = projections.map((p) => createCursor(p, 0));
  const caches = projections.map(() => createProjectionDocuments(true));
  const writer = (c: number): ReadModelWriter => ({
    put: (_projection, key, doc) => void stored[c]!.set(key, doc),
    delete: () => expect.fail("the fold deletes nothing"),
    setCheckpoint: () => undefined,
    dropProjection: () => undefined,
  });
  for (let i = 0, round = 1; i < events.length; i += size, round++) {
    const chunk = events.slice(i, i + size);
    const routes = routeChunk(cursors, caches, chunk);
    const loaded = routes.load.map((keys, c) => new Map(keys.filter((key) => stored[c]!.has(key)).map((key) => [key, stored[c]!.get(key)])));
    const streams = await readRefoldStreams(logOf(events), routes);
    cacheLoaded(cursors, caches, loaded, round);
    foldChunk(cursors, caches, routes, round, streams);
    const marks = cursors.map((_, c) => putChangedDocuments(writer(c), [cursors[c]!], [caches[c]!]));
    for (const mark of marks) mark();
    const last = chunk[chunk.length - 1]!.position;
    cursors = cursors.map((c) => ({ ...c, checkpoint: last }));
    evictDocuments(caches, retain, round, 2);
  }
  return stored;
};

describe("the engine's fold (route, load, fold, write)", () => {
  it("any chunk size, with documents dropped from the cache and read back, gives the documents of one fold over the whole log", async () => {
    expect(log.some((event) => event.type === "EventVoided" && event.streamId.startsWith("suggestion-"))).toBe(true);
    const expected = allProjections.map((p) => foldProjection(p, log));
    for (const [size, retain] of [
      [1, 10],
      [7, 0],
      [250, 50],
      [log.length, 1_000_000],
    ] as const) {
      const stored = await inChunks(log, size, retain, allProjections);
      stored.forEach((docs, c) => expect(docs, `chunks of ${size}, ${retain} cached: ${allProjections[c]!.name}`).toEqual(expected[c]));
    }
  });

  it("skips events at or before a projection's checkpoint (no event applied twice)", () => {
    const [projection] = allProjections as [AnyProjection];
    const half = log[Math.floor(log.length / 2)]!.position;
    const routes = routeChunk([createCursor(projection, half)], [createProjectionDocuments(true)], log);
    expect(routes.event.length).toBeGreaterThan(0);
    expect(routes.event.every((event) => event.position > half)).toBe(true);
  });

  it("a document an event leaves as it was is not written", () => {
    const unchanged: AnyProjection = { name: "noop", version: 1, handles: ["ContactRecorded"], keysOf: () => ["k"], init: () => ({}), apply: (doc) => doc };
    const cursors = [createCursor(unchanged, 0)];
    const caches = [createProjectionDocuments(true)];
    foldChunk(cursors, caches, routeChunk(cursors, caches, log), 1);
    expect(caches[0]!.dirty.size).toBe(0);
  });

  it("a projection that throws fails the chunk with PROJECTION_FAILED naming the event", () => {
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
    const caches = [createProjectionDocuments(true)];
    try {
      foldChunk(cursors, caches, routeChunk(cursors, caches, log), 1);
      expect.fail("foldChunk should have thrown");
    } catch (error) {
      expect(isProjectionError(error) && error.code === "PROJECTION_FAILED").toBe(true);
      expect((error as Error).message).toMatch(/projection broken failed on event .* boom/);
    }
  });

  it("an event a projection refolds on replaces the document with the fold of its stream, read up to the event", async () => {
    const seen: { key: string; positions: number[] }[] = [];
    const counting: AnyProjection = {
      name: "counting",
      version: 1,
      handles: ["ContactRecorded", "EventVoided"],
      keysOf: (event) => [event.streamId],
      init: () => 0,
      apply: (doc) => (doc as number) + 1,
      refold: {
        needed: (event) => event.type === "EventVoided",
        fold: (key, stream) => {
          seen.push({ key, positions: stream.map((e) => e.position) });
          return -stream.length;
        },
      },
    };
    const voiding = log.find((event) => event.type === "EventVoided" && event.streamId.startsWith("contact-"))!;
    const cursors = [createCursor(counting, 0)];
    const caches = [createProjectionDocuments(true)];
    const routes = routeChunk(cursors, caches, log);
    foldChunk(cursors, caches, routes, 1, await readRefoldStreams(logOf(log), routes));
    const stream = log.filter((e) => e.streamId === voiding.streamId);
    expect(seen).toContainEqual({ key: voiding.streamId, positions: stream.filter((e) => e.position <= voiding.position).map((e) => e.position) });
    // The document: the last refold (minus the stream's length up to it), then one per event applied after it.
    const lastVoiding = stream.filter((e) => e.type === "EventVoided").pop()!;
    const upTo = stream.filter((e) => e.position <= lastVoiding.position).length;
    const appliedAfter = stream.filter((e) => e.position > lastVoiding.position && e.type === "ContactRecorded").length;
    expect(caches[0]!.entries.get(voiding.streamId)?.doc).toBe(-upTo + appliedAfter);
  });

  it("a route that refolds without its stream read fails the chunk instead of applying the event", () => {
    const cursors = [createCursor(allProjections.find((p) => p.refold !== undefined)!, 0)];
    const caches = [createProjectionDocuments(true)];
    expect(() => foldChunk(cursors, caches, routeChunk(cursors, caches, log), 1)).toThrow(/stream was not read/);
  });
});
