import { resolve } from "node:path";
import { z } from "zod";

/**
 * The environment of the standalone projector (names as in api-v1.md), parsed once at start:
 * a bad value stops the process before it touches any data.
 */
export const projectorConfigSchema = z
  .object({
    DUTY_LEDGER_DATA_DIR: z.string().min(1).default("./data"),
    DUTY_LEDGER_STORE: z.enum(["sqlite", "esdb"]).default("sqlite"),
    EVENTSTORE_URL: z.string().min(1).optional(),
    DUTY_LEDGER_SQLITE_DURABILITY: z.enum(["full", "normal"]).default("full"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.DUTY_LEDGER_STORE === "esdb" && env.EVENTSTORE_URL === undefined) {
      ctx.addIssue({ code: "custom", path: ["EVENTSTORE_URL"], message: "is required when DUTY_LEDGER_STORE=esdb" });
    }
  })
  .transform((env) => ({
    dataDir: resolve(env.DUTY_LEDGER_DATA_DIR),
    store: env.DUTY_LEDGER_STORE,
    eventStoreUrl: env.EVENTSTORE_URL,
    durability: env.DUTY_LEDGER_SQLITE_DURABILITY,
    logLevel: env.LOG_LEVEL,
  }));

export type ProjectorConfig = z.output<typeof projectorConfigSchema>;

export type ParsedProjectorConfig = { readonly ok: true; readonly config: ProjectorConfig } | { readonly ok: false; readonly errors: readonly string[] };

/** Parses the environment; never throws: a refusal lists every bad variable. */
export const parseProjectorConfig = (env: NodeJS.ProcessEnv): ParsedProjectorConfig => {
  const result = projectorConfigSchema.safeParse(env);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`) };
};
