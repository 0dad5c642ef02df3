import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, parseConfig, rateLimitBySubject, tokenVerifierConfigFromEnv } from "@duty-ledger/http-kit";
import {
  allProjections,
  createProjectionEngine,
  createReadModels,
  createSqliteReadModelStore,
  readModelsPath,
  type ProjectionEngine,
  type ReadModels,
  type ReadModelStore,
} from "@duty-ledger/projections";
import { createRuleSetRegistry, loadRuleSets } from "@duty-ledger/scoring";
import { pino, type Logger } from "pino";
import { readModelsProjectorView, type ProjectorView } from "./projector-view.js";
import { createQueryApi } from "./query-api.js";
import { queryServiceEnvSchema, type QueryServiceConfig } from "./query-service-config.js";

/** The embedded event store's file inside the data folder (the same as `pnpm start`'s). */
export const eventsFileName = "events.sqlite";

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

const openEventStore = (config: QueryServiceConfig, logger: Logger): EventStore => {
  switch (config.store) {
    case "sqlite":
      mkdirSync(config.dataDir, { recursive: true });
      return createSqliteEventStore({ path: join(config.dataDir, eventsFileName), logger });
    case "esdb":
      if (config.eventStoreUrl === undefined) throw new Error("EVENTSTORE_URL is required when DUTY_LEDGER_STORE=esdb");
      return createEsdbEventStore({ connectionString: config.eventStoreUrl, logger });
    default: {
      const _exhaustive: never = config.store;
      throw new Error(`unknown store ${String(_exhaustive)}`);
    }
  }
};

/**
 * Starts the standalone read API: parses the environment (fails fast, naming every bad
 * variable), loads the rule sets of `<dataDir>/rule-sets`, opens the event store (for the
 * log's head) and the read models — those a projector process writes (`external`, opened
 * read-only; they must exist) or its own (`embedded`: the projection engine runs here) —
 * and listens.
 */
export const startQueryService = async (options: StartQueryServiceOptions): Promise<RunningQueryService> => {
  const config = parseConfig(queryServiceEnvSchema, options.env);
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: "query-api" } });
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(options.env, config.dataDir));
  const ruleSets = createRuleSetRegistry(await loadRuleSets(join(config.dataDir, "rule-sets")));

  const readModelFile = readModelsPath(config.dataDir);
  if (config.projector === "external" && !existsSync(readModelFile)) {
    throw new Error(
      `no read models at ${readModelFile}: start the projector on this data folder first, or set DUTY_LEDGER_PROJECTOR=embedded`,
    );
  }
  const store = openEventStore(config, logger);
  let readModelStore: ReadModelStore | undefined;
  let engine: ProjectionEngine | undefined;
  let server: Server | undefined;
  try {
    readModelStore = createSqliteReadModelStore({ path: readModelFile, readonly: config.projector === "external" });
    let projector: ProjectorView;
    let readModels: ReadModels;
    if (config.projector === "embedded") {
      const running = createProjectionEngine({
        store,
        readModels: readModelStore,
        projections: allProjections,
        logger,
        onFailure: (error) => logger.error({ err: error }, "query-api: the embedded projector failed; reads stay at its last position"),
      });
      engine = running;
      await running.start();
      readModels = createReadModels(readModelStore, { waitFor: running.waitFor });
      projector = running;
    } else {
      readModels = createReadModels(readModelStore);
      projector = readModelsProjectorView(readModels, () => store.headPosition());
    }
    const queryApi = createQueryApi({
      readModels,
      projector,
      verifier,
      ruleSets,
      minPositionTimeoutMs: config.minPositionTimeoutMs,
      afterAuth: [rateLimitBySubject()],
    });
    const app = createHttpApp({ logger, routes: [queryApi] });
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(config.port, config.host, () => resolve(listening));
      listening.once("error", reject);
    });
  } catch (error) {
    await engine?.stop();
    await readModelStore?.close();
    await store.close();
    throw error;
  }

  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  logger.info({ url, projector: config.projector, store: config.store, ruleSets: ruleSets.list().map((r) => `${r.name}@${r.version}`) }, "query-api: listening");

  const listening = server;
  const openReadModels = readModelStore;
  return {
    url,
    config,
    logger,
    async close() {
      await new Promise<void>((resolve) => {
        listening.close(() => resolve());
        listening.closeIdleConnections();
      });
      await engine?.stop();
      await openReadModels.close();
      await store.close();
    },
  };
};
