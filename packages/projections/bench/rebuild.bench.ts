import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bareScanSubject,
  benchRounds,
  benchScale,
  cachedProvinceLog,
  countLogEvents,
  formatResults,
  median,
  mib,
  runInChild,
  runWorkload,
  type SubjectSession,
} from "@duty-ledger/testing/bench";
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

const main = async (): Promise<void> => {
  const profile = benchScale() < 1 ? "city" : "province";
  const logPath = await cachedProvinceLog({ profile, log: (line) => console.log(line) });
  const events = countLogEvents(logPath);
  console.log(`rebuild bench: ${profile} log of ${events} events (${logPath})`);
  const results: RebuildResult[] = [];
  const rows = await runWorkload(
    {
      name: `rebuild (${profile}, ${events} events)`,
      unit: "events",
      subjects: [
        bareScanSubject(logPath, events),
        {
          name: "projector rebuild (4 projections)",
          role: "subject",
          goal: { ratio: 0.4 },
          open: async (dir): Promise<SubjectSession> => ({
            run: async (repetition) => {
              const path = join(dir, `read-models-${repetition}.sqlite`);
              try {
                const result = await runInChild<RebuildResult>(childPath, [logPath, path]);
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
