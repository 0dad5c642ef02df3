import { createRequire } from "node:module";
import { endianness } from "node:os";
import { Worker } from "node:worker_threads";
import type { EventStoreLogger } from "./logger.js";

/**
 * Checkpoints of the SQLite event store's WAL, run in a worker thread on a connection of its
 * own, off the append path. A checkpoint copies the WAL's pages into the database file and, in
 * `full` and `normal` durability, fsyncs both: run by the committing connection (SQLite's
 * default auto-checkpoint), it stalls one commit in every few hundred for the whole copy and
 * the fsyncs. Here the writer only appends to the WAL and the checkpointer copies behind it.
 *
 * The worker reads how many WAL frames are not yet copied from the WAL-index header (the
 * `-shm` file; its layout is part of SQLite's documented file format) every `intervalMs`, and
 * runs a PASSIVE checkpoint (which never blocks the writer or readers) once `thresholdPages`
 * are waiting, as SQLite's auto-checkpoint would. The writer keeps its own auto-checkpoint at
 * a multiple of that threshold, as a safety net should the worker fall behind or stop.
 */

export interface CheckpointerSettings {
  /** Checkpoint once this many WAL frames are not copied into the database file. */
  readonly thresholdPages: number;
  /** The checkpointing connection's `synchronous` (its checkpoints fsync unless `OFF`). */
  readonly synchronous: "FULL" | "NORMAL" | "OFF";
}

export interface BackgroundCheckpointer {
  update(settings: CheckpointerSettings): void;
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>;
}

interface WorkerData extends CheckpointerSettings {
  readonly path: string;
  readonly driver: string;
  readonly intervalMs: number;
  readonly littleEndian: boolean;
}

/** The worker, plain CommonJS (it needs no TypeScript): evaluated, so it runs the same on source and built. */
const workerSource = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const { openSync, readSync, closeSync } = require("node:fs");
const Database = require(workerData.driver);
let settings = { thresholdPages: workerData.thresholdPages, synchronous: workerData.synchronous };
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
db.pragma("wal_autocheckpoint = 0");
db.pragma("synchronous = " + settings.synchronous);
const header = Buffer.alloc(136);
let shm;
/** WAL frames written but not yet copied into the database file, or -1 when the header cannot be read. */
const waitingFrames = () => {
  try {
    shm ??= openSync(workerData.path + "-shm", "r");
    if (readSync(shm, header, 0, 136, 0) < 136) return -1;
  } catch {
    return -1;
  }
  const u32 = (offset) => (workerData.littleEndian ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
  if (u32(0) !== 3007000 || header[12] !== 1) return -1; // WAL-index version 3007000, initialised
  return u32(16) - u32(96); // mxFrame - nBackfill
};
const timer = setInterval(() => {
  const waiting = waitingFrames();
  if (waiting >= 0 && waiting < settings.thresholdPages) return;
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    if (!String(error && error.code).startsWith("SQLITE_BUSY")) parentPort.postMessage({ kind: "failed", message: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message.kind === "update") {
    settings = message.settings;
    db.pragma("synchronous = " + settings.synchronous);
  } else if (message.kind === "stop") {
    clearInterval(timer);
    if (shm !== undefined) closeSync(shm);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ kind: "ready" });
`;

type FromWorker = { readonly kind: "ready" } | { readonly kind: "failed"; readonly message: string };

/**
 * Starts the checkpointer of the database at `path` (which must exist, in WAL mode). Calls
 * `onUnavailable` (once) if the worker fails to start or stops: the writer must then
 * checkpoint by itself again.
 */
export function startBackgroundCheckpointer(
  path: string,
  settings: CheckpointerSettings,
  options: { readonly intervalMs: number; readonly logger: EventStoreLogger; readonly onUnavailable: (reason: string) => void },
): BackgroundCheckpointer {
  const data: WorkerData = {
    ...settings,
    path,
    driver: createRequire(import.meta.url).resolve("better-sqlite3"),
    intervalMs: options.intervalMs,
    littleEndian: endianness() === "LE",
  };
  const worker = new Worker(workerSource, { eval: true, workerData: data });
  worker.unref(); // never keeps the process alive
  let stopping = false;
  let unavailable = false;
  const fail = (reason: string): void => {
    if (stopping || unavailable) return;
    unavailable = true;
    options.logger.warn({ path, reason }, "event store: background checkpoints unavailable, the writer checkpoints by itself");
    options.onUnavailable(reason);
  };
  worker.on("message", (message: FromWorker) => {
    if (message.kind === "failed") options.logger.warn({ path, reason: message.message }, "event store: a background checkpoint failed");
  });
  worker.on("error", (error: Error) => fail(error.message));
  const exited = new Promise<void>((resolve) => {
    worker.on("exit", (code) => {
      fail(`the checkpoint worker exited (code ${code})`);
      resolve();
    });
  });
  return {
    update: (next) => {
      if (!stopping) worker.postMessage({ kind: "update", settings: next });
    },
    stop: async () => {
      if (stopping) return exited;
      stopping = true;
      worker.ref(); // the process waits for the worker to close its connection
      worker.postMessage({ kind: "stop" });
      const timeout = setTimeout(() => void worker.terminate(), 5000);
      timeout.unref();
      await exited;
      clearTimeout(timeout);
    },
  };
}
