// The all-in-one server of `pnpm start` (startServer) in this process, on a temporary store (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, type SqliteEventStore } from "@duty-ledger/event-store";
import { parseConfig, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import { pino } from "pino";
import { configSchema } from "./config.js";
import { startServer } from "./server.js";

export const allInOneSecret = "all-in-one-test-secret-of-at-least-32-bytes";

export interface AllInOne {
  readonly url: string;
  /** The temporary data folder (`events.sqlite` in it), removed at `close()`. */
  readonly dataDir: string;
  readonly store: SqliteEventStore;
  /** `METHOD path` of every route the server serves. */
  readonly routes: () => readonly string[];
  token(role: PrincipalRole, sub: string, stationId?: string): Promise<string>;
  close(): Promise<void>;
}

/** `startServer` as `duty-ledger start` configures it from `env` (PORT 0, a temporary data folder, logs off). */
export const startAllInOne = async (env: Readonly<Record<string, string>> = {}): Promise<AllInOne> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-all-in-one-"));
  const config = parseConfig(configSchema, { DUTY_LEDGER_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...env });
  const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal" });
  const server = await startServer({ config, logger: pino({ level: "silent" }), store, verifierConfig: { secret: allInOneSecret } });
  return {
    url: server.url,
    dataDir,
    store,
    routes: server.routes,
    token: (role, sub, stationId) => signToken({ secret: allInOneSecret, role, sub, stationId, expiresIn: "1h" }),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
