// Helpers of the audit service's tests (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import { createSqliteEventStore, type SqliteEventStore } from "@duty-ledger/event-store";
import { appendSampleLog, generateSampleLog, type SampleLogOptions } from "@duty-ledger/testing";
import type { AuditIo } from "./audit-command.js";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpApp } from "@duty-ledger/http-kit";
import type { RequestHandler } from "express";
import { pino } from "pino";

/** The routers served over HTTP on a free loopback port, as the ledger's app serves them (no rate limit). */
export const serveRoutes = async (routes: readonly RequestHandler[]): Promise<{ readonly baseUrl: string; close(): Promise<void> }> => {
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [...routes], rateLimitPerIp: false });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export const tempDir = (prefix: string): { readonly dir: string; remove(): void } => {
  const dir = mkdtempSync(join(tmpdir(), `duty-ledger-audit-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const openStore = (path: string, now?: () => Date): SqliteEventStore =>
  createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0, ...(now === undefined ? {} : { now }) });

export const smallLog: SampleLogOptions = { seed: 7, deputies: 12, units: 4, stations: 2, contacts: 60, suggestions: 40, voidRate: 0.05 };

/** A SQLite store file at `path` holding the sample log; closed. Returns the head position. */
export const writeSampleStore = async (path: string, options: SampleLogOptions = smallLog): Promise<number> => {
  const store = openStore(path);
  try {
    return await appendSampleLog(store, generateSampleLog(options));
  } finally {
    await store.close();
  }
};

/** A raw row of the store's `events` table. */
export interface EventRow {
  readonly position: number;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Opens the store's file with raw better-sqlite3 (what a tamperer would do), runs `fn`, closes. */
export const tamper = <T>(path: string, fn: (db: Database.Database) => T): T => {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};

export const rowsOf = (db: Database.Database, streamId: string): EventRow[] =>
  db.prepare("SELECT * FROM events WHERE stream_id = ? ORDER BY revision").all(streamId) as EventRow[];

/** A stream with at least `min` events (suggestions have the longest streams). */
export const streamWithEvents = (db: Database.Database, min: number): string =>
  db
    .prepare("SELECT stream_id FROM events WHERE stream_id LIKE 'suggestion-%' GROUP BY stream_id HAVING count(*) >= ? ORDER BY min(position) LIMIT 1")
    .pluck()
    .get(min) as string;

/** An in-memory writable collecting what is written to it (synchronously). */
export const sink = (isTTY = false): Writable & { readonly isTTY: boolean; text(): string } => {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      callback();
    },
  });
  return Object.assign(stream, { isTTY, text: () => Buffer.concat(chunks).toString("utf8") });
};

export interface CapturedIo extends AuditIo {
  readonly out: ReturnType<typeof sink>;
  readonly err: ReturnType<typeof sink>;
}

export const captureIo = (argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): CapturedIo => {
  const out = sink();
  const err = sink();
  return { argv, env, stdout: out, stderr: err, out, err };
};
