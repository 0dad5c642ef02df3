import { foldDocument } from "./projection.js";
import { foldProjection, recordEvents } from "@duty-ledger/testing";
import { countingEvents, isVoiding } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { allProjections } from "./all-projections.js";
import { cacheLoaded, createCursor, foldChunk, putChangedDocuments, readVoidedStreams, routeChunk, type ProjectionCursor, type StreamSource } from "./apply-batch.js";
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

/** The log without its voidings (routed without reading a stream). */
const facts = log.filter((event) => !isVoiding(event));

/** The log as the engine reads a voided event's stream. */
const logOf = (events: readonly RecordedEvent[]): StreamSource => ({
  readStream: async function* (streamId) {
    yield* events.filter((e) => e.streamId === streamId);
  },
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
    const routes = routeChunk(cursors, caches, chunk, await readVoidedStreams(logOf(events), chunk));
    const loaded = routes.load.map((keys, c) => new Map(keys.filter((key) => stored[c]!.has(key)).map((key) => [key, stored[c]!.get(key)])));
    cacheLoaded(cursors, caches, loaded, round);
    foldChunk(cursors, caches, routes, round);
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
    expect(log.some((event) => isVoiding(event) && event.streamId.startsWith("suggestion-"))).toBe(true);
    const expected = allProjections.map((p) => foldProjection(p, log, foldDocument));
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
    const routes = routeChunk([createCursor(projection, half)], [createProjectionDocuments(true)], facts);
    expect(routes.event.length).toBeGreaterThan(0);
    expect(routes.event.every((event) => event.position > half)).toBe(true);
  });

  it("a document an event leaves as it was is not written", () => {
    const unchanged: AnyProjection = { name: "noop", version: 1, handles: ["ContactRecorded"], keysOf: () => ["k"], init: () => ({}), apply: (doc) => doc };
    const cursors = [createCursor(unchanged, 0)];
    const caches = [createProjectionDocuments(true)];
    foldChunk(cursors, caches, routeChunk(cursors, caches, facts), 1);
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
      foldChunk(cursors, caches, routeChunk(cursors, caches, facts), 1);
      expect.fail("foldChunk should have thrown");
    } catch (error) {
      expect(isProjectionError(error) && error.code === "PROJECTION_FAILED").toBe(true);
      expect((error as Error).message).toMatch(/projection broken failed on event .* boom/);
    }
  });

  it("a voiding folds every document of its stream again from the stream's counting events, read up to the voiding", async () => {
    const counting: AnyProjection = {
      name: "counting",
      version: 1,
      handles: ["ContactRecorded", "ContactFeedbackGiven"],
      keysOf: (event) => [event.streamId],
      init: () => [],
      apply: (doc, event) => [...(doc as string[]), event.id],
    };
    const voiding = log.find((event) => isVoiding(event) && event.streamId.startsWith("contact-"))!;
    const cursors = [createCursor(counting, 0)];
    const caches = [createProjectionDocuments(true)];
    foldChunk(cursors, caches, routeChunk(cursors, caches, log, await readVoidedStreams(logOf(log), log)), 1);
    const stream = log.filter((e) => e.streamId === voiding.streamId);
    const expected = countingEvents(stream).filter((e) => counting.handles.includes(e.type)).map((e) => e.id);
    expect(caches[0]!.entries.get(voiding.streamId)?.doc).toEqual(expected);
    expect(stream.length).toBeGreaterThan(expected.length);
  });

  it("a projection that lists what was voided notes each voiding of the stream, with the event it voided, where it stands", async () => {
    const noting: AnyProjection = {
      name: "noting",
      version: 1,
      handles: [...new Set(facts.map((e) => e.type))],
      keysOf: (event) => [event.streamId],
      init: () => [],
      apply: (doc, event) => [...(doc as string[]), event.id],
      noteVoiding: (doc, note, voided) => [...(doc as string[]), `${note.eventId} voids ${voided?.id}`],
    };
    const cursors = [createCursor(noting, 0)];
    const caches = [createProjectionDocuments(true)];
    foldChunk(cursors, caches, routeChunk(cursors, caches, log, await readVoidedStreams(logOf(log), log)), 1);
    const voiding = log.find((event) => isVoiding(event))!;
    const stream = log.filter((e) => e.streamId === voiding.streamId);
    const voided = new Set(stream.filter(isVoiding).map((e) => (e.data as { eventId: string }).eventId));
    expect(caches[0]!.entries.get(voiding.streamId)?.doc).toEqual(
      stream.filter((e) => !voided.has(e.id)).map((e) => (isVoiding(e) ? `${e.id} voids ${(e.data as { eventId: string }).eventId}` : e.id)),
    );
  });

  it("a voiding whose stream was not read fails the chunk instead of being skipped", () => {
    const cursors = [createCursor(allProjections[0]!, 0)];
    const caches = [createProjectionDocuments(true)];
    expect(() => routeChunk(cursors, caches, log)).toThrow(/was not read/);
  });
});
