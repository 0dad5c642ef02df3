import { resolve } from "node:path";
import { z } from "zod";

/**
 * The environment of the standalone query service (`services/query-api/src/main.ts`). Names
 * shared with `pnpm start` are those of api-v1.md; the auth variables
 * (`DUTY_LEDGER_JWT_SECRET`, `DUTY_LEDGER_JWKS_URL`, …) are read by http-kit's
 * `tokenVerifierConfigFromEnv`.
 */
export const queryServiceEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().min(1).default("127.0.0.1"),
    DUTY_LEDGER_DATA_DIR: z.string().min(1).default("./data"),
    DUTY_LEDGER_STORE: z.enum(["sqlite", "esdb"]).default("sqlite"),
    EVENTSTORE_URL: z.string().min(1).optional(),
    /** `external`: a projector process writes `<dataDir>/read-models.sqlite`; `embedded`: this process runs the projections. */
    DUTY_LEDGER_PROJECTOR: z.enum(["external", "embedded"]).default("external"),
    DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.DUTY_LEDGER_STORE === "esdb" && env.EVENTSTORE_URL === undefined) {
      ctx.addIssue({ code: "custom", path: ["EVENTSTORE_URL"], message: "is required when DUTY_LEDGER_STORE=esdb" });
    }
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    dataDir: resolve(env.DUTY_LEDGER_DATA_DIR),
    store: env.DUTY_LEDGER_STORE,
    eventStoreUrl: env.EVENTSTORE_URL,
    projector: env.DUTY_LEDGER_PROJECTOR,
    minPositionTimeoutMs: env.DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS,
    logLevel: env.LOG_LEVEL,
  }));

export type QueryServiceConfig = z.output<typeof queryServiceEnvSchema>;
