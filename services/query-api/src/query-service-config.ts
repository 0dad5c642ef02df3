import { checkStoreEnv, storeEnvShape } from "@duty-ledger/event-store";
import { checkServerLimitsEnv, serverLimitsEnvShape, trustProxyEnvShape } from "@duty-ledger/http-kit";
import { checkReadModelsEnv, readModelsEnvShape } from "@duty-ledger/projections";
import { z } from "zod";

/**
 * The environment of the standalone query service (`services/query-api/src/main.ts`), names of
 * docs/operations.md: the store's variables as every standalone service reads them, the query
 * service's own, and the auth variables (`DUTY_LEDGER_JWT_SECRET`, `DUTY_LEDGER_JWKS_URL`, …)
 * read by http-kit's `tokenVerifierConfigFromEnv`.
 */
export const queryServiceEnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().min(1).default("127.0.0.1"),
    ...storeEnvShape,
    ...readModelsEnvShape,
    DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ...trustProxyEnvShape,
    ...serverLimitsEnvShape,
  })
  .superRefine(checkStoreEnv)
  .superRefine(checkReadModelsEnv)
  .superRefine(checkServerLimitsEnv);

export type QueryServiceConfig = z.output<typeof queryServiceEnvSchema>;
