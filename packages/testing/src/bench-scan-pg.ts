import { performance } from "node:perf_hooks";
import type { Subject, SubjectSession } from "./bench-measure.js";

/**
 * The baseline of the benchmarks that read a whole PostgreSQL log: a bare scan of the event
 * store's `events` table — pages of `pageSize` rows in position order (keyset, as the store's
 * reads page), `JSON.parse` of each event's data and metadata, nothing else — through raw `pg`
 * on one connection. With `events`, a scan that sees another count fails.
 */
export const pgBareScanSubject = (connectionString: string, events?: number, pageSize = 2000): Subject => ({
  name: `bare scan of the PostgreSQL log (raw pg, pages of ${pageSize} + JSON.parse)`,
  role: "baseline",
  open: async (): Promise<SubjectSession> => {
    const { default: pg } = await import("pg"); // loaded only by the benches on PostgreSQL
    const client = new pg.Client({ connectionString });
    await client.connect();
    return {
      run: async () => {
        const start = performance.now();
        let n = 0;
        let after = 0;
        for (;;) {
          const page = await client.query<unknown[]>({
            text: "SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > $1 ORDER BY position LIMIT $2",
            values: [after, pageSize],
            rowMode: "array",
          });
          for (const row of page.rows) {
            JSON.parse(row[5] as string);
            JSON.parse(row[6] as string);
            n++;
          }
          if (page.rows.length < pageSize) break;
          after = Number((page.rows[page.rows.length - 1] as unknown[])[0]);
        }
        const seconds = (performance.now() - start) / 1000;
        if (events !== undefined && n !== events) throw new Error(`the scan saw ${n} events, expected ${events}`);
        return { ops: n, seconds };
      },
      close: () => client.end(),
    };
  },
});
