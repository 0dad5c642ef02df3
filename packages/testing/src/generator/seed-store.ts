import type { AppendResult, EventStore } from "@duty-ledger/event-store";
import { generateHistory, type GenerateHistoryOptions, type HistoryIterator, type ResolvedHistoryOptions } from "./generate-history.js";
import { HOUR_MS } from "./shanghai-time.js";
import type { GeneratedAppend } from "./simulation.js";

/**
 * Appending a generated history to a store. Appends go in batches: all the appends of up to
 * `batchWindowMs` of simulated time (at most `maxBatchAppends`) are issued together and awaited
 * together, which the SQLite adapter commits as one group (one transaction, one fsync).
 *
 * `recordedAt` is set by the store, never by a client. To make it follow the SIMULATED time
 * (so that the `digital` indicator, online vs backfilled recording, means something), open the
 * store with a `SimulatedClock` as its clock and pass the same clock here: before each batch
 * is awaited the clock is set to the batch's latest simulated time, so every event is stamped
 * at most `batchWindowMs` after the simulated moment it was received, never before.
 * Without a clock the store stamps the real time of the append (all events within seconds).
 */

export interface SimulatedClock {
  /** The store's clock: pass as `createSqliteEventStore({ now: clock.now })`. */
  readonly now: () => Date;
  set(ms: number): void;
}

export const createSimulatedClock = (startMs = 0): SimulatedClock => {
  let current = startMs;
  return {
    now: () => new Date(current),
    set: (ms) => {
      current = ms;
    },
  };
};

export interface SeedProgress {
  readonly events: number;
  readonly appends: number;
  /** Fraction of the simulated window done (0..1). */
  readonly fraction: number;
  readonly simulatedTime: string;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

export interface SeedHooks {
  readonly onProgress?: (progress: SeedProgress) => void;
  /** Call `onProgress` about every this many events (default 5,000) and once at the end. */
  readonly progressEveryEvents?: number;
  /** The clock the store was opened with; see the module comment. */
  readonly clock?: SimulatedClock;
  /** Simulated time one batch may span (default 1 h): the bound on the `recordedAt` shift. */
  readonly batchWindowMs?: number;
  readonly maxBatchAppends?: number;
  /** Seed a store that already holds events (default: refuse with StoreNotEmptyError). */
  readonly allowNonEmpty?: boolean;
  /** Sees every append before it is written (e.g. `createDemoIdentityCollector().observe`). */
  readonly observe?: (append: GeneratedAppend) => void;
  /** Elapsed-time clock in ms (default `performance.now`). */
  readonly elapsed?: () => number;
}

export interface SeedResult {
  readonly options: ResolvedHistoryOptions;
  readonly events: number;
  readonly appends: number;
  /** Streams created (appends with `expectedRevision: "no_stream"`). */
  readonly streams: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  readonly firstRecordedAt: string | undefined;
  readonly lastRecordedAt: string | undefined;
  /** The store's head position after seeding. */
  readonly headPosition: number;
}

/** Refused: the store already holds events (seeding would collide with them). */
export class StoreNotEmptyError extends Error {
  readonly code = "STORE_NOT_EMPTY";
  constructor(readonly headPosition: number) {
    super(`the store already holds ${headPosition} event(s); seeding needs an empty store`);
  }
}

export const isStoreNotEmptyError = (error: unknown): error is StoreNotEmptyError =>
  error instanceof Error && (error as { code?: unknown }).code === "STORE_NOT_EMPTY";

export const seedStore = async (store: EventStore, options: GenerateHistoryOptions, hooks: SeedHooks = {}): Promise<SeedResult> => {
  const head = await store.headPosition();
  if (head > 0 && hooks.allowNonEmpty !== true) throw new StoreNotEmptyError(head);
  const elapsed = hooks.elapsed ?? (() => performance.now());
  const windowMs = hooks.batchWindowMs ?? HOUR_MS;
  const maxBatch = Math.max(1, hooks.maxBatchAppends ?? 500);
  const every = Math.max(1, hooks.progressEveryEvents ?? 5_000);
  const history = generateHistory(options);
  const iterator: HistoryIterator = history[Symbol.iterator]();
  const started = elapsed();
  const eventsByType: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let streams = 0;
  let nextReport = every;
  let firstRecordedAt: string | undefined;
  let lastRecordedAt: string | undefined;

  const progress = (): SeedProgress => {
    const stats = iterator.stats();
    const ms = elapsed() - started;
    return { events, appends, fraction: stats.progress, simulatedTime: stats.simulatedTime, elapsedMs: ms, eventsPerSecond: ms > 0 ? (events * 1000) / ms : 0 };
  };

  let batch: Promise<AppendResult>[] = [];
  let batchStart = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    await Promise.all(pending);
  };

  for (const append of iterator) {
    const at = Date.parse(append.recordedAt);
    if (batch.length >= maxBatch || (batch.length > 0 && at - batchStart > windowMs)) await flush();
    if (batch.length === 0) batchStart = at;
    hooks.clock?.set(at);
    hooks.observe?.(append);
    batch.push(store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision }));
    appends++;
    if (append.expectedRevision === "no_stream") streams++;
    for (const event of append.events) eventsByType[event.type] = (eventsByType[event.type] ?? 0) + 1;
    events += append.events.length;
    firstRecordedAt ??= append.recordedAt;
    lastRecordedAt = append.recordedAt;
    if (events >= nextReport) {
      nextReport = events + every;
      hooks.onProgress?.(progress());
    }
  }
  await flush();
  hooks.onProgress?.(progress());
  const elapsedMs = elapsed() - started;
  return {
    options: history.options,
    events,
    appends,
    streams,
    eventsByType,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
    firstRecordedAt,
    lastRecordedAt,
    headPosition: await store.headPosition(),
  };
};
