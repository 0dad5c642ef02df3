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
import { loadDeadlinePolicies } from "./deadline-policies.js";
import { loadWorkingCalendar } from "./holidays.js";
import { createLedgerApi } from "./ledger-api.js";
import { createPeopleKeyStore } from "./people/key-store.js";
import { loadOrCreateMasterKey } from "./people/master-key.js";
import { createPeopleApi } from "./people/people-api.js";
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
    /** The master key wrapping the people's data keys (personal-data.md); default `<data dir>/master.key`. */
    DUTY_LEDGER_MASTER_KEY_FILE: z.string().min(1).optional(),
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
  // The deadline policies: the built-in ones and `<dataDir>/deadline-policies/*.json` (a bad file stops the start, named), before anything is opened.
  const policies = await loadDeadlinePolicies(dataDir);
  // Statutory holidays: the built-in years and `<dataDir>/holidays/*.json` (the return request's 7 working days).
  const calendar = await loadWorkingCalendar(dataDir);
  const store = openStore(storeSettingsOf(config), { logger });
  const idempotency = createSqliteIdempotencyStore({ dataDir, soleOwner: true });
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(env, dataDir));
  const keyFile = config.DUTY_LEDGER_MASTER_KEY_FILE === undefined ? undefined : resolve(config.DUTY_LEDGER_MASTER_KEY_FILE);
  const people = createPeopleKeyStore({ dataDir, masterKey: loadOrCreateMasterKey({ dataDir, keyFile }) });
  const perSubject = [rateLimitBySubject()];
  const recordingGraceMs = config.DUTY_LEDGER_RECORDING_GRACE;
  const app = createHttpApp({
    logger,
    routes: [
      createLedgerApi({ store, verifier, idempotency, afterAuth: perSubject, recordingGraceMs, people, policies, calendar }),
      createPeopleApi({ store, verifier, idempotency, keys: people, afterAuth: perSubject, recordingGraceMs }),
    ],
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
      people.close();
      await store.close();
    },
  };
};
