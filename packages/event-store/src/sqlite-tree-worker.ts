import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { createSqliteMerkleTree } from "./sqlite-merkle-tree.js";
import { openTreeFile } from "./sqlite-tree-file.js";
import { createHandedHashes } from "./handed-hashes.js";
import type { FromTreeWorker, ToTreeWorker, TreeWorkerData } from "./sqlite-tree-integrator.js";

/**
 * The tree integrator's thread (see sqlite-tree-integrator.ts): on connections of its own to
 * the log's file (read only by it) and the tree's (sqlite-tree-file.ts), adds the events written
 * since to the Merkle tree whenever woken, and every `pollIntervalMs` (for other processes'
 * appends); integrates everything before it stops. A wake brings the hashes of the events this
 * process committed since the last; others are read from the log. It checkpoints the tree's
 * file itself (SQLite's automatic checkpoints); it never writes to the log's.
 */

const port = parentPort;
if (port === null) throw new Error("sqlite-tree-worker runs as a worker thread");
const data = workerData as TreeWorkerData;
const log = new Database(data.path, { fileMustExist: true, timeout: data.busyTimeoutMs });
log.pragma("wal_autocheckpoint = 0");
const treeDb = openTreeFile(data.path, data.busyTimeoutMs);
const tree = createSqliteMerkleTree({ log, tree: treeDb });
/** The hashes the appending thread handed over with its wakes (what is not there is read from the log). */
const handed = createHandedHashes();
const post = (message: FromTreeWorker): void => port.postMessage(message);

let scheduled: NodeJS.Timeout | null = null;
let stopping = false;

/**
 * Integrates up to the head; reports each step. Unless `toHead`, it stops where the handed
 * hashes end: what the log holds past them is this process's latest commits, whose hashes come
 * with the next wake (read from the log, they would cost a third of integrating them), or
 * another process's, which the next poll reads.
 */
const integrateAll = (toHead: boolean): void => {
  try {
    let size = tree.size();
    for (;;) {
      const fromHanded = handed.heldThrough(size) > size;
      const next = tree.integrate(data.chunkEvents, handed);
      if (next !== size) post({ kind: "integrated", size: next });
      if (next >= tree.head() || next === size) break;
      if (!toHead && fromHanded && handed.heldThrough(next) === next) break;
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
      integrateAll(urgent);
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
      integrateAll(true);
      treeDb.close();
      log.close();
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
