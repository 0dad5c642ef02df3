import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "@duty-ledger/event-store";
import { isLedgerErrorOf } from "@duty-ledger/domain";
import { parseConfig, signToken } from "@duty-ledger/http-kit";
import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "./config.js";
import { startServer, type RunningServer } from "./server.js";

/**
 * DUTY_LEDGER_PARTS (design/scale-out.md): three servers on one PostgreSQL database, each
 * running one part — the write API, the read API, the projector — answer as the all-in-one
 * server does between them, and each serves its own routes only.
 */
const secret = "parts-test-secret-of-at-least-32-bytes!!";
let postgres: PostgresServer;
const folders: string[] = [];
const running: RunningServer[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const server of running.splice(0).reverse()) await server.close().catch(() => undefined);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await postgres?.stop();
});

const envOf = (databaseUrl: string, parts: string): Record<string, string> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-parts-"));
  folders.push(dataDir);
  return { DUTY_LEDGER_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", DUTY_LEDGER_STORE: "postgres", DATABASE_URL: databaseUrl, DUTY_LEDGER_PARTS: parts };
};

const start = async (env: Record<string, string>): Promise<RunningServer> => {
  const config = parseConfig(configSchema, env);
  const server = await startServer({ config, logger: pino({ level: "silent" }), store: openStore(config.store), verifierConfig: { secret } });
  running.push(server);
  return server;
};

describe("DUTY_LEDGER_PARTS", () => {
  it("is all three parts by default, any of them named, and refuses anything else; read models follow the store", () => {
    const base = { DUTY_LEDGER_DATA_DIR: "/tmp/x" };
    expect(parseConfig(configSchema, base).parts).toEqual({ ledger: true, query: true, projector: true });
    expect(parseConfig(configSchema, base).readModels.kind).toBe("sqlite");
    expect(parseConfig(configSchema, { ...base, DUTY_LEDGER_PARTS: " query , projector" }).parts).toEqual({ ledger: false, query: true, projector: true });
    const pg = { ...base, DUTY_LEDGER_STORE: "postgres", DATABASE_URL: "postgres://u:p@db:5432/ledger" };
    expect(parseConfig(configSchema, pg).readModels).toEqual({ kind: "postgres", connectionString: "postgres://u:p@db:5432/ledger" });
    expect(parseConfig(configSchema, { ...pg, DUTY_LEDGER_READ_MODELS: "sqlite" }).readModels.kind).toBe("sqlite");
    for (const bad of [{ DUTY_LEDGER_PARTS: "ledger,reader" }, { DUTY_LEDGER_PARTS: " , " }, { DUTY_LEDGER_READ_MODELS: "postgres" }]) {
      let caught: unknown;
      try {
        parseConfig(configSchema, { ...base, ...bad });
      } catch (error) {
        caught = error;
      }
      expect(isLedgerErrorOf(caught, "VALIDATION"), JSON.stringify(bad)).toBe(true);
    }
  });

  it("a ledger, a query and a projector process on one database: writes through one, reads with minPosition through another", async () => {
    const databaseUrl = await postgres.createDatabase();
    const ledger = await start(envOf(databaseUrl, "ledger"));
    const query = await start(envOf(databaseUrl, "query"));
    const office = await signToken({ secret, role: "office", sub: "OFFICE-1", expiresIn: "1h" });
    const headers = { authorization: `Bearer ${office}`, "content-type": "application/json" };
    let position = 0;
    for (let i = 1; i <= 3; i++) {
      const created = await fetch(`${ledger.url}/v1/units`, { method: "POST", headers, body: JSON.stringify({ unitId: `U-${i}`, name: `单位${i}` }) });
      expect(created.status).toBe(201);
      position = ((await created.json()) as { position: number }).position;
    }
    // No projector yet: the query server waits for the position, then says it is behind.
    const early = await fetch(`${query.url}/v1/units?minPosition=${position}`, { headers });
    expect(early.status).toBe(503);
    await early.body?.cancel();
    const projector = await start(envOf(databaseUrl, "projector"));
    // The projector's threads start in the background (seconds on a loaded machine): ask until it is there.
    let units = await fetch(`${query.url}/v1/units?minPosition=${position}`, { headers });
    for (let tries = 1; units.status === 503 && tries < 12; tries++) {
      await units.body?.cancel();
      units = await fetch(`${query.url}/v1/units?minPosition=${position}`, { headers });
    }
    expect(units.status).toBe(200);
    expect(JSON.stringify(await units.json())).toContain("U-3");
    // Each process serves its own part only.
    expect((await fetch(`${query.url}/v1/units`, { method: "POST", headers, body: "{}" })).status).toBe(404);
    expect((await fetch(`${ledger.url}/v1/units`, { headers })).status).toBe(404);
    expect((await fetch(`${projector.url}/v1/units`, { headers })).status).toBe(404);
    // Every process answers the health check (a load balancer's, a container's); the projector tells its phase.
    for (const server of [query, ledger, projector]) {
      const health = await fetch(`${server.url}/v1/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe("ok");
    }
    expect(((await (await fetch(`${projector.url}/v1/health`)).json()) as { phase?: string }).phase).toBe("live");
  }, 120_000);
});
