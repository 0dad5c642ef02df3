import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { Subject, SubjectSession } from "./bench-measure.js";

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
