import {
  hashEvent,
  isIdempotencyConflict,
  isStoreClosed,
  isWrongExpectedRevision,
  newEventId,
  verifyStreamChain,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type WrongExpectedRevisionError,
} from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The conformance suite of the `EventStore` port: every adapter runs it (see
 * docs/event-store.md). It checks the semantics the rest of duty-ledger relies on and the ones
 * adapters tend to get wrong: refused appends that half-happen, gaps, idempotency that only
 * looks at ids, subscriptions that lose or repeat events at the catch-up/live handover.
 *
 * Every stream it writes starts with a prefix unique to the run, so it can run against a shared
 * server; it never assumes the log is empty or that nobody else writes.
 */

export interface EventStoreConformanceOptions {
  /** When set, the suite is skipped, and this reason is printed (loudly). */
  readonly skip?: string | undefined;
  /** How long to wait for a subscription to deliver what is expected (ms). Default 15 000. */
  readonly deliveryTimeoutMs?: number;
  /** After the expected events arrived, how long to watch for extra ones (ms). Default 400. */
  readonly quietPeriodMs?: number;
}

const actor = { id: "conformance-suite", role: "system" } as const;

/** Data exercising the canonical encoding: unsorted keys, nesting, unicode, escapes, numbers. */
const sampleData = (i: number): Record<string, unknown> => ({
  z: i,
  text: `代表建议 ✓ "quoted" \\ back\nline ${i}`,
  nested: { list: [1, 2.5, -3, 1e21, 0.1], b: true, a: null, empty: {}, none: [] },
  "key with space": "x",
});

const newEvent = (type = "ConformanceTested", data: unknown = sampleData(0)): NewEvent => ({
  id: newEventId(),
  type,
  data,
  metadata: { actor, correlationId: "conformance" },
});

const newEvents = (count: number, type = "ConformanceTested"): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, sampleData(i)));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The rejection of `promise`; fails the test when it fulfils. */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the store to refuse, but it accepted");
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Records what a subscription delivers. */
class Recorder {
  readonly events: RecordedEvent[] = [];
  error: unknown = undefined;
  completed = false;
  private readonly subscription: { unsubscribe(): void };

  constructor(store: EventStore, options: { after?: number; filter?: EventFilter }) {
    this.subscription = store.subscribe(options).subscribe({
      next: (event) => this.events.push(event),
      error: (error: unknown) => {
        this.error = error;
      },
      complete: () => {
        this.completed = true;
      },
    });
  }

  /** Resolves once `count` events arrived; fails on timeout or subscription error. */
  async waitFor(count: number, timeoutMs: number): Promise<RecordedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (this.error !== undefined) throw this.error;
      if (Date.now() > deadline) {
        throw new Error(`subscription delivered ${this.events.length} events, expected ${count} within ${timeoutMs} ms`);
      }
      await sleep(5);
    }
    return this.events.slice(0, count);
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

const ids = (events: readonly { id: string }[]): string[] => events.map((event) => event.id);

const expectStrictlyIncreasing = (values: readonly number[]): void => {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
};

/** Checks the store refused with WRONG_EXPECTED_REVISION and says what it saw. */
function expectWrongExpectedRevision(error: unknown, streamId: string, actual: number | null): void {
  expect(isWrongExpectedRevision(error), `expected WRONG_EXPECTED_REVISION, got ${String(error)}`).toBe(true);
  const refused = error as WrongExpectedRevisionError;
  expect(refused.streamId).toBe(streamId);
  expect(refused.actual).toBe(actual);
}

/**
 * Defines the conformance suite for one adapter. `open` creates a store; it is called once
 * for the suite and again by the tests of `close` (stores it returns may share storage).
 */
export function describeEventStoreConformance(
  name: string,
  open: () => Promise<EventStore>,
  options: EventStoreConformanceOptions = {},
): void {
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 15_000;
  const quietPeriodMs = options.quietPeriodMs ?? 400;
  if (options.skip !== undefined) {
    console.warn(`SKIPPED: EventStore conformance for ${name}: ${options.skip}`);
  }

  describe.skipIf(options.skip !== undefined)(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    const run = `conf${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    let counter = 0;
    /** A prefix for one test's streams (unique per run and test). */
    const prefix = (label: string): string => `${run}-${label}${++counter}-`;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("appends to a new stream at revisions 0..n-1 with increasing positions and store-set metadata", async () => {
      const streamId = `${prefix("new")}s`;
      const events = newEvents(3);
      const before = Date.now();
      const result = await store.append(streamId, events, { expectedRevision: "no_stream" });
      const after = Date.now();

      expect(result.nextExpectedRevision).toBe(2);
      expect(result.events.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(ids(result.events)).toEqual(ids(events));
      expectStrictlyIncreasing(result.events.map((event) => event.position));
      expect(result.position).toBe(result.events[2]?.position);
      for (const [i, event] of result.events.entries()) {
        expect(event.streamId).toBe(streamId);
        expect(event.type).toBe("ConformanceTested");
        expect(event.data).toEqual(sampleData(i));
        expect(event.metadata.actor).toEqual(actor);
        expect(event.metadata.correlationId).toBe("conformance");
        expect(event.metadata.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        const recordedAt = Date.parse(event.metadata.recordedAt);
        expect(recordedAt).toBeGreaterThanOrEqual(before - 60_000);
        expect(recordedAt).toBeLessThanOrEqual(after + 60_000);
      }

      const read = await collect(store.readStream(streamId));
      expect(read).toEqual(result.events);
      expect(await store.streamRevision(streamId)).toBe(2);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      expect(await store.streamRevision(`${streamId}-missing`)).toBeNull();
    });

    it("sets recordedAt and the hash chain itself, ignoring values a client slips into metadata", async () => {
      const streamId = `${prefix("forge")}s`;
      const forged = {
        ...newEvent(),
        metadata: { actor, recordedAt: "1999-01-01T00:00:00.000Z", prevHash: "forged", hash: "forged" },
      } as NewEvent;
      const [event] = (await store.append(streamId, [forged])).events;
      expect(event?.metadata.recordedAt).not.toBe("1999-01-01T00:00:00.000Z");
      expect(event?.metadata.prevHash).toBeNull();
      expect(event?.metadata.hash).toBe(hashEvent(event as RecordedEvent));
    });

    it("refuses no_stream when the stream exists, leaving it unchanged", async () => {
      const streamId = `${prefix("nostream")}s`;
      await store.append(streamId, newEvents(2), { expectedRevision: "no_stream" });
      const before = await collect(store.readStream(streamId));

      const error = await refusal(store.append(streamId, newEvents(1), { expectedRevision: "no_stream" }));
      expectWrongExpectedRevision(error, streamId, 1);
      expect((error as WrongExpectedRevisionError).expected).toBe("no_stream");
      expect(await collect(store.readStream(streamId))).toEqual(before);
    });

    it("refuses stream_exists on a missing stream and accepts it on an existing one", async () => {
      const streamId = `${prefix("exists")}s`;
      const error = await refusal(store.append(streamId, newEvents(1), { expectedRevision: "stream_exists" }));
      expectWrongExpectedRevision(error, streamId, null);
      expect(await store.streamRevision(streamId)).toBeNull();
      expect(await collect(store.readStream(streamId))).toEqual([]);

      await store.append(streamId, newEvents(1), { expectedRevision: "no_stream" });
      const result = await store.append(streamId, newEvents(2), { expectedRevision: "stream_exists" });
      expect(result.nextExpectedRevision).toBe(2);
    });

    it("a refused append (wrong expected revision) changes nothing; a retry with the right revision succeeds", async () => {
      const p = prefix("refused");
      const streamId = `${p}s`;
      await store.append(streamId, newEvents(2), { expectedRevision: "no_stream" });
      const streamBefore = await collect(store.readStream(streamId));
      const logBefore = await collect(store.readAll({ filter: { streamPrefixes: [p] } }));

      for (const stale of [0, 5]) {
        const attempt = newEvents(3);
        const error = await refusal(store.append(streamId, attempt, { expectedRevision: stale }));
        expectWrongExpectedRevision(error, streamId, 1);
        expect((error as WrongExpectedRevisionError).expected).toBe(stale);
        expect(await collect(store.readStream(streamId))).toEqual(streamBefore);
        expect(await collect(store.readAll({ filter: { streamPrefixes: [p] } }))).toEqual(logBefore);
        expect(await store.streamRevision(streamId)).toBe(1);
      }

      const retried = await store.append(streamId, newEvents(2), { expectedRevision: 1 });
      expect(retried.nextExpectedRevision).toBe(3);
      const after = await collect(store.readStream(streamId));
      expect(after.map((event) => event.revision)).toEqual([0, 1, 2, 3]);
      expect(verifyStreamChain(after).ok).toBe(true);
    });

    it("expected revision any appends whatever the stream's state", async () => {
      const streamId = `${prefix("any")}s`;
      expect((await store.append(streamId, newEvents(1), { expectedRevision: "any" })).nextExpectedRevision).toBe(0);
      expect((await store.append(streamId, newEvents(2))).nextExpectedRevision).toBe(2);
    });

    it("revisions have no gaps and positions strictly increase (and are dense when the store says so)", async () => {
      const p = prefix("gapless");
      const streams = [`${p}a`, `${p}b`];
      const results: AppendResult[] = [];
      for (const size of [1, 3, 2, 5, 1, 4]) {
        for (const streamId of streams) results.push(await store.append(streamId, newEvents(size)));
      }
      for (const streamId of streams) {
        const read = await collect(store.readStream(streamId));
        expect(read.map((event) => event.revision)).toEqual(read.map((_, i) => i));
        expect(read).toHaveLength(16);
      }
      const log = await collect(store.readAll({ filter: { streamPrefixes: [p] } }));
      expect(log).toHaveLength(32);
      expectStrictlyIncreasing(log.map((event) => event.position));
      expect(ids(log)).toEqual(results.flatMap((result) => ids(result.events)));

      if (store.capabilities.densePositions) {
        for (const result of results) {
          const positions = result.events.map((event) => event.position);
          expect(positions).toEqual(positions.map((_, i) => (positions[0] as number) + i));
        }
        const first = (log[0] as RecordedEvent).position;
        const global = await collect(store.readAll({ fromPosition: first, maxCount: 500 }));
        expect(global.map((event) => event.position)).toEqual(global.map((_, i) => first + i));
      }
    });

    it("re-appending stored events (same ids, stream, content) returns the original result and appends nothing", async () => {
      const streamId = `${prefix("idem")}s`;
      const events = newEvents(2);
      const original = await store.append(streamId, events, { expectedRevision: "no_stream" });

      const sameExpectation = await store.append(streamId, events, { expectedRevision: "no_stream" });
      const withAny = await store.append(streamId, events, { expectedRevision: "any" });
      for (const repeat of [sameExpectation, withAny]) {
        expect(repeat.nextExpectedRevision).toBe(original.nextExpectedRevision);
        expect(repeat.position).toBe(original.position);
        expect(repeat.events).toEqual(original.events);
      }
      expect(await store.streamRevision(streamId)).toBe(1);

      // The stream moves on; a late retry of the first append still gets its original result.
      await store.append(streamId, newEvents(1), { expectedRevision: 1 });
      const late = await store.append(streamId, events, { expectedRevision: "no_stream" });
      expect(late.nextExpectedRevision).toBe(1);
      expect(late.events).toEqual(original.events);
      const read = await collect(store.readStream(streamId));
      expect(read).toHaveLength(3);
      expect(new Set(ids(read)).size).toBe(3);
    });

    it("an id stored with other content, in another stream, or overlapping partially is a conflict that changes nothing", async () => {
      const p = prefix("conflict");
      const streamId = `${p}s`;
      const [a, b] = newEvents(2) as [NewEvent, NewEvent];
      await store.append(streamId, [a, b], { expectedRevision: "no_stream" });
      const before = await collect(store.readStream(streamId));

      const otherData = { ...a, data: { changed: true } };
      const otherType = { ...a, type: "ConformanceOther" };
      const fresh = newEvent();
      const attempts: [string, string, NewEvent[]][] = [
        ["other data", streamId, [otherData]],
        ["other type", streamId, [otherType]],
        ["other stream", `${p}other`, [a]],
        ["partial overlap", streamId, [b, fresh]],
        ["other order", streamId, [b, a]],
      ];
      for (const [label, target, attempt] of attempts) {
        const error = await refusal(store.append(target, attempt));
        expect(isIdempotencyConflict(error), `${label}: expected IDEMPOTENCY_CONFLICT, got ${String(error)}`).toBe(true);
      }
      expect(await collect(store.readStream(streamId))).toEqual(before);
      expect(await store.streamRevision(`${p}other`)).toBeNull();
      // The fresh event of the refused partial overlap was not stored: it can be appended now.
      const appended = await store.append(streamId, [fresh], { expectedRevision: 1 });
      expect(appended.events[0]?.revision).toBe(2);
    });

    it("readStream reads forwards and backwards from an inclusive revision, with maxCount", async () => {
      const streamId = `${prefix("readstream")}s`;
      await store.append(streamId, newEvents(4));
      await store.append(streamId, newEvents(6));
      const revisions = async (options: Parameters<EventStore["readStream"]>[1]): Promise<number[]> =>
        (await collect(store.readStream(streamId, options))).map((event) => event.revision);

      expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await revisions({ fromRevision: 3 })).toEqual([3, 4, 5, 6, 7, 8, 9]);
      expect(await revisions({ fromRevision: 3, maxCount: 4 })).toEqual([3, 4, 5, 6]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 10 })).toEqual([]);
      expect(await revisions({ direction: "backwards" })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await revisions({ direction: "backwards", fromRevision: 6, maxCount: 3 })).toEqual([6, 5, 4]);
      expect(await revisions({ direction: "backwards", fromRevision: 1 })).toEqual([1, 0]);
      expect(await revisions({ direction: "backwards", maxCount: 1 })).toEqual([9]);
      expect(await collect(store.readStream(`${streamId}-missing`))).toEqual([]);
      expect(await collect(store.readStream(`${streamId}-missing`, { direction: "backwards" }))).toEqual([]);
    });

    it("readAll reads forwards and backwards from an inclusive position, with maxCount and filters", async () => {
      const p = prefix("readall");
      const typeA = `${run}TypeA`;
      const typeB = `${run}TypeB`;
      const appended: RecordedEvent[] = [];
      const plan: [string, string, number][] = [
        [`${p}a-1`, typeA, 2],
        [`${p}b-1`, typeB, 3],
        [`${p}a-2`, typeB, 1],
        [`${p}a-1`, typeB, 2],
        [`${p}b-1`, typeA, 2],
      ];
      for (const [streamId, type, count] of plan) appended.push(...(await store.append(streamId, newEvents(count, type))).events);
      const ours = { streamPrefixes: [p] };
      const read = (options: Parameters<EventStore["readAll"]>[0]): Promise<RecordedEvent[]> => collect(store.readAll(options));

      expect(ids(await read({ filter: ours }))).toEqual(ids(appended));
      const third = appended[2] as RecordedEvent;
      const fifth = appended[4] as RecordedEvent;
      expect(ids(await read({ fromPosition: third.position, filter: ours }))).toEqual(ids(appended.slice(2)));
      expect(ids(await read({ fromPosition: third.position, maxCount: 3, filter: ours }))).toEqual(ids(appended.slice(2, 5)));
      expect(ids(await read({ direction: "backwards", filter: ours }))).toEqual(ids(appended).reverse());
      expect(ids(await read({ direction: "backwards", fromPosition: fifth.position, maxCount: 3, filter: ours }))).toEqual(
        ids(appended.slice(2, 5)).reverse(),
      );
      // Unfiltered reads from one of our positions start exactly there.
      expect((await read({ fromPosition: third.position, maxCount: 1 }))[0]?.id).toBe(third.id);
      expect((await read({ direction: "backwards", fromPosition: fifth.position, maxCount: 1 }))[0]?.id).toBe(fifth.id);

      const byType = await read({ filter: { eventTypes: [typeA], streamPrefixes: [p] } });
      expect(ids(byType)).toEqual(ids(appended.filter((event) => event.type === typeA)));
      const byTypeOnly = await read({ filter: { eventTypes: [typeB] } });
      expect(ids(byTypeOnly)).toEqual(ids(appended.filter((event) => event.type === typeB)));
      const byPrefixes = await read({ filter: { streamPrefixes: [`${p}a-`, `${p}zzz`] } });
      expect(ids(byPrefixes)).toEqual(ids(appended.filter((event) => event.streamId.startsWith(`${p}a-`))));
      const backwardsFiltered = await read({ direction: "backwards", maxCount: 2, filter: { streamPrefixes: [`${p}b-`] } });
      expect(ids(backwardsFiltered)).toEqual(ids(appended.filter((event) => event.streamId.startsWith(`${p}b-`))).reverse().slice(0, 2));
    });

    it("subscribe from a checkpoint delivers the later events (catch-up), then new ones (live), each once, in order", async () => {
      const p = prefix("subscribe");
      const filter = { streamPrefixes: [p] };
      const first = (await store.append(`${p}s`, newEvents(5))).events;
      const checkpoint = (first[1] as RecordedEvent).position;

      const fromCheckpoint = new Recorder(store, { after: checkpoint, filter });
      const fromStart = new Recorder(store, { filter });
      try {
        expect(ids(await fromCheckpoint.waitFor(3, deliveryTimeoutMs))).toEqual(ids(first.slice(2)));
        const live = [
          ...(await store.append(`${p}s`, newEvents(2))).events,
          ...(await store.append(`${p}t`, newEvents(1))).events,
        ];
        expect(ids(await fromCheckpoint.waitFor(6, deliveryTimeoutMs))).toEqual(ids([...first.slice(2), ...live]));
        expect(ids(await fromStart.waitFor(8, deliveryTimeoutMs))).toEqual(ids([...first, ...live]));
        await sleep(quietPeriodMs);
        expect(fromCheckpoint.events).toHaveLength(6);
        expect(fromStart.events).toHaveLength(8);
        expect(fromCheckpoint.events[0]).toEqual(first[2]);
        expect(fromCheckpoint.error).toBeUndefined();
      } finally {
        fromCheckpoint.stop();
        fromStart.stop();
      }
    });

    it("a catch-up read (until) delivers the matching events up to until, then completes, also after events the filter skipped", async () => {
      const p = prefix("until");
      const [typeA, typeB] = [`${p}A`, `${p}B`];
      const appended = [
        ...(await store.append(`${p}s`, newEvents(3, typeA))).events,
        ...(await store.append(`${p}s`, newEvents(2, typeB))).events,
      ];
      const later = (await store.append(`${p}s`, newEvents(1, typeA))).events;
      const readUntil = (options: { after: number; until: number }): Promise<RecordedEvent[]> =>
        new Promise((resolve, reject) => {
          const events: RecordedEvent[] = [];
          store.subscribe({ ...options, filter: { eventTypes: [typeA] } }).subscribe({ next: (event) => events.push(event), error: reject, complete: () => resolve(events) });
        });
      const first = appended[0] as RecordedEvent;
      const lastSkipped = appended[4] as RecordedEvent;
      // The read ends at `until` though its last events (type B) were filtered out; the later A is not delivered.
      expect(ids(await readUntil({ after: first.position - 1, until: lastSkipped.position }))).toEqual(ids(appended.slice(0, 3)));
      expect(ids(await readUntil({ after: (appended[1] as RecordedEvent).position, until: (later[0] as RecordedEvent).position }))).toEqual(
        ids([appended[2] as RecordedEvent, ...later]),
      );
      expect(await readUntil({ after: lastSkipped.position, until: lastSkipped.position })).toEqual([]);
    });

    it("a subscription resumed from a checkpoint delivers every later event exactly once, appends during catch-up included", async () => {
      const p = prefix("resume");
      const filter = { streamPrefixes: [p] };
      const streams = [`${p}a`, `${p}b`, `${p}c`];
      for (let i = 0; i < 30; i++) await store.append(streams[i % 3] as string, newEvents(10));
      const history = await collect(store.readAll({ filter }));
      expect(history).toHaveLength(300);
      const checkpoint = (history[99] as RecordedEvent).position;

      const first = new Recorder(store, { after: checkpoint, filter });
      // Concurrent appends while the subscription is catching up.
      const during = Promise.all(
        Array.from({ length: 40 }, (_, i) => store.append(streams[i % 3] as string, newEvents(1 + (i % 3)))),
      );
      let received: RecordedEvent[];
      try {
        const duringCount = (await during).reduce((sum, result) => sum + result.events.length, 0);
        const expected = (await collect(store.readAll({ filter }))).filter((event) => event.position > checkpoint);
        expect(expected).toHaveLength(200 + duringCount);
        received = await first.waitFor(expected.length, deliveryTimeoutMs);
        expect(ids(received)).toEqual(ids(expected));
        await sleep(quietPeriodMs);
        expect(first.events).toHaveLength(expected.length);
      } finally {
        first.stop();
      }

      // Resume from the checkpoint of the 150th delivered event, with more appends going on.
      const resumeAfter = (received[149] as RecordedEvent).position;
      const second = new Recorder(store, { after: resumeAfter, filter });
      try {
        const more = await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(streams[i % 3] as string, newEvents(1))));
        const expected = [...received.slice(150), ...more.flatMap((result) => result.events)].sort((x, y) => x.position - y.position);
        const got = await second.waitFor(expected.length, deliveryTimeoutMs);
        expect(ids(got)).toEqual(ids(expected));
        expectStrictlyIncreasing(got.map((event) => event.position));
        await sleep(quietPeriodMs);
        expect(second.events).toHaveLength(expected.length);
      } finally {
        second.stop();
      }
    });

    it("keeps a valid hash chain per stream, and verifyStreamChain finds altered, missing and reordered events", async () => {
      const streamId = `${prefix("chain")}s`;
      await store.append(streamId, newEvents(2), { expectedRevision: "no_stream" });
      await store.append(streamId, newEvents(3), { expectedRevision: 1 });
      await store.append(streamId, newEvents(1), { expectedRevision: 4 });
      const events = await collect(store.readStream(streamId));
      expect(events).toHaveLength(6);

      expect(events[0]?.metadata.prevHash).toBeNull();
      for (const [i, event] of events.entries()) {
        expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(event.metadata.hash).toBe(hashEvent(event));
        if (i > 0) expect(event.metadata.prevHash).toBe(events[i - 1]?.metadata.hash);
      }
      expect(verifyStreamChain(events)).toEqual({ ok: true, checked: 6, lastHash: events[5]?.metadata.hash });

      const altered = events.map((event, i) => (i === 3 ? { ...event, data: { tampered: true } } : event));
      expect(verifyStreamChain(altered)).toMatchObject({ ok: false, index: 3, reason: "altered" });

      const rehashed = events.map((event, i) => {
        if (i !== 3) return event;
        const forged = { ...event, data: { tampered: true } };
        return { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged) } };
      });
      expect(verifyStreamChain(rehashed)).toMatchObject({ ok: false, index: 4, reason: "altered" });

      const missing = events.filter((_, i) => i !== 2);
      expect(verifyStreamChain(missing)).toMatchObject({ ok: false, index: 2, reason: "missing" });

      const reordered = [events[0], events[1], events[3], events[2], events[4], events[5]] as RecordedEvent[];
      expect(verifyStreamChain(reordered)).toMatchObject({ ok: false, index: 2, reason: "reordered" });
    });

    it("concurrent appends to one stream with the same exact expected revision: exactly one wins", async () => {
      const streamId = `${prefix("race")}s`;
      await store.append(streamId, newEvents(1), { expectedRevision: "no_stream" });
      const attempts = Array.from({ length: 8 }, () => newEvents(2));
      const outcomes = await Promise.allSettled(attempts.map((events) => store.append(streamId, events, { expectedRevision: 0 })));

      const winners = outcomes.flatMap((outcome, i) => (outcome.status === "fulfilled" ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") expectWrongExpectedRevision(outcome.reason, streamId, 2);
      }
      const read = await collect(store.readStream(streamId));
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(ids(read.slice(1))).toEqual(ids(attempts[winners[0] as number] as NewEvent[]));
      expect(verifyStreamChain(read).ok).toBe(true);
    });

    it("concurrent creations of one stream with no_stream: exactly one wins", async () => {
      const streamId = `${prefix("create")}s`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () => store.append(streamId, newEvents(1), { expectedRevision: "no_stream" })),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") expectWrongExpectedRevision(outcome.reason, streamId, 0);
      }
      expect(await store.streamRevision(streamId)).toBe(0);
    });

    it("readEvent finds an event by id in any stream, and answers null for an unknown id", async () => {
      const streamId = `${prefix("byid")}s`;
      const [, second] = (await store.append(streamId, newEvents(2))).events;
      expect(await store.readEvent(second?.id ?? "")).toEqual(second);
      expect(await store.readEvent(newEventId())).toBeNull();
    });

    it("importRecorded stores recorded events verbatim (metadata and hashes kept) and refuses a broken chain whole", async () => {
      const streamId = `${prefix("import")}s`;
      const recorded: RecordedEvent[] = [];
      let prevHash: string | null = null;
      for (const [revision, event] of newEvents(3).entries()) {
        const unhashed = { id: event.id, type: event.type, streamId, revision, position: 0, data: event.data, metadata: { actor, recordedAt: `2023-05-0${revision + 1}T08:00:00.000Z`, prevHash } };
        const hash = hashEvent(unhashed);
        recorded.push({ ...unhashed, metadata: { ...unhashed.metadata, hash } });
        prevHash = hash;
      }
      const result = await store.importRecorded(recorded);
      expect(result.imported).toBe(3);
      const read = await collect(store.readStream(streamId));
      expect(read.map(({ position: _position, ...rest }) => rest)).toEqual(recorded.map(({ position: _position, ...rest }) => rest));
      expect(result.position).toBe(read[2]?.position);

      const otherStream = `${prefix("import-broken")}s`;
      const broken = recorded.map((event) => ({ ...event, streamId: otherStream }));
      expect(await refusal(store.importRecorded(broken))).toMatchObject({ code: "INVALID_APPEND" });
      expect(await store.streamRevision(otherStream)).toBeNull();
    });

    it("refuses an event that does not name its actor, storing nothing", async () => {
      const streamId = `${prefix("actor")}s`;
      const anonymous = { ...newEvent(), metadata: {} } as unknown as NewEvent;
      await refusal(store.append(streamId, [newEvent(), anonymous]));
      expect(await store.streamRevision(streamId)).toBeNull();
    });

    it("close completes live subscriptions, and later calls fail with STORE_CLOSED", async () => {
      const other = await open();
      const recorder = new Recorder(other, { after: await other.headPosition() });
      await other.close();
      const deadline = Date.now() + deliveryTimeoutMs;
      while (!recorder.completed && recorder.error === undefined && Date.now() < deadline) await sleep(5);
      expect(recorder.completed).toBe(true);

      expect(isStoreClosed(await refusal(other.append(`${prefix("closed")}s`, newEvents(1))))).toBe(true);
      expect(isStoreClosed(await refusal(other.streamRevision("x")))).toBe(true);
      expect(isStoreClosed(await refusal(other.headPosition()))).toBe(true);
      expect(isStoreClosed(await refusal(collect(other.readStream("x"))))).toBe(true);
      expect(isStoreClosed(await refusal(collect(other.readAll())))).toBe(true);
      const late = new Recorder(other, {});
      const until = Date.now() + deliveryTimeoutMs;
      while (late.error === undefined && Date.now() < until) await sleep(5);
      expect(isStoreClosed(late.error)).toBe(true);
    });
  });
}
