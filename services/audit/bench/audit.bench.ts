/**
 * `pnpm bench audit`: how fast an auditor can check and replay the log, over the generated
 * province (`duty-ledger seed --profile province --seed 1`, ~1.3 M events, cached by
 * `cachedProvinceLog`), against a bare scan of the same log measured in the same run (raw
 * better-sqlite3 in position order, `JSON.parse` of each event's data and metadata, nothing
 * else): events per second and the ratio to that scan.
 *
 * - verify: `verifyLog` — every event's hash re-computed over its canonical encoding, every
 *   stream's chain followed, the seal digest, the stream heads compared;
 * - replay: `replayAsOf` up to the head — the log folded by the projector's engine, in memory,
 *   through the projections the records and scores are read from, then every duty record and
 *   every score assembled. Goal: ≥ 40 % of the scan, in ≤ 1 GiB peak;
 * - tree root: the tree part of `audit verify --head` — the RFC 9162 root recomputed from every
 *   event's hash and each leaf compared with the store's copy. Goal (issue 19): ≥ 40 % of the scan.
 *
 * Each verify and each replay runs in a fresh child process (`audit-process.ts`), with the
 * store opened as `duty-ledger audit` opens it; its peak resident memory is printed under the
 * table. The cached file is shared: the scan opens it read-only, the children only read it.
 * BENCH_SCALE < 1 uses the city profile (a quick run, not the measure);
 * BENCH_REPETITIONS / BENCH_WARMUP set the rounds.
 */
import { fileURLToPath } from "node:url";
import {
  bareScanSubject,
  benchLog,
  benchRounds,
  formatResults,
  median,
  mib,
  runInChild,
  runWorkload,
  type Subject,
  type SubjectSession,
} from "@duty-ledger/testing/bench";
import type { AuditCommand, AuditRunResult } from "./audit-process.js";

const childPath = fileURLToPath(new URL("./audit-process.ts", import.meta.url));

/** The replay's goal (issue 18): at least 40 % of the bare scan, in at most 1 GiB. */
const REPLAY_GOAL = { ratio: 0.4, maxRssKiB: 1024 * 1024 } as const;

/** Re-computing the root of the province from scratch (issue 19): at least 40 % of the bare scan. */
const ROOT_GOAL_RATIO = 0.4;

const childSubject = (name: string, command: AuditCommand, logPath: string, events: number): Subject => ({
  name,
  role: "subject",
  ...(command === "replay" ? { goal: { ratio: REPLAY_GOAL.ratio } } : command === "root" ? { goal: { ratio: ROOT_GOAL_RATIO } } : {}),
  open: async (): Promise<SubjectSession> => {
    const results: AuditRunResult[] = [];
    return {
      run: async (repetition) => {
        const result = await runInChild<AuditRunResult>(childPath, [command, logPath]);
        if (result.events !== events) throw new Error(`${command} covered ${result.events} events, expected ${events}`);
        results.push(result);
        console.log(
          `  ${command} ${repetition + 1}: ${result.events} events in ${result.seconds.toFixed(1)} s ` +
            `(${Math.round(result.events / result.seconds)} events/s, CPU ${result.cpuSeconds.toFixed(1)} s), peak RSS ${mib(result.maxRssKiB)}; ${result.summary}`,
        );
        return { ops: result.events, seconds: result.seconds };
      },
      close: async () => undefined,
      note: () =>
        results.length === 0
          ? null
          : `${command} process peak RSS: median ${mib(median(results.map((r) => r.maxRssKiB)))}, ` +
            `max ${mib(Math.max(...results.map((r) => r.maxRssKiB)))} over ${results.length} runs (warm-up included); ` +
            `CPU time median ${median(results.map((r) => r.cpuSeconds)).toFixed(1)} s` +
            (command === "replay"
              ? `; goal peak RSS ≤ ${mib(REPLAY_GOAL.maxRssKiB)}: ${Math.max(...results.map((r) => r.maxRssKiB)) <= REPLAY_GOAL.maxRssKiB ? "pass" : "fail"}`
              : ""),
    };
  },
});

const main = async (): Promise<void> => {
  const { profile, logPath, events } = await benchLog("audit");
  const rows = await runWorkload(
    {
      name: `audit (${profile}, ${events} events)`,
      unit: "events",
      subjects: [
        bareScanSubject(logPath, events),
        childSubject("verify (verifyLog: hashes, chains, seal, heads)", "verify", logPath, events),
        childSubject("replay (replayAsOf: fold + records + scores)", "replay", logPath, events),
        childSubject("tree root from scratch (verify --head's tree part)", "root", logPath, events),
      ],
    },
    { ...benchRounds(), log: (line) => console.log(line) },
  );
  console.log(formatResults(rows));
};

await main();
