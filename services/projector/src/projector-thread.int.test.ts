import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, EVENTS_FILE_NAME, type SqliteEventStore } from "@duty-ledger/event-store";
import { createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { appendSampleLog, generateSampleLog, silentLogger } from "@duty-ledger/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createProjector } from "./create-projector.js";
import { startProjectorThread } from "./projector-thread.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "projector-thread-"));
  dirs.push(dir);
  return dir;
};

const snapshotOf = async (dataDir: string) => {
  const readModels = createSqliteReadModelStore({ path: readModelsPath(dataDir), readonly: true });
  try {
    return readModels.snapshot();
  } finally {
    await readModels.close();
  }
};

describe("the projector on threads of its own", () => {
  it.each([1, 2] as const)("on %i thread(s), projects the log into the same read models as in process, reports its position, waits, and stops with its checkpoints", async (threads) => {
    const dataDir = tempDir();
    const path = join(dataDir, EVENTS_FILE_NAME);
    const store: SqliteEventStore = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 10 });
    try {
      const head = await appendSampleLog(store, generateSampleLog({ seed: 31, deputies: 20, units: 5, stations: 3, contacts: 300, suggestions: 150, voidRate: 0.05 }));
      const thread = await startProjectorThread({
        store: { kind: "sqlite", path, durability: "normal" },
        dataDir,
        logLevel: "silent",
        log: store,
        threads,
      });
      expect(await thread.waitFor(head, 60_000)).toBe(true);
      expect(thread.position()).toBe(head);
      expect(thread.status()).toEqual({ phase: "live", error: null });
      expect(await thread.lag()).toBe(0);

      // Live: a new append reaches the read models, and waitFor says when.
      const registered = {
        deputyId: "D-thread",
        name: "线程代表",
        level: "county",
        term: "2023-2028",
        constituency: "第九选区",
        registeredAt: "2024-03-01T09:00:00+08:00",
      };
      const appended = await store.append("deputy-D-thread", [{ id: randomUUID(), type: "DeputyRegistered", data: registered, metadata: { actor: { id: "OFFICE-1", role: "office" } } }]);
      expect(await thread.waitFor(appended.position, 10_000)).toBe(true);
      expect(await thread.waitFor(appended.position + 1_000, 50)).toBe(false);
      // Its readers read what the thread committed, on this thread's connection.
      expect((await thread.readModels.getTimeline("D-thread")).entries.map((e) => e.eventId)).toEqual([appended.events[0]!.id]);
      expect(await thread.readModels.position()).toBe(appended.position);

      await thread.stop();
      expect(thread.status().phase).toBe("stopped");
      expect(await thread.waitFor(appended.position + 1, 10)).toBe(false);

      // The same documents as the projector run in this thread over the same log.
      const inProcessDir = tempDir();
      const inProcess = createProjector({ store, dataDir: inProcessDir, logger: silentLogger });
      await inProcess.start();
      expect(await inProcess.engine.waitFor(appended.position, 60_000)).toBe(true);
      await inProcess.stop();
      const [threaded, reference] = await Promise.all([snapshotOf(dataDir), snapshotOf(inProcessDir)]);
      expect(threaded.docs.length).toBeGreaterThan(150);
      expect(threaded.docs).toEqual(reference.docs);
      expect(threaded.index).toEqual(reference.index);
      expect(threaded.checkpoints.every((c) => c.position === appended.position)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("reports a worker's failure after the start once, through onFailure, and its phase turns failed", async () => {
    const dataDir = tempDir();
    const path = join(dataDir, EVENTS_FILE_NAME);
    const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 10 });
    const failures: string[] = [];
    try {
      const thread = await startProjectorThread({ store: { kind: "sqlite", path, durability: "normal" }, dataDir, logLevel: "silent", log: store, onFailure: (error) => failures.push(error) });
      expect(thread.status()).toEqual({ phase: "live", error: null });
      // An assignment no decider would accept (the store takes any event): the projections cannot fold it.
      await store.append("suggestion-S-broken", [
        { id: randomUUID(), type: "SuggestionAssigned", data: { suggestionId: "S-broken", assignedAt: "not a time" }, metadata: { actor: { id: "OFFICE-1", role: "office" } } },
      ]);
      const deadline = Date.now() + 20_000;
      while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/projection [a-z-]+ failed on event .* at position 1/);
      expect(thread.status().phase).toBe("failed");
      await thread.stop();
      expect(failures).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("refuses to start, with the reason, when its read models cannot be opened", async () => {
    const dataDir = tempDir();
    const path = join(dataDir, EVENTS_FILE_NAME);
    const log = createSqliteEventStore({ path, durability: "normal" });
    try {
      // A folder where the read-model file should be: the worker opens its store, then its projector fails.
      mkdirSync(readModelsPath(dataDir));
      await expect(startProjectorThread({ store: { kind: "sqlite", path, durability: "normal" }, dataDir, logLevel: "silent", log })).rejects.toThrow(
        /the projector could not start: .+/,
      );
    } finally {
      await log.close();
    }
  });

  it("refuses to start, with the reason, when its store cannot be opened", async () => {
    const dataDir = tempDir();
    const log = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal" });
    try {
      await expect(
        startProjectorThread({
          // A folder where the worker's store file should be.
          store: { kind: "sqlite", path: dataDir, durability: "normal" },
          dataDir,
          logLevel: "silent",
          log,
        }),
      ).rejects.toThrow(/the projector could not start: .+/);
    } finally {
      await log.close();
    }
  });
});
