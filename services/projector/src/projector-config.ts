import { checkStoreEnv, storeEnvShape } from "@duty-ledger/event-store";
import { checkReadModelsEnv, readModelsEnvShape } from "@duty-ledger/projections";
import { z } from "zod";

/**
 * The environment of the standalone projector (names of docs/operations.md): the store's
 * variables, as every standalone service reads them, `DUTY_LEDGER_READ_MODELS`,
 * `DUTY_LEDGER_CATCH_UP_BATCH` and `LOG_LEVEL`.
 */
export const projectorEnvSchema = z
  .object({
    ...storeEnvShape,
    ...readModelsEnvShape,
    /** Events per commit while catching up; unset: the engine's default (docs/projections.md). */
    DUTY_LEDGER_CATCH_UP_BATCH: z.coerce.number().int().min(1).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine(checkStoreEnv)
  .superRefine(checkReadModelsEnv);

export type ProjectorEnv = z.output<typeof projectorEnvSchema>;
