import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openEsdbEventStore } from "@duty-ledger/event-store";
import { appendSampleLog, describeWithEventStoreDb, findEventStoreDb, generateSampleLog, startEventStoreDb, type EventStoreDbServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit-command.js";
import { captureIo, smallLog, tempDir } from "./audit.test-support.js";
import type { Replay } from "./replay.js";
import type { LogVerification } from "./verify-log.js";

/**
 * The auditor's tools on EventStoreDB, through `--store-url esdb://…`: verify, seal, export,
 * import into an embedded store (same seal), and replay giving the same figures on both. Runs
 * against EVENTSTORE_URL or a container (`findEventStoreDb`); skipped with the reason printed
 * where neither exists, failed instead under REQUIRE_EVENTSTORE=1.
 */

const target = await findEventStoreDb();

const run = async (argv: readonly string[]) => {
  const io = captureIo(argv, {});
  const code = await runAuditCommand(io);
  return { code, out: io.out.text(), err: io.err.text() };
};

describeWithEventStoreDb("audit on EventStoreDB", target, (reachable) => {
  let server: EventStoreDbServer | undefined;
  let temp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    temp = tempDir("audit-esdb");
    server = await startEventStoreDb(reachable);
    const store = openEsdbEventStore({ connectionString: server.connectionString });
    try {
      // Appends are idempotent by event id: a second run against the same EVENTSTORE_URL appends nothing new.
      await appendSampleLog(store, generateSampleLog(smallLog));
    } finally {
      await store.close();
    }
  }, 240_000);

  afterAll(async () => {
    temp.remove();
    await server?.stop();
  }, 60_000);

  describe("duty-ledger audit on EventStoreDB", () => {
    it("verifies, seals, exports, re-imports into an embedded store with the same seal, and replays the same figures", async () => {
      const url = (server as EventStoreDbServer).connectionString;
      const verified = await run(["verify", "--store-url", url, "--json"]);
      expect(verified.code, verified.err).toBe(0);
      const report = JSON.parse(verified.out) as LogVerification;
      expect(report.ok).toBe(true);
      expect(report.events).toBeGreaterThan(0);

      const seal = (await run(["seal", "--store-url", url])).out.trim();
      expect(seal).toMatch(/^dlseal1:\d+:[0-9a-f]{64}$/);

      const exported = await run(["export", "--store-url", url]);
      expect(exported.code, exported.err).toBe(0);
      const file = join(temp.dir, "export.ndjson");
      writeFileSync(file, exported.out);
      const copy = join(temp.dir, "copy.sqlite");
      const imported = await run(["import", file, "--store-url", copy]);
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out.trim()).toBe(seal);
      expect((await run(["verify", "--store-url", copy, "--seal", seal])).code).toBe(0);

      const asOf = "2025-01-31T12:00:00+08:00";
      const fromEsdb = JSON.parse((await run(["replay", "--store-url", url, "--scores-as-of", asOf])).out) as Replay;
      const fromCopy = JSON.parse((await run(["replay", "--store-url", copy, "--scores-as-of", asOf])).out) as Replay;
      expect(fromEsdb.deputyRecords.length).toBeGreaterThan(0);
      expect(fromEsdb.scores.length).toBeGreaterThan(0);
      expect(fromCopy.deputyRecords).toEqual(fromEsdb.deputyRecords);
      expect(fromCopy.scores).toEqual(fromEsdb.scores);
      expect(fromCopy.unitScores).toEqual(fromEsdb.unitScores);
    }, 240_000);
  });
});
