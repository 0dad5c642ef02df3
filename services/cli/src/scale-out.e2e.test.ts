import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireProjectorLease, createPgReadModelStore, type PgReadModelStore } from "@duty-ledger/projections";
import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStopped, freePort, postJson, processToken, spawnLedger, waitUntilServing, type LedgerProcess } from "./ledger-process.test-support.js";

/**
 * Scale-out, end to end (issue 24, "Done when"): PostgreSQL, two write servers, two query servers
 * and two projectors, each a real `duty-ledger start` with its DUTY_LEDGER_PARTS. Commands go
 * through both write servers; the projectors start once the log holds them all, the active one
 * is killed with SIGKILL mid-catch-up and the standby takes over; every figure read through
 * both query servers (`?minPosition=` the last write) equals the same figure of a single
 * `duty-ledger start` on SQLite that took the same commands.
 */
const DEPUTIES = Array.from({ length: 8 }, (_, i) => `D-${i + 1}`);
const UNITS = ["U-1", "U-2", "U-3"];
const CONTACTS = 240;
const SUGGESTIONS = 60;

interface Command {
  readonly path: string;
  /** [role, subject] of the token. */
  readonly as: readonly ["office" | "deputy" | "unit", string];
  readonly body: Record<string, unknown>;
}

const day = (n: number, hour = 9): string => new Date(Date.UTC(2024, 2, 1 + n, hour - 8)).toISOString().replace(".000Z", "+00:00");

/** Registrations first (in order), then chains of commands, each chain about one entity and in order. */
const registrations: Command[] = [
  { path: "/v1/stations", as: ["office", "OFFICE-1"], body: { stationId: "ST-1", name: "城关联络站", region: "城关镇" } },
  ...DEPUTIES.map((deputyId, i): Command => ({
    path: "/v1/deputies",
    as: ["office", "OFFICE-1"],
    body: { deputyId, name: `代表${i + 1}`, level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" },
  })),
  ...UNITS.map((unitId, i): Command => ({ path: "/v1/units", as: ["office", "OFFICE-1"], body: { unitId, name: `单位${i + 1}` } })),
];

const chains: Command[][] = [
  ...Array.from({ length: CONTACTS }, (_, i): Command[] => [
    {
      path: "/v1/contacts",
      as: ["office", "OFFICE-1"],
      body: {
        contactId: `C-${i + 1}`,
        deputyIds: [DEPUTIES[i % DEPUTIES.length], ...(i % 3 === 0 ? [DEPUTIES[(i + 1) % DEPUTIES.length]] : [])],
        stationId: "ST-1",
        channel: i % 2 === 0 ? "station" : "visit",
        occurredAt: day(i % 200),
        constituents: 1 + (i % 17),
        topic: "公交出行",
        summary: "群众反映早高峰公交拥挤。",
        opinions: [{ opinionId: "OP-1", text: "增加班次" }],
      },
    },
  ]),
  ...Array.from({ length: SUGGESTIONS }, (_, i): Command[] => {
    const id = `S-${i + 1}`;
    const lead = DEPUTIES[i % DEPUTIES.length] as string;
    const unit = UNITS[i % UNITS.length] as string;
    const chain: Command[] = [
      {
        path: "/v1/suggestions",
        as: ["deputy", lead],
        body: { suggestionId: id, leadDeputyId: lead, coSignerIds: [], title: `建议${i + 1}`, body: "建议增加早高峰班次。", phase: "session", session: "2024", submittedAt: day(i) },
      },
      { path: `/v1/suggestions/${id}/pre-review`, as: ["office", "OFFICE-1"], body: { outcome: "accept", reason: "审查意见", reviewedAt: day(i + 1) } },
      { path: `/v1/suggestions/${id}/assignment`, as: ["office", "OFFICE-1"], body: { leadUnitId: unit, coUnitIds: [], assignedAt: day(i + 1, 15), complex: false } },
    ];
    if (i % 4 !== 3) {
      chain.push({ path: `/v1/suggestions/${id}/reply`, as: ["unit", unit], body: { unitId: unit, category: i % 2 === 0 ? "A" : "B", repliedAt: day(i + 20), text: "已办理。" } });
    }
    return chain;
  }),
];

const tokens = new Map<string, string>();
const tokenOf = async ([role, sub]: Command["as"]): Promise<string> => {
  const key = `${role}:${sub}`;
  const known = tokens.get(key);
  if (known !== undefined) return known;
  const token = await processToken(role, sub);
  tokens.set(key, token);
  return token;
};

/** Sends a command; its log position. */
const send = async (url: string, command: Command): Promise<number> => {
  const answer = await postJson(`${url}${command.path}`, await tokenOf(command.as), command.body);
  if (answer.status !== 201) throw new Error(`${command.path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body as { position: number }).position;
};

/** Sends the registrations through the first server, then the chains spread over the servers, several at once; the highest position. */
const sendAll = async (urls: readonly string[]): Promise<number> => {
  let highest = 0;
  for (const command of registrations) highest = Math.max(highest, await send(urls[0] as string, command));
  let next = 0;
  const worker = async (url: string): Promise<void> => {
    for (;;) {
      const chain = chains[next++];
      if (chain === undefined) return;
      for (const command of chain) highest = Math.max(highest, await send(url, command));
    }
  };
  await Promise.all(Array.from({ length: 12 }, (_, i) => worker(urls[i % urls.length] as string)));
  return highest;
};

const figurePaths = [
  "/v1/scores?period=2024",
  "/v1/units",
  ...DEPUTIES.map((id) => `/v1/deputies/${id}/record?year=2024`),
  ...UNITS.map((id) => `/v1/units/${id}/scores?period=2024`),
  ...UNITS.map((id) => `/v1/units/${id}/suggestions?limit=100`),
];

/** What differs between two runs of the same commands by nature: event ids, positions, recording and answering times. */
const VOLATILE = /^(knownAt|computedAt|recordedAt|registeredAt|asOf|treeHead|position|lastPosition|headPosition|eventIds?)$|EventIds?$/;
const stable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(stable)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).flatMap(([key, inner]) => (VOLATILE.test(key) ? [] : [[key, stable(inner)]])))
      : value;

const figures = async (url: string, minPosition: number): Promise<Record<string, unknown>> => {
  const office = await processToken("office", "OFFICE-1");
  const out: Record<string, unknown> = {};
  const deadline = Date.now() + 90_000;
  for (const path of figurePaths) {
    let response: Response;
    let text: string;
    // 503 while the read models are behind (the standby still starting its threads): ask again, as a client would.
    do {
      response = await fetch(`${url}${path}${path.includes("?") ? "&" : "?"}minPosition=${minPosition}`, {
        headers: { authorization: `Bearer ${office}` },
        signal: AbortSignal.timeout(60_000),
      });
      text = await response.text();
    } while (response.status === 503 && Date.now() < deadline);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text}`);
    out[path] = stable(JSON.parse(text));
  }
  return out;
};

let postgres: PostgresServer;
const processes: LedgerProcess[] = [];
const folders: string[] = [];
const folder = (): string => {
  const made = mkdtempSync(join(tmpdir(), "duty-ledger-scale-out-"));
  folders.push(made);
  return made;
};

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => ensureStopped(p)));
  for (const made of folders) rmSync(made, { recursive: true, force: true });
  await postgres?.stop();
});

const waitFor = async (ledger: LedgerProcess, text: string, timeoutMs = 90_000): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  while (!ledger.output().includes(text)) {
    if (ledger.child.exitCode !== null || ledger.child.signalCode !== null) throw new Error(`exited before "${text}":\n${ledger.output().slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${ledger.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now();
};

describe("scale-out on PostgreSQL", () => {
  it("two write, two query and two projector processes give the figures of one process on SQLite, the active projector killed mid-catch-up", async () => {
    const databaseUrl = await postgres.createDatabase();
    // The keys every write server shares.
    const keys = folder();
    writeFileSync(join(keys, "signing-key.pem"), generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
    writeFileSync(join(keys, "master.key"), randomBytes(32).toString("hex"), { mode: 0o600 });
    const pgEnv = { DUTY_LEDGER_STORE: "postgres", DATABASE_URL: databaseUrl, DUTY_LEDGER_SIGNING_KEY_FILE: join(keys, "signing-key.pem"), DUTY_LEDGER_MASTER_KEY_FILE: join(keys, "master.key") };
    const start = async (parts: string, extra: Record<string, string> = {}): Promise<LedgerProcess> => {
      const ledger = spawnLedger({ dataDir: folder(), port: await freePort(), env: { ...pgEnv, DUTY_LEDGER_PARTS: parts, ...extra } });
      processes.push(ledger);
      return ledger;
    };
    // The single process on SQLite, started alongside.
    const single = spawnLedger({ dataDir: folder(), port: await freePort() });
    processes.push(single);
    const [ledger1, ledger2, query1, query2] = await Promise.all([start("ledger"), start("ledger"), start("query"), start("query")]);
    await Promise.all([ledger1, ledger2, query1, query2, single].map((p) => waitUntilServing(p as LedgerProcess)));

    const head = await sendAll([(ledger1 as LedgerProcess).url, (ledger2 as LedgerProcess).url]);
    const singleHead = await sendAll([single.url]);
    expect(singleHead).toBe(head);

    // The projectors: both start as standbys (the test holds the lease), then race for it once
    // the test lets go; the winner catches up in commits of 10 events and is killed mid-way.
    const projectorEnv = { LOG_LEVEL: "info", DUTY_LEDGER_CATCH_UP_BATCH: "10" };
    const testLease = acquireProjectorLease({ connectionString: databaseUrl });
    await testLease.held;
    const contenders = await Promise.all([start("projector", projectorEnv), start("projector", projectorEnv)]);
    await Promise.all(contenders.map((p) => waitFor(p, "projector: standby")));
    await testLease.release();
    const started = Date.now();
    const winner = await Promise.any(contenders.map(async (p) => (await waitFor(p, "holds the projector lease", 30_000), p)));
    const projector1 = winner;
    const projector2 = contenders.find((p) => p !== winner) as LedgerProcess;
    const readModels: PgReadModelStore = createPgReadModelStore({ connectionString: databaseUrl, readonly: true, poolSize: 2 });
    try {
      for (;;) {
        const positions = (await readModels.checkpoints()).map((c) => c.position);
        if (positions.length > 0 && Math.max(...positions) > 0) break;
        if (Date.now() - started > 60_000) expect.fail(`no commit within 60 s:\n${projector1.output().slice(-4000)}`);
        if (projector1.child.exitCode !== null) expect.fail(projector1.output().slice(-4000));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      projector1.child.kill("SIGKILL");
      const killedAt = Date.now();
      const atKill = (await readModels.checkpoints()).map((c) => c.position);
      expect(Math.min(...atKill), "killed mid-catch-up").toBeLessThan(head);
      const tookOver = await waitFor(projector2, "holds the projector lease", 30_000);
      expect(tookOver - killedAt).toBeLessThan(10_000);
      console.info(`scale-out: ${head} events; the active projector killed ${killedAt - started} ms after the standby started, at checkpoints ${Math.min(...atKill)}..${Math.max(...atKill)}; the standby held the lease ${tookOver - killedAt} ms later`);
    } finally {
      await readModels.close();
    }

    const expected = await figures(single.url, head);
    const [fromQuery1, fromQuery2] = await Promise.all([figures((query1 as LedgerProcess).url, head), figures((query2 as LedgerProcess).url, head)]);
    // Every figure at once, so a difference names all the answers it touches.
    const differing = figurePaths.filter((path) => JSON.stringify(fromQuery1[path]) !== JSON.stringify(expected[path]) || JSON.stringify(fromQuery2[path]) !== JSON.stringify(expected[path]));
    expect(differing.map((path) => ({ path, single: expected[path], query1: fromQuery1[path] }))).toEqual([]);
    expect(fromQuery1).toEqual(expected);
    expect(fromQuery2).toEqual(expected);
    expect(JSON.stringify(expected["/v1/scores?period=2024"])).toContain("U-1");
  }, 240_000);
});
