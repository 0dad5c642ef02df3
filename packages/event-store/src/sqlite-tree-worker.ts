import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createSqliteMerkleTree } from "./sqlite-merkle-tree.js";
import { createHandedHashes } from "./handed-hashes.js";
import type { FromTreeWorker, ToTreeWorker, TreeWorkerData } from "./sqlite-tree-integrator.js";

/**
 * The tree integrator's thread (see sqlite-tree-integrator.ts): on its own connection, adds
 * the events written since to the Merkle tree whenever woken, and every `pollIntervalMs` (for
 * other processes' appends); integrates everything before it stops. A wake brings the hashes
 * of the events this process committed since the last; others are read from the log.
 *
 * Its commits are not synced (`synchronous = OFF`): the tree is derived from the events, so a
 * crash costs at most integrating its last events again; the events' own commits sync the WAL
 * that holds both. It never checkpoints (a checkpoint on an unsynced connection would not sync
 * the database file).
 */

const port = parentPort;
if (port === null) throw new Error("sqlite-tree-worker runs as a worker thread");
const data = workerData as TreeWorkerData;
const db = new Database(data.path, { fileMustExist: true, timeout: data.busyTimeoutMs });
db.pragma("synchronous = OFF");
db.pragma("wal_autocheckpoint = 0");
const tree = createSqliteMerkleTree(db);
/** The hashes the appending thread handed over with its wakes (what is not there is read from the log). */
const handed = createHandedHashes();
const post = (message: FromTreeWorker): void => port.postMessage(message);

let scheduled: NodeJS.Timeout | null = null;
let stopping = false;

/** Integrates up to the head; reports each step. */
const integrateAll = (): void => {
  try {
    let size = tree.size();
    for (;;) {
      const next = tree.integrate(data.chunkEvents, handed.take);
      if (next !== size) post({ kind: "integrated", size: next });
      if (next >= tree.head() || next === size) break;
      size = next;
    }
  } catch (error) {
    post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * Integrates soon: after `data.batchDelayMs` (gathering the commits of that time into one
 * short write transaction, so that the appender rarely finds the write lock taken), or at
 * once when someone waits for the tree.
 */
const schedule = (urgent: boolean): void => {
  if (stopping || (scheduled !== null && !urgent)) return;
  if (scheduled !== null) clearTimeout(scheduled);
  scheduled = setTimeout(
    () => {
      scheduled = null;
      integrateAll();
    },
    urgent ? 0 : data.batchDelayMs,
  );
};

const timer = data.pollIntervalMs > 0 ? setInterval(() => schedule(false), data.pollIntervalMs) : undefined;
port.on("message", (message: ToTreeWorker) => {
  switch (message.kind) {
    case "wake":
      for (const run of message.committed) handed.add(run.firstPosition, Buffer.from(run.hex, "hex"));
      schedule(message.urgent);
      break;
    case "stop":
      stopping = true;
      if (timer !== undefined) clearInterval(timer);
      if (scheduled !== null) clearTimeout(scheduled);
      integrateAll();
      db.close();
      port.close();
      break;
    default: {
      const _exhaustive: never = message;
      throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`);
    }
  }
});
post({ kind: "integrated", size: tree.size() });
schedule(false);
