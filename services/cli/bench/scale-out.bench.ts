/**
 * `pnpm bench scale-out`: the ledger split over processes on PostgreSQL (design/scale-out.md),
 * each comparison measured in the same run, on one PostgreSQL server (`DATABASE_URL`, else an
 * embedded one started for the run: `fsync=off`, so the disk is not what is measured):
 *
 * - HTTP appends through two write servers against one (real `duty-ledger start`s with
 *   `DUTY_LEDGER_PARTS=ledger`, a fresh database each): BENCH_SCALE_OUT_CLIENTS keep-alive
 *   clients in all (default 32, split evenly over the servers), each request registering a
 *   new unit; throughput, and the p99 of every answer (the servers' answers merged);
 * - a deputy's duty record and the scores of every unit through two query servers against one
 *   (`DUTY_LEDGER_PARTS=query`, read models on PostgreSQL) at the same offered load: paced
 *   open-loop GETs (`paced-load.ts` of the read-load bench, latency from the request's due
 *   time), BENCH_SCALE_OUT_RATE per second in all (default 300) over BENCH_SCALE_OUT_CONNECTIONS
 *   connections (default 10) for BENCH_SCALE_OUT_SECONDS (default 5), split evenly over the
 *   servers; throughput and p99;
 * - every read model rebuilt into a fresh PostgreSQL database from the PostgreSQL log (the
 *   projector's threads, `startProjectorThread`, as the projector part runs them) against a
 *   bare scan of that log; the same rebuild into SQLite read models is shown beside it.
 *
 * The history is the generated city (~70 k events; BENCH_SCALE_OUT_PROFILE=county|city|province:
 * the county's 7 k events make a quick run whose rebuild is mostly the threads' start), the
 * cached log of `cachedProvinceLog` imported into PostgreSQL as it is, and projected once
 * (untimed) for the query servers; its scale is in the workloads' names. BENCH_SCALE sizes the
 * appends (default 1 000 a round); BENCH_REPETITIONS / BENCH_WARMUP set the rounds;
 * BENCH_WORKLOADS keeps the workloads whose name contains it. A default run takes ~10 minutes
 * on a busy 2-core host (`BENCH_REPETITIONS=2` or the county for a quick one).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openPostgresEventStore } from "@duty-ledger/event-store";
import type { ReadModelSettings } from "@duty-ledger/projections";
import { defaultProjectorThreads, startProjectorThread } from "@duty-ledger/projector";
import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import {
  benchRounds,
  benchScale,
  formatResults,
  median,
  pgBareScanSubject,
  runWorkload,
  scaled,
  type ResultRow,
  type Subject,
  type SubjectSession,
  type Workload,
} from "@duty-ledger/testing/bench";
import type { CachedLogProfile } from "@duty-ledger/testing/bench";
import { pacedLoad } from "../../query-api/bench/paced-load.js";
import { processToken } from "../src/ledger-process.test-support.js";
import { formatMs, latencySummary, type LatencySummary } from "./latency.js";
import { importCachedLog, type PgHistory } from "./scale-out-data.js";
import { startServers, writeLoad, type Servers } from "./scale-out-servers.js";

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const clients = envNumber("BENCH_SCALE_OUT_CLIENTS", 32);
const appends = scaled(1000, benchScale(), 100);
const rate = envNumber("BENCH_SCALE_OUT_RATE", 300);
const pacedSeconds = envNumber("BENCH_SCALE_OUT_SECONDS", 5);
const connections = envNumber("BENCH_SCALE_OUT_CONNECTIONS", 10);
const profiles: readonly CachedLogProfile[] = ["county", "city", "province"];
const profile = (process.env["BENCH_SCALE_OUT_PROFILE"] ?? "city") as CachedLogProfile;
if (!profiles.includes(profile)) throw new RangeError(`BENCH_SCALE_OUT_PROFILE must be one of ${profiles.join(", ")}, got "${profile}"`);
const rounds = benchRounds();
const load = (): string => loadavg().map((value) => value.toFixed(2)).join(", ");

/** A round's latency, for the note under the table: p50 / p99 per counted round, and the median p99. */
const latencyNote = (label: string, summaries: readonly LatencySummary[]): string | null =>
  summaries.length === 0
    ? null
    : `${label}: p99 median ${formatMs(median(summaries.map((s) => s.p99)))} over ${summaries.length} rounds (` +
      summaries.map((s) => `p50 ${formatMs(s.p50)} / p99 ${formatMs(s.p99)}`).join("; ") +
      ")";

function writeSubject(server: PostgresServer, count: number, token: string): Subject {
  const summaries: LatencySummary[] = [];
  return {
    name: `${count} write server${count === 1 ? "" : "s"} (duty-ledger start, DUTY_LEDGER_PARTS=ledger)`,
    role: count === 1 ? "baseline" : "subject",
    open: async (): Promise<SubjectSession> => {
      const servers = await startServers(await server.createDatabase(), "ledger", count);
      return {
        run: async (round) => {
          const result = await writeLoad(servers.urls, token, clients, appends, `W${count}-${round}`);
          if (round >= rounds.warmup) summaries.push(latencySummary(result.times));
          return { ops: result.created, seconds: result.seconds };
        },
        close: () => servers.stop(),
        note: () => latencyNote(`${clients} clients in all`, summaries),
      };
    },
  };
}

interface Endpoint {
  readonly name: string;
  readonly path: () => string;
}

function readSubject(servers: () => Servers, count: number, endpoint: Endpoint, token: string): Subject {
  const summaries: LatencySummary[] = [];
  return {
    name: `${count} query server${count === 1 ? "" : "s"} (DUTY_LEDGER_PARTS=query)`,
    role: count === 1 ? "baseline" : "subject",
    open: (): Promise<SubjectSession> =>
      Promise.resolve({
        run: async (round) => {
          const urls = servers().urls.slice(0, count);
          const results = await Promise.all(
            urls.map((url) =>
              pacedLoad({ url, path: endpoint.path, headers: { authorization: `Bearer ${token}` }, connections: Math.max(1, Math.round(connections / count)), rate: rate / count, seconds: pacedSeconds }),
            ),
          );
          const errors = results.reduce((sum, r) => sum + r.errors, 0);
          if (errors > 0) throw new Error(`${errors} answers were not 2xx: ${results.flatMap((r) => [...r.errorKinds].map(([kind, n]) => `${kind} × ${n}`)).join(", ")}`);
          const summary = latencySummary(...results.map((r) => r.times));
          if (round >= rounds.warmup) summaries.push(summary);
          return { ops: summary.count, seconds: Math.max(...results.map((r) => r.seconds)) };
        },
        close: () => Promise.resolve(),
        note: () => latencyNote(`${rate}/s offered in all over ${connections} connections, ${pacedSeconds} s a round`, summaries),
      }),
  };
}

function rebuildSubject(server: PostgresServer, logUrl: string, events: number, into: "postgres" | "sqlite"): Subject {
  const threads = defaultProjectorThreads();
  const startSeconds: number[] = [];
  return {
    name: `projector rebuild into ${into === "postgres" ? "PostgreSQL" : "SQLite"} read models (${threads} threads)`,
    role: into === "postgres" ? "subject" : "peer",
    open: (dir): Promise<SubjectSession> =>
      Promise.resolve({
        run: async (round) => {
          const dataDir = join(dir, `rebuild-${round}`);
          const readModels: ReadModelSettings = into === "postgres" ? { kind: "postgres", connectionString: await server.createDatabase() } : { kind: "sqlite", path: join(dataDir, "read-models.sqlite") };
          const log = openPostgresEventStore({ connectionString: logUrl, pollIntervalMs: 0 });
          try {
            const start = performance.now();
            const projector = await startProjectorThread({ store: { kind: "postgres", connectionString: logUrl }, readModels, dataDir, logLevel: "silent", log, threads });
            if (round >= rounds.warmup) startSeconds.push((performance.now() - start) / 1000);
            const reached = await projector.waitFor(events, 3_600_000);
            const seconds = (performance.now() - start) / 1000;
            await projector.stop();
            if (!reached) throw new Error(`the rebuild did not reach the head (${events}): ${JSON.stringify(projector.status())}`);
            return { ops: events, seconds };
          } finally {
            await log.close();
            rmSync(dataDir, { recursive: true, force: true });
          }
        },
        close: () => Promise.resolve(),
        note: () => (startSeconds.length === 0 ? null : `of each rebuild, starting the threads (modules loaded on source, read models prepared): median ${median(startSeconds).toFixed(1)} s`),
      }),
  };
}

/** Projects the whole history into the database's own read models once (untimed), for the query servers. */
async function projectOnce(url: string, events: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-bench-project-"));
  const log = openPostgresEventStore({ connectionString: url, pollIntervalMs: 0 });
  try {
    const started = performance.now();
    const projector = await startProjectorThread({ store: { kind: "postgres", connectionString: url }, readModels: { kind: "postgres", connectionString: url }, dataDir, logLevel: "silent", log });
    const reached = await projector.waitFor(events, 3_600_000);
    await projector.stop();
    if (!reached) throw new Error("the projection for the query servers did not reach the head");
    console.log(`scale-out bench: projected the read models the query servers read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env["BENCH_WORKLOADS"]?.trim().toLowerCase() ?? "";
  const wanted = (name: string): boolean => only === "" || name.toLowerCase().includes(only);
  const server = await startPostgres();
  let queryServers: Servers | undefined;
  try {
    console.log(`scale-out bench: ${server.description}, ${rounds.warmup} warm-up + ${rounds.repetitions} counted rounds per workload; load average before: ${load()}`);
    const token = await processToken("office", "BENCH-OFFICE");
    const served = await server.createDatabase();
    const history: PgHistory = await importCachedLog(profile, served, (line) => console.log(line));
    const scale = `${history.profile}, ${history.events} events`;
    const deputies = history.deputyIds;
    let next = 0;
    const endpoints: Endpoint[] = [
      { name: "a deputy's duty record", path: () => `/v1/deputies/${encodeURIComponent(deputies[next++ % deputies.length] as string)}/record?year=${history.year}` },
      { name: "the scores of every unit", path: () => `/v1/scores?period=${history.year}` },
    ];
    const workloads: Workload[] = [
      {
        name: `HTTP appends on PostgreSQL, ${clients} clients, ${appends} appends`,
        unit: "appends",
        subjects: [writeSubject(server, 1, token), writeSubject(server, 2, token)],
      },
      ...endpoints.map(
        (endpoint): Workload => ({
          name: `${endpoint.name} at ${rate}/s (${scale})`,
          unit: "answers",
          subjects: [readSubject(() => queryServers as Servers, 1, endpoint, token), readSubject(() => queryServers as Servers, 2, endpoint, token)],
        }),
      ),
      {
        name: `rebuild of every read model from the PostgreSQL log (${scale})`,
        unit: "events",
        subjects: [pgBareScanSubject(served, history.events), rebuildSubject(server, served, history.events, "postgres"), rebuildSubject(server, served, history.events, "sqlite")],
      },
    ].filter((workload) => wanted(workload.name));
    if (workloads.length === 0) throw new Error(`BENCH_WORKLOADS="${only}" matches no workload`);
    if (workloads.some((workload) => workload.unit === "answers")) {
      await projectOnce(served, history.events);
      queryServers = await startServers(served, "query", 2);
    }
    const rows: ResultRow[] = [];
    for (const workload of workloads) {
      const started = performance.now();
      rows.push(...(await runWorkload(workload, { ...rounds, log: (line) => process.stderr.write(`${line}\n`) })));
      console.log(`${workload.name}: ${((performance.now() - started) / 1000).toFixed(1)} s, load average ${load()}`);
    }
    console.log(`\n${formatResults(rows)}\n`);
  } finally {
    await queryServers?.stop();
    await server.stop();
  }
}

await main();
