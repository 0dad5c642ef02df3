import { resolve } from "node:path";
import { describeStore, openStore, storeSettingsOf } from "@duty-ledger/event-store";
import { parseConfig } from "@duty-ledger/http-kit";
import { describeReadModels, readModelSettingsOf } from "@duty-ledger/projections";
import { pino, type Logger } from "pino";
import { startLeasedProjector, type LeasedProjector } from "./leased-projector.js";
import { projectorEnvSchema } from "./projector-config.js";

export interface RunningProjectorService {
  readonly logger: Logger;
  readonly projector: LeasedProjector;
  /** Flushes the batch in progress and its checkpoint, closes the read models and the event store (a standby stops waiting). */
  close(): Promise<void>;
}

export interface StartProjectorServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: pino at `LOG_LEVEL`, to stdout. */
  readonly logger?: Logger;
  /** Called once the engine failed (or the lease was lost), after the event store was closed (the standalone process then exits 1). */
  readonly onFailure?: (error: unknown) => void;
  /** Between two tries of the projector lease (ms; PostgreSQL read models). Default 1000. */
  readonly leaseRetryMs?: number;
}

/**
 * The projector alone (`services/projector/src/main.ts`): parses the environment (failing fast,
 * naming every bad variable, before anything is opened), opens the store and starts projecting
 * into the read models (`<dataDir>/read-models.sqlite`, or PostgreSQL: `DUTY_LEDGER_READ_MODELS`)
 * on the projector's threads, as the all-in-one server does (two where there are two cores,
 * `startProjectorThread`). On PostgreSQL read models it first holds the projector lease
 * (`startLeasedProjector`): it resolves at once, standing by while another process projects.
 */
export const startProjectorService = async (options: StartProjectorServiceOptions): Promise<RunningProjectorService> => {
  const config = parseConfig(projectorEnvSchema, options.env);
  const dataDir = resolve(config.DUTY_LEDGER_DATA_DIR);
  const settings = storeSettingsOf(config);
  const readModels = readModelSettingsOf(config);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: "projector" } });
  const store = openStore(settings, { logger });
  let closing = false;
  const projector = startLeasedProjector({
    service: "projector",
    store: settings,
    dataDir,
    readModels,
    logLevel: config.LOG_LEVEL,
    ...(config.DUTY_LEDGER_CATCH_UP_BATCH === undefined ? {} : { catchUpBatchSize: config.DUTY_LEDGER_CATCH_UP_BATCH }),
    log: store,
    logger,
    ...(options.leaseRetryMs === undefined ? {} : { leaseRetryMs: options.leaseRetryMs }),
    onFailure: (error) => {
      logger.fatal({ error }, "projector: engine failed");
      void store.close().finally(() => options.onFailure?.(new Error(error)));
    },
  });
  // On SQLite the projector starts at once: a projector that cannot start fails the start.
  if (readModels.kind === "sqlite") {
    try {
      await projector.active;
    } catch (error) {
      await store.close();
      throw error;
    }
  } else {
    void projector.active.catch((error: unknown) => {
      if (closing) return;
      logger.fatal({ err: error }, "projector: could not start");
      void store.close().finally(() => options.onFailure?.(error));
    });
  }
  logger.info({ dataDir, store: describeStore(settings), readModels: describeReadModels(readModels) }, "projector: running");
  return {
    logger,
    projector,
    async close() {
      closing = true;
      await projector.stop();
      await store.close();
    },
  };
};
