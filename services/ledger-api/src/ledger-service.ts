import { resolve } from "node:path";
import { checkStoreEnv, openStore, storeEnvShape, storeSettingsOf } from "@duty-ledger/event-store";
import {
  checkServerLimitsEnv,
  createHttpApp,
  createSqliteIdempotencyStore,
  createTokenVerifier,
  listen,
  parseConfig,
  rateLimitBySubject,
  serverLimitsEnvShape,
  serverLimitsOf,
  tokenVerifierConfigFromEnv,
  trustProxyEnvShape,
} from "@duty-ledger/http-kit";
import { pino, type Logger } from "pino";
import { z } from "zod";
import { createLedgerApi } from "./ledger-api.js";
import { recordingGraceEnvShape } from "./recording-grace.js";

/** The environment of the standalone write service (names of api-v1.md's configuration). */
export const ledgerServiceEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().min(1).default("127.0.0.1"),
    ...storeEnvShape,
    ...recordingGraceEnvShape,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ...trustProxyEnvShape,
    ...serverLimitsEnvShape,
  })
  .superRefine(checkStoreEnv)
  .superRefine(checkServerLimitsEnv);

export interface RunningLedgerService {
  readonly url: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * The write API alone (`services/ledger-api/src/main.ts`): parses the environment (failing
 * fast, naming every bad variable), opens the store and the idempotency records, and listens.
 */
export const startLedgerService = async (env: Readonly<Record<string, string | undefined>>): Promise<RunningLedgerService> => {
  const config = parseConfig(ledgerServiceEnvSchema, env);
  const dataDir = resolve(config.DUTY_LEDGER_DATA_DIR);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: "ledger-api" } });
  const store = openStore(storeSettingsOf(config), { logger });
  const idempotency = createSqliteIdempotencyStore({ dataDir, soleOwner: true });
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(env, dataDir));
  const app = createHttpApp({
    logger,
    routes: [createLedgerApi({ store, verifier, idempotency, afterAuth: [rateLimitBySubject()], recordingGraceMs: config.DUTY_LEDGER_RECORDING_GRACE })],
    trustProxy: config.DUTY_LEDGER_TRUST_PROXY,
  });
  const listening = await listen(app, config.PORT, config.HOST, serverLimitsOf(config));
  logger.info({ url: listening.url }, "ledger-api: listening");
  return {
    url: listening.url,
    logger,
    async close() {
      await listening.close();
      idempotency.close();
      await store.close();
    },
  };
};
