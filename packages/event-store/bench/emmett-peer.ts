import Database from "better-sqlite3";
import type { Event } from "@event-driven-io/emmett";
import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
  type SQLiteConnection,
  type SQLiteEventStore,
} from "@event-driven-io/emmett-sqlite";
import type { AppendDriver, Durability, ReadDriver } from "./bench-driver.js";
import type { AppendStep, BenchEvent, Lane } from "./bench-events.js";

/**
 * The peer: Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`, on the `sqlite3`
 * driver, WAL). Two ways to hold connections, both as its API offers them:
 * - "pool": `getSQLiteEventStore({ fileName })`, its default for a file, which opens and
 *   closes a connection per operation (synchronous stays at SQLite's default, FULL);
 * - "shared": one connection passed as a singleton (`connectionOptions`), on which the
 *   bench sets `PRAGMA synchronous` to the durability mode.
 * Our event ids go in as Emmett's `messageId`; stream versions are 1-based counts there.
 */

export type EmmettConnections = "pool" | "shared";

type EmmettEvent = Event<string, Record<string, unknown>, Record<string, unknown>>;

function toEmmett(event: BenchEvent): EmmettEvent {
  return { type: event.type, data: event.data, metadata: { ...event.metadata, messageId: event.id } };
}

interface OpenedStore {
  readonly store: SQLiteEventStore;
  readonly connection: SQLiteConnection | null;
}

/**
 * Puts a fresh file in WAL mode once, as a deployment's file would be. Emmett's connections each
 * set WAL when they open, without a callback: on a fresh file, one doing so while another is in
 * a transaction fails ("cannot change into wal mode from within a transaction"), and the error,
 * emitted with no listener, ends the bench's process. On a file already in WAL it changes nothing.
 */
function walFile(fileName: string): void {
  const db = new Database(fileName);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

async function openStore(fileName: string, connections: EmmettConnections, durability: Durability): Promise<OpenedStore> {
  walFile(fileName);
  if (connections === "pool") {
    if (durability !== "full") throw new Error("Emmett's pooled connections keep SQLite's default synchronous (FULL)");
    const store = getSQLiteEventStore({ fileName });
    await store.schema.migrate();
    return { store, connection: null };
  }
  const connection = sqliteConnection({ fileName });
  await connection.command(`PRAGMA synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  const store = getSQLiteEventStore({ fileName, connectionOptions: { singleton: true, connection } });
  await store.schema.migrate();
  return { store, connection };
}

async function closeStore(opened: OpenedStore): Promise<void> {
  opened.connection?.close();
  // The pool closes its per-operation connections without waiting; let them finish.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function appendStep(store: SQLiteEventStore, step: AppendStep, events: readonly EmmettEvent[]): Promise<void> {
  await store.appendToStream(step.streamId, [...events], { expectedStreamVersion: BigInt(step.expectedRevision + 1) });
}

const MAX_ATTEMPTS = 3;

const isBusy = (error: unknown): boolean => error instanceof Error && "code" in error && error.code === "SQLITE_BUSY";

/**
 * Emmett's per-operation connections occasionally fail a commit with SQLITE_BUSY ("SQL
 * statements in progress"), nothing stored; a client would retry, so the bench does, up to
 * three attempts, and reports how many appends it retried. Any other failure is final.
 */
async function appendWithRetry(store: SQLiteEventStore, step: AppendStep, events: readonly EmmettEvent[], onRetry: () => void): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await appendStep(store, step, events);
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isBusy(error)) throw error;
      onRetry();
    }
  }
}

/**
 * Emmett's connection prints every failed transaction's error with `console.log`; while the
 * bench runs, such lines are counted instead of printed. Returns the function that restores
 * `console.log` and says how many were silenced.
 */
export function silenceEmmettErrorLogs(): () => number {
  const original = console.log;
  let silenced = 0;
  console.log = (...args: unknown[]): void => {
    if (args.length === 1 && args[0] instanceof Error) silenced += 1;
    else original(...args);
  };
  return () => {
    console.log = original;
    return silenced;
  };
}

/** Converts the plan up front (untimed) so the timed part is Emmett's own work. */
export async function openEmmettAppendDriver(
  path: string,
  connections: EmmettConnections,
  durability: Durability,
  lanes: readonly Lane[],
): Promise<AppendDriver> {
  const opened = await openStore(path, connections, durability);
  const converted = new Map<AppendStep, readonly EmmettEvent[]>();
  for (const lane of lanes) for (const step of lane) converted.set(step, step.events.map(toEmmett));
  let retries = 0;
  return {
    append: (step) =>
      appendWithRetry(opened.store, step, converted.get(step) ?? step.events.map(toEmmett), () => {
        retries += 1;
      }),
    close: () => closeStore(opened),
    retries: () => retries,
  };
}

export interface EmmettConsumerPulling {
  readonly batchSize: number;
  readonly pullingFrequencyInMs: number;
}

/**
 * An Emmett log holding `lanes`' events (appended untimed). `readAll` pages with its exported
 * `readMessagesBatch`; `catchUp` runs its consumer with one processor from the beginning,
 * stopping after the `count`-th global position (the processor checkpoints as it goes).
 */
export async function openEmmettReadDriver(path: string, lanes: readonly Lane[], pulling: EmmettConsumerPulling): Promise<ReadDriver> {
  const opened = await openStore(path, "shared", "normal");
  for (const lane of lanes) for (const step of lane) await appendStep(opened.store, step, step.events.map(toEmmett));
  const reader = opened.connection ?? sqliteConnection({ fileName: path });
  let run = 0;
  return {
    readAll: async () => {
      let after = 0n;
      let count = 0;
      for (;;) {
        const batch = await readMessagesBatch(reader, { after, batchSize: 1000 });
        for (const message of batch.messages) if (message.data !== null) count += 1;
        after = batch.currentGlobalPosition;
        if (!batch.areEventsLeft) return count;
      }
    },
    catchUp: async (count) => {
      run += 1;
      let seen = 0;
      const last = BigInt(count);
      const consumer = opened.store.consumer({ pulling });
      consumer.processor({
        processorId: `bench-catch-up-${run}`,
        startFrom: "BEGINNING",
        eachMessage: (message) => {
          if (message.data !== null) seen += 1;
        },
        stopAfter: (message) => message.metadata.globalPosition >= last,
      });
      await consumer.start();
      await consumer.stop();
      return seen;
    },
    close: () => closeStore(opened),
  };
}
