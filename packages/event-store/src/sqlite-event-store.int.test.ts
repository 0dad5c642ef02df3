import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeEventStoreConformance, describeTransparencyLogConformance, referenceRootOfLog } from "@duty-ledger/testing";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { isIdempotencyConflict, isWrongExpectedRevision } from "./errors.js";
import { newEventId } from "./event-id.js";
import type { NewEvent, RecordedEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";
import { createSqliteEventStore, isSqliteEventStore, type SqliteDurability, type SqliteEventStore } from "./sqlite-event-store.js";
import { SQLITE_SCHEMA_VERSION } from "./sqlite-schema.js";
import { treeFilePath } from "./sqlite-tree-file.js";

const dir = mkdtempSync(join(tmpdir(), "duty-ledger-sqlite-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (label: string): string => join(dir, `${label}-${++files}.db`);

for (const durability of ["full", "normal"] as const) {
  const path = newPath(`conformance-${durability}`);
  describeEventStoreConformance(`sqlite (${durability})`, async () => createSqliteEventStore({ path, durability, pollIntervalMs: 50 }));
}
{
  const path = newPath("transparency");
  describeTransparencyLogConformance("sqlite", async () => createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 50 }));
}
{
  // Tiny pages: every read and every catch-up crosses many page boundaries.
  const path = newPath("conformance-pages");
  describeEventStoreConformance("sqlite (pages of 3 rows)", async () =>
    createSqliteEventStore({ path, durability: "normal", pageSize: 3, pollIntervalMs: 50 }),
  );
}

const actor = { id: "sqlite-int-test", role: "system" };
const event = (data: unknown = { n: 1 }): NewEvent => ({ id: newEventId(), type: "SqliteTested", data, metadata: { actor } });
const events = (count: number): NewEvent[] => Array.from({ length: count }, (_, n) => event({ n }));
const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Checks the whole log: positions 1..n without gaps, gapless revisions, a valid chain per stream, the Merkle tree over all of it. */
async function expectConsistentLog(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const log = await collect(store.readAll());
  expect(await store.transparencyLog?.treeHead(log.length)).toEqual({ treeSize: log.length, rootHash: referenceRootOfLog(log) });
  expect(log.map((recorded) => recorded.position)).toEqual(log.map((_, i) => i + 1));
  const streams = new Map<string, RecordedEvent[]>();
  for (const recorded of log) streams.set(recorded.streamId, [...(streams.get(recorded.streamId) ?? []), recorded]);
  for (const [streamId, stream] of streams) {
    const verification = verifyStreamChain(stream);
    expect(verification.ok, `${streamId}: ${JSON.stringify(verification)}`).toBe(true);
    expect(await store.streamRevision(streamId)).toBe(stream.length - 1);
  }
  return log;
}

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const childScript = fileURLToPath(new URL("./sqlite-append-child.test-support.ts", import.meta.url));

interface Child {
  /** Acknowledged appends so far: position and event ids. */
  readonly acks: { position: number; ids: string[] }[];
  readonly done: Promise<number | null>;
  output(): string;
  kill(): void;
}

function spawnAppender(path: string, durability: SqliteDurability, waves: number | "forever"): Child {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", childScript, path, durability, String(waves)], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acks: { position: number; ids: string[] }[] = [];
  let buffered = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const [tag, position, ids] = line.split(" ");
      if (tag === "ACK" && position !== undefined && ids !== undefined) acks.push({ position: Number(position), ids: ids.split(",") });
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { acks, done, output: () => stderr, kill: () => child.kill("SIGKILL") };
}

describe("SQLite event store", () => {
  it("commits concurrent appends in one transaction (group commit), each checked on its own", async () => {
    const store = createSqliteEventStore({ path: newPath("group"), durability: "full" });
    try {
      await store.append("group-existing", events(1));
      const before = store.stats();
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 200 }, (_, i) => store.append(`group-${i % 20}`, events(1 + (i % 2)))),
        store.append("group-existing", events(1), { expectedRevision: "no_stream" }), // refused
        store.append("group-existing", events(2), { expectedRevision: 0 }), // accepted
      ]);
      const after = store.stats();

      expect(outcomes.slice(0, 200).every((outcome) => outcome.status === "fulfilled")).toBe(true);
      expect(outcomes[200]?.status).toBe("rejected");
      expect(isWrongExpectedRevision((outcomes[200] as PromiseRejectedResult).reason)).toBe(true);
      expect(outcomes[201]?.status).toBe("fulfilled");
      expect(after.transactions - before.transactions).toBeLessThanOrEqual(2);
      expect(after.appends - before.appends).toBe(202);
      expect(after.refusedAppends - before.refusedAppends).toBe(1);
      expect(after.events - before.events).toBe(300 + 2);
      expect(after.largestGroup).toBeGreaterThan(100);
      const log = await expectConsistentLog(store);
      expect(log).toHaveLength(1 + 300 + 2);
    } finally {
      await store.close();
    }
  });

  it("rolls back only the refused append of a group, including a half-inserted idempotency conflict", async () => {
    const store = createSqliteEventStore({ path: newPath("savepoint"), durability: "normal" });
    try {
      const stored = event();
      await store.append("sp-a", [stored]);
      const fresh = event();
      const [ok1, conflict, ok2] = await Promise.allSettled([
        store.append("sp-b", events(2)),
        store.append("sp-c", [fresh, stored]), // fresh is inserted first, then the stored id collides
        store.append("sp-c", events(1), { expectedRevision: "no_stream" }),
      ]);
      expect(ok1?.status).toBe("fulfilled");
      expect(conflict?.status).toBe("rejected");
      expect(isIdempotencyConflict((conflict as PromiseRejectedResult).reason)).toBe(true);
      expect(ok2?.status).toBe("fulfilled");
      const c = await collect(store.readStream("sp-c"));
      expect(c).toHaveLength(1);
      expect(c[0]?.id).not.toBe(fresh.id);
      await expectConsistentLog(store);
    } finally {
      await store.close();
    }
  });

  it("refuses an append colliding at its first event without redoing the group, at a later event by redoing it", async () => {
    const store = createSqliteEventStore({ path: newPath("redo"), durability: "normal" });
    try {
      const stored = event();
      await store.append("redo-a", [stored]);
      const attempt = async (collision: NewEvent[]): Promise<{ outcomes: PromiseSettledResult<unknown>[]; transactions: number }> => {
        const before = store.stats().transactions;
        const outcomes = await Promise.allSettled([
          store.append("redo-b", events(2)),
          store.append("redo-c", collision),
          store.append("redo-b", events(1)),
        ]);
        return { outcomes, transactions: store.stats().transactions - before };
      };
      // Nothing of the refused append was written: no rollback needed, one transaction.
      const first = await attempt([stored, event()]);
      expect(first.outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(isIdempotencyConflict((first.outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
      expect(first.transactions).toBe(1);
      // Half written: the group is rolled back and applied again with a savepoint per append.
      const later = await attempt([event(), stored]);
      expect(later.outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(isIdempotencyConflict((later.outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
      expect(later.transactions).toBe(2);
      expect(await store.streamRevision("redo-c")).toBeNull();
      expect(await store.streamRevision("redo-b")).toBe(5);
      await expectConsistentLog(store);
    } finally {
      await store.close();
    }
  });

  it("returns the stored events as an own enumerable property, decoded when read", async () => {
    const store = createSqliteEventStore({ path: newPath("result"), durability: "normal" });
    try {
      const result = await store.append("result-a", events(3));
      expect(Object.keys(result)).toEqual(["nextExpectedRevision", "position", "events"]);
      const viaJson = JSON.parse(JSON.stringify(result)) as { events: unknown[] };
      expect(viaJson.events).toEqual(await collect(store.readStream("result-a")));
      expect(result.events).toBe(result.events); // decoded once
      expect({ ...result }.events).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it("says which stores are SQLite ones, and refuses a negative setting", async () => {
    const store = createSqliteEventStore({ path: newPath("brand"), durability: "normal", cacheSizeMiB: 8 });
    try {
      expect(isSqliteEventStore(store)).toBe(true);
      expect(isSqliteEventStore({ ...store })).toBe(true);
      expect(isSqliteEventStore({ name: "other" } as unknown as SqliteEventStore)).toBe(false);
    } finally {
      await store.close();
    }
    expect(() => createSqliteEventStore({ path: newPath("brand"), cacheSizeMiB: -1 })).toThrow(RangeError);
  });

  it("imports recorded events with their data in canonical form, so a retried append of them is a repeat", async () => {
    const source = createSqliteEventStore({ path: newPath("import-source"), durability: "normal" });
    const target = createSqliteEventStore({ path: newPath("import-target"), durability: "normal" });
    try {
      const appended: NewEvent[] = [event({ b: 2, a: { d: 1, c: 0 } }), event({ z: true, y: [1] })];
      const recorded = (await source.append("import-a", appended)).events;
      // Re-keyed out of canonical order, as another tool might hold them: same hashes.
      const rekeyed = recorded.map((recordedEvent) => ({ ...recordedEvent, data: Object.fromEntries(Object.entries(recordedEvent.data as object).reverse()) }));
      await target.importRecorded(rekeyed);
      const repeat = await target.append("import-a", appended, { expectedRevision: "no_stream" });
      expect(repeat.events.map((e) => e.metadata.hash)).toEqual(recorded.map((e) => e.metadata.hash));
      expect(await target.headPosition()).toBe(2);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it("checkpoints the WAL in a background worker, off the append path, or inline when asked", async () => {
    /** WAL frames written and frames copied into the file, from the WAL-index header (the -shm file). */
    const walState = (path: string): { frames: number; copied: number } => {
      const header = readFileSync(`${path}-shm`).subarray(0, 136);
      return { frames: header.readUInt32LE(16), copied: header.readUInt32LE(96) };
    };
    const text = "y".repeat(2000);
    const big = (): NewEvent[] => Array.from({ length: 100 }, () => event({ text })); // about 60 pages
    const background = newPath("checkpoint-background");
    const store = createSqliteEventStore({ path: background, durability: "normal", walAutocheckpointPages: 50 });
    try {
      await store.append("ckpt", big());
      expect(walState(background).frames).toBeGreaterThan(50);
      // The writer's own checkpoint is at 8 × 50 pages: only the worker copies these.
      await until(() => walState(background).copied === walState(background).frames, 5000, "a background checkpoint");
    } finally {
      await store.close();
    }
    expect(existsSync(`${background}-wal`)).toBe(false); // closed last, the writer checkpointed and removed it

    const inline = newPath("checkpoint-inline");
    const inlineStore = createSqliteEventStore({ path: inline, durability: "normal", walAutocheckpointPages: 50, checkpoints: "inline" });
    try {
      await inlineStore.append("ckpt", big());
      const state = walState(inline);
      expect(state.frames).toBeGreaterThan(50);
      expect(state.copied).toBe(state.frames); // checkpointed by the commit itself
    } finally {
      await inlineStore.close();
    }
  });

  it("caps a group at maxGroupSize appends", async () => {
    const store = createSqliteEventStore({ path: newPath("cap"), durability: "normal", maxGroupSize: 10 });
    try {
      await Promise.all(Array.from({ length: 35 }, (_, i) => store.append(`cap-${i}`, events(1))));
      expect(store.stats().transactions).toBe(4);
      expect(store.stats().largestGroup).toBe(10);
    } finally {
      await store.close();
    }
  });

  it("acknowledges an append only after its transaction committed", async () => {
    const path = newPath("ack");
    const store = createSqliteEventStore({ path, durability: "full" });
    const reader = new Database(path, { readonly: true });
    try {
      const seen = reader.prepare("SELECT count(*) FROM events WHERE event_id = ?").pluck();
      const visibleAtAck = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const appended = event();
          await store.append(`ack-${i % 5}`, [appended]);
          return seen.get(appended.id); // another connection sees it the moment the promise resolves
        }),
      );
      expect(visibleAtAck).toEqual(visibleAtAck.map(() => 1));
    } finally {
      reader.close();
      await store.close();
    }
  });

  it("does not hold a lone append back", async () => {
    const store = createSqliteEventStore({ path: newPath("lone"), durability: "normal" });
    try {
      await store.append("lone", events(1));
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await store.append("lone", events(1));
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      expect(latencies[10]).toBeLessThan(20); // median, in ms, on a loaded CI machine
    } finally {
      await store.close();
    }
  });

  it("commits what was appended before close, then refuses", async () => {
    const path = newPath("close");
    const store = createSqliteEventStore({ path });
    const pending = Array.from({ length: 30 }, (_, i) => store.append(`close-${i % 3}`, events(2)));
    await store.close();
    const results = await Promise.allSettled(pending);
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);

    const reopened = createSqliteEventStore({ path });
    try {
      expect(await reopened.headPosition()).toBe(60);
      await expectConsistentLog(reopened);
    } finally {
      await reopened.close();
    }
  });

  it("reopens a file with its log intact and continues positions, revisions and hash chains", async () => {
    const path = newPath("reopen");
    const first = createSqliteEventStore({ path, durability: "full" });
    await first.append("reopen-a", events(3));
    await first.append("reopen-b", events(2));
    await first.close();

    const second = createSqliteEventStore({ path, durability: "normal" });
    try {
      const result = await second.append("reopen-a", events(2), { expectedRevision: 2 });
      expect(result.nextExpectedRevision).toBe(4);
      expect(result.position).toBe(7);
      const log = await expectConsistentLog(second);
      expect(log).toHaveLength(7);
    } finally {
      await second.close();
    }
    const check = new Database(path, { readonly: true });
    try {
      expect(check.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(check.prepare("SELECT version FROM schema_version").pluck().get()).toBe(SQLITE_SCHEMA_VERSION);
    } finally {
      check.close();
    }
  });

  it("keeps one Merkle tree when two connections append to the same file in turn", async () => {
    const path = newPath("tree-two-writers");
    const a = createSqliteEventStore({ path, durability: "normal" });
    const b = createSqliteEventStore({ path, durability: "normal" });
    try {
      for (let i = 0; i < 12; i++) await (i % 3 === 0 ? b : a).append(`two-${i % 4}`, events(1 + (i % 5)));
      const log = await expectConsistentLog(a);
      expect(await b.transparencyLog?.treeHead(log.length)).toEqual(await a.transparencyLog?.treeHead(log.length));
      expect(log.length).toBeGreaterThan(16);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("builds the Merkle tree of a store written before it kept one (schema version 1)", async () => {
    const path = newPath("tree-migration");
    const first = createSqliteEventStore({ path, durability: "normal" });
    for (let i = 0; i < 7; i++) await first.append(`old-${i}`, events(1 + i));
    await first.close();
    const db = new Database(path);
    db.exec("DROP TABLE tree_heads; UPDATE schema_version SET version = 1");
    db.close();
    rmSync(treeFilePath(path));

    const migrated = createSqliteEventStore({ path, durability: "normal" });
    try {
      const log = await expectConsistentLog(migrated);
      expect(log).toHaveLength(28);
      await migrated.append("old-0", events(3), { expectedRevision: 0 });
      expect(await expectConsistentLog(migrated)).toHaveLength(31);
    } finally {
      await migrated.close();
    }
  });

  it("keeps the tree in a file of its own, and moves a version 2 store's tree tables out of the log's file", async () => {
    const path = newPath("tree-file");
    const first = createSqliteEventStore({ path, durability: "normal" });
    for (let i = 0; i < 5; i++) await first.append(`v2-${i}`, events(2 + i));
    await first.close();
    const tablesOf = (file: string): string[] => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'merkle%' ORDER BY name").pluck().all() as string[]);
      } finally {
        db.close();
      }
    };
    expect(tablesOf(path)).toEqual([]);
    expect(tablesOf(treeFilePath(path))).toEqual(["merkle_leaves", "merkle_nodes", "merkle_tree"]);
    // A store of version 2 kept the tree's tables in the log's file, and had no tree file.
    const db = new Database(path);
    db.exec("CREATE TABLE merkle_tree (id INTEGER PRIMARY KEY, size INTEGER NOT NULL); INSERT INTO merkle_tree VALUES (1, 3); CREATE TABLE merkle_leaves (block INTEGER PRIMARY KEY, hashes BLOB NOT NULL); CREATE TABLE merkle_nodes (level INTEGER, idx INTEGER, hash BLOB, PRIMARY KEY (level, idx)); UPDATE schema_version SET version = 2");
    db.close();
    rmSync(treeFilePath(path));
    const migrated = createSqliteEventStore({ path, durability: "normal" });
    try {
      const log = await expectConsistentLog(migrated);
      expect(log).toHaveLength(20);
    } finally {
      await migrated.close();
    }
    expect(tablesOf(path)).toEqual([]);
    const tree = new Database(treeFilePath(path), { readonly: true });
    expect(tree.prepare("SELECT size FROM merkle_tree").pluck().get()).toBe(20);
    tree.close();
  });

  it("reports a tree file that cannot be the log's at open, and leaves it as it is", async () => {
    const path = newPath("tree-mismatch");
    const first = createSqliteEventStore({ path, durability: "normal" });
    for (let i = 0; i < 4; i++) await first.append(`mm-${i}`, events(5));
    await first.close();
    const errors: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, debug: () => undefined, error: (fields: { reason?: string }) => errors.push(fields.reason ?? "") };
    const reopen = async (): Promise<void> => createSqliteEventStore({ path, durability: "normal", logger }).close();
    await reopen();
    expect(errors).toEqual([]);
    const tree = new Database(treeFilePath(path));
    const row = tree.prepare("SELECT hashes FROM merkle_leaves WHERE block = 1").pluck().get() as Buffer;
    row[3 * 32] = (row[3 * 32] as number) ^ 1; // leaf 19, the tree's last
    tree.prepare("UPDATE merkle_leaves SET hashes = ? WHERE block = 1").run(row);
    tree.close();
    await reopen();
    expect(errors).toEqual(["the tree's leaf 19 is not the leaf of the log's event at position 20"]);
    const kept = new Database(treeFilePath(path), { readonly: true });
    expect((kept.prepare("SELECT hashes FROM merkle_leaves WHERE block = 1").pluck().get() as Buffer).equals(row)).toBe(true);
    kept.close();
  });

  it("refuses a database whose schema is newer than the code", async () => {
    const path = newPath("future");
    await createSqliteEventStore({ path }).close();
    const db = new Database(path);
    db.prepare("UPDATE schema_version SET version = ?").run(SQLITE_SCHEMA_VERSION + 1);
    db.close();
    expect(() => createSqliteEventStore({ path })).toThrow(/newer than this code/);
  });

  it("a catch-up read (until) fails, rather than completes, when the store closes before the read reached until", async () => {
    const store = createSqliteEventStore({ path: newPath("until-closed"), pollIntervalMs: 20 });
    const { position } = await store.append("s-1", events(1));
    const outcome = new Promise<unknown>((resolve) => {
      store.subscribe({ after: 0, until: position + 10 }).subscribe({ error: resolve, complete: () => resolve("completed") });
    });
    await sleep(50);
    await store.close();
    expect(await outcome).toMatchObject({ code: "STORE_CLOSED" });
  });

  it("stops its timers when a subscription is unsubscribed", async () => {
    const store = createSqliteEventStore({ path: newPath("timers"), pollIntervalMs: 20 });
    // Spies call through: the real timers run; they only record the handles.
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const clearIntervalSpy = vi.spyOn(globalThis, "clearInterval");
    try {
      const subscription = store.subscribe().subscribe(() => undefined);
      await sleep(50);
      expect(setIntervalSpy).toHaveBeenCalledTimes(1);
      const poller = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
      expect(clearIntervalSpy).not.toHaveBeenCalledWith(poller);
      subscription.unsubscribe();
      expect(clearIntervalSpy).toHaveBeenCalledWith(poller);
    } finally {
      setIntervalSpy.mockRestore();
      clearIntervalSpy.mockRestore();
      await store.close();
    }
  });

  it("a subscriber sees events appended through another connection to the same file (polling)", async () => {
    const path = newPath("two-connections");
    const subscriberStore = createSqliteEventStore({ path, pollIntervalMs: 25 });
    const writerStore = createSqliteEventStore({ path, durability: "normal" });
    const received: RecordedEvent[] = [];
    const subscription = subscriberStore.subscribe({ after: 0 }).subscribe((recorded) => received.push(recorded));
    try {
      const appended: RecordedEvent[] = [];
      for (let i = 0; i < 10; i++) appended.push(...(await writerStore.append(`conn-${i % 2}`, events(3))).events);
      await until(() => received.length >= 30, 10_000, "30 events through polling");
      await sleep(100);
      expect(received.map((recorded) => recorded.id)).toEqual(appended.map((recorded) => recorded.id));
    } finally {
      subscription.unsubscribe();
      await writerStore.close();
      await subscriberStore.close();
    }
  });

  it("a subscriber sees, exactly once, the events another process appends", async () => {
    const path = newPath("cross-process");
    const store = createSqliteEventStore({ path, pollIntervalMs: 25 });
    const received: RecordedEvent[] = [];
    const subscription = store.subscribe().subscribe((recorded) => received.push(recorded));
    try {
      const child = spawnAppender(path, "full", 3);
      const code = await child.done;
      expect(code, child.output()).toBe(0);
      const acked = child.acks.flatMap((ack) => ack.ids);
      expect(acked.length).toBe(3 * (7 * 1 + 7 * 2 + 6 * 3));
      await until(() => received.length >= acked.length, 10_000, "the child's events");
      await sleep(100);
      expect(received).toHaveLength(acked.length);
      expect(new Set(received.map((recorded) => recorded.id))).toEqual(new Set(acked));
      expect(received.map((recorded) => recorded.position)).toEqual(received.map((_, i) => i + 1));
    } finally {
      subscription.unsubscribe();
      await store.close();
    }
  });

  for (const durability of ["full", "normal"] as const) {
    it(`an acknowledged append survives a SIGKILL of the process (${durability})`, async () => {
      const path = newPath(`sigkill-${durability}`);
      const child = spawnAppender(path, durability, "forever");
      await until(() => child.acks.length >= 300 || child.output().includes("Error"), 60_000, "300 acknowledged appends");
      child.kill();
      await child.done;
      expect(child.acks.length, child.output()).toBeGreaterThanOrEqual(300);

      const store = createSqliteEventStore({ path });
      try {
        const log = await expectConsistentLog(store);
        const occurrences = new Map<string, number>();
        for (const recorded of log) occurrences.set(recorded.id, (occurrences.get(recorded.id) ?? 0) + 1);
        for (const ack of child.acks) {
          for (const id of ack.ids) expect(occurrences.get(id), `acked event ${id}`).toBe(1);
          expect(log[ack.position - 1]?.id).toBe(ack.ids[ack.ids.length - 1]);
        }
      } finally {
        await store.close();
      }
    });
  }
});
