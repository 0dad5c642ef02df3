import type { Worker } from "node:worker_threads";
import { isSqliteBulkWriter, startModuleWorker, type AppendResult, type EventStore, type SqliteBulkWriter } from "@duty-ledger/event-store";
import { generateHistory, resolveHistoryOptions, type GenerateHistoryOptions, type GeneratorStats, type ResolvedHistoryOptions } from "./generate-history.js";
import type { GeneratorWorkerCredit, GeneratorWorkerData, GeneratorWorkerMessage } from "./seed-generator-worker.js";
import { HOUR_MS } from "./working-time.js";
import { GeneratorRefusedError, type GeneratedAppend } from "./simulation.js";

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
 *
 * Speed (a province is 1.3 M one-event appends): the history is generated in a worker thread
 * while this thread writes (`generateIn`), and a SQLite file is best seeded through a bulk
 * writer (`createSqliteBulkWriter` of @duty-ledger/event-store) rather than a live store: the
 * batches are then issued without waiting for each to commit. Neither changes what is stored.
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
  /**
   * Where the history is generated. `"worker"`: in a worker thread, overlapping generation
   * with the writes of this thread (the appends cross as JSON, which keeps their canonical
   * form, so the same events are stored). `"thread"`: in this thread, between the writes.
   * `"auto"` (default): a worker for the province profile (starting one costs about a second,
   * more than it saves on a city), this thread otherwise or when no worker can start (e.g.
   * under a test runner that compiles TypeScript in-process).
   */
  readonly generateIn?: "auto" | "worker" | "thread";
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

/** Appends in generation order, a batch at a time, wherever they are generated. */
interface AppendSource {
  /** The next appends, or `undefined` after the last. */
  next(): Promise<readonly GeneratedAppend[] | undefined>;
  /** The generator's figures as of the last batch taken. */
  stats(): Pick<GeneratorStats, "progress" | "simulatedTime">;
  close(): Promise<void>;
}

const THREAD_BATCH_APPENDS = 500;
/** Appends issued to a bulk writer before waiting for them to be committed. */
const MAX_OUTSTANDING_APPENDS = 4_000;
const WORKER_BATCH_APPENDS = 2000;
/** Batches the worker may generate ahead of the writes. */
const WORKER_CREDIT = 4;

function threadSource(options: GenerateHistoryOptions): AppendSource {
  const iterator = generateHistory(options)[Symbol.iterator]();
  return {
    next: () => {
      const batch: GeneratedAppend[] = [];
      let step = iterator.next();
      while (!step.done) {
        batch.push(step.value);
        if (batch.length >= THREAD_BATCH_APPENDS) break;
        step = iterator.next();
      }
      return Promise.resolve(batch.length > 0 ? batch : undefined);
    },
    stats: () => iterator.stats(),
    close: () => Promise.resolve(),
  };
}

/** Starts the worker on the module next to this file, built or on source (`startModuleWorker`). */
function startWorker(data: GeneratorWorkerData): Worker {
  return startModuleWorker(import.meta.url, "seed-generator-worker", { workerData: data });
}

function workerFailure(message: Extract<GeneratorWorkerMessage, { kind: "failed" }>): Error {
  const error = message.name === "GeneratorRefusedError" ? new GeneratorRefusedError(message.message) : new Error(message.message);
  error.name = message.name;
  if (message.stack !== undefined) error.stack = message.stack;
  return error;
}

/** Starts the generator in a worker thread; `null` when the worker cannot start (its module does not load). */
async function workerSource(options: GenerateHistoryOptions): Promise<AppendSource | null> {
  const data: GeneratorWorkerData = { options, batchAppends: WORKER_BATCH_APPENDS, credit: WORKER_CREDIT };
  let worker: Worker;
  try {
    worker = startWorker(data);
  } catch {
    return null;
  }
  const batches: string[] = [];
  let started = false;
  let done = false;
  let failure: Error | undefined;
  let latest: Pick<GeneratorStats, "progress" | "simulatedTime"> = { progress: 0, simulatedTime: resolveHistoryOptions(options).fromInstant };
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const ready = new Promise<boolean>((resolve) => {
    worker.on("message", (message: GeneratorWorkerMessage) => {
      switch (message.kind) {
        case "ready":
          started = true;
          resolve(true);
          break;
        case "batch":
          batches.push(message.appends);
          latest = message.stats;
          break;
        case "done":
          done = true;
          latest = message.stats;
          break;
        case "failed":
          failure ??= workerFailure(message);
          break;
        default: {
          const _exhaustive: never = message;
          throw new Error(`unknown generator worker message ${JSON.stringify(_exhaustive)}`);
        }
      }
      signal();
    });
    worker.on("error", (error: Error) => {
      if (!started) resolve(false);
      failure ??= error;
      signal();
    });
    worker.on("exit", (code) => {
      if (!started) resolve(false);
      if (!done) failure ??= new Error(`the generator worker stopped (exit code ${code}) before the end of the history`);
      signal();
    });
  });
  if (!(await ready)) {
    await worker.terminate();
    return null;
  }
  return {
    next: async () => {
      for (;;) {
        const batch = batches.shift();
        if (batch !== undefined) {
          const credit: GeneratorWorkerCredit = { kind: "credit" };
          if (!done) worker.postMessage(credit);
          return JSON.parse(batch) as GeneratedAppend[];
        }
        if (failure !== undefined) throw failure;
        if (done) return undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    stats: () => latest,
    close: async () => {
      await worker.terminate();
    },
  };
}

async function openSource(options: GenerateHistoryOptions, where: "auto" | "worker" | "thread"): Promise<AppendSource> {
  switch (where) {
    case "thread":
      return threadSource(options);
    case "worker": {
      const source = await workerSource(options);
      if (source === null) throw new Error("seedStore: the generator worker could not start");
      return source;
    }
    case "auto":
      return (options.profile === "province" ? await workerSource(options) : null) ?? threadSource(options);
    default: {
      const _exhaustive: never = where;
      throw new Error(`unknown generateIn ${String(_exhaustive)}`);
    }
  }
}

/**
 * Appends a generated history to `store`: a live store, or a SQLite bulk writer (faster; the
 * caller closes it, which syncs the file).
 */
export const seedStore = async (store: EventStore | SqliteBulkWriter, options: GenerateHistoryOptions, hooks: SeedHooks = {}): Promise<SeedResult> => {
  const head = await store.headPosition();
  if (head > 0 && hooks.allowNonEmpty !== true) throw new StoreNotEmptyError(head);
  const resolved: ResolvedHistoryOptions = resolveHistoryOptions(options);
  const elapsed = hooks.elapsed ?? (() => performance.now());
  const windowMs = hooks.batchWindowMs ?? HOUR_MS;
  const maxBatch = Math.max(1, hooks.maxBatchAppends ?? 500);
  const every = Math.max(1, hooks.progressEveryEvents ?? 5_000);
  const started = elapsed();
  const source = await openSource(options, hooks.generateIn ?? "auto");
  /** A bulk writer commits the batches of many turns together: they are not awaited one by one. */
  const pipelined = isSqliteBulkWriter(store);
  const eventsByType: Record<string, number> = {};
  let events = 0;
  let appends = 0;
  let streams = 0;
  let nextReport = every;
  let firstRecordedAt: string | undefined;
  let lastRecordedAt: string | undefined;

  const progress = (): SeedProgress => {
    const stats = source.stats();
    const ms = elapsed() - started;
    return { events, appends, fraction: stats.progress, simulatedTime: stats.simulatedTime, elapsedMs: ms, eventsPerSecond: ms > 0 ? (events * 1000) / ms : 0 };
  };

  // A batch: the appends of one window of simulated time, issued to the store together, in one
  // turn of the event loop (so that the SQLite store makes them one group, stamped with the
  // clock set to the batch's latest time), whatever waiting the generator's worker causes.
  let batch: GeneratedAppend[] = [];
  let batchStart = 0;
  let batchEnd = 0;
  /** Appends issued, not yet awaited. */
  let outstanding: Promise<AppendResult>[] = [];
  const settleOutstanding = async (): Promise<void> => {
    const pending = outstanding;
    outstanding = [];
    await Promise.all(pending);
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const issued = batch;
    batch = [];
    hooks.clock?.set(batchEnd);
    for (const append of issued) {
      const appended = store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
      appended.catch(() => undefined); // awaited below or later; marked handled meanwhile
      outstanding.push(appended);
    }
    if (!pipelined) {
      await settleOutstanding();
      return;
    }
    // A SQLite bulk writer applies the batch in the next turn of the event loop and
    // commits it later along with the next ones: let it apply the batch (the clock must not
    // move before), go on, and wait for the commits now and then.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (outstanding.length >= MAX_OUTSTANDING_APPENDS) await settleOutstanding();
  };

  try {
    for (let generated = await source.next(); generated !== undefined; generated = await source.next()) {
      for (const append of generated) {
        const at = Date.parse(append.recordedAt);
        if (batch.length >= maxBatch || (batch.length > 0 && at - batchStart > windowMs)) await flush();
        if (batch.length === 0) batchStart = at;
        batchEnd = at;
        hooks.observe?.(append);
        batch.push(append);
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
    }
    await flush();
    await settleOutstanding();
  } catch (error) {
    // Settle what was issued before giving up, so no append is left running against the store.
    await Promise.allSettled(outstanding);
    throw error;
  } finally {
    await source.close();
  }
  hooks.onProgress?.(progress());
  const elapsedMs = elapsed() - started;
  return {
    options: resolved,
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
