/**
 * `pnpm bench serving`: does the all-in-one server (`duty-ledger start`) keep answering while
 * its projector rebuilds every read model? The generated province's log (cached by
 * `cachedProvinceLog`; BENCH_SCALE < 1 takes the city) is copied into a fresh data folder
 * without read models and the server started on it, in a child process as `pnpm start` runs
 * it; `GET /v1/health` is asked every 100 ms until the projector reports `live`. The baseline,
 * measured in the same run, is the same server on the same folder once the read models are
 * built (idle, live), asked the same way 100 times. Printed: the health answers' p50 / p99 /
 * max during the rebuild and at rest, their ratio, the answers slower than 1 s, and how long after
 * the start the server was live (start-up included). Goal: the p99 during the rebuild stays
 * under 50 ms.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { benchLog, copyStoreFiles, withTempDir } from "@duty-ledger/testing/bench";
import { freePort, spawnLedger, type LedgerProcess } from "../src/ledger-process.test-support.js";

const GOAL_P99_MS = 50;
const POLL_EVERY_MS = 100;

interface Health {
  readonly phase: string;
  readonly position: number;
}

/** One health answer and how long it took (ms); `null` while the server does not listen yet. */
const askHealth = async (url: string): Promise<{ readonly ms: number; readonly health: Health } | null> => {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(60_000) });
    const health = (await response.json()) as Health;
    return { ms: performance.now() - started, health };
  } catch {
    return null;
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks every 100 ms until `done` says so (answers before the server listens are not counted);
 * fails, with what the server printed, if it exits meanwhile.
 */
const poll = async (ledger: LedgerProcess, done: (health: Health, answers: number) => boolean): Promise<number[]> => {
  let exited = false;
  void ledger.exited.then(() => {
    exited = true;
  });
  const times: number[] = [];
  for (;;) {
    if (exited) throw new Error(`the server exited:\n${ledger.output()}`);
    const answer = await askHealth(ledger.url);
    if (answer !== null) {
      times.push(answer.ms);
      if (done(answer.health, times.length)) return times;
    }
    await sleep(POLL_EVERY_MS);
  }
};

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? Number.NaN;

interface Row {
  readonly label: string;
  readonly answers: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly overOneSecond: number;
}

const rowOf = (label: string, times: readonly number[]): Row => {
  const sorted = [...times].sort((a, b) => a - b);
  return { label, answers: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN, overOneSecond: sorted.filter((t) => t > 1000).length };
};

const ms = (value: number): string => `${value.toFixed(1)} ms`;

const { profile, logPath, events } = await benchLog("rebuild-serving");

await withTempDir("rebuild-serving-", async (dataDir) => {
  copyStoreFiles(logPath, join(dataDir, EVENTS_FILE_NAME));
  const server = spawnLedger({ dataDir, port: await freePort() });
  try {
    const rebuildStarted = performance.now();
    const duringRebuild = await poll(server, (health) => health.phase === "live" && health.position >= events);
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const atRest = await poll(server, (_health, answers) => answers >= 100);
    const rest = rowOf("at rest (read models built, live)", atRest);
    const rebuilding = rowOf(`while rebuilding (live ${rebuildSeconds.toFixed(0)} s after the start)`, duringRebuild);
    console.log(`\n## The all-in-one server while its projector rebuilds (${profile}, ${events} events; GET /v1/health every ${POLL_EVERY_MS} ms)\n`);
    console.log("| health answers | count | p50 | p99 | max | over 1 s | p99 / at rest | goal p99 < 50 ms |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const row of [rest, rebuilding]) {
      const ratio = row === rest ? "1.00 (baseline)" : `${(row.p99 / rest.p99).toFixed(1)}×`;
      const verdict = row === rest ? "" : row.p99 < GOAL_P99_MS ? "pass" : "**fail**";
      console.log(`| ${row.label} | ${row.answers} | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.overOneSecond} | ${ratio} | ${verdict} |`);
    }
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
  }
});
