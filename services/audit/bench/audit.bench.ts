/**
 * `pnpm bench audit`: how fast an auditor can check and replay the log, against a bare scan of
 * the same log measured in the same run (raw better-sqlite3 in position order, `JSON.parse` of
 * each event's data and metadata, nothing else): events per second and the ratio to that scan.
 *
 * - verify: `verifyLog` — every event's hash re-computed over its canonical encoding, every
 *   stream's chain followed, the seal digest, the stream heads compared;
 * - replay: `replayAsOf` — the log folded in memory through the projections, then every duty
 *   record and every score assembled.
 *
 * The log is the deterministic sample log (decided by the domain's deciders), sized by
 * BENCH_EVENTS (default 200,000) × BENCH_SCALE; BENCH_REPETITIONS / BENCH_WARMUP set the rounds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createSqliteEventStore, type SqliteEventStore } from "@duty-ledger/event-store";
import { appendSampleLog, countSampleEvents, generateSampleLog } from "@duty-ledger/projections";
import { benchRounds, benchScale, formatResults, runWorkload, timed, type Sample, type Subject, type SubjectSession, type Workload } from "@duty-ledger/testing/bench";
import { replayAsOf } from "../src/replay.js";
import { verifyLog } from "../src/verify-log.js";

/** The sample log's events per unit of its size options (measured: ~18.7k events for the base below). */
const BASE = { deputies: 600, units: 60, stations: 30, contacts: 4000, suggestions: 1500 } as const;
const EVENTS_PER_BASE = 18_668;

const targetEvents = (): number => {
  const raw = process.env["BENCH_EVENTS"];
  const events = raw === undefined || raw.trim() === "" ? 200_000 : Number(raw);
  if (!Number.isInteger(events) || events < 1000) throw new RangeError(`BENCH_EVENTS must be an integer >= 1000, got "${raw}"`);
  return Math.round(events * benchScale());
};

const openStore = (path: string): SqliteEventStore => createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });

/** Writes the sample log into `path`; returns its event count. */
const prepareLog = async (path: string, events: number): Promise<number> => {
  const factor = events / EVENTS_PER_BASE;
  const scaledOption = (value: number): number => Math.max(1, Math.round(value * factor));
  const appends = generateSampleLog({
    seed: 2024,
    deputies: scaledOption(BASE.deputies),
    units: scaledOption(BASE.units),
    stations: scaledOption(BASE.stations),
    contacts: scaledOption(BASE.contacts),
    suggestions: scaledOption(BASE.suggestions),
  });
  const store = openStore(path);
  try {
    await appendSampleLog(store, appends);
    return countSampleEvents(appends);
  } finally {
    await store.close();
  }
};

/** The baseline: every row in position order, data and metadata parsed, nothing checked. */
const bareScanSubject = (path: string): Subject => ({
  name: "bare scan (raw better-sqlite3 + JSON.parse)",
  role: "baseline",
  open: async (): Promise<SubjectSession> => {
    const db = new Database(path, { readonly: true });
    const select = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw();
    return {
      run: async (): Promise<Sample> => {
        const { seconds, result } = await timed(() => {
          let count = 0;
          let checksum = 0;
          for (const row of select.iterate() as IterableIterator<[number, string, number, string, string, string, string]>) {
            const data: unknown = JSON.parse(row[5]);
            const metadata = JSON.parse(row[6]) as { hash: string };
            if (data !== undefined) checksum += metadata.hash.length;
            count++;
          }
          return checksum > 0 ? count : 0;
        });
        return { ops: result, seconds };
      },
      close: async () => {
        db.close();
      },
    };
  },
});

const storeSubject = (name: string, path: string, events: number, run: (store: SqliteEventStore) => Promise<number>): Subject => ({
  name,
  role: "subject",
  open: async (): Promise<SubjectSession> => {
    const store = openStore(path);
    return {
      run: async (): Promise<Sample> => {
        const { seconds, result } = await timed(() => run(store));
        if (result !== events) throw new Error(`${name} saw ${result} events, expected ${events}`);
        return { ops: result, seconds };
      },
      close: () => store.close(),
    };
  },
});

async function main(): Promise<void> {
  const target = targetEvents();
  const dir = mkdtempSync(join(tmpdir(), "bench-audit-"));
  try {
    const path = join(dir, "events.sqlite");
    const started = performance.now();
    const events = await prepareLog(path, target);
    process.stderr.write(`audit bench: sample log of ${events} events written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const workload: Workload = {
      name: `audit over ${events} events`,
      unit: "events",
      subjects: [
        bareScanSubject(path),
        storeSubject("verify (verifyLog: hashes, chains, seal, heads)", path, events, async (store) => {
          const result = await verifyLog(store);
          if (!result.ok) throw new Error(`the log does not verify: ${result.firstBroken?.detail ?? "?"}`);
          return result.events;
        }),
        storeSubject("replay (replayAsOf: fold + records + scores)", path, events, async (store) => {
          const replay = await replayAsOf(store, { asOf: { position: events }, scoresAsOf: "2025-12-31" });
          return replay.cut.events;
        }),
      ],
    };
    const rows = await runWorkload(workload, { ...benchRounds(), log: (line) => process.stderr.write(`${line}\n`) });
    console.log(`\n${formatResults(rows)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
