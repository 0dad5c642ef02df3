import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { openEsdbEventStore } from "./esdb-store.js";
import type { EventStore } from "./event-store.js";
import type { EventStoreLogger } from "./logger.js";
import { maskConnectionString, postgresUrlProblem } from "./pg-connection-string.js";
import { openPostgresEventStore } from "./pg-store.js";
import { createSqliteEventStore, type SqliteDurability, type SqliteEventStoreOptions } from "./sqlite-event-store.js";

/** The embedded store's file inside the data folder, for every service and command. */
export const EVENTS_FILE_NAME = "events.sqlite";

/** Which store to open: an embedded SQLite file, a PostgreSQL database, or an EventStoreDB server. */
export type StoreSettings =
  | { readonly kind: "sqlite"; readonly path: string; readonly durability: SqliteDurability }
  | { readonly kind: "postgres"; readonly connectionString: string }
  | { readonly kind: "esdb"; readonly connectionString: string };

/**
 * The store's variables of api-v1.md's configuration, as a zod object to merge into a
 * service's own environment schema: `DUTY_LEDGER_DATA_DIR`, `DUTY_LEDGER_STORE`,
 * `DATABASE_URL`, `EVENTSTORE_URL`, `DUTY_LEDGER_SQLITE_DURABILITY`.
 */
export const storeEnvShape = {
  DUTY_LEDGER_DATA_DIR: z.string().min(1).default("./data"),
  DUTY_LEDGER_STORE: z.enum(["sqlite", "postgres", "esdb"]).default("sqlite"),
  DATABASE_URL: z.string().min(1).optional(),
  EVENTSTORE_URL: z.string().min(1).optional(),
  DUTY_LEDGER_SQLITE_DURABILITY: z.enum(["full", "normal"]).default("full"),
} as const;

export type StoreEnv = z.output<z.ZodObject<typeof storeEnvShape>>;

/**
 * For a schema's `superRefine`: EVENTSTORE_URL is required with DUTY_LEDGER_STORE=esdb,
 * DATABASE_URL (a postgres:// URL) with DUTY_LEDGER_STORE=postgres.
 */
export const checkStoreEnv = (env: StoreEnv, ctx: z.RefinementCtx): void => {
  if (env.DUTY_LEDGER_STORE === "esdb" && env.EVENTSTORE_URL === undefined) {
    ctx.addIssue({ code: "custom", path: ["EVENTSTORE_URL"], message: "is required when DUTY_LEDGER_STORE=esdb" });
  }
  if (env.DUTY_LEDGER_STORE === "postgres") {
    const problem = env.DATABASE_URL === undefined ? "is required when DUTY_LEDGER_STORE=postgres" : postgresUrlProblem(env.DATABASE_URL);
    if (problem !== null) ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: problem });
  }
};

/** The settings a parsed environment names (the data folder resolved against the working directory). */
export const storeSettingsOf = (env: StoreEnv): StoreSettings => {
  switch (env.DUTY_LEDGER_STORE) {
    case "sqlite":
      return { kind: "sqlite", path: join(resolve(env.DUTY_LEDGER_DATA_DIR), EVENTS_FILE_NAME), durability: env.DUTY_LEDGER_SQLITE_DURABILITY };
    case "postgres":
      return { kind: "postgres", connectionString: env.DATABASE_URL ?? "" };
    case "esdb":
      return { kind: "esdb", connectionString: env.EVENTSTORE_URL ?? "" };
    default: {
      const _exhaustive: never = env.DUTY_LEDGER_STORE;
      throw new Error(`unknown DUTY_LEDGER_STORE ${String(_exhaustive)}`);
    }
  }
};

export interface OpenStoreOptions {
  readonly logger?: EventStoreLogger;
  /** Refuse to create an embedded store that is not there (reading commands). */
  readonly mustExist?: boolean;
  /** Tuning of the embedded store (e.g. no polling for a one-shot command, a simulated clock). */
  readonly sqlite?: Pick<SqliteEventStoreOptions, "pollIntervalMs" | "now">;
}

/** A store location that cannot be opened as asked (code `STORE_LOCATION`). */
export class StoreLocationError extends Error {
  readonly code = "STORE_LOCATION";
}

export const isStoreLocationError = (error: unknown): error is StoreLocationError =>
  error instanceof Error && (error as { code?: unknown }).code === "STORE_LOCATION";

/** Opens the store the settings name. */
export const openStore = (settings: StoreSettings, options: OpenStoreOptions = {}): EventStore => {
  switch (settings.kind) {
    case "sqlite": {
      if (options.mustExist === true && !existsSync(settings.path)) throw new StoreLocationError(`no event store at ${settings.path}`);
      mkdirSync(dirname(settings.path), { recursive: true });
      return createSqliteEventStore({ ...options.sqlite, path: settings.path, durability: settings.durability, ...(options.logger ? { logger: options.logger } : {}) });
    }
    case "postgres": {
      const problem = settings.connectionString === "" ? "is required when DUTY_LEDGER_STORE=postgres" : postgresUrlProblem(settings.connectionString);
      if (problem !== null) throw new StoreLocationError(`DATABASE_URL ${problem}`);
      return openPostgresEventStore({ connectionString: settings.connectionString, ...(options.logger ? { logger: options.logger } : {}) });
    }
    case "esdb":
      if (settings.connectionString === "") throw new StoreLocationError("EVENTSTORE_URL is required when DUTY_LEDGER_STORE=esdb");
      return openEsdbEventStore({ connectionString: settings.connectionString, ...(options.logger ? { logger: options.logger } : {}) });
    default: {
      const _exhaustive: never = settings;
      throw new Error(`unknown store settings ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Where the settings point, for messages (passwords masked). */
export const describeStore = (settings: StoreSettings): string => {
  switch (settings.kind) {
    case "sqlite":
      return `embedded SQLite ${settings.path}`;
    case "postgres":
      return `PostgreSQL ${maskConnectionString(settings.connectionString)}`;
    case "esdb":
      return `EventStoreDB ${settings.connectionString.replace(/\/\/[^@/]*@/, "//***@")}`;
    default: {
      const _exhaustive: never = settings;
      throw new Error(`unknown store settings ${JSON.stringify(_exhaustive)}`);
    }
  }
};
