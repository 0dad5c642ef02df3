#!/usr/bin/env node
/**
 * The child process of the rebuild benchmark (`services/projector/bench/rebuild.bench.ts`): one
 * full rebuild of every projection from an empty read-model file, in a fresh process so that
 * its peak memory is its own. Built with the service, so that the bench runs the projector as
 * production does (`node dist/rebuild-harness.js`, workers on the built modules); the bench also
 * runs it on source under tsx, as `pnpm start` does.
 *
 *     node services/projector/dist/rebuild-harness.js engine <events.sqlite> <read-models.sqlite>
 *     node services/projector/dist/rebuild-harness.js threads <events.sqlite> <data folder>
 *
 * `engine`: one engine with every projection, in this thread. `threads`: the projector as the
 * all-in-one server runs it (`startProjectorThread`, its default threads), writing
 * `<data folder>/read-models.sqlite`. Sends one message to the parent (or prints it as JSON when
 * started by hand): `RebuildResult` or `{error}`.
 */
import { performance } from "node:perf_hooks";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import pino from "pino";
import { defaultProjectorThreads, startProjectorThread } from "./projector-thread.js";

/**
 * What the harness reports: `seconds` from the start until the read models hold the head of the
 * log; `cpuSeconds` of the whole process (every thread); `maxRssKiB` its peak resident set size
 * (`process.resourceUsage().maxRSS`).
 */
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
    const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: pino({ level: "silent" }) });
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

/** Sends the outcome to the parent process, or prints it when started by hand. */
const report = (message: RebuildResult | { readonly error: string }): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) {
      console.log(JSON.stringify(message));
      resolve();
    } else {
      process.send(message, () => resolve());
    }
  });

const [mode, logPath, target] = process.argv.slice(2);
if ((mode !== "engine" && mode !== "threads") || logPath === undefined || target === undefined) {
  process.stderr.write("usage: rebuild-harness engine <events.sqlite> <read-models.sqlite> | threads <events.sqlite> <data folder>\n");
  process.exit(2);
}
try {
  await report(mode === "engine" ? await rebuildInThisThread(logPath, target) : await rebuildOnThreads(logPath, target));
} catch (error) {
  process.exitCode = 1;
  await report({ error: error instanceof Error ? error.message : String(error) });
}
