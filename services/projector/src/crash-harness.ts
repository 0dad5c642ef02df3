#!/usr/bin/env node
import { parseArgs } from "node:util";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createProjector } from "./create-projector.js";

/**
 * A projector child process for the crash test: projects an existing SQLite event log into
 * `--data`'s read models with small catch-up batches (many commits), prints one JSON line
 * per committed batch (`{"progress": position}`), and `{"caughtUp": position}` once it holds
 * the whole log, then stops and exits 0. The test kills it with SIGKILL at random moments.
 *
 *   tsx --conditions=source services/projector/src/crash-harness.ts --events <file> --data <dir> [--batch 400]
 */
const { values } = parseArgs({
  options: { events: { type: "string" }, data: { type: "string" }, batch: { type: "string", default: "400" } },
});
if (values.events === undefined || values.data === undefined) {
  process.stderr.write("usage: crash-harness --events <events.sqlite> --data <dir> [--batch n]\n");
  process.exit(2);
}
const batch = Number(values.batch);
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: (o: object, m?: string) => process.stderr.write(`${m ?? ""} ${JSON.stringify(o)}\n`) };

const store = createSqliteEventStore({ path: values.events, durability: "normal", pollIntervalMs: 0 });
const head = await store.headPosition();
let done = false;
const projector = createProjector({
  store,
  dataDir: values.data,
  logger: quiet,
  batchSize: batch,
  catchUpBatchSize: batch,
  onProgress: (progress) => {
    process.stdout.write(`${JSON.stringify({ progress: progress.position })}\n`);
    if (!done && progress.position >= head) {
      done = true;
      void finish(progress.position);
    }
  },
  onFailure: () => process.exit(1),
});
const finish = async (position: number): Promise<void> => {
  await projector.stop();
  await store.close();
  process.stdout.write(`${JSON.stringify({ caughtUp: position })}\n`);
  process.exit(0);
};
await projector.start();
if (projector.engine.position() >= head && !done) {
  done = true;
  await finish(projector.engine.position());
}
