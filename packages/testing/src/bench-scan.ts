import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { cachedProvinceLog } from "./bench-log-cache.js";
import { benchScale, type Subject, type SubjectSession } from "./bench-measure.js";

/**
 * The baseline of the benchmarks that read a whole log (rebuild, verify, replay): a bare scan
 * of the SQLite log file — every row in position order through raw better-sqlite3, `JSON.parse`
 * of each event's data and metadata, nothing else. Opened read-only: the file may be the
 * shared cached log. With `events`, a scan that sees another count fails.
 */
export const bareScanSubject = (logPath: string, events?: number): Subject => ({
  name: "bare scan (raw better-sqlite3 + JSON.parse)",
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
        const seconds = (performance.now() - start) / 1000;
        if (events !== undefined && n !== events) throw new Error(`the scan saw ${n} events, expected ${events}`);
        return { ops: n, seconds };
      },
      close: async () => {
        db.close();
      },
    };
  },
});

/** The number of events in a SQLite log file (opened read-only). */
export const countLogEvents = (logPath: string): number => {
  const db = new Database(logPath, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM events").pluck().get() as number;
  } finally {
    db.close();
  }
};

/** The log a whole-log benchmark reads: its profile, the cached file, its events. */
export interface BenchLog {
  readonly profile: "city" | "province";
  readonly logPath: string;
  readonly events: number;
}

/**
 * The generated province's log for a benchmark named `bench` (the city's when `BENCH_SCALE` < 1,
 * a quick run), cached by `cachedProvinceLog`; prints what it reads.
 */
export const benchLog = async (bench: string): Promise<BenchLog> => {
  const profile = benchScale() < 1 ? "city" : "province";
  const logPath = await cachedProvinceLog({ profile, log: (line) => console.log(line) });
  const events = countLogEvents(logPath);
  console.log(`${bench} bench: ${profile} log of ${events} events (${logPath})`);
  return { profile, logPath, events };
};
