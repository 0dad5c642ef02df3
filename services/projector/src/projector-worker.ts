import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "@duty-ledger/event-store";
import { allProjections, retiredProjections } from "@duty-ledger/projections";
import pino from "pino";
import { createProjector } from "./create-projector.js";
import type { FromProjectorWorker, ProjectorWorkerData, ToProjectorWorker } from "./projector-thread.js";

/**
 * A projector's worker thread (started by `startProjectorThread`): its own connection to the
 * event store, an engine running its group of projections over the read models (`<dataDir>/read-models.sqlite`
 * or the PostgreSQL database of `data.readModels`),
 * and messages to the thread that started it — `started`, `progress` after every commit,
 * `failed`, `stopped`.
 */
const port = parentPort;
if (port === null) throw new Error("projector-worker runs in a worker thread (startProjectorThread)");
const data = workerData as ProjectorWorkerData;
const post = (message: FromProjectorWorker): void => port.postMessage(message);
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const logger = pino({ level: data.logLevel, base: { service: data.service ?? "duty-ledger", thread: "projector", projections: data.projections.join(",") } });
const store = openStore(data.store, { logger });
const projector = createProjector({
  store,
  dataDir: data.dataDir,
  ...(data.readModels === undefined ? {} : { readModels: data.readModels }),
  logger,
  projections: allProjections.filter((projection) => data.projections.includes(projection.name)),
  retired: data.dropsRetired ? retiredProjections : [],
  ...(data.catchUpCachedDocs === undefined ? {} : { catchUpCachedDocs: data.catchUpCachedDocs }),
  ...(data.catchUpBatchSize === undefined ? {} : { catchUpBatchSize: data.catchUpBatchSize }),
  onProgress: (progress) => post({ kind: "progress", position: progress.position, phase: progress.phase }),
  onFailure: (error) => post({ kind: "failed", message: describe(error) }),
});

port.on("message", (message: ToProjectorWorker) => {
  switch (message.kind) {
    case "stop":
      void (async () => {
        try {
          await projector.stop();
        } finally {
          await store.close();
        }
        post({ kind: "stopped", position: projector.engine.position() });
        port.close();
      })();
      break;
    default: {
      const _exhaustive: never = message.kind;
      throw new Error(`unknown message ${String(_exhaustive)}`);
    }
  }
});

try {
  await projector.start();
  const status = projector.engine.status();
  post({ kind: "started", position: status.position, phase: status.phase });
} catch (error) {
  post({ kind: "failed", message: describe(error) });
}
