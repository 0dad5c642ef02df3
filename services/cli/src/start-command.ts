import { parseConfig, tokenVerifierConfigFromEnv } from "@duty-ledger/http-kit";
import { pino, type Logger } from "pino";
import { configSchema, type Config } from "./config.js";
import type { CliIo } from "./cli-io.js";
import { openEventStore } from "./open-store.js";
import { startServer, type RunningServer } from "./server.js";

export interface Started {
  readonly server: RunningServer;
  readonly logger: Logger;
  readonly config: Config;
}

export const createLogger = (config: Config): Logger => pino({ level: config.logLevel, base: { service: "duty-ledger" } });

/** Starts the ledger on the configured store; the caller owns the process (signals, exit). */
export const startLedger = async (io: CliIo, overrides: Partial<Record<string, string>> = {}): Promise<Started> => {
  const env = { ...io.env, ...overrides };
  const config = parseConfig(configSchema, env);
  const logger = createLogger(config);
  const store = openEventStore(config, logger);
  const server = await startServer({ config, logger, store, verifierConfig: tokenVerifierConfigFromEnv(env, config.dataDir) });
  return { server, logger, config };
};

export const startBanner = ({ server, config }: Started): string =>
  [
    "",
    `duty-ledger is listening on ${server.url}`,
    `  store: ${config.store === "sqlite" ? `embedded SQLite in ${config.dataDir}` : `EventStoreDB at ${config.eventStoreUrl ?? "?"}`}`,
    `  health: curl ${server.url}/v1/health`,
    "  a token for the API (in another terminal):",
    "    npx -y pnpm@10 -s duty-ledger token --role office --sub OFFICE-1",
    `    curl -H "Authorization: Bearer <token>" ${server.url}/v1/scores?period=${new Date().getFullYear()}`,
    "  stop with Ctrl-C (finishes requests in flight, then exits).",
    "",
  ].join("\n");
