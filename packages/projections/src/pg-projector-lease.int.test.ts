import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireProjectorLease } from "./pg-projector-lease.js";

/** The projector lease on its own (the processes' take-over: services/projector's lease-failover test). */
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const settled = async (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true, () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("projector lease", () => {
  it("one holder at a time; a standby holds it once the holder lets go; one stopped while waiting never holds it", async () => {
    const connectionString = await server.createDatabase();
    const first = acquireProjectorLease({ connectionString, retryMs: 50 });
    await first.held;
    let standbyAnnounced = 0;
    const second = acquireProjectorLease({ connectionString, retryMs: 50, onStandby: () => standbyAnnounced++ });
    const third = acquireProjectorLease({ connectionString, retryMs: 50 });
    expect(await settled(second.held, 300)).toBe(false);
    expect(standbyAnnounced).toBe(1);
    await third.release();
    await expect(third.held).rejects.toThrow(/released before it was held/);
    await first.release();
    await second.held;
    const fourth = acquireProjectorLease({ connectionString, retryMs: 50 });
    expect(await settled(fourth.held, 200)).toBe(false);
    await second.release();
    await fourth.held;
    // A holder's lost connection is reported (the projector then stops).
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() " +
          "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    } finally {
      await admin.end();
    }
    expect((await fourth.lost).message).toMatch(/terminat|ended|connection/i);
    await fourth.release();
  }, 60_000);
});
