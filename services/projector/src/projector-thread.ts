import { Worker } from "node:worker_threads";
import type { EventStore, StoreSettings } from "@duty-ledger/event-store";
import { createPositionWaiters, createReadModels, createSqliteReadModelStore, readModelsPath, type ReadModels } from "@duty-ledger/projections";

/**
 * The projector on a thread of its own, for a server that also answers HTTP: folding and
 * committing a rebuild's batches (seconds of CPU each over a province) then never hold up the
 * requests. The worker (`projector-worker.ts`) opens its own connection to the event store and
 * writes `<dataDir>/read-models.sqlite`; this side knows what the worker reports — its
 * position after each commit, its phase — and serves `waitFor` from it, as the engine does in
 * process. This side reads the read models (`readModels`) on a read-only connection of its own:
 * they are committed before the worker reports the position.
 */

export interface ProjectorWorkerData {
  readonly store: StoreSettings;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly catchUpCachedDocs?: number;
}

export type ToProjectorWorker = { readonly kind: "stop" };

export type FromProjectorWorker =
  | { readonly kind: "started"; readonly position: number; readonly phase: string }
  | { readonly kind: "progress"; readonly position: number; readonly phase: string }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "stopped"; readonly position: number };

export interface ProjectorThreadOptions extends ProjectorWorkerData {
  /** The caller's own connection to the same log: its head (`lag()`), the timeline's streams. */
  readonly log: EventStore;
}

export interface ProjectorThread {
  /** The readers for the query API, on this thread's read-only connection; their `waitFor` is the thread's. */
  readonly readModels: ReadModels;
  /** The lowest checkpoint of the read models, as the worker last reported it. */
  position(): number;
  lag(): Promise<number>;
  headPosition(): Promise<number>;
  /** Resolves `true` once the worker reported `position` or beyond, `false` after `timeoutMs`, a failure or the stop. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  status(): { readonly phase: string; readonly error: string | null };
  /** Flushes the batch in progress and its checkpoint, closes the worker's stores, ends the thread, closes the read connection. */
  stop(): Promise<void>;
}

/**
 * The worker's young generation (V8's nursery), MiB. A rebuild folds millions of short-lived
 * objects; with V8's default the thread rebuilt the province at 23.2k–23.9k events/s, with
 * 192 MiB at 25.1k–27.6k (alternated runs, 2026-11-21; docs/performance.md).
 */
const YOUNG_GENERATION_MIB = 192;

/** The worker on the module next to this file: built, or on source through a bootstrap registering tsx (as the seed worker). */
const startWorker = (data: ProjectorWorkerData): Worker => {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MIB };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./projector-worker.js", import.meta.url), { workerData: data, resourceLimits });
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./projector-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data, execArgv: ["--conditions=source"], resourceLimits });
};

/** Starts the worker; resolves once its projector has started (read models prepared, subscribed), rejects if it could not. */
export const startProjectorThread = async (options: ProjectorThreadOptions): Promise<ProjectorThread> => {
  const { log, ...data } = options;
  const headPosition = (): Promise<number> => log.headPosition();
  const worker = startWorker(data);
  let position = 0;
  let phase = "idle";
  let error: string | null = null;
  let ended = false;
  const waiters = createPositionWaiters(() => position);

  let onStarted: (outcome: Error | null) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    onStarted = (outcome) => (outcome === null ? resolve() : reject(outcome));
  });
  let onStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    onStopped = resolve;
  });
  const fail = (message: string): void => {
    phase = "failed";
    error = message;
    waiters.settle(true);
    onStarted(new Error(`the projector could not start: ${message}`));
  };

  worker.on("message", (message: FromProjectorWorker) => {
    switch (message.kind) {
      case "started":
      case "progress":
        position = Math.max(position, message.position);
        phase = message.phase;
        waiters.settle(false);
        if (message.kind === "started") onStarted(null);
        break;
      case "failed":
        fail(message.message);
        break;
      case "stopped":
        position = Math.max(position, message.position);
        if (phase !== "failed") phase = "stopped";
        waiters.settle(true);
        break;
      default: {
        const _exhaustive: never = message;
        throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`);
      }
    }
  });
  worker.on("error", (cause: Error) => fail(cause.message));
  worker.on("exit", (code) => {
    ended = true;
    if (phase !== "stopped" && phase !== "failed") fail(`the projector's thread exited (code ${code})`);
    waiters.settle(true);
    onStopped();
  });

  try {
    await started;
  } catch (error) {
    // A worker that could not start its projector may still hold its store open: end it.
    await worker.terminate();
    throw error;
  }
  // The worker created and prepared the read models: read them on a connection of this thread.
  const readModelStore = createSqliteReadModelStore({ path: readModelsPath(data.dataDir), readonly: true });
  const waitFor = (target: number, timeoutMs: number): Promise<boolean> => {
    if (position >= target) return Promise.resolve(true);
    if (ended || phase === "failed" || phase === "stopped") return Promise.resolve(false);
    return waiters.wait(target, timeoutMs);
  };
  return {
    readModels: createReadModels(readModelStore, log, { waitFor }),
    position: () => position,
    lag: async () => Math.max(0, (await headPosition()) - position),
    headPosition,
    waitFor,
    status: () => ({ phase, error }),
    stop: async () => {
      if (!ended) worker.postMessage({ kind: "stop" } satisfies ToProjectorWorker);
      await stopped;
      await readModelStore.close();
    },
  };
};
