import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openPostgresEventStore } from "@duty-ledger/event-store";
import { createPgReadModelStore, createReadModels, createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { appendSampleLog, generateSampleLog, startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjector } from "./create-projector.js";

/**
 * One active projector (design/scale-out.md): two real projector processes (`main.ts`) on one
 * PostgreSQL database; one holds the lease and catches up in small commits, the other stands by.
 * The active one is killed with SIGKILL mid-catch-up; the standby must hold the lease within
 * 10 s, continue from the committed checkpoints, and end with read models identical — every
 * document, index entry and checkpoint — to a single-process rebuild of the same log (into
 * SQLite): nothing applied twice, nothing skipped.
 */
const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: PostgresServer;
let databaseUrl: string;
let head: number;
const folders: string[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  const store = openPostgresEventStore({ connectionString: databaseUrl });
  head = await appendSampleLog(store, generateSampleLog({ seed: 24, deputies: 60, units: 12, stations: 6, contacts: 3_000, suggestions: 900, voidRate: 0.03 }), 1_000);
  await store.close();
}, 180_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await postgres?.stop();
});

interface ProjectorProcess {
  readonly child: ChildProcess;
  /** Resolves at the first log line whose message starts with `prefix`. */
  logged(prefix: string): Promise<number>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

const spawnProjector = (): ProjectorProcess => {
  const dataDir = mkdtempSync(join(tmpdir(), "projector-lease-"));
  folders.push(dataDir);
  const child = spawn(process.execPath, ["--import", tsxLoader, "--conditions=source", main], {
    env: {
      PATH: process.env["PATH"] ?? "",
      DUTY_LEDGER_DATA_DIR: dataDir,
      DUTY_LEDGER_STORE: "postgres",
      DATABASE_URL: databaseUrl,
      DUTY_LEDGER_CATCH_UP_BATCH: "400",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const seen: { prefix: string; resolve: (at: number) => void }[] = [];
  const check = (): void => {
    for (const waiter of [...seen]) {
      if (output.includes(`"msg":"${waiter.prefix}`)) {
        seen.splice(seen.indexOf(waiter), 1);
        waiter.resolve(Date.now());
      }
    }
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
    check();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    logged: (prefix) =>
      new Promise<number>((resolve, reject) => {
        seen.push({ prefix, resolve });
        check();
        void exited.then(() => reject(new Error(`the projector exited before logging "${prefix}":\n${output.slice(-4000)}`)));
      }),
    exited,
    output: () => output,
  };
};

describe("projector lease", () => {
  it("a standby takes over within 10 s of a SIGKILL of the active projector mid-catch-up, and the read models equal a single-process rebuild", async () => {
    expect(head).toBeGreaterThan(8_000);
    const first = spawnProjector();
    await first.logged("projector: holds the projector lease");
    const second = spawnProjector();
    await second.logged("projector: standby");

    // Kill the active one once it committed some batches but not the whole log.
    const readModelStore = createPgReadModelStore({ connectionString: databaseUrl, readonly: true, poolSize: 2 });
    const readModels = createReadModels(readModelStore);
    const deadline = Date.now() + 120_000;
    let reached = 0;
    for (;;) {
      const checkpoints = await readModelStore.checkpoints();
      const highest = Math.max(0, ...checkpoints.map((c) => c.position));
      if (highest >= 1_200) {
        reached = await readModels.position();
        break;
      }
      if (Date.now() > deadline) expect.fail(`the active projector committed nothing in 120 s:\n${first.output().slice(-4000)}`);
      await sleep(20);
    }
    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect((await first.exited).signal).toBe("SIGKILL");
    const atKill = Math.max(...(await readModelStore.checkpoints()).map((c) => c.position));
    expect(atKill, "killed mid-catch-up").toBeLessThan(head);

    const tookOverAt = await second.logged("projector: holds the projector lease");
    expect(tookOverAt - killedAt).toBeLessThan(10_000);
    expect(await readModels.waitFor(head, 120_000)).toBe(true);
    second.child.kill("SIGTERM");
    expect((await second.exited).code, second.output().slice(-4000)).toBe(0);

    // The same log projected by one engine in this process, into SQLite.
    const cleanDir = mkdtempSync(join(tmpdir(), "projector-lease-clean-"));
    folders.push(cleanDir);
    const store = openPostgresEventStore({ connectionString: databaseUrl });
    const projector = createProjector({ store, dataDir: cleanDir, logger: silent });
    await projector.start();
    expect(await projector.engine.waitFor(head, 120_000)).toBe(true);
    await projector.stop();
    await store.close();
    const clean = createSqliteReadModelStore({ path: readModelsPath(cleanDir), readonly: true });
    const b = clean.snapshot();
    await clean.close();
    const a = await readModelStore.snapshot();
    await readModelStore.close();

    expect(a.checkpoints).toEqual(b.checkpoints);
    expect(a.checkpoints.every((c) => c.position === head)).toBe(true);
    expect(a.docs.length).toBe(b.docs.length);
    expect(a.docs.length).toBeGreaterThan(1_000);
    expect(a.index.length).toBe(b.index.length);
    for (let i = 0; i < a.docs.length; i += 2_000) expect(a.docs.slice(i, i + 2_000)).toEqual(b.docs.slice(i, i + 2_000));
    for (let i = 0; i < a.index.length; i += 5_000) expect(a.index.slice(i, i + 5_000)).toEqual(b.index.slice(i, i + 5_000));
    console.info(`lease failover: ${head} events; killed at checkpoints ${reached}..${atKill}; the standby held the lease ${tookOverAt - killedAt} ms after the kill`);
  }, 300_000);
});
