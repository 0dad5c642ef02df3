/**
 * The child process of the rebuild benchmark: one full rebuild of every projection from an
 * empty read-model file, in a fresh process so that its peak memory is its own (the V8 heap of
 * earlier repetitions would hide it in the parent).
 *
 *     node <tsx loader> rebuild-process.ts <events.sqlite> <read-models.sqlite>
 *
 * Sends one message to the parent: `{events, seconds, cpuSeconds, maxRssKiB}` (or `{error}`):
 * `seconds` from `engine.start()` until the read models hold the head of the log; `maxRssKiB`
 * the process's peak resident set size (`process.resourceUsage().maxRSS`).
 */
import { performance } from "node:perf_hooks";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import { reportToParent, silentLogger } from "@duty-ledger/testing/bench";

export interface RebuildResult {
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssKiB: number;
}


const rebuild = async (logPath: string, readModelsPath: string): Promise<RebuildResult> => {
  const store = createSqliteEventStore({ path: logPath, durability: "normal", pollIntervalMs: 0 });
  const readModels = createSqliteReadModelStore({ path: readModelsPath });
  try {
    const head = await store.headPosition();
    const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silentLogger });
    const cpu = process.cpuUsage();
    const start = performance.now();
    await engine.start();
    const reached = await engine.waitFor(head, 3_600_000);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    await engine.stop();
    if (!reached) throw new Error(`the rebuild did not reach the head of the log (${head})`);
    return { events: head, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS };
  } finally {
    await readModels.close();
    await store.close();
  }
};

const [logPath, readModelsPath] = process.argv.slice(2);
await reportToParent(async () => {
  if (logPath === undefined || readModelsPath === undefined) {
    process.exitCode = 2;
    throw new Error("usage: rebuild-process.ts <events.sqlite> <read-models.sqlite>");
  }
  return rebuild(logPath, readModelsPath);
});
