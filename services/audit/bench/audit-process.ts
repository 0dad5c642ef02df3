/**
 * The child process of the audit benchmark: one `verify` or one `replay` of a log, in a fresh
 * process so that its time includes a cold start like the CLI's and its peak memory is its own
 * (the V8 heap of earlier repetitions would hide it in the parent).
 *
 *     node <tsx loader> audit-process.ts <verify|replay|root> <events.sqlite>
 *
 * The store is opened as `duty-ledger audit` opens it (`openAuditStore` on the file, so
 * durability `normal`, nothing written). Sends one message to the parent (or prints it):
 * `{command, events, seconds, cpuSeconds, maxRssKiB, summary}` (or `{error}`): `seconds` is the
 * call (`verifyLog` or `replayAsOf` up to the head), opening and closing the store excluded;
 * `maxRssKiB` the process's peak resident set size (`process.resourceUsage().maxRSS`).
 */
import { performance } from "node:perf_hooks";
import type { EventStore } from "@duty-ledger/event-store";
import { reportToParent } from "@duty-ledger/testing/bench";
import { openAuditStore, storeLocationOf } from "../src/open-audit-store.js";
import { replayAsOf } from "../src/replay.js";
import { checkTreeHead } from "../src/transparency/tree-check.js";
import { verifyLog } from "../src/verify-log.js";

export type AuditCommand = "verify" | "replay" | "root";

export interface AuditRunResult {
  readonly command: AuditCommand;
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssKiB: number;
  /** What the run produced, to show it did the whole job (streams, records, periods…). */
  readonly summary: string;
}

/** Runs the command over the whole log; returns the events it covered and a summary of its output. */
const runCommand = async (command: AuditCommand, store: EventStore, head: number): Promise<{ events: number; summary: string }> => {
  switch (command) {
    case "verify": {
      const result = await verifyLog(store);
      if (!result.ok) throw new Error(`the log does not verify: ${result.firstBroken?.detail ?? "?"}`);
      return { events: result.events, summary: `${result.streams} streams, seal ${result.seal.slice(0, 24)}…` };
    }
    case "replay": {
      const replay = await replayAsOf(store, { asOf: { position: head } });
      return {
        events: replay.cut.events,
        summary: `${replay.deputyRecords.length} deputy-year records, ${replay.scores.length} periods, ${replay.unitScores.length} unit scores, asOf ${replay.asOf}`,
      };
    }
    case "root": {
      // The tree part of `audit verify --head`: the root of the log recomputed from every event's
      // hash, compared with the head the store signs (and each leaf with the store's copy).
      const log = store.transparencyLog;
      if (log === undefined) throw new Error("the store keeps no Merkle tree");
      const check = await checkTreeHead(store, await log.treeHead(head));
      if (!check.ok) throw new Error(`the log does not extend its own head: ${check.detail}`);
      return { events: check.treeSize, summary: `root ${check.rootHash.slice(0, 16)}…, leaves compared with the store's tree: ${check.comparedWithStoredTree}` };
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown audit command ${String(_exhaustive)}`);
    }
  }
};

const run = async (command: AuditCommand, logPath: string): Promise<AuditRunResult> => {
  const store = openAuditStore(storeLocationOf(logPath, {}), { mustExist: true });
  try {
    const head = await store.headPosition();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const { events, summary } = await runCommand(command, store, head);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    if (events !== head) throw new Error(`${command} covered ${events} events, the log holds ${head}`);
    return { command, events, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssKiB: process.resourceUsage().maxRSS, summary };
  } finally {
    await store.close();
  }
};

const [command, logPath] = process.argv.slice(2);
await reportToParent(async () => {
  if ((command !== "verify" && command !== "replay" && command !== "root") || logPath === undefined) {
    process.exitCode = 2;
    throw new Error("usage: audit-process.ts <verify|replay|root> <events.sqlite>");
  }
  return run(command, logPath);
});
