import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeStore, openStore, storeSettingsOf } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, listen, parseConfig, rateLimitBySubject, tokenVerifierConfigFromEnv, type Listening } from "@duty-ledger/http-kit";
import { createReadModels, createSqliteReadModelStore, readModelsPath, type ReadModels, type ReadModelStore } from "@duty-ledger/projections";
import { startProjectorThread, type ProjectorThread } from "@duty-ledger/projector";
import { createRuleSetRegistry, loadRuleSets } from "@duty-ledger/scoring";
import { pino, type Logger } from "pino";
import { readModelsProjectorView, type ProjectorView } from "./projector-view.js";
import { createQueryApi } from "./query-api.js";
import { queryServiceEnvSchema, type QueryServiceConfig } from "./query-service-config.js";

export interface RunningQueryService {
  readonly url: string;
  readonly config: QueryServiceConfig;
  readonly logger: Logger;
  /** Stops accepting requests, finishes those in flight, stops the embedded projector, closes the stores. */
  close(): Promise<void>;
}

export interface StartQueryServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: pino at `LOG_LEVEL`, to stdout. */
  readonly logger?: Logger;
}

/**
 * Starts the standalone read API: parses the environment (fails fast, naming every bad
 * variable), loads the rule sets of `<dataDir>/rule-sets`, opens the event store (for the
 * log's head) and the read models — those a projector process writes (`external`, opened
 * read-only; they must exist) or its own (`embedded`: the projector runs here, on a thread of
 * its own) — and listens.
 */
export const startQueryService = async (options: StartQueryServiceOptions): Promise<RunningQueryService> => {
  const config = parseConfig(queryServiceEnvSchema, options.env);
  const dataDir = resolve(config.DUTY_LEDGER_DATA_DIR);
  const mode = config.DUTY_LEDGER_PROJECTOR;
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: "query-api" } });
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(options.env, dataDir));
  const ruleSets = createRuleSetRegistry(await loadRuleSets(join(dataDir, "rule-sets")));

  const readModelFile = readModelsPath(dataDir);
  if (mode === "external" && !existsSync(readModelFile)) {
    throw new Error(
      `no read models at ${readModelFile}: start the projector on this data folder first, or set DUTY_LEDGER_PROJECTOR=embedded`,
    );
  }
  const settings = storeSettingsOf(config);
  const store = openStore(settings, { logger });
  let readModelStore: ReadModelStore | undefined;
  let thread: ProjectorThread | undefined;
  let listening: Listening;
  try {
    let projector: ProjectorView;
    let readModels: ReadModels;
    if (mode === "embedded") {
      // The projector on a thread of its own (a rebuild's commits never hold up the requests),
      // writing the read models its readers read here on a read-only connection.
      thread = await startProjectorThread({ service: "query-api", store: settings, dataDir, logLevel: config.LOG_LEVEL, log: store });
      readModels = thread.readModels;
      projector = thread;
    } else {
      readModelStore = createSqliteReadModelStore({ path: readModelFile, readonly: true });
      readModels = createReadModels(readModelStore, store);
      projector = readModelsProjectorView(readModels, () => store.headPosition());
    }
    const queryApi = createQueryApi({
      readModels,
      projector,
      verifier,
      ruleSets,
      minPositionTimeoutMs: config.DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS,
      afterAuth: [rateLimitBySubject()],
    });
    const app = createHttpApp({ logger, routes: [queryApi] });
    listening = await listen(app, config.PORT, config.HOST);
  } catch (error) {
    await thread?.stop();
    await readModelStore?.close();
    await store.close();
    throw error;
  }

  const ruleSetNames = ruleSets.list().map((r) => `${r.name}@${r.version}`);
  logger.info({ url: listening.url, projector: mode, store: describeStore(settings), ruleSets: ruleSetNames }, "query-api: listening");

  const externalReadModels = readModelStore;
  return {
    url: listening.url,
    config,
    logger,
    async close() {
      await listening.close();
      await thread?.stop();
      await externalReadModels?.close();
      await store.close();
    },
  };
};
