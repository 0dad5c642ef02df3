/**
 * `pnpm bench http`: durable appends through the HTTP API under concurrent clients, against the
 * raw limit of one SQLite transaction (one fsync) per append, measured in the same run.
 * The server (real ledger-api, SQLite store, durability full) runs in a child process; the load
 * comes from autocannon with BENCH_HTTP_CLIENTS connections (default 64), each request
 * registering a new unit (one event in a new stream). Every answer must be 201: an error fails
 * the subject. BENCH_SCALE sizes the run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import {
  benchRounds,
  benchScale,
  formatResults,
  runWorkload,
  scaled,
  timed,
  type SubjectSession,
  type Workload,
} from "@duty-ledger/testing/bench";

const clients = Number(process.env["BENCH_HTTP_CLIENTS"] ?? 64);
const requests = scaled(4000, benchScale(), 100);
const require = createRequire(import.meta.url);
const latencies: string[] = [];

/** The raw limit: one transaction (sync FULL, one fsync) per single-event append, one at a time. */
const rawSession = (dir: string): SubjectSession => {
  const db = new Database(join(dir, "raw.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))");
  const insert = db.prepare("INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, 0, 'UnitRegistered', ?, ?)");
  const append = db.transaction((unitId: string) => {
    insert.run(randomUUID(), `unit-${unitId}`, JSON.stringify({ unitId, name: "县交通运输局", registeredAt: new Date().toISOString() }), JSON.stringify({ actor: { id: "BENCH-OFFICE", role: "office" }, recordedAt: new Date().toISOString() }));
  });
  return {
    async run(round) {
      const { seconds } = await timed(() => {
        for (let i = 0; i < requests; i += 1) append(`R${round}-${i}`);
      });
      return { ops: requests, seconds };
    },
    async close() {
      db.close();
    },
  };
};

const startServer = async (dir: string): Promise<{ child: ChildProcess; url: string; token: string }> => {
  const tsx = require.resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, "--conditions=source", join(import.meta.dirname, "http-append-server.ts"), dir], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const started = JSON.parse(line) as { url: string; token: string };
    return { child, ...started };
  }
  throw new Error("the benchmark server exited before it listened");
};

const httpSession = async (dir: string): Promise<SubjectSession> => {
  const { child, url, token } = await startServer(dir);
  let sent = 0;
  return {
    async run(round) {
      const result = await autocannon({
        url: `${url}/v1/units`,
        connections: clients,
        amount: requests,
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        // A new unit per request; built in setupRequest so Content-Length matches the body.
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ unitId: `H${round}-${(sent += 1)}`, name: "县交通运输局" }) }) }],
      });
      const created = result["2xx"];
      if (created !== requests || result.errors > 0 || result.non2xx > 0) {
        throw new Error(`${created} of ${requests} appends answered 201 (${result.non2xx} other answers, ${result.errors} errors)`);
      }
      latencies.push(`round ${round}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      return { ops: created, seconds: result.duration };
    },
    async close() {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
    note: () => `${clients} clients; latency per round: ${latencies.join("; ")}`,
  };
};

const workload: Workload = {
  name: `durable appends through HTTP, ${clients} concurrent clients, ${requests} appends`,
  unit: "appends",
  subjects: [
    { name: "raw better-sqlite3, 1 txn (fsync) per append, sync FULL", role: "baseline", open: async (dir) => rawSession(dir) },
    { name: "ledger-api over HTTP (store full, group commit)", role: "subject", goal: { ratio: 1, strict: true }, open: httpSession },
  ],
};

console.log(`# HTTP appends (${clients} clients, ${requests} appends per round)`);
const rows = await runWorkload(workload, { ...benchRounds(), log: (line) => console.log(line) });
console.log(formatResults(rows));
