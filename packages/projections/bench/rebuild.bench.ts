import { fork } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { benchRounds, benchScale, cachedProvinceLog, formatResults, median, runWorkload, type SubjectSession } from "@duty-ledger/testing/bench";
import type { RebuildResult } from "./rebuild-process.js";

/**
 * Rebuild throughput: every projection of the read side rebuilt from an empty read-model file
 * over the generated province (`duty-ledger seed --profile province`, ~1.3 M events, cached by
 * `cachedProvinceLog`), against the floor of a bare scan of the same log (one SELECT over the
 * events table, JSON.parse of data and metadata, nothing else). Goal: the rebuild reaches 40 %
 * of the scan's rate. Each rebuild runs in a fresh child process (`rebuild-process.ts`) whose
 * peak resident memory is printed under the table. BENCH_SCALE < 1 uses the city profile (a
 * quick run, not the goal's measure).
 */
const childPath = fileURLToPath(new URL("./rebuild-process.ts", import.meta.url));

const mib = (kib: number): string => `${Math.round(kib / 1024)} MiB`;

/** Runs one rebuild in a child process (same tsx loader and `source` condition as this one). */
const rebuildInChild = (logPath: string, readModelsPath: string): Promise<RebuildResult> =>
  new Promise((resolve, reject) => {
    const execArgv = process.execArgv.includes("--conditions=source") ? process.execArgv : [...process.execArgv, "--conditions=source"];
    const child = fork(childPath, [logPath, readModelsPath], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let result: RebuildResult | undefined;
    let failure: string | undefined;
    child.on("message", (message: RebuildResult | { error: string }) => {
      if ("error" in message) failure = message.error;
      else result = message;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(failure ?? `rebuild process exited with code ${code}`));
    });
  });

const main = async (): Promise<void> => {
  const profile = benchScale() < 1 ? "city" : "province";
  const logPath = await cachedProvinceLog({ profile, log: (line) => console.log(line) });
  const scanDb = new Database(logPath, { readonly: true });
  const events = scanDb.prepare("SELECT count(*) FROM events").pluck().get() as number;
  scanDb.close();
  console.log(`rebuild bench: ${profile} log of ${events} events (${logPath})`);
  const results: RebuildResult[] = [];
  const rows = await runWorkload(
    {
      name: `rebuild (${profile}, ${events} events)`,
      unit: "events",
      subjects: [
        {
          name: "bare scan + JSON.parse",
          role: "baseline",
          open: async (): Promise<SubjectSession> => {
            const db = new Database(logPath, { readonly: true });
            const scan = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw();
            return {
              run: async () => {
                const start = performance.now();
                let n = 0;
                for (const row of scan.iterate() as Iterable<unknown[]>) {
                  JSON.parse(row[5] as string);
                  JSON.parse(row[6] as string);
                  n++;
                }
                return { ops: n, seconds: (performance.now() - start) / 1000 };
              },
              close: async () => {
                db.close();
              },
            };
          },
        },
        {
          name: "projector rebuild (4 projections)",
          role: "subject",
          goal: { ratio: 0.4 },
          open: async (dir): Promise<SubjectSession> => ({
            run: async (repetition) => {
              const path = join(dir, `read-models-${repetition}.sqlite`);
              try {
                const result = await rebuildInChild(logPath, path);
                results.push(result);
                console.log(
                  `  rebuild ${repetition + 1}: ${result.events} events in ${result.seconds.toFixed(1)} s ` +
                    `(${Math.round(result.events / result.seconds)} events/s, CPU ${result.cpuSeconds.toFixed(1)} s), peak RSS ${mib(result.maxRssKiB)}`,
                );
                return { ops: result.events, seconds: result.seconds };
              } finally {
                for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
              }
            },
            close: async () => undefined,
            note: () =>
              results.length === 0
                ? null
                : `projector process peak RSS during the rebuild: median ${mib(median(results.map((r) => r.maxRssKiB)))}, ` +
                  `max ${mib(Math.max(...results.map((r) => r.maxRssKiB)))} over ${results.length} rebuilds (warm-up included)`,
          }),
        },
      ],
    },
    { ...benchRounds(), log: (line) => console.log(line) },
  );
  console.log(formatResults(rows));
};

await main();
