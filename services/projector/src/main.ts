#!/usr/bin/env node
import { pino } from "pino";
import { createProjector } from "./create-projector.js";
import { openEventStore } from "./open-event-store.js";
import { parseProjectorConfig } from "./projector-config.js";

/**
 * The standalone projector: `tsx --conditions=source services/projector/src/main.ts`.
 * Environment: DUTY_LEDGER_DATA_DIR, DUTY_LEDGER_STORE, EVENTSTORE_URL (see api-v1.md),
 * DUTY_LEDGER_SQLITE_DURABILITY, LOG_LEVEL. A bad environment exits 2 before anything is
 * opened; SIGTERM/SIGINT flush the batch in progress and its checkpoint, then exit 0; a
 * failed engine exits 1 (a supervisor restarts it from the last checkpoint).
 */
const STOP_TIMEOUT_MS = 15_000;

const main = async (): Promise<void> => {
  const parsed = parseProjectorConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`projector: invalid environment:\n${parsed.errors.map((e) => `  ${e}`).join("\n")}\n`);
    process.exit(2);
  }
  const { config } = parsed;
  const logger = pino({ name: "projector", level: config.logLevel });
  const store = openEventStore(config, logger);
  let stopping = false;
  const projector = createProjector({
    store,
    dataDir: config.dataDir,
    logger,
    onFailure: (error) => {
      logger.fatal({ err: error }, "projector: engine failed, exiting");
      void store.close().finally(() => process.exit(1));
    },
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "projector: stopping");
    const timer = setTimeout(() => {
      logger.error("projector: stop timed out");
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    projector
      .stop()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "projector: error while stopping");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);

  await projector.start();
  logger.info({ dataDir: config.dataDir, store: config.store }, "projector: running");
};

main().catch((error: unknown) => {
  process.stderr.write(`projector: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
