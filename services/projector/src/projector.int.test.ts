import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSqliteEventStore, EVENTS_FILE_NAME, type SqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { appendSampleLog, generateSampleLog } from "@duty-ledger/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createProjector } from "./create-projector.js";
import { defaultProjectorThreads } from "./projector-thread.js";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const dataDirWithLog = async (seed: number): Promise<{ dataDir: string; head: number }> => {
  const dataDir = mkdtempSync(join(tmpdir(), "projector-"));
  dirs.push(dataDir);
  const store: SqliteEventStore = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal", pollIntervalMs: 0 });
  const head = await appendSampleLog(store, generateSampleLog({ seed, deputies: 20, units: 5, stations: 3, contacts: 200, suggestions: 100 }));
  await store.close();
  return { dataDir, head };
};

const runMain = (env: NodeJS.ProcessEnv) => {
  const child = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", main], {
    env: { PATH: process.env["PATH"], ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (const w of waiters.filter((w) => w.pattern.test(stdout))) w.resolve();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const output = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      if (pattern.test(stdout)) return resolve();
      waiters.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`exited before ${pattern}: ${stdout}\n${stderr}`)));
    });
  return { child, exited, output, logs: () => stdout, errors: () => stderr };
};

describe("standalone projector (main.ts)", () => {
  it("fails fast with exit 2 on a bad environment", async () => {
    const proc = runMain({ DUTY_LEDGER_STORE: "oracle" });
    expect(await proc.exited).toBe(2);
    expect(proc.errors()).toMatch(/DUTY_LEDGER_STORE/);
  });

  it("projects the data folder's log, and on SIGTERM flushes its checkpoint and exits 0", async () => {
    const { dataDir, head } = await dataDirWithLog(31);
    const proc = runMain({ DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_SQLITE_DURABILITY: "normal" });
    // Started (its signal handlers installed), and every projector thread caught up.
    await proc.output(/projector: running/);
    await proc.output(new RegExp(Array.from({ length: defaultProjectorThreads() }, () => "caught up with the log").join("[\\s\\S]*")));
    proc.child.kill("SIGTERM");
    expect(await proc.exited, proc.errors()).toBe(0);
    expect(proc.logs()).toMatch(/projector: stopping/);
    // Every line, the threads' included, names the process that logged it.
    const services = new Set(proc.logs().split("\n").filter((line) => line.startsWith("{")).map((line) => (JSON.parse(line) as { service?: string }).service));
    expect([...services]).toEqual(["projector"]);
    const readModels = createSqliteReadModelStore({ path: readModelsPath(dataDir), readonly: true });
    const checkpoints = await readModels.checkpoints();
    await readModels.close();
    expect(checkpoints.map((c) => c.position)).toEqual(allProjections.map(() => head));
  }, 60_000);

  it("exits 1 when a projection cannot fold the log (a supervisor restarts it from the last checkpoint)", async () => {
    const { dataDir } = await dataDirWithLog(32);
    const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal", pollIntervalMs: 0 });
    // An assignment no decider would accept (the store takes any event): the scoring facts cannot fold it.
    await store.append("suggestion-S-broken", [
      { id: randomUUID(), type: "SuggestionAssigned", data: { suggestionId: "S-broken", assignedAt: "not a time" }, metadata: { actor: { id: "OFFICE-1", role: "office" } } },
    ]);
    await store.close();
    const proc = runMain({ DUTY_LEDGER_DATA_DIR: dataDir, DUTY_LEDGER_SQLITE_DURABILITY: "normal" });
    expect(await proc.exited).toBe(1);
    expect(proc.logs()).toMatch(/projector: engine failed/);
  }, 60_000);
});

describe("createProjector", () => {
  it("reports health, serves the read models, and stops without closing the event store", async () => {
    const { dataDir, head } = await dataDirWithLog(32);
    const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal", pollIntervalMs: 20 });
    const projector = createProjector({ store, dataDir, logger: silent });
    expect(await projector.health()).toMatchObject({ status: "starting", position: 0 });
    await projector.start();
    expect(await projector.readModels.waitFor(head, 30_000)).toBe(true);
    expect(await projector.health()).toEqual({ status: "ok", position: head, lag: 0, error: null });
    expect(await projector.readModels.getDeputyRecord("D-0001", 2024)).toMatchObject({ deputyId: "D-0001", year: 2024 });
    await projector.stop();
    await projector.stop(); // idempotent
    expect(await projector.health()).toMatchObject({ status: "stopped", position: head });
    expect(await store.headPosition()).toBe(head);
    await store.close();
  }, 60_000);
});
