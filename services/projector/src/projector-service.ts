import { resolve } from "node:path";
import { describeStore, openStore, storeSettingsOf } from "@duty-ledger/event-store";
import { parseConfig } from "@duty-ledger/http-kit";
import { pino, type Logger } from "pino";
import { projectorEnvSchema } from "./projector-config.js";
import { startProjectorThread, type ProjectorThread } from "./projector-thread.js";

export interface RunningProjectorService {
  readonly logger: Logger;
  readonly projector: ProjectorThread;
  /** Flushes the batch in progress and its checkpoint, closes the read models and the event store. */
  close(): Promise<void>;
}

export interface StartProjectorServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: pino at `LOG_LEVEL`, to stdout. */
  readonly logger?: Logger;
  /** Called once the engine failed, after the event store was closed (the standalone process then exits 1). */
  readonly onFailure?: (error: unknown) => void;
}

/**
 * The projector alone (`services/projector/src/main.ts`): parses the environment (failing fast,
 * naming every bad variable, before anything is opened), opens the store and starts projecting
 * into `<dataDir>/read-models.sqlite` on the projector's threads, as the all-in-one server does
 * (two where there are two cores, `startProjectorThread`).
 */
export const startProjectorService = async (options: StartProjectorServiceOptions): Promise<RunningProjectorService> => {
  const config = parseConfig(projectorEnvSchema, options.env);
  const dataDir = resolve(config.DUTY_LEDGER_DATA_DIR);
  const settings = storeSettingsOf(config);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: "projector" } });
  const store = openStore(settings, { logger });
  let projector: ProjectorThread;
  try {
    projector = await startProjectorThread({
      service: "projector",
      store: settings,
      dataDir,
      logLevel: config.LOG_LEVEL,
      log: store,
      onFailure: (error) => {
        logger.fatal({ error }, "projector: engine failed");
        void store.close().finally(() => options.onFailure?.(new Error(error)));
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  logger.info({ dataDir, store: describeStore(settings) }, "projector: running");
  return {
    logger,
    projector,
    async close() {
      await projector.stop();
      await store.close();
    },
  };
};
