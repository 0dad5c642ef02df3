import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { referenceRootOfLog } from "@duty-ledger/testing";
import { afterAll, describe, expect, it } from "vitest";
import { isStoreClosed } from "./errors.js";
import { newEventId } from "./event-id.js";
import type { NewEvent, RecordedEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";
import type { EventStoreLogger } from "./logger.js";
import { createSqliteBulkWriter, isSqliteBulkWriter, SQLITE_BULK_LOAD_SETTINGS } from "./sqlite-bulk-writer.js";
import { createSqliteEventStore } from "./sqlite-event-store.js";

const dir = mkdtempSync(join(tmpdir(), "duty-ledger-sqlite-bulk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (label: string): string => join(dir, `${label}-${++files}.db`);

const actor = { id: "sqlite-bulk-test", role: "system" };
const event = (data: unknown = { n: 1 }): NewEvent => ({ id: newEventId(), type: "SqliteBulkTested", data, metadata: { actor } });
const events = (count: number): NewEvent[] => Array.from({ length: count }, (_, n) => event({ n }));

/** The whole log of the file, read by the store once the writer is closed: positions 1..n, a valid chain per stream. */
async function consistentLog(path: string): Promise<RecordedEvent[]> {
  const store = createSqliteEventStore({ path, pollIntervalMs: 0 });
  try {
    const log: RecordedEvent[] = [];
    for await (const recorded of store.readAll()) log.push(recorded);
    expect(log.map((recorded) => recorded.position)).toEqual(log.map((_, i) => i + 1));
    expect(await store.transparencyLog?.treeHead(log.length)).toEqual({ treeSize: log.length, rootHash: referenceRootOfLog(log) });
    const streams = new Map<string, RecordedEvent[]>();
    for (const recorded of log) streams.set(recorded.streamId, [...(streams.get(recorded.streamId) ?? []), recorded]);
    for (const [streamId, stream] of streams) {
      expect(verifyStreamChain(stream).ok, streamId).toBe(true);
      expect(await store.streamRevision(streamId)).toBe(stream.length - 1);
    }
    return log;
  } finally {
    await store.close();
  }
}

/** A logger keeping what the writer says it opened with. */
const openings = (): { logger: EventStoreLogger; unsynced: unknown[] } => {
  const unsynced: unknown[] = [];
  const ignore = (): void => undefined;
  return {
    unsynced,
    logger: {
      debug: ignore,
      info: (fields: object) => {
        if ("unsynced" in fields) unsynced.push((fields as { unsynced: unknown }).unsynced);
      },
      warn: ignore,
      error: ignore,
    },
  };
};

describe("SQLite bulk writer", () => {
  it("loads with its own settings, then leaves a synced file that the store reads and continues", async () => {
    const path = newPath("bulk");
    const opened = openings();
    // Checkpoints every 5000 pages instead of 1000: the WAL grows past 4 MiB (1000 pages).
    const settings = { cacheSizeMiB: 64, mmapSizeMiB: 32, walAutocheckpointPages: 5000, unsynced: true, commitEveryAppends: 0 };
    const writer = createSqliteBulkWriter(path, { durability: "normal", settings, logger: opened.logger });
    expect(isSqliteBulkWriter(writer)).toBe(true);
    expect(isSqliteBulkWriter({ ...writer })).toBe(true);
    const text = "x".repeat(2000);
    for (let i = 0; i < 40; i++) await writer.append(`bulk-${i % 4}`, Array.from({ length: 100 }, () => event({ text })));
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(8 * 1024 * 1024);
    expect(await writer.headPosition()).toBe(4000);
    await writer.close(); // the unsynced load is checkpointed into the file, synced
    await writer.close(); // once only
    expect(existsSync(`${path}-wal`)).toBe(false);
    await expect(writer.append("bulk-0", events(1))).rejects.toSatisfy(isStoreClosed);

    const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });
    try {
      expect(isSqliteBulkWriter(store)).toBe(false);
      await store.append("bulk-0", events(1), { expectedRevision: 999 });
    } finally {
      await store.close();
    }
    expect(await consistentLog(path)).toHaveLength(4001);

    // A file that holds events is never loaded unsynced.
    const again = createSqliteBulkWriter(path, { durability: "normal", settings, logger: opened.logger });
    await again.append("bulk-1", events(1));
    await again.close();
    expect(opened.unsynced).toEqual([true, false]);
    expect(await consistentLog(path)).toHaveLength(4002);
  });

  it("commits the groups of several turns together, each stamped as applied, acknowledged after the commit", async () => {
    const path = newPath("bulk-groups");
    let clock = Date.parse("2026-01-01T00:00:00.000Z");
    const writer = createSqliteBulkWriter(path, {
      durability: "normal",
      now: () => new Date(clock),
      settings: { ...SQLITE_BULK_LOAD_SETTINGS, cacheSizeMiB: 16, walAutocheckpointPages: 1000, unsynced: false, commitEveryAppends: 25 },
    });
    const reader = new Database(path, { readonly: true });
    const committed = reader.prepare("SELECT count(*) FROM events WHERE event_id = ?").pluck();
    try {
      const stored = event();
      await writer.append("bulk-g-x", [stored]);
      const before = writer.stats().transactions;
      const settled: { turn: number; appended: NewEvent; seen: unknown; outcome: "ok" | "refused" }[] = [];
      const pending: Promise<void>[] = [];
      for (let turn = 0; turn < 12; turn++) {
        clock += 60_000; // each turn is its own group, stamped with the clock when applied
        for (let i = 0; i < 5; i++) {
          const appended = event({ turn, i });
          // In turn 3, an append colliding at its second event: the transaction is applied again with savepoints.
          const batch = turn === 3 && i === 2 ? [event(), stored] : [appended];
          pending.push(
            writer.append(`bulk-g-${i}`, batch).then(
              () => void settled.push({ turn, appended, seen: committed.get(appended.id), outcome: "ok" }),
              () => void settled.push({ turn, appended, seen: null, outcome: "refused" }),
            ),
          );
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending);
      expect(settled.filter((s) => s.outcome === "refused").map((s) => s.turn)).toEqual([3]);
      expect(settled.filter((s) => s.outcome === "ok").every((s) => s.seen === 1)).toBe(true); // visible to another connection when acknowledged
      // 59 appends 25 per transaction, one of them begun again for the half-written append.
      expect(writer.stats().transactions - before).toBeLessThanOrEqual(4);
      expect(writer.stats()).toMatchObject({ appends: 61, refusedAppends: 1, events: 60, largestGroup: 5 });

      // headPosition commits what the load holds: applied but not yet acknowledged is counted.
      const late = writer.append("bulk-g-late", events(1));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(await writer.headPosition()).toBe(61);
      await late;
    } finally {
      reader.close();
      await writer.close();
    }
    const log = await consistentLog(path);
    const stamps = new Map<number, Set<string>>();
    for (const recorded of log.slice(1, -1)) {
      const turn = (recorded.data as { turn: number }).turn;
      stamps.set(turn, (stamps.get(turn) ?? new Set()).add(recorded.metadata.recordedAt));
    }
    expect([...stamps.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set([...stamps.values()].map((set) => [...set][0])).size).toBe(12);
  });

  it("commits what was appended before close", async () => {
    const path = newPath("bulk-close");
    const writer = createSqliteBulkWriter(path);
    const appended = Array.from({ length: 30 }, (_, i) => writer.append(`close-${i % 3}`, events(2)));
    await writer.close();
    expect((await Promise.all(appended)).at(-1)?.position).toBe(60);
    expect(await consistentLog(path)).toHaveLength(60);
  });
});
