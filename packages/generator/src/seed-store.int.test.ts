import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createSqliteBulkWriter, createSqliteEventStore, EVENTS_FILE_NAME, verifyStreamChain, type RecordedEvent } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "./generate-history.js";
import { runSeedCommand } from "./seed-command.js";
import { createSimulatedClock, isStoreNotEmptyError, seedStore, type SeedProgress } from "./seed-store.js";

const options = { profile: "county", seed: 21, scale: 0.5 } as const;
const HOUR = 3_600_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "duty-ledger-seed-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const output = (tty = false): Writable & { isTTY?: boolean; text: () => string } => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { isTTY?: boolean; text: () => string };
  stream.isTTY = tty;
  stream.text = () => chunks.join("");
  return stream;
};

describe("seedStore into a real SQLite store", () => {
  it("appends the generated history as generated, with recordedAt following the simulated time", async () => {
    const path = join(dir, "store.sqlite");
    const clock = createSimulatedClock();
    const store = createSqliteEventStore({ path, now: clock.now, durability: "normal", pollIntervalMs: 0 });
    const progress: SeedProgress[] = [];
    try {
      const result = await seedStore(store, options, { clock, onProgress: (p) => progress.push(p), progressEveryEvents: 500 });
      const generated = [...generateHistory(options)];
      const expectedEvents = generated.flatMap((append) => append.events.map((event) => ({ id: event.id, streamId: append.streamId, recordedAt: Date.parse(append.recordedAt) })));
      expect(result.events).toBe(expectedEvents.length);
      expect(result.headPosition).toBe(expectedEvents.length);
      expect(result.appends).toBe(generated.length);
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)?.events).toBe(result.events);
      expect(progress.at(-1)?.fraction).toBeGreaterThan(0.95);

      const stored: RecordedEvent[] = [];
      for await (const event of store.readAll()) stored.push(event);
      expect(stored.map((e) => e.id)).toEqual(expectedEvents.map((e) => e.id));
      stored.forEach((event, i) => {
        const expected = expectedEvents[i];
        expect(event.streamId).toBe(expected?.streamId);
        // Stamped by the store's (simulated) clock: never before the simulated moment, at most one batch window after.
        const shift = Date.parse(event.metadata.recordedAt) - (expected?.recordedAt ?? 0);
        expect(shift).toBeGreaterThanOrEqual(0);
        expect(shift).toBeLessThanOrEqual(HOUR);
      });

      const streams = new Map<string, RecordedEvent[]>();
      for (const event of stored) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      for (const events of streams.values()) expect(verifyStreamChain(events).ok).toBe(true);
      expect(result.streams).toBe(streams.size);

      await expect(seedStore(store, options)).rejects.toSatisfy(isStoreNotEmptyError);
    } finally {
      await store.close();
    }
  });
});

describe("seedStore generating in a worker thread, or writing through a live store", () => {
  /** Every stored row, in position order. */
  const storedRows = async (path: string): Promise<unknown[]> => {
    const store = createSqliteEventStore({ path, pollIntervalMs: 0 });
    try {
      const rows: unknown[] = [];
      for await (const event of store.readAll()) rows.push(event);
      return rows;
    } finally {
      await store.close();
    }
  };
  const seedInto = async (path: string, generateIn: "worker" | "thread", through: "store" | "bulk writer" = "bulk writer"): Promise<void> => {
    const clock = createSimulatedClock();
    const store =
      through === "store"
        ? createSqliteEventStore({ path, now: clock.now, durability: "normal", pollIntervalMs: 0 })
        : createSqliteBulkWriter(path, { now: clock.now, durability: "normal" });
    try {
      await seedStore(store, { profile: "county", seed: 5, scale: 0.3 }, { clock, generateIn });
    } finally {
      await store.close();
    }
  };

  it("stores exactly what generating in this thread stores", async () => {
    const inWorker = join(dir, "worker.sqlite");
    await seedInto(inWorker, "worker");
    const inThread = join(dir, "thread.sqlite");
    await seedInto(inThread, "thread");
    const [worker, thread] = await Promise.all([storedRows(inWorker), storedRows(inThread)]);
    expect(worker.length).toBeGreaterThan(1000);
    expect(worker).toEqual(thread);
    // A live store, each batch awaited, stores what the bulk writer stores.
    const inStore = join(dir, "through-store.sqlite");
    await seedInto(inStore, "thread", "store");
    expect(await storedRows(inStore)).toEqual(thread);
  });
});

describe("runSeedCommand", () => {
  it("seeds <data-dir>/events.sqlite, prints progress on a TTY and a summary, and refuses to seed twice", async () => {
    const dataDir = join(dir, "data");
    const stdout = output(true);
    const stderr = output();
    const args = ["seed", "--profile", "county", "--seed", "8", "--scale", "0.3", "--data-dir", dataDir];
    expect(await runSeedCommand(args, { stdout, stderr, env: {} })).toBe(0);
    expect(existsSync(join(dataDir, EVENTS_FILE_NAME))).toBe(true);
    const text = stdout.text();
    expect(text).toMatch(/\r\x1b\[K seeding county: [\d,]+ events, [\d,]+ events\/s, \d+ %/);
    expect(text).toMatch(/^[\d,]+ events in [\d,]+ appends/m);
    expect(text).toContain("demo identities");
    expect(text).toMatch(/clerk +clerk-ST-K001-\d{3} +stationId ST-K001-\d{3}/);
    expect(stderr.text()).toBe("");

    const again = output();
    const refused = output();
    expect(await runSeedCommand(args, { stdout: again, stderr: refused, env: {} })).toBe(1);
    expect(refused.text()).toContain("already holds");

    const forced = output();
    const forcedErr = output();
    expect(await runSeedCommand([...args, "--force"], { stdout: forced, stderr: forcedErr, env: {} })).toBe(0);
    expect(forcedErr.text()).toContain("deleted");
    expect(forced.text()).not.toContain("\r"); // not a TTY: no progress line
    const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), pollIntervalMs: 0 });
    try {
      const head = await store.headPosition();
      expect(text).toContain(`${head.toLocaleString("en-US")} events in`);
    } finally {
      await store.close();
    }
  });

  it("--until ends the history on that day (last recordedAt that day, nothing after it) and says so", async () => {
    const dataDir = join(dir, "until");
    const stdout = output();
    expect(await runSeedCommand(["--seed", "3", "--scale", "0.2", "--from", "2024-01-01", "--until", "2024-07-15", "--data-dir", dataDir], { stdout, stderr: output(), env: {} })).toBe(0);
    expect(stdout.text()).toContain("2024-01-01 to 2024-07-15");
    const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), pollIntervalMs: 0 });
    try {
      let last = "";
      for await (const event of store.readAll()) last = event.metadata.recordedAt > last ? event.metadata.recordedAt : last;
      expect(Date.parse(last)).toBeLessThan(Date.parse("2024-07-16T00:00:00+08:00"));
      expect(Date.parse(last)).toBeGreaterThan(Date.parse("2024-06-15T00:00:00+08:00"));
    } finally {
      await store.close();
    }
  });

  it("takes the data folder from DUTY_LEDGER_DATA_DIR relative to the given cwd", async () => {
    const stdout = output();
    expect(await runSeedCommand(["--seed", "2", "--scale", "0.1"], { stdout, stderr: output(), env: { DUTY_LEDGER_DATA_DIR: "env-data" }, cwd: dir })).toBe(0);
    expect(existsSync(join(dir, "env-data", EVENTS_FILE_NAME))).toBe(true);
  });

  it("answers usage mistakes with exit code 2 and the usage", async () => {
    for (const args of [
      ["--profile", "planet"],
      ["--years", "0"],
      ["--from", "2024/01/01"],
      ["--until", "2024-1-5"],
      ["--until", "2024-06-30", "--years", "1"],
      ["--from", "2024-06-01", "--until", "2024-05-31"],
      ["--bogus"],
      ["--durability", "fast"],
    ]) {
      const stderr = output();
      expect(await runSeedCommand(args, { stdout: output(), stderr, env: {} }), args.join(" ")).toBe(2);
      expect(stderr.text()).toContain("usage: duty-ledger seed");
    }
    const stderr = output();
    expect(await runSeedCommand([], { stdout: output(), stderr, env: { DUTY_LEDGER_STORE: "esdb" } })).toBe(2);
    const help = output();
    expect(await runSeedCommand(["--help"], { stdout: help, stderr: output(), env: {} })).toBe(0);
    expect(help.text()).toContain("--profile");
  });
});
