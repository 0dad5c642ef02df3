import { resolve } from "node:path";
import { maskConnectionString, postgresUrlProblem } from "@duty-ledger/event-store";
import { z } from "zod";
import { createPgReadModelStore } from "./pg-read-model-store.js";
import type { ReadModelStore } from "./read-model-store.js";
import { createSqliteReadModelStore, readModelsPath } from "./sqlite-read-model-store.js";

/**
 * Where the read models live (design/scale-out.md): `<dataDir>/read-models.sqlite`, or the
 * PostgreSQL database of `DATABASE_URL`. `DUTY_LEDGER_READ_MODELS` chooses; by default the
 * read models go where the events go (`postgres` with `DUTY_LEDGER_STORE=postgres`, else `sqlite`).
 */
export type ReadModelSettings = { readonly kind: "sqlite"; readonly path: string } | { readonly kind: "postgres"; readonly connectionString: string };

/** The variable, as a zod shape to merge into a service's environment schema (beside `storeEnvShape`). */
export const readModelsEnvShape = {
  DUTY_LEDGER_READ_MODELS: z.enum(["sqlite", "postgres"]).optional(),
} as const;

interface ReadModelsEnv {
  readonly DUTY_LEDGER_READ_MODELS?: "sqlite" | "postgres" | undefined;
  readonly DUTY_LEDGER_STORE: "sqlite" | "postgres" | "esdb";
  readonly DATABASE_URL?: string | undefined;
  readonly DUTY_LEDGER_DATA_DIR: string;
}

const kindOf = (env: ReadModelsEnv): ReadModelSettings["kind"] => env.DUTY_LEDGER_READ_MODELS ?? (env.DUTY_LEDGER_STORE === "postgres" ? "postgres" : "sqlite");

/** For a schema's `superRefine`: DATABASE_URL (a postgres:// URL) is required with read models on PostgreSQL. */
export const checkReadModelsEnv = (env: ReadModelsEnv, ctx: z.RefinementCtx): void => {
  if (kindOf(env) !== "postgres" || env.DUTY_LEDGER_STORE === "postgres") return; // the store's own check covers DATABASE_URL then
  const problem = env.DATABASE_URL === undefined ? "is required when DUTY_LEDGER_READ_MODELS=postgres" : postgresUrlProblem(env.DATABASE_URL);
  if (problem !== null) ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: problem });
};

/** The settings a parsed environment names (the data folder resolved against the working directory). */
export const readModelSettingsOf = (env: ReadModelsEnv): ReadModelSettings => {
  const kind = kindOf(env);
  switch (kind) {
    case "sqlite":
      return { kind, path: readModelsPath(resolve(env.DUTY_LEDGER_DATA_DIR)) };
    case "postgres":
      return { kind, connectionString: env.DATABASE_URL ?? "" };
    default: {
      const _exhaustive: never = kind;
      throw new Error(`unknown DUTY_LEDGER_READ_MODELS ${String(_exhaustive)}`);
    }
  }
};

export interface OpenReadModelsOptions {
  /** Refuse writes (a query server, the projector thread's reading side). */
  readonly readonly?: boolean;
  /** SQLite: how long a commit waits for another connection's write lock (ms). */
  readonly busyTimeoutMs?: number;
}

/** Opens the read-model store the settings name. */
export const openReadModelStore = (settings: ReadModelSettings, options: OpenReadModelsOptions = {}): ReadModelStore => {
  switch (settings.kind) {
    case "sqlite":
      return createSqliteReadModelStore({
        path: settings.path,
        ...(options.readonly === undefined ? {} : { readonly: options.readonly }),
        ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      });
    case "postgres":
      return createPgReadModelStore({ connectionString: settings.connectionString, ...(options.readonly === undefined ? {} : { readonly: options.readonly }) });
    default: {
      const _exhaustive: never = settings;
      throw new Error(`unknown read-model settings ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Where the read models are, for messages (passwords masked). */
export const describeReadModels = (settings: ReadModelSettings): string =>
  settings.kind === "sqlite" ? `SQLite ${settings.path}` : `PostgreSQL ${maskConnectionString(settings.connectionString)}`;
