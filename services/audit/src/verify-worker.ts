import { parentPort, workerData } from "node:worker_threads";
import { openAuditStore } from "./open-audit-store.js";
import type { FromVerifyWorker, VerifyWorkerData } from "./verify-thread.js";
import { verifyLog } from "./verify-log.js";

/**
 * A verification's worker thread (started by `verifyInWorkerThread`): opens its own connection to
 * the store, runs `verifyLog`, posts the report (or why it failed), closes the store and ends.
 */
const port = parentPort;
if (port === null) throw new Error("verify-worker runs in a worker thread (verifyInWorkerThread)");
const data = workerData as VerifyWorkerData;
const post = (message: FromVerifyWorker): void => port.postMessage(message);

const run = async (): Promise<void> => {
  const store = openAuditStore(data.store, { mustExist: true });
  try {
    const report = await verifyLog(store, { ...(data.upTo === undefined ? {} : { upTo: data.upTo }), ...(data.seal === undefined ? {} : { seal: data.seal }) });
    post({ kind: "verified", report });
  } finally {
    await store.close();
  }
};

run().catch((error: unknown) => post({ kind: "failed", message: error instanceof Error ? error.message : String(error) }));
