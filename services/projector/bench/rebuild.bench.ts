import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
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
import type { RebuildResult } from "../src/rebuild-harness.js";

/**
 * Rebuild throughput: every projection of the read side rebuilt from an empty read-model file
 * over the generated province (`duty-ledger seed --profile province`, ~1.3 M events, cached by
 * `cachedProvinceLog`), against the floor of a bare scan of the same log (one SELECT over the
 * events table, JSON.parse of data and metadata, nothing else). Goal: the projector's rebuild,
 * as production runs it (`node dist`, its groups of projections on worker threads, timed from
 * the call that starts the threads), reaches 40 % of the scan's rate. Measured in the same run:
 * the same projector on source under tsx, as `pnpm start` runs it (its threads load the modules
 * through tsx); the rebuild by one engine in one thread; the engine with a projection that
 * writes nothing, the floor no set of projections run by one engine can beat; and the floor of
 * writing what the rebuild writes (its rows copied by SQLite alone). The bench builds the
 * projector first (`tsc -b services/projector`). Each rebuild runs in a fresh child process
 * (`src/rebuild-harness.ts`) whose peak resident memory and CPU time (all threads) are printed
 * under the table. BENCH_SCALE < 1 uses the city profile (a quick run, not the goal's measure).
 */
const projectorDir = fileURLToPath(new URL("..", import.meta.url));

/** The rebuild's child process: built (`node dist`, as production runs the projector) or on source under tsx (as `pnpm start` does). */
interface Harness {
  readonly path: string;
  readonly built: boolean;
}

const builtHarness: Harness = { path: join(projectorDir, "dist", "rebuild-harness.js"), built: true };
const sourceHarness: Harness = { path: join(projectorDir, "src", "rebuild-harness.ts"), built: false };

/** Builds the projector and the packages it references (`tsc -b`), so that the built harness runs the code of this checkout. */
const buildProjector = (): void => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const start = performance.now();
  const built = spawnSync(process.execPath, [tsc, "-b", projectorDir], { stdio: "inherit" });
  if (built.status !== 0) throw new Error(`tsc -b ${projectorDir} failed (exit ${built.status ?? built.signal})`);
  console.log(`rebuild bench: built the projector (tsc -b) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
};

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
    await runInChild<RebuildResult>(builtHarness.path, ["engine", logPath, source], projectorNodeOptions, { built: true });
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
 * A full rebuild in a fresh child process (`rebuild-harness`, built or on source): `engine`,
 * every projection in one engine on the child's main thread; `threads`, the projector as the
 * all-in-one server runs it, its groups of projections on worker threads. Peak memory and CPU
 * (all threads) are printed.
 */
const rebuildSubject = (logPath: string, harness: Harness, mode: "engine" | "threads", name: string, goal?: { readonly ratio: number }): Subject => {
  const label = `${mode}${harness.built ? "" : " (source)"}`;
  const results: RebuildResult[] = [];
  return {
    name,
    role: "subject",
    ...(goal === undefined ? {} : { goal }),
    open: async (dir): Promise<SubjectSession> => ({
      run: async (repetition) => {
        const target = join(dir, `${mode}-${harness.built ? "built" : "source"}-${repetition}`);
        try {
          const result = await runInChild<RebuildResult>(harness.path, [mode, logPath, mode === "engine" ? `${target}.sqlite` : target], projectorNodeOptions, {
            built: harness.built,
          });
          results.push(result);
          console.log(
            `  ${label} rebuild ${repetition + 1}: ${result.events} events in ${result.seconds.toFixed(1)} s on ${result.threads} thread(s), ` +
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
          : `${label}: peak RSS of the rebuilding process: median ${mib(median(results.map((r) => r.maxRssKiB)))}, ` +
            `max ${mib(Math.max(...results.map((r) => r.maxRssKiB)))}; CPU per rebuild: median ${median(results.map((r) => r.cpuSeconds)).toFixed(1)} s; ` +
            `starting (threads, modules, read models prepared): median ${median(results.map((r) => r.startSeconds)).toFixed(1)} s ` +
            `over ${results.length} rebuilds (warm-up included)`,
    }),
  };
};

const main = async (): Promise<void> => {
  const { profile, logPath, events } = await benchLog("rebuild");
  buildProjector();
  const rows = await runWorkload(
    {
      name: `rebuild (${profile}, ${events} events)`,
      unit: "events",
      subjects: [
        bareScanSubject(logPath, events),
        engineFloorSubject(logPath, events),
        writeFloorSubject(logPath, events),
        rebuildSubject(logPath, builtHarness, "engine", `rebuild, one engine (${allProjections.length} projections in one thread, built)`),
        rebuildSubject(logPath, sourceHarness, "threads", `projector rebuild on source (tsx, as pnpm start runs it)`),
        rebuildSubject(logPath, builtHarness, "threads", `projector rebuild (${allProjections.length} projections on its threads, built: node dist)`, { ratio: 0.4 }),
      ],
    },
    { ...benchRounds(), log: (line) => console.log(line) },
  );
  console.log(formatResults(rows));
};

await main();
