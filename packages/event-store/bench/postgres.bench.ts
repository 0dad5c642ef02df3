/**
 * `pnpm bench postgres`: the PostgreSQL event store against raw `pg` doing the same inserts in
 * the same transactions (the baseline, pg-drivers.ts) and Emmett's PostgreSQL event store (the
 * peer), measured in the same run on one PostgreSQL server: the one at `DATABASE_URL`, else an
 * embedded server started for the run (`startPostgres()`: `fsync=off`, `synchronous_commit=off`,
 * so the figures are those of the SQL and the round trips, not of a disk). Every subject gets a
 * fresh database in every repetition (created and migrated untimed). See docs/performance.md.
 * Sizes scale with BENCH_SCALE (default 1); BENCH_REPETITIONS / BENCH_WARMUP set the rounds;
 * BENCH_WORKLOADS keeps the workloads whose name contains it; BENCH_PG_APPENDERS sets the
 * concurrent appenders (default 32), BENCH_PG_POOL the connections of the baseline's and the
 * store's pools (default 10, the store's default).
 */
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { benchRounds, benchScale, formatResults, median, scaled, runWorkload, timed, type ResultRow, type Subject, type SubjectSession, type Workload } from "@duty-ledger/testing/bench";
import type { AppendDriver } from "./bench-driver.js";
import { appendLanes, countAppends, countEvents, type Lane } from "./bench-events.js";
import { runLanes, type SubjectHead } from "./bench-subjects.js";
import { openEmmettPgDriver, openRawPgDriver, openRawPgGroupedDriver, openStorePgDriver } from "./pg-drivers.js";
import { storedRowsOf } from "./stored-rows.js";

const BATCH = 100;
const warmupRounds = benchRounds().warmup;
const load = (): string => loadavg().map((value) => value.toFixed(2)).join(", ");

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * A subject appending the whole plan to a fresh database of `server` in every repetition
 * (creating it, migrating it and closing the driver are not timed); counts appends or events.
 * Its note gives this process's CPU time per operation over the counted rounds (every thread:
 * the drivers' JavaScript and `pg`'s protocol work; the server's is not in it): with the
 * server not waiting on a disk, it bounds the rate at about 1 / (CPU per operation).
 */
function pgAppendSubject(head: SubjectHead, server: PostgresServer, lanes: readonly Lane[], count: "appends" | "events", open: (url: string) => Promise<AppendDriver>): Subject {
  const ops = count === "appends" ? countAppends(lanes) : countEvents(lanes);
  const cpuPerOp: number[] = [];
  return {
    ...head,
    open: (): Promise<SubjectSession> =>
      Promise.resolve({
        run: async (round) => {
          const driver = await open(await server.createDatabase());
          try {
            const cpu = process.cpuUsage();
            const { seconds } = await timed(() => runLanes(driver, lanes));
            const used = process.cpuUsage(cpu);
            if (round >= warmupRounds) cpuPerOp.push((used.user + used.system) / ops);
            return { ops, seconds };
          } finally {
            await driver.close();
          }
        },
        close: () => Promise.resolve(),
        note: () => (cpuPerOp.length === 0 ? null : `bench process CPU ${median(cpuPerOp).toFixed(0)} µs per ${count === "appends" ? "append" : "event"} (median)`),
      }),
  };
}

interface Setting {
  readonly server: PostgresServer;
  readonly pool: number;
  readonly scale: number;
  readonly appenders: number;
}

/**
 * The subjects of a workload. `grouped`: concurrent appends, whose baseline is raw pg grouping
 * them as the store's group commit does (the same transactions); raw pg with one transaction per
 * append is then shown beside it.
 */
function subjects(setting: Setting, lanes: readonly Lane[], count: "appends" | "events", grouped: boolean): Subject[] {
  const { server, pool } = setting;
  const rows = storedRowsOf(lanes);
  return [
    ...(grouped
      ? [
          pgAppendSubject({ name: `raw pg, the store's SQL, grouped as the store groups, pool ${pool}`, role: "baseline" }, server, lanes, count, (url) => openRawPgGroupedDriver(url, pool, rows)),
          pgAppendSubject({ name: `raw pg, the store's SQL, 1 txn/append, pool ${pool}`, role: "peer" }, server, lanes, count, (url) => openRawPgDriver(url, pool, rows)),
        ]
      : [pgAppendSubject({ name: `raw pg, the store's SQL, 1 txn/append, pool ${pool}`, role: "baseline" }, server, lanes, count, (url) => openRawPgDriver(url, pool, rows))]),
    pgAppendSubject({ name: `store (postgres, Merkle tree kept), pool ${pool}`, role: "subject", goal: { ratio: 0.7 } }, server, lanes, count, (url) =>
      openStorePgDriver(url, pool, true),
    ),
    pgAppendSubject({ name: `store (postgres), no Merkle tree, pool ${pool}`, role: "peer" }, server, lanes, count, (url) => openStorePgDriver(url, pool, false)),
    pgAppendSubject({ name: "Emmett postgresql, defaults", role: "peer" }, server, lanes, count, (url) => openEmmettPgDriver(url)),
  ];
}

function batchedWorkload(setting: Setting): Workload {
  const lanes = appendLanes({ lanes: 1, appendsPerLane: scaled(100, setting.scale, 10), eventsPerAppend: BATCH, streamsPerLane: 50, streamPrefix: "batch" });
  return { name: `postgres: append ${BATCH} events × ${countAppends(lanes)}, one lane`, unit: "events", subjects: subjects(setting, lanes, "events", false) };
}

function concurrentWorkload(setting: Setting): Workload {
  const lanes = appendLanes({ lanes: setting.appenders, appendsPerLane: scaled(120, setting.scale), eventsPerAppend: 1, streamsPerLane: 1, streamPrefix: "concurrent" });
  return {
    name: `postgres: ${setting.appenders} concurrent appenders, 1 event × ${countAppends(lanes)}`,
    unit: "appends",
    subjects: subjects(setting, lanes, "appends", true),
  };
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?";
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const scale = benchScale();
  const rounds = benchRounds();
  const server = await startPostgres();
  try {
    const setting: Setting = { server, scale, pool: positiveInteger("BENCH_PG_POOL", 10), appenders: positiveInteger("BENCH_PG_APPENDERS", 32) };
    const cpu = cpus();
    console.log(
      `postgres bench: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, PostgreSQL ${await serverVersion(server.connectionString)} (${server.description}), ` +
        `BENCH_SCALE=${scale}, ${rounds.warmup} warm-up + ${rounds.repetitions} counted rounds per workload, subjects alternating; load average before: ${load()}`,
    );
    const only = process.env["BENCH_WORKLOADS"]?.trim().toLowerCase() ?? "";
    const workloads = [batchedWorkload(setting), concurrentWorkload(setting)].filter((workload) => only === "" || workload.name.toLowerCase().includes(only));
    if (workloads.length === 0) throw new Error(`BENCH_WORKLOADS="${only}" matches no workload`);
    const rows: ResultRow[] = [];
    for (const workload of workloads) {
      const started = performance.now();
      rows.push(...(await runWorkload(workload, { ...rounds, log: (line) => process.stderr.write(`${line}\n`) })));
      console.log(`${workload.name}: ${((performance.now() - started) / 1000).toFixed(1)} s, load average ${load()}`);
    }
    console.log(`\n${formatResults(rows)}\n`);
    const goals = rows.filter((row) => row.goal !== null);
    console.log(`goals: ${goals.filter((row) => row.verdict === "pass").length} of ${goals.length} met (a benchmark: a missed goal is reported, not failed)`);
  } finally {
    await server.stop();
  }
}

await main();
