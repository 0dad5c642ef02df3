import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { Subject, concatMap, from, takeUntil, type Subscription } from "rxjs";
import { applyBatch, createCursor, planBatch, type ProjectionCursor } from "./apply-batch.js";
import { batchEvents } from "./batch-events.js";
import { EngineNotRunningError } from "./errors.js";
import type { AnyProjection } from "./projection.js";
import type { ReadModelStore } from "./read-model-store.js";

/**
 * The projection engine: one subscription to the global log, from the lowest checkpoint of
 * its projections, batched with rxjs (`batchEvents`, a `bufferTime` with limits per phase:
 * up to `catchUpBatchSize` events or `catchUpBatchWaitMs` while catching up with the log, up
 * to `batchSize` events or `maxBatchWaitMs` once live), each batch folded in memory
 * (`applyBatch`, each document read once and kept for the whole batch) and written — the
 * changed documents AND every projection's new checkpoint — in ONE read-model transaction.
 *
 * Exactly-once effect: a projection applies an event only if its position is after the
 * projection's checkpoint, and the checkpoint moves in the same transaction as the documents
 * holding the event's effects. A crash at any instant leaves the store either before the
 * transaction (the batch is read again after restart and applied once) or after it (the
 * batch's events are at or before the checkpoint and skipped). Nothing is skipped either:
 * the subscription delivers every event after the lowest checkpoint, in order.
 *
 * A projection whose stored version differs from its code's `version` is dropped and rebuilt
 * from the start of the log; progress (events/s, % of the head) goes to the logger and to
 * `onProgress`.
 */

/** The logging the engine needs (a structural subset of a pino Logger). */
export interface ProjectionLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export type EnginePhase = "idle" | "catching-up" | "live" | "stopped" | "failed";

export interface ProjectionProgress {
  readonly phase: EnginePhase;
  /** The lowest checkpoint of the projections. */
  readonly position: number;
  /** The head of the log when last known (at start, then the highest position seen). */
  readonly head: number;
  /** `position` as a share of `head`, 0–100 (100 on an empty log). */
  readonly percent: number;
  /** Events processed since `start()`. */
  readonly events: number;
  /** Events per second since `start()`. */
  readonly eventsPerSecond: number;
  /** Projections being rebuilt from the start of the log in this run. */
  readonly rebuilding: readonly string[];
  /** Events in the batch just committed. */
  readonly batch: number;
}

export interface ProjectionEngineOptions {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly projections: readonly AnyProjection[];
  readonly logger: ProjectionLogger;
  /** Most events per batch once live (one transaction). Default 5000. */
  readonly batchSize?: number;
  /** Longest a live event waits for its batch to fill (ms). Default 20. */
  readonly maxBatchWaitMs?: number;
  /**
   * Most events per batch while catching up (rebuilds, restarts behind the head). Default
   * 50 000: a document touched by many events of the batch is written once.
   */
  readonly catchUpBatchSize?: number;
  /** Longest a catch-up batch waits to fill (ms). Default 1000. */
  readonly catchUpBatchWaitMs?: number;
  /** Called after every committed batch. */
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** How often progress is logged while catching up (ms). Default 2000. */
  readonly progressLogIntervalMs?: number;
  /** Called once when the engine fails (a projection threw, the store failed, a checkpoint conflict). */
  readonly onFailure?: (error: unknown) => void;
}

export interface EngineStatus {
  readonly phase: EnginePhase;
  readonly position: number;
  readonly checkpoints: Readonly<Record<string, number>>;
  readonly rebuilding: readonly string[];
  readonly error: string | null;
}

export interface ProjectionEngine {
  /** Loads the checkpoints (dropping projections whose version changed) and subscribes. */
  start(): Promise<void>;
  /** Flushes the batch in progress and its checkpoint, then unsubscribes. */
  stop(): Promise<void>;
  /** The lowest checkpoint of the projections: every read model holds the log up to here. */
  position(): number;
  /** Head of the log minus `position()`. */
  lag(): Promise<number>;
  /** Resolves `true` once `position() >= position`, `false` after `timeoutMs` or when the engine stops. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  status(): EngineStatus;
}

interface Waiter {
  readonly position: number;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createProjectionEngine = (options: ProjectionEngineOptions): ProjectionEngine => {
  const { store, readModels, logger } = options;
  const batchSize = options.batchSize ?? 5000;
  const maxBatchWaitMs = options.maxBatchWaitMs ?? 20;
  const catchUpBatchSize = options.catchUpBatchSize ?? Math.max(batchSize, 50_000);
  const catchUpBatchWaitMs = options.catchUpBatchWaitMs ?? Math.max(maxBatchWaitMs, 1000);
  const progressLogIntervalMs = options.progressLogIntervalMs ?? 2000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isSafeInteger(catchUpBatchSize) || catchUpBatchSize < 1) {
    throw new RangeError(`catchUpBatchSize must be a positive integer, got ${catchUpBatchSize}`);
  }
  if (!(maxBatchWaitMs > 0) || !(catchUpBatchWaitMs > 0)) throw new RangeError("batch waits must be positive");
  const names = new Set<string>();
  for (const projection of options.projections) {
    if (names.has(projection.name)) throw new RangeError(`two projections are named ${projection.name}`);
    names.add(projection.name);
  }

  let cursors: ProjectionCursor[] = [];
  let phase: EnginePhase = "idle";
  let failure: string | null = null;
  let rebuilding: string[] = [];
  let subscription: Subscription | undefined;
  let stop$: Subject<void> | undefined;
  let finished: Promise<void> | undefined;
  let waiters: Waiter[] = [];
  let head = 0;
  let catchUpTarget = 0;
  let startedAt = 0;
  let processed = 0;
  let lastProgressLog = 0;

  const position = (): number => (cursors.length === 0 ? 0 : Math.min(...cursors.map((c) => c.checkpoint)));

  const progress = (batch: number): ProjectionProgress => {
    const pos = position();
    const seconds = Math.max((performance.now() - startedAt) / 1000, 1e-6);
    return {
      phase,
      position: pos,
      head,
      percent: head === 0 ? 100 : Math.min(100, (pos / head) * 100),
      events: processed,
      eventsPerSecond: processed / seconds,
      rebuilding,
      batch,
    };
  };

  const settleWaiters = (all: boolean): void => {
    if (waiters.length === 0) return;
    const pos = position();
    const keep: Waiter[] = [];
    for (const waiter of waiters) {
      if (waiter.position <= pos || all) {
        clearTimeout(waiter.timer);
        waiter.resolve(waiter.position <= pos);
      } else {
        keep.push(waiter);
      }
    }
    waiters = keep;
  };

  const processBatch = async (events: readonly RecordedEvent[]): Promise<void> => {
    const last = events[events.length - 1];
    if (last === undefined) return;
    const T=(globalThis as any).__t ??= {plan:0,load:0,apply:0,write:0,idx:0};
    let t0=performance.now();
    const plan = planBatch(cursors, events);
    T.plan+=performance.now()-t0; t0=performance.now();
    const loaded: Map<string, unknown>[] = [];
    for (let c = 0; c < cursors.length; c++) {
      const keys = plan.keys[c] as Set<string>;
      loaded.push(keys.size === 0 ? new Map() : await readModels.getMany<unknown>((cursors[c] as ProjectionCursor).projection.name, keys));
    }
    T.load+=performance.now()-t0; t0=performance.now();
    const changed = applyBatch(cursors, plan, loaded);
    T.apply+=performance.now()-t0; t0=performance.now();
    const lastPosition = last.position;
    await readModels.transaction((writer) => {
      cursors.forEach((cursor, c) => {
        const { projection } = cursor;
        const stored = loaded[c] as Map<string, unknown>;
        for (const [key, doc] of changed[c] as Map<string, unknown>) {
          // The stored document's entries are known from the document itself: the store need not read them back.
          const before = stored.get(key);
          const previous = projection.indexesOf === undefined ? [] : before === undefined ? [] : projection.indexesOf(before, key);
          writer.put(projection.name, key, doc, projection.indexesOf?.(doc, key), previous);
        }
        if (cursor.checkpoint < lastPosition) writer.setCheckpoint(projection.name, projection.version, lastPosition, cursor.checkpoint);
      });
    });
    T.write+=performance.now()-t0;
    cursors = cursors.map((cursor) => (cursor.checkpoint < lastPosition ? { ...cursor, checkpoint: lastPosition } : cursor));
    processed += events.length;
    head = Math.max(head, lastPosition);
    const wasCatchingUp = phase === "catching-up";
    if (wasCatchingUp && position() >= catchUpTarget) phase = "live";
    const report = progress(events.length);
    settleWaiters(false);
    options.onProgress?.(report);
    const now = performance.now();
    if (wasCatchingUp && phase === "live") {
      logger.info(
        { position: report.position, events: report.events, eventsPerSecond: Math.round(report.eventsPerSecond), rebuilt: rebuilding },
        "projections: caught up with the log",
      );
      rebuilding = [];
    } else if (wasCatchingUp && now - lastProgressLog >= progressLogIntervalMs) {
      lastProgressLog = now;
      logger.info(
        {
          position: report.position,
          head: report.head,
          percent: Number(report.percent.toFixed(1)),
          eventsPerSecond: Math.round(report.eventsPerSecond),
          rebuilding,
        },
        "projections: catching up",
      );
    }
  };

  const fail = (error: unknown): void => {
    if (phase === "failed") return;
    phase = "failed";
    failure = describeError(error);
    logger.error({ err: error, position: position() }, "projections: engine failed; read models stay at their last checkpoint");
    settleWaiters(true);
    options.onFailure?.(error);
  };

  /** Reads the checkpoints; drops and resets projections that are new or whose version changed. */
  const prepare = async (): Promise<void> => {
    const prepared: ProjectionCursor[] = [];
    const reset: { name: string; version: number; reason: string }[] = [];
    for (const projection of options.projections) {
      const stored = await readModels.checkpoint(projection.name);
      if (stored !== undefined && stored.version === projection.version) {
        prepared.push(createCursor(projection, stored.position));
        continue;
      }
      reset.push({
        name: projection.name,
        version: projection.version,
        reason: stored === undefined ? "new" : `version ${stored.version} -> ${projection.version}`,
      });
      prepared.push(createCursor(projection, 0));
    }
    if (reset.length > 0) {
      await readModels.transaction((writer) => {
        for (const { name, version } of reset) {
          writer.dropProjection(name);
          writer.setCheckpoint(name, version, 0);
        }
      });
      for (const { name, reason } of reset) logger.info({ projection: name, reason }, "projections: (re)building from the start of the log");
    }
    cursors = prepared;
    rebuilding = reset.map((r) => r.name);
  };

  const start = async (): Promise<void> => {
    if (phase === "catching-up" || phase === "live") return;
    failure = null;
    await prepare();
    head = await store.headPosition();
    catchUpTarget = head;
    startedAt = performance.now();
    lastProgressLog = startedAt;
    processed = 0;
    const from_ = position();
    phase = from_ >= catchUpTarget ? "live" : "catching-up";
    logger.info({ position: from_, head, projections: cursors.map((c) => `${c.projection.name}@v${c.projection.version}`) }, "projections: started");

    const stopSignal = new Subject<void>();
    stop$ = stopSignal;
    let resolveFinished: () => void = () => {};
    finished = new Promise<void>((resolve) => {
      resolveFinished = resolve;
    });
    subscription = store
      .subscribe({ after: from_ })
      .pipe(
        takeUntil(stopSignal),
        batchEvents({
          maxSize: () => (phase === "catching-up" ? catchUpBatchSize : batchSize),
          maxWaitMs: () => (phase === "catching-up" ? catchUpBatchWaitMs : maxBatchWaitMs),
          flushAfter: (event) => phase === "catching-up" && event.position >= catchUpTarget,
        }),
        concatMap((batch) => from(processBatch(batch))),
      )
      .subscribe({
        error: (error: unknown) => {
          fail(error);
          resolveFinished();
        },
        complete: () => {
          if (stop$ === stopSignal) {
            // The log ended without stop(): the event store was closed under the engine.
            phase = "stopped";
            logger.warn({ position: position() }, "projections: the event store closed the subscription");
            settleWaiters(true);
          }
          resolveFinished();
        },
      });
  };

  const stop = async (): Promise<void> => {
    const signal = stop$;
    stop$ = undefined;
    if (signal !== undefined) {
      signal.next();
      signal.complete();
      await finished;
    }
    subscription?.unsubscribe();
    subscription = undefined;
    if (phase !== "failed") phase = "stopped";
    settleWaiters(true);
    logger.info({ position: position() }, "projections: stopped");
  };

  return {
    start,
    stop,
    position,
    lag: async () => {
      const current = await store.headPosition();
      head = Math.max(head, current);
      return Math.max(0, current - position());
    },
    waitFor: (target, timeoutMs) => {
      if (position() >= target) return Promise.resolve(true);
      if (phase !== "catching-up" && phase !== "live") {
        return phase === "idle" ? Promise.reject(new EngineNotRunningError("the projection engine is not started")) : Promise.resolve(false);
      }
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          position: target,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((w) => w !== waiter);
            resolve(position() >= target);
          }, Math.max(0, timeoutMs)),
        };
        waiters.push(waiter);
      });
    },
    status: () => ({
      phase,
      position: position(),
      checkpoints: Object.fromEntries(cursors.map((c) => [c.projection.name, c.checkpoint])),
      rebuilding,
      error: failure,
    }),
  };
};
