/**
 * `pnpm bench http`: durable appends through the HTTP API under concurrent clients, against the
 * raw limit of one SQLite transaction (one fsync) per append, measured in the same run.
 * The server (real ledger-api, SQLite store, durability full, request logs at info into a file)
 * runs in a child process; the load comes from autocannon with BENCH_HTTP_CLIENTS connections
 * (default 64), each request registering a new unit (one event in a new stream). Every answer
 * must be 201: an error fails the subject. BENCH_SCALE sizes the run; BENCH_HTTP_LOG_LEVEL sets
 * the server's log level; BENCH_HTTP_SERVER=dist runs the server on the packages' built `dist`
 * (run `pnpm build` first) instead of their sources.
 *
 * Besides rates, the notes give the server's CPU time per append (process CPU over the round,
 * fsync waits excluded) and the appends per commit: the server's rate cannot exceed
 * 1 / (CPU per append) whatever the disk, the raw baseline's cannot exceed 1 / fsync.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import {
  benchRounds,
  benchScale,
  formatResults,
  median,
  runWorkload,
  scaled,
  timed,
  type SubjectSession,
  type Workload,
} from "@duty-ledger/testing/bench";

const clients = Number(process.env["BENCH_HTTP_CLIENTS"] ?? 64);
const requests = scaled(4000, benchScale(), 100);
const onDist = process.env["BENCH_HTTP_SERVER"] === "dist";
const logLevel = process.env["BENCH_HTTP_LOG_LEVEL"] ?? "info";
const rounds = benchRounds();
const require = createRequire(import.meta.url);

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(", ");
const micros = (value: number): string => `${value.toFixed(0)} µs`;

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
  const perAppend: number[] = [];
  return {
    async run(round) {
      const { seconds } = await timed(() => {
        for (let i = 0; i < requests; i += 1) append(`R${round}-${i}`);
      });
      if (round >= rounds.warmup) perAppend.push((seconds * 1e6) / requests);
      return { ops: requests, seconds };
    },
    async close() {
      db.close();
    },
    note: () => (perAppend.length === 0 ? null : `median ${micros(median(perAppend))} per append (commit and fsync included)`),
  };
};

/**
 * Runs autocannon and times it from the start to the last answer. Not autocannon's own
 * `duration`: it is taken at its next sampling tick (every second), which rounds a round of
 * 1.2 s up to 2 s.
 */
const fire = (options: autocannon.Options): Promise<{ result: autocannon.Result; seconds: number }> =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const instance = autocannon(options, (error, result) => {
      if (error !== null && error !== undefined) reject(error as Error);
      else resolve({ result, seconds: (last - start) / 1000 });
    });
    instance.on("response", () => {
      last = performance.now();
    });
  });

interface ServerSample {
  readonly cpuMs: number;
  readonly stats: { readonly transactions: number; readonly appends: number };
}

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
  /** The server's CPU time and store counters so far. */
  sample(): Promise<ServerSample>;
}

const startServer = async (dir: string): Promise<Server> => {
  // node itself with tsx's loader (not the tsx command, a wrapper process): signals reach the server.
  const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsxLoader, ...(onDist ? [] : ["--conditions=source"]), join(import.meta.dirname, "http-append-server.ts"), dir], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_HTTP_LOG_LEVEL: logLevel },
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error("the benchmark server exited");
    return line.value;
  };
  const started = JSON.parse(await nextLine()) as { url: string; token: string };
  return {
    child,
    ...started,
    async sample() {
      child.kill("SIGUSR2");
      return JSON.parse(await nextLine()) as ServerSample;
    },
  };
};

const httpSession = async (dir: string): Promise<SubjectSession> => {
  const server = await startServer(dir);
  const latencies: string[] = [];
  const cpuPerAppend: number[] = [];
  const groups: number[] = [];
  let sent = 0;
  return {
    async run(round) {
      const before = await server.sample();
      const { result, seconds } = await fire({
        url: `${server.url}/v1/units`,
        connections: clients,
        amount: requests,
        method: "POST",
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
        // A new unit per request; built in setupRequest so Content-Length matches the body.
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ unitId: `H${round}-${(sent += 1)}`, name: "县交通运输局" }) }) }],
      });
      const after = await server.sample();
      const created = result["2xx"];
      if (created !== requests || result.errors > 0 || result.non2xx > 0) {
        throw new Error(`${created} of ${requests} appends answered 201 (${result.non2xx} other answers, ${result.errors} errors)`);
      }
      if (round >= rounds.warmup) {
        cpuPerAppend.push(((after.cpuMs - before.cpuMs) * 1000) / created);
        groups.push((after.stats.appends - before.stats.appends) / Math.max(1, after.stats.transactions - before.stats.transactions));
      }
      latencies.push(`round ${round}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
      return { ops: created, seconds };
    },
    async close() {
      server.child.kill("SIGTERM");
      await new Promise((resolve) => server.child.once("exit", resolve));
    },
    note: () => {
      if (cpuPerAppend.length === 0) return `${clients} clients; latency per round: ${latencies.join("; ")}`;
      const cpu = median(cpuPerAppend);
      return (
        `${clients} clients, server on ${onDist ? "dist" : "sources (tsx)"}, request logs at ${logLevel}; ` +
        `server CPU median ${micros(cpu)} per append (min ${micros(Math.min(...cpuPerAppend))}, max ${micros(Math.max(...cpuPerAppend))}: ` +
        `at most ~${(1e6 / cpu / 1000).toFixed(1)}k appends/s on one free core); ${median(groups).toFixed(1)} appends per commit (median); ` +
        `latency per round: ${latencies.join("; ")}`
      );
    },
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

console.log(`# HTTP appends (${clients} clients, ${requests} appends per round); load average before: ${load()}`);
const rows = await runWorkload(workload, { ...rounds, log: (line) => console.log(line) });
console.log(formatResults(rows));
console.log(`load average after: ${load()}`);
