import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { dutyEventTypes } from "@duty-ledger/domain";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore, type Projection } from "@duty-ledger/projections";
import {
  bareScanSubject,
  benchLog,
  benchRounds,
  formatResults,
  median,
  mib,
  runInChild,
  runWorkload,
  silentLogger,
  type Subject,
  type SubjectSession,
} from "@duty-ledger/testing/bench";
import type { RebuildResult } from "./rebuild-process.js";

/**
 * Rebuild throughput: every projection of the read side rebuilt from an empty read-model file
 * over the generated province (`duty-ledger seed --profile province`, ~1.3 M events, cached by
 * `cachedProvinceLog`), against the floor of a bare scan of the same log (one SELECT over the
 * events table, JSON.parse of data and metadata, nothing else). Goal: the projector's rebuild,
 * as `pnpm start` runs it (its groups of projections on worker threads), reaches 40 % of the
 * scan's rate. Measured in the same run: the same rebuild by one engine in one thread; the
 * engine with a projection that writes nothing, the floor no set of projections run by one
 * engine can beat; and the floor of writing what the rebuild writes (its rows copied by SQLite
 * alone). Each rebuild runs in a fresh child process (`rebuild-process.ts`) whose peak resident
 * memory and CPU time (all threads) are printed under the table. BENCH_SCALE < 1 uses the city
 * profile (a quick run, not the goal's measure).
 */
const childPath = fileURLToPath(new URL("./rebuild-process.ts", import.meta.url));

/**
 * The rebuild child gets the young generation the projector has where it runs in production
 * (the projector thread of the all-in-one server and of the embedded query service:
 * `maxYoungGenerationSizeMb` 192, i.e. 64 MiB semi-spaces): the engine allocates an object per
 * event and per folded document, and V8's default young generation promotes most of them.
 */
const projectorNodeOptions = ["--max-semi-space-size=64"];


/** A projection that handles every event and touches no document: what the engine costs by itself. */
const emptyProjection: Projection<null> = {
  name: "engine-floor",
  version: 1,
  handles: dutyEventTypes,
  keysOf: () => [],
  init: () => null,
  apply: () => null,
};

/**
 * The engine's own floor, measured in the same run: the subscription reading and decoding the
 * log, the batching and the routing of every event, with a projection that writes nothing.
 * No projection set can be faster than this.
 */
const engineFloorSubject = (logPath: string, events: number): Subject => ({
  name: "engine alone (no document written)",
  role: "subject",
  open: async (dir): Promise<SubjectSession> => ({
    run: async (repetition) => {
      const path = join(dir, `floor-${repetition}.sqlite`);
      const store = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
      const readModels = createSqliteReadModelStore({ path });
      try {
        const engine = createProjectionEngine({ store, readModels, projections: [emptyProjection], logger: silentLogger });
        const start = performance.now();
        await engine.start();
        const reached = await engine.waitFor(events, 600_000);
        const seconds = (performance.now() - start) / 1000;
        await engine.stop();
        if (!reached) throw new Error(`the engine did not reach the head (${events})`);
        return { ops: events, seconds };
      } finally {
        await readModels.close();
        await store.close();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      }
    },
    close: async () => undefined,
  }),
});

/**
 * The floor of writing what a rebuild writes: the rows of a finished rebuild (its documents as
 * JSON text, its index entries) copied by SQLite itself (`INSERT … SELECT` from the attached
 * file, in key order, one transaction) into an empty read-model file — no JavaScript, no JSON,
 * no folding. The source is one extra rebuild, untimed, made when the subject opens.
 */
const writeFloorSubject = (logPath: string, events: number): Subject => ({
  name: "read models' rows copied by SQLite (no JS)",
  role: "subject",
  open: async (dir): Promise<SubjectSession> => {
    const source = join(dir, "rebuilt.sqlite");
    await runInChild<RebuildResult>(childPath, ["engine", logPath, source], projectorNodeOptions);
    return {
      run: async (repetition) => {
        const path = join(dir, `copy-${repetition}.sqlite`);
        const target = createSqliteReadModelStore({ path });
        await target.close();
        const db = new Database(path);
        try {
          db.pragma("journal_mode = WAL");
          db.pragma("synchronous = NORMAL");
          db.prepare("ATTACH DATABASE ? AS rebuilt").run(source);
          const start = performance.now();
          db.transaction(() => {
            db.exec("INSERT INTO rm_docs (projection, key, doc, idx) SELECT projection, key, doc, idx FROM rebuilt.rm_docs ORDER BY projection, key");
            db.exec("INSERT INTO rm_index SELECT * FROM rebuilt.rm_index ORDER BY projection, name, value, sort, key");
          })();
          return { ops: events, seconds: (performance.now() - start) / 1000 };
        } finally {
          db.close();
          for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
        }
      },
      close: async () => undefined,
    };
  },
});

/**
 * A full rebuild in a fresh child process (`rebuild-process.ts`): `engine`, every projection in
 * one engine on the child's main thread; `threads`, the projector as `pnpm start` runs it, its
 * groups of projections on worker threads. Peak memory and CPU (all threads) are printed.
 */
const rebuildSubject = (logPath: string, mode: "engine" | "threads", name: string, goal?: { readonly ratio: number }): Subject => {
  const results: RebuildResult[] = [];
  return {
    name,
    role: "subject",
    ...(goal === undefined ? {} : { goal }),
    open: async (dir): Promise<SubjectSession> => ({
      run: async (repetition) => {
        const target = join(dir, `${mode}-${repetition}`);
        try {
          const result = await runInChild<RebuildResult>(childPath, [mode, logPath, mode === "engine" ? `${target}.sqlite` : target], projectorNodeOptions);
          results.push(result);
          console.log(
            `  ${mode} rebuild ${repetition + 1}: ${result.events} events in ${result.seconds.toFixed(1)} s on ${result.threads} thread(s), ` +
              `${result.startSeconds.toFixed(1)} s of it starting ` +
              `(${Math.round(result.events / result.seconds)} events/s, CPU ${result.cpuSeconds.toFixed(1)} s), peak RSS ${mib(result.maxRssKiB)}`,
          );
          return { ops: result.events, seconds: result.seconds };
        } finally {
          rmSync(target, { recursive: true, force: true });
          for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target}.sqlite${suffix}`, { force: true });
        }
      },
      close: async () => undefined,
      note: () =>
        results.length === 0
          ? null
          : `${mode}: peak RSS of the rebuilding process: median ${mib(median(results.map((r) => r.maxRssKiB)))}, ` +
            `max ${mib(Math.max(...results.map((r) => r.maxRssKiB)))}; CPU per rebuild: median ${median(results.map((r) => r.cpuSeconds)).toFixed(1)} s; ` +
            `starting (threads, modules, read models prepared): median ${median(results.map((r) => r.startSeconds)).toFixed(1)} s ` +
            `over ${results.length} rebuilds (warm-up included)`,
    }),
  };
};

const main = async (): Promise<void> => {
  const { profile, logPath, events } = await benchLog("rebuild");
  const rows = await runWorkload(
    {
      name: `rebuild (${profile}, ${events} events)`,
      unit: "events",
      subjects: [
        bareScanSubject(logPath, events),
        engineFloorSubject(logPath, events),
        writeFloorSubject(logPath, events),
        rebuildSubject(logPath, "engine", `rebuild, one engine (${allProjections.length} projections in one thread)`),
        rebuildSubject(logPath, "threads", `projector rebuild (${allProjections.length} projections, on the threads of pnpm start)`, { ratio: 0.4 }),
      ],
    },
    { ...benchRounds(), log: (line) => console.log(line) },
  );
  console.log(formatResults(rows));
};

await main();
