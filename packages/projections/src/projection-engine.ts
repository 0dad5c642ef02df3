import { voidingEventType } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { EMPTY, Observable, Subject, concat, concatMap, defer, from, map, of, takeUntil, type Subscription } from "rxjs";
import { cacheLoaded, createCursor, foldChunk, putChangedDocuments, readVoidedStreams, routeChunk, type ProjectionCursor } from "./apply-batch.js";
import { batchEvents } from "./batch-events.js";
import { createProjectionDocuments, evictDocuments, type ProjectionDocuments } from "./document-cache.js";
import { EngineNotRunningError } from "./errors.js";
import { createPositionWaiters } from "./position-waiters.js";
import type { AnyProjection } from "./projection.js";
import type { ReadModelStore } from "./read-model-store.js";

/**
 * The projection engine: a catch-up read of the log from the lowest checkpoint of its
 * projections up to the head it started with — only the event types they handle, a filter the
 * store applies — then one live subscription to everything after that head. Both are cut into
 * chunks with rxjs (`batchEvents`, a `bufferTime` with the limits of each phase), each chunk folded
 * into documents held in memory (`routeChunk`, `foldChunk`; the stream of a rare voiding read first
 * by `readVoidedStreams`, its documents folded again from its counting events; the cache of `document-cache.ts`: a
 * document is read from the store at most once while cached), and a batch of chunks written —
 * the changed documents AND every projection's new checkpoint — in ONE read-model
 * transaction. Live, a batch is one chunk (up to `batchSize` events or `maxBatchWaitMs`);
 * while catching up, chunks accumulate until `catchUpCachedDocs` documents changed,
 * `catchUpBatchSize` events (no bound by default), or the end of the catch-up read, so that a
 * document touched by many events is written once per batch. The catch-up read ends once the
 * store read the log up to that head (`until`), whatever the filter skipped: the last batch
 * moves the checkpoints to the head itself.
 *
 * Exactly-once effect: a projection applies an event only if its position is after the
 * projection's checkpoint, and the checkpoint moves in the same transaction as the documents
 * holding the event's effects. A crash at any instant leaves the store either before the
 * transaction (the batch is read again after restart and applied once) or after it (the
 * batch's events are at or before the checkpoint and skipped). Nothing is skipped either:
 * the reads deliver every event after the lowest checkpoint that any projection handles, in
 * order, and a checkpoint moves past an event only once the read went past it.
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
  /** Events read since `start()` (while catching up, only the types the projections handle are read). */
  readonly events: number;
  /** Events read per second since `start()`. */
  readonly eventsPerSecond: number;
  /** Projections being rebuilt from the start of the log in this run. */
  readonly rebuilding: readonly string[];
  /** Events in the batch just committed. */
  readonly batch: number;
}

/** What the engine reads of the log: its head, a catch-up then live subscription, and a voided event's stream. */
export type ProjectionSource = Pick<EventStore, "headPosition" | "subscribe" | "readStream">;

export interface ProjectionEngineOptions {
  readonly store: ProjectionSource;
  readonly readModels: ReadModelStore;
  readonly projections: readonly AnyProjection[];
  readonly logger: ProjectionLogger;
  /** Most events per batch once live (one transaction). Default 5000. */
  readonly batchSize?: number;
  /** Longest a live event waits for its batch to fill (ms). Default 20. */
  readonly maxBatchWaitMs?: number;
  /**
   * Most events per batch (one transaction) while catching up (rebuilds, restarts behind the
   * head). Default: no bound — a batch ends at `catchUpCachedDocs` changed documents or at the
   * head the engine started with (the province's rebuild is one batch; a crash redoes it from the
   * last commit). Progress is logged from the folding meanwhile.
   */
  readonly catchUpBatchSize?: number;
  /**
   * Most events folded per chunk while catching up. Default 2000 (the SQLite store's page):
   * documents missing from memory are read once per chunk and projection, and the batch's bounds
   * are checked after each chunk. The chunk being folded is what a young-generation collection
   * finds alive and copies, with the documents' new versions: over the province, the suggestions'
   * engine took 7.9–8.7 s with chunks of 1 000–4 000 events against 9.5–10.4 s with 10 000, and
   * the projector's two threads 9.5–10.3 s against 11.9–13.7 s (docs/performance.md).
   */
  readonly catchUpChunkSize?: number;
  /** Longest a chunk of events waits to fill while catching up (ms). Default 1000. */
  readonly catchUpBatchWaitMs?: number;
  /**
   * While catching up, the batch is committed once this many documents changed (the memory
   * bound: changed documents are held until the commit). After a commit, up to half as many
   * unchanged documents stay cached for the next batch. Default 400 000.
   */
  readonly catchUpCachedDocs?: number;
  /** Unchanged documents kept in memory between batches once live. Default 10 000. */
  readonly liveCachedDocs?: number;
  /**
   * Names of projections this code no longer runs (`retiredProjections`): documents they left in
   * the read-model store are dropped at start, and their checkpoint set back to 0.
   */
  readonly retired?: readonly string[];
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

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const createProjectionEngine = (options: ProjectionEngineOptions): ProjectionEngine => {
  const { store, readModels, logger } = options;
  const batchSize = options.batchSize ?? 5000;
  const maxBatchWaitMs = options.maxBatchWaitMs ?? 20;
  const catchUpBatchSize = options.catchUpBatchSize ?? Number.MAX_SAFE_INTEGER;
  const catchUpCachedDocs = options.catchUpCachedDocs ?? 400_000;
  const liveCachedDocs = options.liveCachedDocs ?? 10_000;
  // A batch may exceed `catchUpCachedDocs` by the documents of one chunk (its bounds are checked after each).
  const catchUpChunkSize = Math.max(1, Math.min(catchUpBatchSize, options.catchUpChunkSize ?? 2000, catchUpCachedDocs));

  const catchUpBatchWaitMs = options.catchUpBatchWaitMs ?? Math.max(maxBatchWaitMs, 1000);
  const progressLogIntervalMs = options.progressLogIntervalMs ?? 2000;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isSafeInteger(catchUpBatchSize) || catchUpBatchSize < 1) {
    throw new RangeError(`catchUpBatchSize must be a positive integer, got ${catchUpBatchSize}`);
  }
  if (!(maxBatchWaitMs > 0) || !(catchUpBatchWaitMs > 0)) throw new RangeError("batch waits must be positive");
  if (options.catchUpChunkSize !== undefined && (!Number.isSafeInteger(options.catchUpChunkSize) || options.catchUpChunkSize < 1)) {
    throw new RangeError(`catchUpChunkSize must be a positive integer, got ${options.catchUpChunkSize}`);
  }
  for (const [name, value] of [
    ["catchUpCachedDocs", catchUpCachedDocs],
    ["liveCachedDocs", liveCachedDocs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
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
  let head = 0;
  let catchUpTarget = 0;
  let startedAt = 0;
  let processed = 0;
  let lastProgressLog = 0;

  /** Events read in order, and the position the log was read up to (the last event's, or beyond at the end of a filtered read). */
  type Chunk = { readonly events: readonly RecordedEvent[]; readonly through: number };

  const position = (): number => (cursors.length === 0 ? 0 : Math.min(...cursors.map((c) => c.checkpoint)));

  /** How far `at` is towards the head (%), and `events` per second since the start. */
  const percentOfHead = (at: number): number => (head === 0 ? 100 : Math.min(100, (at / head) * 100));
  const rateSinceStart = (events: number, now: number): number => events / Math.max((now - startedAt) / 1000, 1e-6);

  const progress = (batch: number): ProjectionProgress => {
    const pos = position();
    return {
      phase,
      position: pos,
      head,
      percent: percentOfHead(pos),
      events: processed,
      eventsPerSecond: rateSinceStart(processed, performance.now()),
      rebuilding,
      batch,
    };
  };

  const waiters = createPositionWaiters(position);

  // --- folding and committing -----------------------------------------------------------------
  // The documents of the projections (changed ones until the next commit, unchanged ones as a
  // cache), the events folded into them since the last commit and the last of them.
  let caches: ProjectionDocuments[] = [];
  let pendingEvents = 0;
  let pendingPosition = 0;
  let round = 0;

  const changedDocs = (): number => {
    let n = 0;
    for (const cache of caches) n += cache.dirty.size;
    return n;
  };

  /**
   * Writes every changed document and every projection's new checkpoint in ONE transaction;
   * only then do the in-memory checkpoints move and the documents count as stored.
   */
  const commit = async (): Promise<void> => {
    const lastPosition = pendingPosition;
    if (!cursors.some((cursor) => cursor.checkpoint < lastPosition)) return;
    let markWritten: () => void = () => {};
    await readModels.transaction((writer) => {
      markWritten = putChangedDocuments(writer, cursors, caches);
      for (const { projection, checkpoint } of cursors) {
        if (checkpoint < lastPosition) writer.setCheckpoint(projection.name, projection.version, lastPosition, checkpoint);
      }
    });
    markWritten();
    cursors = cursors.map((cursor) => (cursor.checkpoint < lastPosition ? { ...cursor, checkpoint: lastPosition } : cursor));
    const batch = pendingEvents;
    pendingEvents = 0;
    processed += batch;
    head = Math.max(head, lastPosition);
    const wasCatchingUp = phase === "catching-up";
    if (wasCatchingUp && position() >= catchUpTarget) phase = "live";
    evictDocuments(caches, phase === "catching-up" ? Math.floor(catchUpCachedDocs / 2) : liveCachedDocs, round, 2);
    const report = progress(batch);
    waiters.settle(false);
    options.onProgress?.(report);
    const now = performance.now();
    if (wasCatchingUp && phase === "live") {
      logger.info(
        { position: report.position, events: report.events, eventsPerSecond: Math.round(report.eventsPerSecond), rebuilt: rebuilding },
        "projections: caught up with the log",
      );
      rebuilding = [];
    } else if (wasCatchingUp && now - lastProgressLog >= progressLogIntervalMs) {
      logCatchingUp(now);
    }
  };

  /**
   * The catch-up's progress, logged every `progressLogIntervalMs` from the commits and from the
   * chunks folded between them (a rebuild may be one batch): `folded` is the last event folded,
   * `position` the last committed (what the readers see), `percent` and the rate are of folding.
   */
  const logCatchingUp = (now: number): void => {
    lastProgressLog = now;
    const folded = Math.max(position(), pendingPosition);
    logger.info(
      {
        position: position(),
        folded,
        head,
        percent: Number(percentOfHead(folded).toFixed(1)),
        eventsPerSecond: Math.round(rateSinceStart(processed + pendingEvents, now)),
        rebuilding,
      },
      "projections: catching up",
    );
  };

  /**
   * Folds a chunk of events into the cached documents (reading the missing ones once per
   * projection), then commits unless the engine is catching up and the batch may grow: live,
   * every chunk is a batch; catching up, a batch ends at `catchUpBatchSize` events,
   * `catchUpCachedDocs` changed documents or the head the engine started with.
   */
  const processChunk = async ({ events, through }: Chunk): Promise<void> => {
    if (events.length === 0) {
      // The end of the catch-up read: the log was read up to `through`, the last events skipped.
      pendingPosition = Math.max(pendingPosition, through);
      await commit();
      return;
    }
    round++;
    const routes = routeChunk(cursors, caches, events, await readVoidedStreams(store, events));
    const loaded: Map<string, unknown>[] = [];
    for (let c = 0; c < cursors.length; c++) {
      const keys = routes.load[c] as string[];
      loaded.push(keys.length === 0 ? new Map() : await readModels.getMany<unknown>((cursors[c] as ProjectionCursor).projection.name, keys));
    }
    cacheLoaded(cursors, caches, loaded, round);
    foldChunk(cursors, caches, routes, round);
    pendingEvents += events.length;
    pendingPosition = through;
    // (A chunk cut short by its timer says nothing: the engine may just have been busy committing.
    // The catch-up's last batch is committed by the chunk that ends the read.)
    const batchMayGrow = phase === "catching-up" && pendingEvents < catchUpBatchSize && changedDocs() < catchUpCachedDocs;
    if (!batchMayGrow) await commit();
    else if (performance.now() - lastProgressLog >= progressLogIntervalMs) logCatchingUp(performance.now());
  };

  const fail = (error: unknown): void => {
    if (phase === "failed") return;
    phase = "failed";
    // Nothing folded since the last commit survives: the caches may hold uncommitted effects
    // (a restart prepares new ones from the checkpoints).
    caches = [];
    pendingEvents = 0;
    failure = describeError(error);
    logger.error({ err: error, position: position() }, "projections: engine failed; read models stay at their last checkpoint");
    waiters.settle(true);
    options.onFailure?.(error);
  };

  /** Drops what retired projections left in the store (once: their checkpoint goes back to 0). */
  const dropRetired = async (): Promise<void> => {
    for (const name of options.retired ?? []) {
      if (names.has(name)) continue;
      const stored = await readModels.checkpoint(name);
      if (stored === undefined || stored.position === 0) continue;
      await readModels.transaction((writer) => {
        writer.dropProjection(name);
        writer.setCheckpoint(name, stored.version, 0);
      });
      logger.info({ projection: name, position: stored.position }, "projections: dropped the documents of a retired projection");
    }
  };

  /** Reads the checkpoints; drops and resets projections that are new or whose version changed. */
  const prepare = async (): Promise<void> => {
    await dropRetired();
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
    const rebuilt = new Set(rebuilding);
    caches = prepared.map((cursor) => createProjectionDocuments(rebuilt.has(cursor.projection.name)));
    pendingEvents = 0;
    pendingPosition = 0;
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
    const chunks = (events: Observable<RecordedEvent>, maxSize: number, maxWaitMs: number): Observable<Chunk> =>
      events.pipe(
        takeUntil(stopSignal),
        batchEvents({ maxSize, maxWaitMs }),
        map((batch) => ({ events: batch, through: (batch[batch.length - 1] as RecordedEvent).position })),
      );
    // Stopped meanwhile: no end-of-read chunk (the read did not end), no live subscription.
    const unlessStopped = <T>(next: () => Observable<T>): Observable<T> => defer(() => (stop$ === stopSignal ? next() : EMPTY));
    // Every projection is folded again on a voiding of its streams: the catch-up reads them too.
    const handled = [...new Set([...cursors.flatMap((cursor) => [...cursor.handles]), voidingEventType])];
    const catchUp =
      from_ >= catchUpTarget
        ? EMPTY
        : concat(
            chunks(store.subscribe({ after: from_, until: catchUpTarget, filter: { eventTypes: handled } }), catchUpChunkSize, catchUpBatchWaitMs),
            unlessStopped(() => of({ events: [], through: catchUpTarget })),
          );
    const live = unlessStopped(() => chunks(store.subscribe({ after: Math.max(from_, catchUpTarget) }), batchSize, maxBatchWaitMs));
    subscription = concat(catchUp, live)
      .pipe(concatMap((chunk) => from(processChunk(chunk))))
      .subscribe({
        error: (error: unknown) => {
          fail(error);
          resolveFinished();
        },
        complete: () => {
          // The events folded since the last commit are committed before the engine stops.
          commit().then(
            () => {
              if (stop$ === stopSignal) {
                // The log ended without stop(): the event store was closed under the engine.
                phase = "stopped";
                logger.warn({ position: position() }, "projections: the event store closed the subscription");
                waiters.settle(true);
              }
              resolveFinished();
            },
            (error: unknown) => {
              fail(error);
              resolveFinished();
            },
          );
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
    waiters.settle(true);
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
      return waiters.wait(target, timeoutMs);
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
