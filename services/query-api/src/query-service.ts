import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeStore, openStore, storeSettingsOf } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, listen, parseConfig, rateLimitBySubject, serverLimitsOf, tokenVerifierConfigFromEnv, type Listening } from "@duty-ledger/http-kit";
import { createReadModels, describeReadModels, openReadModelStore, readModelSettingsOf } from "@duty-ledger/projections";
import { createRuleSetRegistry, loadRuleSets } from "@duty-ledger/scoring";
import { pino, type Logger } from "pino";
import { readModelsProjectorView } from "./projector-view.js";
import { createQueryApi } from "./query-api.js";
import { queryServiceEnvSchema, type QueryServiceConfig } from "./query-service-config.js";

export interface RunningQueryService {
  readonly url: string;
  readonly config: QueryServiceConfig;
  readonly logger: Logger;
  /** Stops accepting requests, finishes those in flight, closes the stores. */
  close(): Promise<void>;
}

export interface StartQueryServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: pino at `LOG_LEVEL`, to stdout. */
  readonly logger?: Logger;
}

/**
 * Starts the standalone read API: parses the environment (fails fast, naming every bad
 * variable), loads the rule sets of `<dataDir>/rule-sets`, opens the read models a projector
 * process writes (read-only; `<dataDir>/read-models.sqlite`, which must exist, or PostgreSQL:
 * `DUTY_LEDGER_READ_MODELS`) and the event store for its head alone (the
 * health answer's lag: no event is read), and listens. It never runs projections: the
 * projector is a process of its own (services/projector's `main.ts`), or the all-in-one `duty-ledger start`.
 */
export const startQueryService = async (options: StartQueryServiceOptions): Promise<RunningQueryService> => {
  const config = parseConfig(queryServiceEnvSchema, options.env);
  const dataDir = resolve(config.DUTY_LEDGER_DATA_DIR);
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: "query-api" } });
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(options.env, dataDir));
  const ruleSets = createRuleSetRegistry(await loadRuleSets(join(dataDir, "rule-sets")));

  const readModelSettings = readModelSettingsOf(config);
  if (readModelSettings.kind === "sqlite" && !existsSync(readModelSettings.path)) {
    throw new Error(`no read models at ${readModelSettings.path}: start the projector on this data folder first`);
  }
  const settings = storeSettingsOf(config);
  const store = openStore(settings, { logger });
  const readModelStore = openReadModelStore(readModelSettings, { readonly: true });
  let listening: Listening;
  try {
    const readModels = createReadModels(readModelStore);
    const queryApi = createQueryApi({
      readModels,
      projector: readModelsProjectorView(readModels, () => store.headPosition()),
      verifier,
      ruleSets,
      minPositionTimeoutMs: config.DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS,
      afterAuth: [rateLimitBySubject()],
    });
    const app = createHttpApp({ logger, routes: [queryApi], trustProxy: config.DUTY_LEDGER_TRUST_PROXY });
    listening = await listen(app, config.PORT, config.HOST, serverLimitsOf(config));
  } catch (error) {
    await readModelStore.close();
    await store.close();
    throw error;
  }

  const ruleSetNames = ruleSets.list().map((r) => `${r.name}@${r.version}`);
  logger.info({ url: listening.url, readModels: describeReadModels(readModelSettings), store: describeStore(settings), ruleSets: ruleSetNames }, "query-api: listening");

  return {
    url: listening.url,
    config,
    logger,
    async close() {
      await listening.close();
      await readModelStore.close();
      await store.close();
    },
  };
};
