import type { Worker } from "node:worker_threads";
import type { EventStoreLogger } from "./logger.js";
import { startModuleWorker } from "./module-worker.js";

/**
 * Keeps the SQLite store's Merkle tree up with its log, off the append path: a worker thread
 * (sqlite-tree-worker.ts) with a connection of its own hashes the events committed since and
 * stores the new subtrees, woken after each commit. Hashing costs about two SHA-256 per event,
 * a third of a batched append's CPU: done by the committing thread it would cut appends by a
 * third (measured), here it runs on another core. The tree trails the log by the events of
 * the last fraction of a second; a tree head covers what was integrated, and asking for a larger
 * size (up to the head) waits for it. Started on first need (or `start`), stopped (after
 * integrating everything) when the store closes.
 */

export interface TreeWorkerData {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** Events hashed per step (one short write transaction each). */
  readonly chunkEvents: number;
  /** How often the worker looks for other processes' appends (ms); 0: only when woken. */
  readonly pollIntervalMs: number;
  /** A wake gathers the commits of this long before integrating (ms). */
  readonly batchDelayMs: number;
}

/** The hashes of committed events at `firstPosition`, …: 64 hex digits each, concatenated. */
export interface CommittedHashes {
  readonly firstPosition: number;
  readonly hex: string;
}

export type ToTreeWorker = { readonly kind: "wake"; readonly urgent: boolean; readonly committed: readonly CommittedHashes[] } | { readonly kind: "stop" };
export type FromTreeWorker = { readonly kind: "integrated"; readonly size: number } | { readonly kind: "failed"; readonly message: string };

export interface TreeIntegrator {
  /** Starts the worker (if not yet); resolves once it runs and has read the tree's size. */
  start(): Promise<void>;
  /** A group committed these events (before `wake`): their hashes go to the worker with the next wake. */
  committed(hashes: CommittedHashes | null): void;
  /** Events were committed: integrate them. */
  wake(): void;
  /** Resolves once the tree covers `size` events (the caller checked the log has them). */
  integrated(size: number): Promise<void>;
  /** Integrates what is left, then stops the worker. */
  stop(): Promise<void>;
}

export interface TreeIntegratorOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly logger: EventStoreLogger;
  /** The stored tree's size, read on the caller's connection (for waits the worker does not answer). */
  readonly storedSize: () => number;
}

const CHUNK_EVENTS = 4096;
/**
 * A wake gathers this long of commits into one integration (one short write transaction).
 * Measured on batched appends (`pnpm bench store`, 2 cores): integrating at every commit took
 * the write lock from the appender often enough to cost a fifth of its rate; with 25 ms batches
 * the rate was 0.85–0.87 of the store's without the tree, with 200 ms batches 0.80–0.90.
 */
const BATCH_DELAY_MS = 200;
/** A wait for the tree gives up after this long (ms): the worker is stuck or gone. */
const WAIT_LIMIT_MS = 60_000;

export function createTreeIntegrator(options: TreeIntegratorOptions): TreeIntegrator {
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;
  let known = 0;
  let running: Promise<void> | null = null;
  let markRunning = (): void => undefined;
  const waiters = new Set<{ readonly size: number; readonly resolve: () => void; readonly reject: (error: Error) => void }>();

  const settleWaiters = (): void => {
    for (const waiter of waiters) {
      if (known >= waiter.size) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const start = (): Worker => {
    const data: TreeWorkerData = { path: options.path, busyTimeoutMs: options.busyTimeoutMs, chunkEvents: CHUNK_EVENTS, pollIntervalMs: options.pollIntervalMs, batchDelayMs: BATCH_DELAY_MS };
    const thread = startModuleWorker(import.meta.url, "sqlite-tree-worker", { workerData: data });
    thread.unref(); // never keeps the process alive
    running = new Promise<void>((resolve) => {
      markRunning = resolve;
    });
    thread.on("message", (message: FromTreeWorker) => {
      markRunning();
      switch (message.kind) {
        case "integrated":
          known = Math.max(known, message.size);
          settleWaiters();
          break;
        case "failed":
          options.logger.warn({ path: options.path, reason: message.message }, "event store: integrating events into the Merkle tree failed; retrying");
          break;
        default: {
          const _exhaustive: never = message;
          throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`);
        }
      }
    });
    thread.on("error", (error: Error) => options.logger.error({ path: options.path, err: error }, "event store: the Merkle tree worker failed"));
    exited = new Promise<void>((resolve) => {
      thread.on("exit", () => {
        worker = null;
        markRunning();
        for (const waiter of waiters) waiter.reject(new Error("event store: the Merkle tree worker stopped"));
        waiters.clear();
        resolve();
      });
    });
    return thread;
  };

  /** Committed hashes not yet handed over: runs of consecutive positions, joined when they continue each other. */
  let committed: { firstPosition: number; parts: string[]; next: number }[] = [];
  const takeCommitted = (): CommittedHashes[] => {
    const runs = committed.map((run) => ({ firstPosition: run.firstPosition, hex: run.parts.join("") }));
    committed = [];
    return runs;
  };

  /**
   * Wakes the worker once per turn of the event loop at most (commits come in bursts), at the
   * end of the turn with the hashes of every group committed in it; at once when urgent.
   */
  let woken = false;
  const wake = (urgent = false): void => {
    if (stopped || (woken && !urgent)) return;
    worker ??= start();
    if (urgent) {
      worker.postMessage({ kind: "wake", urgent, committed: takeCommitted() } satisfies ToTreeWorker);
      return;
    }
    woken = true;
    setImmediate(() => {
      woken = false;
      if (!stopped) worker?.postMessage({ kind: "wake", urgent: false, committed: takeCommitted() } satisfies ToTreeWorker);
    });
  };

  return {
    start: () => {
      if (stopped) return Promise.resolve();
      worker ??= start();
      return running ?? Promise.resolve();
    },
    committed: (hashes) => {
      if (hashes === null || stopped) return;
      const next = hashes.firstPosition + hashes.hex.length / 64;
      const last = committed[committed.length - 1];
      if (last !== undefined && last.next === hashes.firstPosition) {
        last.parts.push(hashes.hex);
        last.next = next;
      } else committed.push({ firstPosition: hashes.firstPosition, parts: [hashes.hex], next });
    },
    wake: () => wake(false),
    integrated: (size) => {
      known = Math.max(known, options.storedSize());
      if (known >= size) return Promise.resolve();
      if (stopped) return Promise.reject(new Error("event store: closed before the Merkle tree covered the events asked for"));
      wake(true);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`event store: the Merkle tree did not reach ${size} events within ${WAIT_LIMIT_MS / 1000} s`));
        }, WAIT_LIMIT_MS);
        timer.unref();
        const waiter = {
          size,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (error: Error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        waiters.add(waiter);
      });
    },
    stop: async () => {
      if (stopped) return exited;
      stopped = true;
      const thread = worker;
      if (thread === null) return;
      thread.ref(); // the process waits for the worker to integrate and close its connection
      thread.postMessage({ kind: "stop" } satisfies ToTreeWorker);
      const timeout = setTimeout(() => void thread.terminate(), 30_000);
      timeout.unref();
      await exited;
      clearTimeout(timeout);
    },
  };
}
