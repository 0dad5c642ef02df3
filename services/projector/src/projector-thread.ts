import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startModuleWorker, type EventStore, type StoreSettings } from "@duty-ledger/event-store";
import { createPositionWaiters, createReadModels, openReadModelStore, projectionGroups, readModelsPath, type ReadModels, type ReadModelSettings } from "@duty-ledger/projections";

/**
 * The projector off the main thread, for a server that also answers HTTP: folding and
 * committing a rebuild's batches (seconds of CPU each over a province) then never hold up the
 * requests. On a machine with two cores or more the projections run on two worker threads, a
 * group each (`projectionGroups`): each worker (`projector-worker.ts`) opens its own connection
 * to the event store, reads only the event types its group handles, and commits its group's
 * documents and checkpoints into the read models (`<dataDir>/read-models.sqlite`, one writer at
 * a time: a commit waits for the other's; or PostgreSQL, `readModels`). This side knows what the
 * workers report — each one's position after each commit, its phase — and serves `waitFor` from
 * the lowest, as the engine does in process.
 * It reads the read models (`readModels`) on a read-only connection of its own: they are
 * committed before a worker reports the position.
 */

export interface ProjectorWorkerData {
  readonly store: StoreSettings;
  readonly dataDir: string;
  /** Where the read models are. Default `<dataDir>/read-models.sqlite`. */
  readonly readModels?: ReadModelSettings;
  readonly logLevel: string;
  /** The `service` of the worker's log lines: the process that started it. Default "duty-ledger" (the all-in-one server). */
  readonly service?: string;
  readonly catchUpCachedDocs?: number;
  /** Events per commit while catching up (`DUTY_LEDGER_CATCH_UP_BATCH`). Default: the engine's (the starting head, or `catchUpCachedDocs` changed documents). */
  readonly catchUpBatchSize?: number;
  /** The projections this worker runs, by name (a group of `projectionGroups`). */
  readonly projections: readonly string[];
  /** Whether this worker drops what retired projections left in an older file (one of them does). */
  readonly dropsRetired: boolean;
}

export type ToProjectorWorker = { readonly kind: "stop" };

export type FromProjectorWorker =
  | { readonly kind: "started"; readonly position: number; readonly phase: string }
  | { readonly kind: "progress"; readonly position: number; readonly phase: string }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "stopped"; readonly position: number };

export interface ProjectorThreadOptions extends Omit<ProjectorWorkerData, "projections" | "dropsRetired"> {
  /** The caller's own connection to the same log: its head (`lag()`). */
  readonly log: Pick<EventStore, "headPosition">;
  /** Worker threads the projections run on, 1 or 2. Default: 2 on a machine with two cores or more. */
  readonly threads?: 1 | 2;
  /** Called once if a worker fails after the start (its engine failed, or its thread ended): the standalone projector then exits. */
  readonly onFailure?: (error: string) => void;
}

export interface ProjectorThread {
  /** The readers for the query API, on this thread's read-only connection; their `waitFor` is the workers'. */
  readonly readModels: ReadModels;
  /** The lowest checkpoint of the read models, as the workers last reported them. */
  position(): number;
  lag(): Promise<number>;
  headPosition(): Promise<number>;
  /** Resolves `true` once every worker reported `position` or beyond, `false` after `timeoutMs`, a failure or the stop. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  status(): { readonly phase: string; readonly error: string | null };
  /** Flushes the batches in progress and their checkpoints, closes the workers' stores, ends the threads, closes the read connection. */
  stop(): Promise<void>;
}

/** Two worker threads where there are two cores to run them. */
export const defaultProjectorThreads = (): 1 | 2 => (availableParallelism() >= 2 ? 2 : 1);

/**
 * The worker's young generation (V8's nursery), MiB. A rebuild folds millions of short-lived
 * objects; with V8's default the thread rebuilt the province at 23.2k–23.9k events/s, with
 * 192 MiB at 25.1k–27.6k (alternated runs, 2026-11-21; docs/performance.md).
 */
const YOUNG_GENERATION_MIB = 192;

/** The worker on the module next to this file: built, or on source through tsx (`startModuleWorker`). */
const newWorker = (data: ProjectorWorkerData): Worker =>
  startModuleWorker(import.meta.url, "projector-worker", { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB } });

/** One worker as this side knows it. */
interface ProjectorWorker {
  position: number;
  phase: string;
  error: string | null;
  ended: boolean;
  /** Resolves once its projector started; rejects if it could not. */
  readonly started: Promise<void>;
  /** Resolves once the thread exited. */
  readonly exited: Promise<void>;
  readonly thread: Worker;
}

/** Starts a worker; `changed` is called whenever its position or phase changes. */
const startWorker = (data: ProjectorWorkerData, changed: (failed: boolean) => void): ProjectorWorker => {
  const thread = newWorker(data);
  let onStarted: (outcome: Error | null) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    onStarted = (outcome) => (outcome === null ? resolve() : reject(outcome));
  });
  // A failed start is reported by `started`; nobody need await it otherwise.
  started.catch(() => undefined);
  let onExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    onExited = resolve;
  });
  const worker: ProjectorWorker = { position: 0, phase: "idle", error: null, ended: false, started, exited, thread };
  const fail = (message: string): void => {
    worker.phase = "failed";
    worker.error = message;
    changed(true);
    onStarted(new Error(`the projector could not start: ${message}`));
  };
  thread.on("message", (message: FromProjectorWorker) => {
    switch (message.kind) {
      case "started":
      case "progress":
        worker.position = Math.max(worker.position, message.position);
        worker.phase = message.phase;
        changed(false);
        if (message.kind === "started") onStarted(null);
        break;
      case "failed":
        fail(message.message);
        break;
      case "stopped":
        worker.position = Math.max(worker.position, message.position);
        if (worker.phase !== "failed") worker.phase = "stopped";
        changed(true);
        break;
      default: {
        const _exhaustive: never = message;
        throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`);
      }
    }
  });
  thread.on("error", (cause: Error) => fail(cause.message));
  thread.on("exit", (code) => {
    worker.ended = true;
    if (worker.phase !== "stopped" && worker.phase !== "failed") fail(`the projector's thread exited (code ${code})`);
    changed(true);
    onExited();
  });
  return worker;
};

/** The projector's phase from its workers': failed if one failed, live once all are, catching up while one is. */
const phaseOf = (workers: readonly ProjectorWorker[]): string => {
  const phases = workers.map((w) => w.phase);
  if (phases.includes("failed")) return "failed";
  if (phases.every((phase) => phase === "live")) return "live";
  if (phases.includes("catching-up")) return "catching-up";
  if (phases.every((phase) => phase === "stopped")) return "stopped";
  return phases.find((phase) => phase !== "live") ?? "idle";
};

/** Starts the workers; resolves once every one's projector has started (read models prepared, reading the log), rejects if one could not. */
export const startProjectorThread = async (options: ProjectorThreadOptions): Promise<ProjectorThread> => {
  const { log, threads = defaultProjectorThreads(), onFailure, ...data } = options;
  const headPosition = (): Promise<number> => log.headPosition();
  const groups = projectionGroups(threads);
  const position = (): number => Math.min(...workers.map((w) => w.position));
  const waiters = createPositionWaiters(position);
  let running = false;
  let failureReported = false;
  const changed = (failed: boolean): void => {
    waiters.settle(failed);
    if (!running || failureReported) return;
    const failedWorker = workers.find((w) => w.phase === "failed");
    if (failedWorker === undefined) return;
    failureReported = true;
    onFailure?.(failedWorker.error ?? "a projector thread failed");
  };
  const workers: ProjectorWorker[] = groups.map((group, i) => startWorker({ ...data, projections: group.map((p) => p.name), dropsRetired: i === 0 }, changed));
  const outcomes = await Promise.allSettled(workers.map((w) => w.started));
  const refused = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (refused !== undefined) {
    // A worker that could not start its projector may still hold its store open, and the others run: end them all.
    await Promise.all(workers.map((w) => w.thread.terminate()));
    throw refused.reason;
  }
  // The workers created and prepared the read models: read them on a connection of this thread.
  const readModelStore = openReadModelStore(data.readModels ?? { kind: "sqlite", path: readModelsPath(data.dataDir) }, { readonly: true });
  const finished = (): boolean => workers.some((w) => w.ended || w.phase === "failed" || w.phase === "stopped");
  // From here on a worker's failure is reported (one that failed meanwhile, at once).
  running = true;
  changed(false);
  const waitFor = (target: number, timeoutMs: number): Promise<boolean> => {
    if (position() >= target) return Promise.resolve(true);
    if (finished()) return Promise.resolve(false);
    return waiters.wait(target, timeoutMs);
  };
  return {
    readModels: createReadModels(readModelStore, { waitFor }),
    position,
    lag: async () => Math.max(0, (await headPosition()) - position()),
    headPosition,
    waitFor,
    status: () => ({ phase: phaseOf(workers), error: workers.find((w) => w.error !== null)?.error ?? null }),
    stop: async () => {
      running = false;
      for (const worker of workers) if (!worker.ended) worker.thread.postMessage({ kind: "stop" } satisfies ToProjectorWorker);
      await Promise.all(workers.map((w) => w.exited));
      await readModelStore.close();
    },
  };
};
