import { resolve } from "node:path";
import {
  StoreLocationError,
  checkStoreEnv,
  openStore,
  postgresUrlProblem,
  storeEnvShape,
  storeSettingsOf,
  type EventStore,
  type StoreSettings,
} from "@duty-ledger/event-store";
import { z } from "zod";

/**
 * The store an audit command works on: `--store-url` when given (`esdb://…`,
 * `esdb+discover://…`, `kurrentdb://…` for EventStoreDB; `postgres://…` or `postgresql://…`
 * for PostgreSQL; `sqlite:<file>` or a plain path for an embedded store file), else the
 * environment of api-v1.md: `DUTY_LEDGER_STORE` (`sqlite`, default, `postgres` with
 * `DATABASE_URL`, or `esdb` with `EVENTSTORE_URL`) and `DUTY_LEDGER_DATA_DIR` (default `./data`),
 * whose `events.sqlite` is the embedded store (the file `duty-ledger start` uses).
 */

const ESDB_SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//i;
const POSTGRES_SCHEMES = /^postgres(ql)?:\/\//i;

const envSchema = z.object({ ...storeEnvShape }).superRefine(checkStoreEnv);

/**
 * The store `--store-url` names, or else the environment's. An audit never fsyncs what it
 * does not write, so an embedded store named by URL opens with durability `normal`.
 */
export const storeLocationOf = (storeUrl: string | undefined, env: Readonly<Record<string, string | undefined>>): StoreSettings => {
  if (storeUrl !== undefined) {
    if (ESDB_SCHEMES.test(storeUrl)) return { kind: "esdb", connectionString: storeUrl };
    if (POSTGRES_SCHEMES.test(storeUrl)) {
      const problem = postgresUrlProblem(storeUrl);
      if (problem !== null) throw new StoreLocationError(`--store-url ${problem}`);
      return { kind: "postgres", connectionString: storeUrl };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(storeUrl)) throw new StoreLocationError(`--store-url: unknown scheme in ${JSON.stringify(storeUrl)} (esdb://…, kurrentdb://…, postgres://…, sqlite:<file> or a file path)`);
    return { kind: "sqlite", path: resolve(storeUrl.replace(/^sqlite:/i, "")), durability: "normal" };
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new StoreLocationError(`environment: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return storeSettingsOf(parsed.data);
};

/**
 * Opens the store. `mustExist` (reading commands): an embedded store file that is not there
 * is an error, not a new empty log that would verify "ok".
 */
export const openAuditStore = (location: StoreSettings, options: { readonly mustExist: boolean }): EventStore =>
  openStore(location, { mustExist: options.mustExist, sqlite: { pollIntervalMs: 0 } });
