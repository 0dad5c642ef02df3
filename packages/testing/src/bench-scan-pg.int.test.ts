import { newEventId, openPostgresEventStore } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgBareScanSubject } from "./bench-scan-pg.js";
import { startPostgres, type PostgresServer } from "./postgres-server.js";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
  const store = openPostgresEventStore({ connectionString: server.connectionString, pollIntervalMs: 0 });
  try {
    for (let i = 0; i < 5; i++) await store.append(`unit-${i % 2}`, [{ id: newEventId(), type: "UnitRegistered", data: { unitId: `U-${i}` }, metadata: { actor: { id: "OFFICE-1", role: "office" } } }]);
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(() => server?.stop());

describe("the bare scan of a PostgreSQL log", () => {
  it("reads every event once across pages, whether the last page is full or not", async () => {
    for (const pageSize of [2, 5, 100]) {
      const session = await pgBareScanSubject(server.connectionString, 5, pageSize).open?.("");
      try {
        expect(await session?.run(0)).toMatchObject({ ops: 5 });
      } finally {
        await session?.close();
      }
    }
  });

  it("fails a scan that sees another count than the one expected", async () => {
    const session = await pgBareScanSubject(server.connectionString, 4, 2).open?.("");
    try {
      await expect(session?.run(0)).rejects.toThrow("the scan saw 5 events, expected 4");
    } finally {
      await session?.close();
    }
  });
});
