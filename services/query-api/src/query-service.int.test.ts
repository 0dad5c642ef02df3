import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createSqliteEventStore, EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { signToken } from "@duty-ledger/http-kit";
import { allProjections, createProjectionEngine, createSqliteReadModelStore, readModelsPath } from "@duty-ledger/projections";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startQueryService } from "./query-service.js";

/** The standalone service: configuration, modes, rule-set files, and main.ts's process life. */

const secret = "query-service-test-secret-of-32-bytes-or-more";
const dirs: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "duty-ledger-query-service-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const baseEnv = (dir: string): Record<string, string> => ({
  DUTY_LEDGER_DATA_DIR: dir,
  DUTY_LEDGER_JWT_SECRET: secret,
  PORT: "0",
  LOG_LEVEL: "silent",
});

const silent = pino({ level: "silent" });

/** Read models of the data folder's (empty) log, as the projector process writes them. */
const project = async (dir: string): Promise<void> => {
  const store = createSqliteEventStore({ path: join(dir, EVENTS_FILE_NAME), durability: "normal" });
  const readModels = createSqliteReadModelStore({ path: readModelsPath(dir) });
  const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silent });
  await engine.start();
  await engine.stop();
  await readModels.close();
  await store.close();
};

describe("startQueryService", () => {
  it("serves the read models a projector wrote and the rule sets of <dataDir>/rule-sets", async () => {
    const dir = dataDir();
    await project(dir);
    mkdirSync(join(dir, "rule-sets"));
    writeFileSync(
      join(dir, "rule-sets", "chun-an.json"),
      JSON.stringify({
        name: "chun-an-2025",
        version: 1,
        weights: { attention: 10, completion: 20, consultation: 15, satisfaction: 20, resolution: 20, publication: 5, digital: 10 },
        options: { basicWeight: 0.5, resolvedCategories: ["A", "B"] },
      }),
    );
    const service = await startQueryService({ env: baseEnv(dir), logger: silent });
    try {
      const health = await fetch(`${service.url}/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", position: 0, lag: 0 });
      const office = await signToken({ secret, role: "office", sub: "OFFICE-1", expiresIn: "5m" });
      const ruleSets = await fetch(`${service.url}/v1/rule-sets`, { headers: { authorization: `Bearer ${office}` } });
      expect(ruleSets.status).toBe(200);
      const body = (await ruleSets.json()) as { ruleSets: { name: string }[] };
      expect(body.ruleSets.map((r) => r.name)).toEqual(["chun-an-2025", "default-2024", "strict-2025"]);
      const scores = await fetch(`${service.url}/v1/scores?rules=chun-an-2025`, { headers: { authorization: `Bearer ${office}` } });
      expect(await scores.json()).toMatchObject({ rules: "chun-an-2025", rulesVersion: 1, units: [] });
    } finally {
      await service.close();
    }
  });

  it("external: reads the read models a projector wrote (read-only) and reports its lag against the log", async () => {
    const dir = dataDir();
    const store = createSqliteEventStore({ path: join(dir, EVENTS_FILE_NAME), durability: "normal" });
    const readModels = createSqliteReadModelStore({ path: readModelsPath(dir) });
    const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silent });
    await engine.start();
    const service = await startQueryService({ env: baseEnv(dir), logger: silent });
    try {
      expect(await (await fetch(`${service.url}/v1/health`)).json()).toEqual({ status: "ok", position: 0, lag: 0 });
      await engine.stop();
      await store.append("unit-U-1", [
        { id: "0193a0a0-0000-7000-8000-000000000001", type: "UnitRegistered", data: { unitId: "U-1", name: "县交通运输局" }, metadata: { actor: { id: "OFFICE-1", role: "office" } } },
      ]);
      expect(await (await fetch(`${service.url}/v1/health`)).json()).toEqual({ status: "ok", position: 0, lag: 1 });
    } finally {
      await service.close();
      await readModels.close();
      await store.close();
    }
  });

  it("fails fast: no read models (it never projects), bad variables named", async () => {
    const dir = dataDir();
    await expect(startQueryService({ env: baseEnv(dir), logger: silent })).rejects.toThrow(/no read models at .*start the projector/s);
    await expect(
      startQueryService({ env: { ...baseEnv(dir), PORT: "eighty", DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS: "soon" }, logger: silent }),
    ).rejects.toThrow(/invalid configuration:\n {2}PORT: .*\n {2}DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS: /);
    await expect(startQueryService({ env: { ...baseEnv(dir), DUTY_LEDGER_STORE: "esdb" }, logger: silent })).rejects.toThrow(
      /EVENTSTORE_URL: is required when DUTY_LEDGER_STORE=esdb/,
    );
    await project(dir);
    await expect(startQueryService({ env: { ...baseEnv(dir), DUTY_LEDGER_JWT_SECRET: "short" }, logger: silent })).rejects.toThrow(
      /at least 32 bytes/,
    );
  });
});

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const mainPath = join(root, "services", "query-api", "src", "main.ts");

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("main.ts", () => {
  it("starts from the environment, answers, and exits 0 on SIGTERM", async () => {
    const dir = dataDir();
    await project(dir);
    const child = spawn(tsx, ["--conditions=source", mainPath], {
      env: { ...process.env, ...baseEnv(dir), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<Exit>((resolveExit) => child.on("exit", (code) => resolveExit({ code, stdout, stderr })));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line after 30 s: ${stdout} ${stderr}`)), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
    });
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
    expect(await (await fetch(`${url}/v1/scores`)).json()).toMatchObject({ status: 401 });
    child.kill("SIGTERM");
    const exit = await exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stdout).toContain("query-api: stopping");
  });

  it("exits 1 naming the bad variables", async () => {
    const dir = dataDir();
    const child = spawn(tsx, ["--conditions=source", mainPath], {
      env: { ...process.env, ...baseEnv(dir), DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS: "forever" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolveExit) => child.on("exit", (exitCode) => resolveExit(exitCode)));
    expect(code).toBe(1);
    expect(stderr).toContain("query-api: cannot start");
    expect(stderr).toContain("DUTY_LEDGER_MIN_POSITION_TIMEOUT_MS");
  });
});
