/**
 * `pnpm bench transparency`: the transparency log's answers through HTTP over the generated
 * province (`cachedProvinceLog`, ~1.3 M events): a tree head for the current size and for any
 * size, inclusion and consistency proofs at random positions and sizes. Goals (issue 19): p99
 * ≤ 5 ms each. A constant route of the same router is timed alongside, as the HTTP floor of the
 * run. Requests are sent one at a time over one keep-alive connection from the server's own
 * process (`transparency-process.ts`, a fresh child), so each time includes the client's work.
 * BENCH_TRANSPARENCY_REQUESTS (default 2000) per kind; BENCH_SCALE < 1 uses the city.
 */
import { fileURLToPath } from "node:url";
import { benchLog, runInChild } from "@duty-ledger/testing/bench";
import type { TransparencyRunResult } from "./transparency-process.js";

const GOAL_P99_MS = 5;
const childPath = fileURLToPath(new URL("./transparency-process.ts", import.meta.url));

const main = async (): Promise<void> => {
  const { profile, logPath, events } = await benchLog("transparency");
  const perKind = Number(process.env["BENCH_TRANSPARENCY_REQUESTS"] ?? 2000);
  const result = await runInChild<TransparencyRunResult>(childPath, [logPath, String(perKind)]);
  console.log(`transparency log over HTTP (${profile}, ${events} events, tree of ${result.treeSize}), ${perKind} requests per kind, one at a time`);
  console.log("| request | p50 | p99 | max | goal | pass/fail |");
  console.log("|---|---|---|---|---|---|");
  for (const row of result.kinds) {
    const judged = !row.name.startsWith("constant");
    const verdict = judged ? (row.p99Ms <= GOAL_P99_MS ? "pass" : "fail") : "info";
    console.log(`| ${row.name} | ${row.p50Ms.toFixed(2)} ms | ${row.p99Ms.toFixed(2)} ms | ${row.maxMs.toFixed(1)} ms | ${judged ? `p99 ≤ ${GOAL_P99_MS} ms` : ""} | ${verdict} |`);
  }
};

await main();
