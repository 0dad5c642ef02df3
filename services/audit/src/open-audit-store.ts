import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createEsdbEventStore, createSqliteEventStore, type EventStore } from "@duty-ledger/event-store";
import { z } from "zod";

/**
 * The store an audit command works on: `--store-url` when given (`esdb://…`,
 * `esdb+discover://…`, `kurrentdb://…` for EventStoreDB; `sqlite:<file>` or a plain path for
 * an embedded store file), else the environment of api-v1.md: `DUTY_LEDGER_STORE` (`sqlite`,
 * default, or `esdb` with `EVENTSTORE_URL`) and `DUTY_LEDGER_DATA_DIR` (default `./data`),
 * whose `events.sqlite` is the embedded store (the file `duty-ledger start` uses).
 */

/** The embedded store's file inside the data folder (as services/cli's `eventsFileName`). */
export const EVENTS_FILE_NAME = "events.sqlite";

const ESDB_SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//i;

const envSchema = z.object({
  DUTY_LEDGER_DATA_DIR: z.string().min(1).default("./data"),
  DUTY_LEDGER_STORE: z.enum(["sqlite", "esdb"]).default("sqlite"),
  EVENTSTORE_URL: z.string().min(1).optional(),
});

export type StoreLocation = { readonly kind: "sqlite"; readonly path: string } | { readonly kind: "esdb"; readonly connectionString: string };

/** A store location the user got wrong (unknown scheme, missing file, missing URL). */
export class StoreLocationError extends Error {
  readonly code = "STORE_LOCATION";
}

export const isStoreLocationError = (error: unknown): error is StoreLocationError =>
  error instanceof Error && (error as { code?: unknown }).code === "STORE_LOCATION";

export const storeLocationOf = (storeUrl: string | undefined, env: Readonly<Record<string, string | undefined>>): StoreLocation => {
  if (storeUrl !== undefined) {
    if (ESDB_SCHEMES.test(storeUrl)) return { kind: "esdb", connectionString: storeUrl };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(storeUrl)) throw new StoreLocationError(`--store-url: unknown scheme in ${JSON.stringify(storeUrl)} (esdb://…, kurrentdb://…, sqlite:<file> or a file path)`);
    return { kind: "sqlite", path: resolve(storeUrl.replace(/^sqlite:/i, "")) };
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new StoreLocationError(`environment: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  if (parsed.data.DUTY_LEDGER_STORE === "esdb") {
    if (parsed.data.EVENTSTORE_URL === undefined) throw new StoreLocationError("EVENTSTORE_URL is required when DUTY_LEDGER_STORE=esdb");
    return { kind: "esdb", connectionString: parsed.data.EVENTSTORE_URL };
  }
  return { kind: "sqlite", path: join(resolve(parsed.data.DUTY_LEDGER_DATA_DIR), EVENTS_FILE_NAME) };
};

export const describeLocation = (location: StoreLocation): string =>
  location.kind === "sqlite" ? location.path : location.connectionString.replace(/\/\/[^@/]*@/, "//***@");

/**
 * Opens the store. `mustExist` (reading commands): an embedded store file that is not there
 * is an error, not a new empty log that would verify "ok".
 */
export const openAuditStore = (location: StoreLocation, options: { readonly mustExist: boolean }): EventStore => {
  switch (location.kind) {
    case "sqlite": {
      if (options.mustExist && !existsSync(location.path)) throw new StoreLocationError(`no event store at ${location.path}`);
      mkdirSync(dirname(location.path), { recursive: true });
      return createSqliteEventStore({ path: location.path, pollIntervalMs: 0 });
    }
    case "esdb":
      return createEsdbEventStore({ connectionString: location.connectionString });
    default: {
      const _exhaustive: never = location;
      throw new Error(`unknown store location ${JSON.stringify(_exhaustive)}`);
    }
  }
};
