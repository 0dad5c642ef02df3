import { checkStoreEnv, storeEnvShape } from "@duty-ledger/event-store";
import { z } from "zod";

/**
 * The environment of the standalone projector (names of docs/operations.md): the store's
 * variables, as every standalone service reads them, and `LOG_LEVEL`.
 */
export const projectorEnvSchema = z
  .object({
    ...storeEnvShape,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine(checkStoreEnv);

export type ProjectorEnv = z.output<typeof projectorEnvSchema>;
