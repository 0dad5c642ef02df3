/**
 * The child process of the rebuild benchmark: one full rebuild of every projection from an
 * empty read-model file, in a fresh process so that its peak memory is its own (the V8 heap of
 * earlier repetitions would hide it in the parent).
 *
 *     node <tsx loader> rebuild-process.ts engine <events.sqlite> <read-models.sqlite>
 *     node <tsx loader> rebuild-process.ts threads <events.sqlite> <data folder>
 *
 * `engine`: one engine with every projection, in this thread. `threads`: the projector as
 * `pnpm start` runs it (`startProjectorThread`, its default threads), writing
 * `<data folder>/read-models.sqlite`. Sends one message to the parent:
 * `{events, seconds, cpuSeconds, maxRssKiB}` (or `{error}`): `seconds` from the start until the
 * read models hold the head of the log; `cpuSeconds` of the whole process (every thread);
 * `maxRssKiB` the process's peak resident set size (`process.resourceUsage().maxRSS`).
 */
import { performance } from "node:perf_hooks";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import { reportToParent, silentLogger } from "@duty-ledger/testing/bench";
import { defaultProjectorThreads, startProjectorThread } from "../src/index.js";

export interface RebuildResult {
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssKiB: number;
  /** Threads the projections ran on. */
  readonly threads: number;
  /** Of `seconds`, until every engine had started (the threads' start, module loading, the read models prepared). */
  readonly startSeconds: number;
}


const rebuildInThisThread = async (logPath: string, readModelsPath: string): Promise<RebuildResult> => {
  const store = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
  const readModels = createSqliteReadModelStore({ path: readModelsPath });
  try {
    const head = await store.headPosition();
    const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silentLogger });
    const cpu = process.cpuUsage();
    const start = performance.now();
    await engine.start();
    const startSeconds = (performance.now() - start) / 1000;
    const reached = await engine.waitFor(head, 3_600_000);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    await engine.stop();
    if (!reached) throw new Error(`the rebuild did not reach the head of the log (${head})`);
    return { events: head, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS, threads: 1, startSeconds };
  } finally {
    await readModels.close();
    await store.close();
  }
};

const rebuildOnThreads = async (logPath: string, dataDir: string): Promise<RebuildResult> => {
  const log = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
  try {
    const head = await log.headPosition();
    const threads = defaultProjectorThreads();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const projector = await startProjectorThread({ store: { kind: "sqlite", path: logPath, durability: "normal" }, dataDir, logLevel: "silent", log, threads });
    const startSeconds = (performance.now() - start) / 1000;
    const reached = await projector.waitFor(head, 3_600_000);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    await projector.stop();
    if (!reached) throw new Error(`the rebuild did not reach the head of the log (${head}): ${JSON.stringify(projector.status())}`);
    return { events: head, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS, threads, startSeconds };
  } finally {
    await log.close();
  }
};

const [mode, logPath, target] = process.argv.slice(2);
await reportToParent(async () => {
  if ((mode !== "engine" && mode !== "threads") || logPath === undefined || target === undefined) {
    process.exitCode = 2;
    throw new Error("usage: rebuild-process.ts engine <events.sqlite> <read-models.sqlite> | threads <events.sqlite> <data folder>");
  }
  return mode === "engine" ? rebuildInThisThread(logPath, target) : rebuildOnThreads(logPath, target);
});
