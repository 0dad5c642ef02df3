import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalPostgresApart, type LocalPostgres } from "./local-postgres.js";
import { freePort } from "./postgres-server.js";

const processGroupOf = (pid: number): number => Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim());

const folder = mkdtempSync(join(tmpdir(), "duty-ledger-local-pg-"));
let postgres: LocalPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe("the local PostgreSQL of pnpm start:postgres, apart", () => {
  it("serves from a process group of its own (a Ctrl-C to the ledger's does not reach it), and stops when asked", async () => {
    const port = await freePort();
    postgres = await startLocalPostgresApart({ folder, port });
    expect(postgres.created).toBe(true);
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    // A backend's process group is its server's (forked by it).
    const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid as number;
    expect(processGroupOf(backend)).not.toBe(processGroupOf(process.pid));
    await client.end();

    await postgres.stop();
    const again = new pg.Client({ connectionString: postgres.url });
    await expect(again.connect()).rejects.toThrow();
    // The cluster is kept: started again, it is not created again.
    postgres = await startLocalPostgresApart({ folder, port });
    expect(postgres.created).toBe(false);
  }, 120_000);
});
