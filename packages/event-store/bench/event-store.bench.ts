/**
 * `pnpm bench store`: the event store against raw better-sqlite3 (the baseline) and Emmett's
 * SQLite event store (the peer), measured in the same run. See docs/performance.md.
 * Sizes scale with BENCH_SCALE (default 1); BENCH_REPETITIONS / BENCH_WARMUP set the rounds;
 * BENCH_WORKLOADS keeps the workloads whose name contains it (e.g. "100 events").
 */
import { cpus } from "node:os";
import Database from "better-sqlite3";
import {
  benchRounds,
  benchScale,
  formatResults,
  runWorkload,
  scaled,
  type ResultRow,
  type Subject,
  type Workload,
} from "@duty-ledger/testing/bench";
import type { Durability } from "./bench-driver.js";
import { appendLanes, countAppends, countEvents, limitLanes, type Lane } from "./bench-events.js";
import { appendSubject, readSubject, type SubjectHead } from "./bench-subjects.js";
import { openEmmettAppendDriver, openEmmettReadDriver, silenceEmmettErrorLogs, type EmmettConsumerPulling } from "./emmett-peer.js";
import { openRawAppendDriver, openRawReadDriver } from "./raw-sqlite-log.js";
import { storedRowsOf } from "./stored-rows.js";
import {
  loadSqliteStore,
  openStoreAppendDriver,
  openStoreReadDriver,
  type CreateSqliteEventStore,
  type StoreLoad,
} from "./store-driver.js";

const BATCH = 100;
const CONCURRENT_APPENDERS = 64;
const EMMETT_DEFAULT_PULLING: EmmettConsumerPulling = { batchSize: 100, pullingFrequencyInMs: 50 };
const EMMETT_TUNED_PULLING: EmmettConsumerPulling = { batchSize: 1000, pullingFrequencyInMs: 1 };

interface Sizes {
  readonly singleAppends: number;
  readonly emmettPooledAppends: number;
  readonly emmettSharedAppends: number;
  readonly batchedAppends: number;
  readonly readEvents: number;
  readonly emmettConsumerEvents: number;
  readonly emmettDefaultConsumerEvents: number;
  readonly appendsPerAppender: number;
}

function sizesFor(scale: number): Sizes {
  return {
    singleAppends: scaled(2000, scale, 100),
    emmettPooledAppends: scaled(300, scale, 100),
    emmettSharedAppends: scaled(500, scale, 100),
    batchedAppends: scaled(1000, scale, 10),
    readEvents: scaled(40_000, scale, BATCH * 10),
    emmettConsumerEvents: scaled(10_000, scale, BATCH),
    emmettDefaultConsumerEvents: scaled(2000, scale, BATCH),
    appendsPerAppender: scaled(25, scale),
  };
}

/** The store's subject, or a pending row saying why the adapter could not be loaded. */
function storeSubject(store: StoreLoad, head: SubjectHead, build: (create: CreateSqliteEventStore, head: SubjectHead) => Subject): Subject {
  return store.ok ? build(store.create, head) : { ...head, pending: store.reason };
}

function singleAppendWorkload(durability: Durability, sizes: Sizes, store: StoreLoad): Workload {
  const lanes = appendLanes({ lanes: 1, appendsPerLane: sizes.singleAppends, eventsPerAppend: 1, streamsPerLane: 100, streamPrefix: "single" });
  const rows = storedRowsOf(lanes);
  const mode = durability === "full" ? "FULL" : "NORMAL";
  const subjects: Subject[] = [
    appendSubject({ name: `raw better-sqlite3, 1 txn/append, sync ${mode}`, role: "baseline" }, lanes, "appends", (path) =>
      openRawAppendDriver(path, durability, rows),
    ),
    storeSubject(store, { name: `store (sqlite, ${durability})`, role: "subject" }, (create, head) =>
      appendSubject(head, lanes, "appends", (path) => openStoreAppendDriver(create, path, durability)),
    ),
  ];
  if (durability === "full") {
    const pooled = limitLanes(lanes, sizes.emmettPooledAppends);
    subjects.push(
      appendSubject(
        { name: `Emmett sqlite, default pool (conn/op), sync FULL [first ${countAppends(pooled)}]`, role: "peer" },
        pooled,
        "appends",
        (path) => openEmmettAppendDriver(path, "pool", "full", pooled),
      ),
    );
  }
  const shared = limitLanes(lanes, sizes.emmettSharedAppends);
  subjects.push(
    appendSubject(
      { name: `Emmett sqlite, one shared conn, sync ${mode} [first ${countAppends(shared)}]`, role: "peer" },
      shared,
      "appends",
      (path) => openEmmettAppendDriver(path, "shared", durability, shared),
    ),
  );
  return { name: `append 1 event × ${countAppends(lanes)}, ${durability}`, unit: "appends", subjects };
}

function batchedAppendWorkload(durability: Durability, sizes: Sizes, store: StoreLoad): Workload {
  const lanes = appendLanes({ lanes: 1, appendsPerLane: sizes.batchedAppends, eventsPerAppend: BATCH, streamsPerLane: 50, streamPrefix: "batch" });
  const rows = storedRowsOf(lanes);
  const mode = durability === "full" ? "FULL" : "NORMAL";
  const withoutTree = `store (sqlite, ${durability}), no Merkle tree`;
  return {
    name: `append ${BATCH} events × ${countAppends(lanes)}, ${durability}`,
    unit: "events",
    subjects: [
      appendSubject({ name: `raw better-sqlite3, 1 txn/append, sync ${mode}`, role: "baseline" }, lanes, "events", (path) =>
        openRawAppendDriver(path, durability, rows),
      ),
      storeSubject(store, { name: `store (sqlite, ${durability})`, role: "subject", goal: { ratio: 0.7 }, alsoGoal: { ratio: 0.9, against: withoutTree } }, (create, head) =>
        appendSubject(head, lanes, "events", (path) => openStoreAppendDriver(create, path, durability)),
      ),
      storeSubject(store, { name: withoutTree, role: "peer" }, (create, head) =>
        appendSubject(head, lanes, "events", (path) => openStoreAppendDriver(create, path, durability, false)),
      ),
      appendSubject({ name: `Emmett sqlite, one shared conn, sync ${mode}`, role: "peer" }, lanes, "events", (path) =>
        openEmmettAppendDriver(path, "shared", durability, lanes),
      ),
    ],
  };
}

function readLanes(sizes: Sizes): Lane[] {
  return appendLanes({ lanes: 1, appendsPerLane: sizes.readEvents / BATCH, eventsPerAppend: BATCH, streamsPerLane: 200, streamPrefix: "read" });
}

function readAllWorkload(sizes: Sizes, store: StoreLoad): Workload {
  const lanes = readLanes(sizes);
  const total = countEvents(lanes);
  return {
    name: `read all ${total} events from the start`,
    unit: "events",
    subjects: [
      readSubject({ name: "raw better-sqlite3, pages of 1000 + JSON.parse", role: "baseline" }, total, (path) => openRawReadDriver(path, lanes), (d) => d.readAll()),
      storeSubject(store, { name: "store readAll()", role: "subject" }, (create, head) =>
        readSubject(head, total, (path) => openStoreReadDriver(create, path, lanes), (d) => d.readAll()),
      ),
      readSubject(
        { name: "Emmett readMessagesBatch, pages of 1000", role: "peer" },
        total,
        (path) => openEmmettReadDriver(path, lanes, EMMETT_TUNED_PULLING),
        (d) => d.readAll(),
      ),
    ],
  };
}

function catchUpWorkload(sizes: Sizes, store: StoreLoad): Workload {
  const lanes = readLanes(sizes);
  const total = countEvents(lanes);
  const emmettTuned = Math.min(total, sizes.emmettConsumerEvents);
  const emmettDefault = Math.min(total, sizes.emmettDefaultConsumerEvents);
  return {
    name: `subscription catching up ${total} events from the start`,
    unit: "events",
    subjects: [
      readSubject({ name: "raw better-sqlite3 global read (as above)", role: "baseline" }, total, (path) => openRawReadDriver(path, lanes), (d) => d.readAll()),
      storeSubject(store, { name: "store subscribe() from the start", role: "subject", goal: { ratio: 0.6 } }, (create, head) =>
        readSubject(head, total, (path) => openStoreReadDriver(create, path, lanes), (d) => d.catchUp(total)),
      ),
      readSubject(
        {
          name: `Emmett consumer, batch ${EMMETT_TUNED_PULLING.batchSize}, poll ${EMMETT_TUNED_PULLING.pullingFrequencyInMs} ms [first ${emmettTuned} events]`,
          role: "peer",
        },
        emmettTuned,
        (path) => openEmmettReadDriver(path, lanes, EMMETT_TUNED_PULLING),
        (d) => d.catchUp(emmettTuned),
      ),
      readSubject(
        {
          name: `Emmett consumer, defaults (batch ${EMMETT_DEFAULT_PULLING.batchSize}, poll ${EMMETT_DEFAULT_PULLING.pullingFrequencyInMs} ms) [first ${emmettDefault} events]`,
          role: "peer",
        },
        emmettDefault,
        (path) => openEmmettReadDriver(path, lanes, EMMETT_DEFAULT_PULLING),
        (d) => d.catchUp(emmettDefault),
      ),
    ],
  };
}

function groupCommitWorkload(sizes: Sizes, store: StoreLoad): Workload {
  const lanes = appendLanes({
    lanes: CONCURRENT_APPENDERS,
    appendsPerLane: sizes.appendsPerAppender,
    eventsPerAppend: 1,
    streamsPerLane: 1,
    streamPrefix: "concurrent",
  });
  const rows = storedRowsOf(lanes);
  const pooled = limitLanes(lanes, sizes.emmettPooledAppends);
  return {
    name: `${CONCURRENT_APPENDERS} concurrent appenders, 1 event × ${countAppends(lanes)}, full`,
    unit: "appends",
    subjects: [
      appendSubject({ name: "raw better-sqlite3, 1 txn/append, sync FULL (one at a time)", role: "baseline" }, lanes, "appends", (path) =>
        openRawAppendDriver(path, "full", rows),
      ),
      storeSubject(store, { name: "store (sqlite, full), group commit", role: "subject", goal: { ratio: 1, strict: true } }, (create, head) =>
        appendSubject(head, lanes, "appends", (path) => openStoreAppendDriver(create, path, "full")),
      ),
      appendSubject(
        { name: `Emmett sqlite, default pool (conn/op), sync FULL [first ${countAppends(pooled)}]`, role: "peer" },
        pooled,
        "appends",
        (path) => openEmmettAppendDriver(path, "pool", "full", pooled),
      ),
    ],
  };
}

function sqliteVersions(): string {
  const db = new Database(":memory:");
  try {
    const version = db.prepare<[], { v: string }>("SELECT sqlite_version() AS v").get()?.v ?? "?";
    return `better-sqlite3 (SQLite ${version})`;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const scale = benchScale();
  const rounds = benchRounds();
  const sizes = sizesFor(scale);
  const store = await loadSqliteStore();
  const cpu = cpus();
  console.log(
    `event store bench: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${sqliteVersions()}, ` +
      `BENCH_SCALE=${scale}, ${rounds.warmup} warm-up + ${rounds.repetitions} counted rounds per workload, subjects alternating`,
  );
  if (!store.ok) console.log(`store rows pending: ${store.reason}`);

  const only = process.env["BENCH_WORKLOADS"]?.trim().toLowerCase() ?? "";
  const workloads: Workload[] = [
    singleAppendWorkload("full", sizes, store),
    singleAppendWorkload("normal", sizes, store),
    batchedAppendWorkload("full", sizes, store),
    batchedAppendWorkload("normal", sizes, store),
    readAllWorkload(sizes, store),
    catchUpWorkload(sizes, store),
    groupCommitWorkload(sizes, store),
  ].filter((workload) => only === "" || workload.name.toLowerCase().includes(only));
  if (workloads.length === 0) throw new Error(`BENCH_WORKLOADS="${only}" matches no workload`);
  const rows: ResultRow[] = [];
  const restoreConsole = silenceEmmettErrorLogs();
  try {
    for (const workload of workloads) {
      const started = performance.now();
      const result = await runWorkload(workload, { ...rounds, log: (line) => process.stderr.write(`${line}\n`) });
      console.log(`${workload.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      rows.push(...result);
    }
  } finally {
    const silenced = restoreConsole();
    if (silenced > 0) console.log(`(Emmett printed ${silenced} failed-transaction error(s) to the console; not shown)`);
  }
  console.log(`\n${formatResults(rows)}\n`);
  const goals = rows.filter((row) => row.goal !== null);
  const passed = goals.filter((row) => row.verdict === "pass").length;
  console.log(`goals: ${passed} of ${goals.length} met (a benchmark: a missed goal is reported, not failed)`);
}

await main();
