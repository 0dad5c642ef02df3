import { resolve } from "node:path";
import { checkStoreEnv, storeEnvShape, storeSettingsOf } from "@duty-ledger/event-store";
import {
  checkAuthEnv,
  checkServerLimitsEnv,
  defaultIpRateLimit,
  defaultSubjectRateLimit,
  jwtMaxLifetimeSchema,
  serverLimitsEnvShape,
  serverLimitsOf,
  trustProxyEnvShape,
} from "@duty-ledger/http-kit";
import { recordingGraceEnvShape } from "@duty-ledger/ledger-api";
import { transparencyEnvShape, transparencySettingsOf } from "@duty-ledger/audit";
import { checkReadModelsEnv, readModelSettingsOf, readModelsEnvShape } from "@duty-ledger/projections";
import { z } from "zod";
import { partsEnvShape } from "./parts.js";

/** The environment of `duty-ledger start` (names fixed by api-v1.md), parsed once at start. */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().min(1).default("127.0.0.1"),
    ...storeEnvShape,
    /** Where the read models are (`sqlite` or `postgres`; default: where the events are) and which parts run here (design/scale-out.md). */
    ...readModelsEnvShape,
    ...partsEnvShape,
    /** The projector part: events per commit while catching up (docs/operations.md); unset: the engine's default. */
    DUTY_LEDGER_CATCH_UP_BATCH: z.coerce.number().int().min(1).optional(),
    /** How far before its recording a claimed time may lie (ISO 8601 duration, default P3D; trust.md). */
    ...recordingGraceEnvShape,
    DUTY_LEDGER_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    DUTY_LEDGER_JWKS_URL: z.url().optional(),
    DUTY_LEDGER_JWT_ISSUER: z.string().min(1).optional(),
    DUTY_LEDGER_JWT_AUDIENCE: z.string().min(1).optional(),
    /** Longest token lifetime (`exp - iat`) accepted, seconds; default 86400 (24 h). */
    DUTY_LEDGER_JWT_MAX_LIFETIME: jwtMaxLifetimeSchema,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Requests per minute per client address; 0 turns the limit off. */
    DUTY_LEDGER_RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).max(1_000_000).default(defaultIpRateLimit.limit),
    /** Requests per minute per token subject; 0 turns the limit off. */
    DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT: z.coerce.number().int().min(0).max(1_000_000).default(defaultSubjectRateLimit.limit),
    /** Which proxies' `X-Forwarded-For` to believe (hop count or addresses); default none. */
    ...trustProxyEnvShape,
    /** Header, request and keep-alive timeouts (ms) and the connection cap. */
    ...serverLimitsEnvShape,
    /** The key signing tree heads and the checkpoint's origin (trust.md). */
    ...transparencyEnvShape,
    /** The master key wrapping the people's data keys (personal-data.md); default `<data dir>/master.key`, generated on first start. */
    DUTY_LEDGER_MASTER_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine(checkStoreEnv)
  .superRefine(checkReadModelsEnv)
  .superRefine(checkAuthEnv)
  .superRefine(checkServerLimitsEnv)
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DUTY_LEDGER_DATA_DIR),
    store: storeSettingsOf(env),
    readModels: readModelSettingsOf(env),
    parts: env.DUTY_LEDGER_PARTS,
    catchUpBatchSize: env.DUTY_LEDGER_CATCH_UP_BATCH,
    /** The recording grace, ms. */
    recordingGraceMs: env.DUTY_LEDGER_RECORDING_GRACE,
    jwt: {
      secret: env.DUTY_LEDGER_JWT_SECRET,
      jwksUrl: env.DUTY_LEDGER_JWKS_URL,
      issuer: env.DUTY_LEDGER_JWT_ISSUER,
      audience: env.DUTY_LEDGER_JWT_AUDIENCE,
      maxLifetimeSeconds: env.DUTY_LEDGER_JWT_MAX_LIFETIME,
    },
    logLevel: env.LOG_LEVEL,
    /** Requests per minute; `0`: no limit. */
    rateLimit: { perIp: env.DUTY_LEDGER_RATE_LIMIT_PER_IP, perSubject: env.DUTY_LEDGER_RATE_LIMIT_PER_SUBJECT },
    trustProxy: env.DUTY_LEDGER_TRUST_PROXY,
    serverLimits: serverLimitsOf(env),
    transparency: transparencySettingsOf(env),
    masterKeyFile: env.DUTY_LEDGER_MASTER_KEY_FILE === undefined ? undefined : resolve(env.DUTY_LEDGER_MASTER_KEY_FILE),
  }));

export type Config = z.output<typeof configSchema>;
