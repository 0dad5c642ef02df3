import pg from "pg";
import type { EventStoreLogger } from "./logger.js";

/**
 * Wakes a PostgreSQL store's subscriptions when another process (or another store object)
 * commits: appends and imports send `NOTIFY duty_ledger_log` in their transaction (delivered
 * at commit), and the store keeps one connection that `LISTEN`s, opened with its first
 * subscription. Polling stays underneath (`pollIntervalMs`): a lost connection is opened
 * again at the next subscription, and meanwhile subscriptions still see every commit, later.
 */

export const LOG_CHANNEL = "duty_ledger_log";

export interface PgNotifier {
  /** Listens from now on (once; again after the connection was lost). */
  listen(): void;
  close(): Promise<void>;
}

export function createPgNotifier(connectionString: string, logger: EventStoreLogger, onCommit: () => void): PgNotifier {
  let client: pg.Client | null = null;
  let closed = false;

  const drop = (failed: pg.Client, error: unknown): void => {
    if (client === failed) client = null;
    logger.warn({ err: error }, "event store: the PostgreSQL LISTEN connection failed; subscriptions poll until the next one");
    failed.end().catch(() => undefined);
  };

  return {
    listen: () => {
      if (closed || client !== null) return;
      const listening = new pg.Client({ connectionString });
      client = listening;
      listening.on("notification", () => onCommit());
      listening.on("error", (error) => drop(listening, error));
      listening
        .connect()
        .then(() => listening.query(`LISTEN ${LOG_CHANNEL}`))
        .then(() => {
          if (closed) void listening.end();
        })
        .catch((error: unknown) => drop(listening, error));
    },
    close: async () => {
      closed = true;
      const listening = client;
      client = null;
      await listening?.end().catch(() => undefined);
    },
  };
}
