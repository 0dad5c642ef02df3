import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import { benchRounds, benchScale, formatResults, runWorkload, scaled, withTempDir, type SubjectSession } from "@duty-ledger/testing/bench";
import { prepareRebuildLog } from "./rebuild-log.js";

/**
 * Rebuild throughput: every projection of the read side rebuilt from an empty read-model
 * file over a log of ~1M events (× BENCH_SCALE), against the floor of a bare scan of the same
 * log (one SELECT over the events table, JSON.parse of data and metadata, nothing else).
 * Goal: the rebuild reaches 40 % of the scan's rate.
 */
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const main = async (): Promise<void> => {
  const scale = benchScale();
  const target = scaled(1_000_000, scale, 1000);
  const rounds = benchRounds();
  await withTempDir("rebuild-log", async (logDir) => {
    const log = await prepareRebuildLog(logDir, target, (line) => console.log(line));
    console.log(`rebuild bench: log of ${log.events} events ready`);
    const rows = await runWorkload(
      {
        name: `rebuild (${log.events} events)`,
        unit: "events",
        subjects: [
          {
            name: "bare scan + JSON.parse",
            role: "baseline",
            open: async (): Promise<SubjectSession> => {
              const db = new Database(log.path, { readonly: true });
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
            open: async (dir): Promise<SubjectSession> => {
              const store = createSqliteEventStore({ path: log.path, durability: "normal", pollIntervalMs: 0 });
              return {
                run: async (repetition) => {
                  const path = join(dir, `read-models-${repetition}.sqlite`);
                  const readModels = createSqliteReadModelStore({ path });
                  const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silent });
                  const start = performance.now();
                  await engine.start();
                  const reached = await engine.waitFor(log.events, 3_600_000);
                  const seconds = (performance.now() - start) / 1000;
                  await engine.stop();
                  await readModels.close();
                  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
                  if (!reached) throw new Error("the rebuild did not reach the head of the log");
                  return { ops: log.events, seconds };
                },
                close: () => store.close(),
              };
            },
          },
        ],
      },
      { ...rounds, log: (line) => console.log(line) },
    );
    console.log(formatResults(rows));
  });
};

await main();
