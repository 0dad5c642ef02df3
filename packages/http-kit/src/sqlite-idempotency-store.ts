import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { IdempotencyBegin, IdempotencyStore, StoredResponse } from "./idempotency-store.js";

export const idempotencyFileName = "idempotency.sqlite";

export interface SqliteIdempotencyStoreOptions {
  /** The database file; default `<dataDir>/idempotency.sqlite`. One of `path`, `dataDir`. */
  readonly path?: string;
  readonly dataDir?: string;
  /** How long a completed record is replayed, ms. Default 24 h. */
  readonly ttlMs?: number;
  /** After this long an in-flight record is taken for crashed and may be taken over, ms. Default 60 s. */
  readonly inFlightLeaseMs?: number;
  /** Expired records are pruned by `begin` at most this often, ms. Default 1 h. */
  readonly pruneIntervalMs?: number;
  /** The clock, ms since the epoch (tests). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * This process is the only one answering for this file: requests left in flight by an
   * earlier process (it crashed) are released at open, so their retries run at once instead
   * of waiting out the lease. Safe because a retry under the same key appends events with the
   * same ids, which the event store dedupes. Default false.
   */
  readonly soleOwner?: boolean;
}

export const defaultIdempotencyTtlMs = 24 * 60 * 60 * 1000;
export const defaultInFlightLeaseMs = 60 * 1000;

interface Row {
  readonly fingerprint: string;
  readonly attempt: string;
  readonly state: "in-flight" | "done";
  readonly status: number | null;
  readonly body: string | null;
  readonly created_at: number;
  readonly updated_at: number;
}

const schema = `
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope       TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    attempt     TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('in-flight', 'done')),
    status      INTEGER,
    body        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS idempotency_keys_by_created_at ON idempotency_keys (created_at);
`;

/** The idempotency store in a SQLite file of the data folder (safe for several processes). */
export const createSqliteIdempotencyStore = (options: SqliteIdempotencyStoreOptions): IdempotencyStore => {
  const path = options.path ?? (options.dataDir === undefined ? undefined : join(options.dataDir, idempotencyFileName));
  if (path === undefined) throw new Error("createSqliteIdempotencyStore needs `path` or `dataDir`");
  const ttlMs = options.ttlMs ?? defaultIdempotencyTtlMs;
  const leaseMs = options.inFlightLeaseMs ?? defaultInFlightLeaseMs;
  const pruneIntervalMs = options.pruneIntervalMs ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;

  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  // Deleted records are overwritten, not left in free pages (a person's erasure forgets answers).
  db.pragma("secure_delete = ON");
  db.exec(schema);

  const select = db.prepare<[string, string], Row>(
    "SELECT fingerprint, attempt, state, status, body, created_at, updated_at FROM idempotency_keys WHERE scope = ? AND key = ?",
  );
  const upsertStarted = db.prepare<[string, string, string, string, number, number]>(
    `INSERT INTO idempotency_keys (scope, key, fingerprint, attempt, state, status, body, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'in-flight', NULL, NULL, ?, ?)
     ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, attempt = excluded.attempt,
       state = 'in-flight', status = NULL, body = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at`,
  );
  const markDone = db.prepare<[number, string | null, number, string, string, string]>(
    `UPDATE idempotency_keys SET state = 'done', status = ?, body = ?, updated_at = ?
     WHERE scope = ? AND key = ? AND attempt = ? AND state = 'in-flight'`,
  );
  const deleteAttempt = db.prepare<[string, string, string]>(
    "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND attempt = ? AND state = 'in-flight'",
  );
  const deleteAnswerFor = db.prepare<[string]>("DELETE FROM idempotency_keys WHERE body IS NOT NULL AND json_valid(body) AND json_extract(body, '$.id') = ?");
  const deleteExpired = db.prepare<[number, number]>(
    "DELETE FROM idempotency_keys WHERE (state = 'done' AND created_at < ?) OR (state = 'in-flight' AND updated_at < ?)",
  );

  if (options.soleOwner === true) db.prepare("DELETE FROM idempotency_keys WHERE state = 'in-flight'").run();

  const isLive = (row: Row, at: number): boolean =>
    row.state === "done" ? row.created_at >= at - ttlMs : row.updated_at >= at - leaseMs;

  const prune = (at: number): number => deleteExpired.run(at - ttlMs, at - leaseMs).changes;
  let lastPrune = Number.NEGATIVE_INFINITY;

  const begin = db.transaction((scope: string, key: string, fingerprint: string): IdempotencyBegin => {
    const at = now();
    if (at - lastPrune >= pruneIntervalMs) {
      lastPrune = at;
      prune(at);
    }
    const row = select.get(scope, key);
    if (row === undefined || !isLive(row, at)) {
      const attempt = randomUUID();
      upsertStarted.run(scope, key, fingerprint, attempt, at, at);
      return { kind: "started", attempt };
    }
    if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
    if (row.state === "in-flight") return { kind: "in-flight" };
    const body: unknown = row.body === null ? null : JSON.parse(row.body);
    return { kind: "replay", response: { status: row.status ?? 200, body } };
  });

  return {
    // `immediate`: take the write lock first, so two processes cannot both start the same key.
    begin: async (scope, key, fingerprint) => begin.immediate(scope, key, fingerprint),
    complete: async (scope, key, attempt, response: StoredResponse) => {
      const body = response.body === null || response.body === undefined ? null : JSON.stringify(response.body);
      markDone.run(response.status, body ?? null, now(), scope, key, attempt);
    },
    abandon: async (scope, key, attempt) => {
      deleteAttempt.run(scope, key, attempt);
    },
    prune: async () => {
      const at = now();
      lastPrune = at;
      return prune(at);
    },
    forgetAnswersFor: async (ids) => {
      const forgotten = db.transaction(() => ids.reduce((sum, id) => sum + deleteAnswerFor.run(id).changes, 0))();
      // The old pages may still sit in the WAL: copy back and empty it.
      db.pragma("wal_checkpoint(TRUNCATE)");
      return forgotten;
    },
    close: () => {
      if (db.open) db.close();
    },
  };
};
