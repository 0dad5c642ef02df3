import Database from "better-sqlite3";
import { Observable } from "rxjs";
import {
  IdempotencyConflictError,
  InvalidAppendError,
  StoreClosedError,
  WrongExpectedRevisionError,
} from "./errors.js";
import { createCanonicalEncoder } from "./canonical-json.js";
import { importProblem } from "./hash-chain.js";
import { encodeNewEvents, startStreamChain, type EncodedEvent } from "./event-encoding.js";
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  ImportResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamsOptions,
  RecordedEvent,
  SubscribeOptions,
} from "./event-store.js";
import { createSilentLogger, type EventStoreLogger } from "./logger.js";
import { pagedSubscription, type LogPage } from "./paged-subscription.js";
import { keptTypesOf } from "./read-streams.js";
import { startBackgroundCheckpointer, type BackgroundCheckpointer } from "./sqlite-checkpointer.js";
import { migrateSqliteSchema } from "./sqlite-schema.js";

/**
 * `"full"`: `synchronous=FULL`, the WAL is fsynced at every commit: an acknowledged append
 * survives a process crash AND a power loss / OS crash. The default.
 * `"normal"`: `synchronous=NORMAL` in WAL mode: fsync only at checkpoints; survives a process
 * crash, but the last commits may be lost on power loss or an OS crash.
 */
export type SqliteDurability = "full" | "normal";

export interface SqliteEventStoreOptions {
  /** Database file (created if missing). */
  readonly path: string;
  /** Default `"full"`. */
  readonly durability?: SqliteDurability;
  readonly logger?: EventStoreLogger;
  /** How often subscriptions poll for writes of other processes (ms). Default 100; 0 disables. */
  readonly pollIntervalMs?: number;
  /** At most this many appends are committed in one transaction. Default 1000. */
  readonly maxGroupSize?: number;
  /** Rows per page for reads and subscription catch-up. Default 2000. */
  readonly pageSize?: number;
  /** How long to wait for another process's write lock (ms). Default 5000. */
  readonly busyTimeoutMs?: number;
  /** The store's clock for `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /** The connection's page cache (SQLite `cache_size`), in MiB. Default 16. */
  readonly cacheSizeMiB?: number;
  /** Memory-mapped reads of the file (SQLite `mmap_size`), in MiB. Default 0: off. */
  readonly mmapSizeMiB?: number;
  /** The WAL is checkpointed once this many pages wait to be copied into the file (SQLite `wal_autocheckpoint`). Default 1000; 0: never automatically. */
  readonly walAutocheckpointPages?: number;
  /**
   * Who checkpoints the WAL: `"background"`, a worker thread with a connection of its own, off
   * the append path (see sqlite-checkpointer.ts); `"inline"`, the committing connection, as
   * SQLite does by default (one commit in a few hundred pays for the copy and the fsyncs).
   * Default: background with `"normal"` durability, where checkpoints hold the only fsyncs;
   * inline with `"full"`, where every commit fsyncs the WAL anyway and a concurrent
   * checkpoint's fsync makes those commits wait longer (measured: 20–30 % fewer appends).
   */
  readonly checkpoints?: "background" | "inline";
}

/** The connection settings `beginBulkLoad` changes (those of the options of the same names, and syncing). */
export interface SqliteBulkLoadSettings {
  readonly cacheSizeMiB: number;
  readonly mmapSizeMiB: number;
  readonly walAutocheckpointPages: number;
  /**
   * Commit without fsync while loading (SQLite `synchronous = OFF`); the end of the load
   * restores the store's durability and checkpoints the WAL into the file, synced. A process
   * crash during the load loses nothing committed; an OS crash or power loss may corrupt the
   * file: only for a file that can be deleted and loaded again (a seed).
   */
  readonly unsynced: boolean;
  /**
   * Above 0: the groups of appends (one per turn of the event loop, each stamped as it is
   * applied) share one transaction, committed once this many appends wait for it or when a
   * turn brings no new append; they are acknowledged after that commit. Fewer, larger
   * transactions write each hot page once for many appends. 0: one transaction per group.
   */
  readonly commitEveryAppends: number;
}

/**
 * For loading a generated history into a new file (seeding): a page cache holding the indexes
 * of a province-sized log (the streams table and the (stream, revision) index are written at
 * random places: two pages per one-event append), checkpoints every 64 MiB of WAL rather than
 * every 4 MiB, and no fsync until the end. With `synchronous = NORMAL` each checkpoint fsyncs
 * the WAL, so every byte written to it (about 4 KiB per append, 10 GB for a province, mostly
 * the same hot pages over and over) goes to the disk; unsynced, the page cache absorbs the
 * rewrites and the load is bound by the CPU, not the disk.
 */
export const SQLITE_BULK_LOAD_SETTINGS: SqliteBulkLoadSettings = {
  cacheSizeMiB: 256,
  mmapSizeMiB: 0,
  walAutocheckpointPages: 16384,
  unsynced: true,
  commitEveryAppends: 2_000,
};

/** Counters of the group commit, since the store was opened. */
export interface SqliteEventStoreStats {
  /** Write transactions committed (or attempted). Each costs one fsync in `"full"` durability. */
  readonly transactions: number;
  /** Appends handled (accepted, idempotent repeats and refused). */
  readonly appends: number;
  /** Appends refused (wrong expected revision, idempotency conflict, failed commit). */
  readonly refusedAppends: number;
  /** Events written. */
  readonly events: number;
  /** Most appends in one group (one transaction; in a bulk load, one of the groups sharing a transaction). */
  readonly largestGroup: number;
}

export interface SqliteEventStore extends EventStore {
  readonly path: string;
  readonly durability: SqliteDurability;
  stats(): SqliteEventStoreStats;
  /**
   * Switches the connection to bulk-load settings (default `SQLITE_BULK_LOAD_SETTINGS`) until
   * the returned function is called (or the store closes), which restores the settings the
   * store was opened with and, after an unsynced load, checkpoints the WAL with fsync: once it
   * returns, what was loaded is as durable as the store's durability says.
   */
  beginBulkLoad(settings?: SqliteBulkLoadSettings): () => void;
}

const sqliteStoreBrand: unique symbol = Symbol("SqliteEventStore");

/** True for a store made by `createSqliteEventStore` (e.g. to call `beginBulkLoad` when seeding). */
export const isSqliteEventStore = (store: EventStore): store is SqliteEventStore =>
  (store as Partial<Record<typeof sqliteStoreBrand, unknown>>)[sqliteStoreBrand] === true;

/** The writer's own auto-checkpoint while a background checkpointer runs: a safety net, this many times later. */
const SAFETY_CHECKPOINT_FACTOR = 8;
const CHECKPOINTER_INTERVAL_MS = 50;

const synchronousOf = (settings: SqliteBulkLoadSettings, durability: SqliteDurability): "FULL" | "NORMAL" | "OFF" => {
  if (settings.unsynced) return "OFF";
  switch (durability) {
    case "full":
      return "FULL";
    case "normal":
      return "NORMAL";
    default: {
      const _exhaustive: never = durability;
      throw new Error(`unknown durability ${String(_exhaustive)}`);
    }
  }
};

function checkSetting(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a non-negative number, got ${value}`);
  return value;
}

/** A row of `events` in raw mode: position, stream_id, revision, event_id, type, data, metadata. */
type EventRow = [number, string, number, string, string, string, string];

const eventColumns = "position, stream_id, revision, event_id, type, data, metadata";

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row[3],
  type: row[4],
  streamId: row[1],
  revision: row[2],
  position: row[0],
  data: JSON.parse(row[5]) as unknown,
  metadata: JSON.parse(row[6]) as EventMetadata,
});

/**
 * The result of an accepted append. Its `events` are decoded from what was stored only when
 * read: most callers want the revision and position, and decoding is a large share of the
 * cost of a batched append. It keeps the stored texts, not an object per event.
 */
class StoredAppend {
  readonly nextExpectedRevision: number;
  readonly position: number;
  declare readonly events: readonly RecordedEvent[];
  readonly #streamId: string;
  readonly #encoded: readonly EncodedEvent[];
  readonly #metadataJsons: readonly string[];
  readonly #firstRevision: number;
  #decoded: readonly RecordedEvent[] | undefined;

  constructor(streamId: string, encoded: readonly EncodedEvent[], metadataJsons: readonly string[], firstRevision: number, firstPosition: number) {
    this.nextExpectedRevision = firstRevision + encoded.length - 1;
    this.position = firstPosition + encoded.length - 1;
    this.#streamId = streamId;
    this.#encoded = encoded;
    this.#metadataJsons = metadataJsons;
    this.#firstRevision = firstRevision;
    // An own enumerable property, like the other members (JSON.stringify, spreads and deep equality see it).
    Object.defineProperty(this, "events", storedEventsProperty);
  }

  decode(): readonly RecordedEvent[] {
    const firstPosition = this.position - this.#encoded.length + 1;
    return (this.#decoded ??= this.#encoded.map(
      (event, i): RecordedEvent => ({
        id: event.id,
        type: event.type,
        streamId: this.#streamId,
        revision: this.#firstRevision + i,
        position: firstPosition + i,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: JSON.parse(this.#metadataJsons[i] as string) as EventMetadata,
      }),
    ));
  }
}

const storedEventsProperty: PropertyDescriptor = {
  enumerable: true,
  get(this: StoredAppend): readonly RecordedEvent[] {
    return this.decode();
  },
};

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** Thrown when an event id is already stored, before any row of the append was written (or inside its savepoint). */
class DuplicateEventId extends Error {}

/**
 * Thrown when an append applied without a savepoint fails after some of its rows were written:
 * only rolling the whole group back undoes them; the group is then applied again, with a
 * savepoint per append.
 */
class PartiallyWrittenAppend extends Error {}

type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

const isUniqueEventIdViolation = (error: unknown): boolean =>
  error instanceof Database.SqliteError &&
  error.code === "SQLITE_CONSTRAINT_UNIQUE" &&
  error.message.includes("events.event_id");

function checkExpectedRevision(streamId: string, expected: unknown): ExpectedRevision {
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return expected;
  if (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppendError(streamId, `invalid expected revision ${String(expected)}`);
}

function expectationMet(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case "any":
      return true;
    case "no_stream":
      return actual === null;
    case "stream_exists":
      return actual !== null;
    default:
      return actual === expected;
  }
}

const orEmpty = (list: readonly string[] | undefined): readonly string[] => list ?? [];

function checkCount(value: number | undefined, what: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  return value;
}

function checkStart(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer, got ${value}`);
  return value;
}

/** Stream ids bound per statement of `readStreams` (more are read in several statements). */
const STREAMS_PER_READ = 256;

/** Opens (creating if needed) an event store in one SQLite file, in WAL mode. */
export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const durability: SqliteDurability = options.durability ?? "full";
  const logger = options.logger ?? createSilentLogger();
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const maxGroupSize = Math.max(1, options.maxGroupSize ?? 1000);
  const pageSize = Math.max(1, options.pageSize ?? 2000);
  const scanWindow = pageSize * 16;
  const now = options.now ?? (() => new Date());
  const name = `sqlite:${options.path}`;

  const openedSettings: SqliteBulkLoadSettings = {
    cacheSizeMiB: checkSetting(options.cacheSizeMiB, 16, "cacheSizeMiB"),
    mmapSizeMiB: checkSetting(options.mmapSizeMiB, 0, "mmapSizeMiB"),
    walAutocheckpointPages: checkSetting(options.walAutocheckpointPages, 1000, "walAutocheckpointPages"),
    unsynced: false,
    commitEveryAppends: 0,
  };

  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  let schemaVersion: number;
  try {
    const journalMode: unknown = db.pragma("journal_mode = WAL", { simple: true });
    if (journalMode !== "wal") throw new Error(`event store ${options.path}: WAL journal mode refused (got ${String(journalMode)})`);
    db.pragma("temp_store = MEMORY");
    schemaVersion = migrateSqliteSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }

  // --- connection settings and checkpoints ----------------------------------------------------

  let checkpointer: BackgroundCheckpointer | undefined;
  let current = openedSettings;
  /** Applies cache, mmap, syncing and checkpoint settings to the connection (and the checkpointer). */
  const configure = (settings: SqliteBulkLoadSettings): void => {
    current = settings;
    db.pragma(`cache_size = ${-Math.round(settings.cacheSizeMiB * 1024)}`);
    db.pragma(`mmap_size = ${Math.round(settings.mmapSizeMiB * 1024 * 1024)}`);
    const synchronous = synchronousOf(settings, durability);
    db.pragma(`synchronous = ${synchronous}`);
    const pages = Math.round(settings.walAutocheckpointPages);
    if (checkpointer === undefined) {
      db.pragma(`wal_autocheckpoint = ${pages}`);
      return;
    }
    db.pragma(`wal_autocheckpoint = ${pages * SAFETY_CHECKPOINT_FACTOR}`);
    checkpointer.update({ thresholdPages: pages > 0 ? pages : Number.POSITIVE_INFINITY, synchronous });
  };
  try {
    configure(openedSettings);
    if ((options.checkpoints ?? (durability === "normal" ? "background" : "inline")) === "background") {
      checkpointer = startBackgroundCheckpointer(
        options.path,
        { thresholdPages: Number.POSITIVE_INFINITY, synchronous: synchronousOf(openedSettings, durability) },
        {
          intervalMs: CHECKPOINTER_INTERVAL_MS,
          logger,
          onUnavailable: () => {
            checkpointer = undefined;
            if (!closed) configure(current); // the writer checkpoints by itself again
          },
        },
      );
      configure(openedSettings);
    }
  } catch (error) {
    db.close();
    throw error;
  }

  // --- prepared statements -------------------------------------------------------------------
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  const savepoint = db.prepare("SAVEPOINT append_one");
  const release = db.prepare("RELEASE append_one");
  const rollbackToSavepoint = db.prepare("ROLLBACK TO append_one");
  const selectHead = db.prepare("SELECT coalesce(max(position), 0) FROM events").pluck();
  const selectStream = db.prepare("SELECT last_revision, last_hash FROM streams WHERE stream_id = ?").raw();
  const selectRevision = db.prepare("SELECT last_revision FROM streams WHERE stream_id = ?").pluck();
  const upsertStream = db.prepare(
    "INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?) " +
      "ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash",
  );
  const insertStream = db.prepare("INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?)");
  const updateStream = db.prepare("UPDATE streams SET last_revision = ?, last_hash = ? WHERE stream_id = ?");
  const insertEvent = db.prepare(
    "INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const selectEventById = db.prepare(`SELECT ${eventColumns} FROM events WHERE event_id = ?`).raw();
  const readStreamForwards = db
    .prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`)
    .raw();
  const readStreamBackwards = db
    .prepare(`SELECT ${eventColumns} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
    .raw();

  /** Statements reading the global log with a filter, by shape (direction, #types, #prefixes). */
  const logStatements = new Map<string, Database.Statement>();
  const logStatement = (
    shape: "forwards" | "backwards" | "after",
    filter: { types: readonly string[]; prefixes: readonly string[] },
  ): Database.Statement => {
    const key = `${shape}:${filter.types.length}:${filter.prefixes.length}`;
    let statement = logStatements.get(key);
    if (statement === undefined) {
      const where: string[] = [];
      switch (shape) {
        case "forwards":
          where.push("position >= ?");
          break;
        case "backwards":
          where.push("position <= ?");
          break;
        case "after":
          where.push("position > ?", "position <= ?");
          break;
        default: {
          const _exhaustive: never = shape;
          throw new Error(`unknown shape ${String(_exhaustive)}`);
        }
      }
      if (filter.types.length > 0) where.push(`type IN (${filter.types.map(() => "?").join(", ")})`);
      if (filter.prefixes.length > 0) {
        where.push(`(${filter.prefixes.map(() => "substr(stream_id, 1, length(?)) = ?").join(" OR ")})`);
      }
      statement = db
        .prepare(
          `SELECT ${eventColumns} FROM events WHERE ${where.join(" AND ")} ` +
            `ORDER BY position ${shape === "backwards" ? "DESC" : "ASC"} LIMIT ?`,
        )
        .raw();
      logStatements.set(key, statement);
    }
    return statement;
  };
  const filterParameters = (filter: { types: readonly string[]; prefixes: readonly string[] }): string[] => [
    ...filter.types,
    ...filter.prefixes.flatMap((prefix) => [prefix, prefix]),
  ];
  const normaliseFilter = (filter: EventFilter | undefined): { types: readonly string[]; prefixes: readonly string[] } => ({
    types: orEmpty(filter?.eventTypes),
    prefixes: orEmpty(filter?.streamPrefixes),
  });

  // --- state -----------------------------------------------------------------------------------
  let closed = false;
  const queue: PendingAppend[] = [];
  let flushImmediate: NodeJS.Immediate | undefined;
  const subscriptions = new Set<{ wake: () => void; complete: () => void }>();
  const stats = { transactions: 0, appends: 0, refusedAppends: 0, events: 0, largestGroup: 0 };
  /** Ends the bulk load in progress, if any (see `beginBulkLoad`). */
  let endBulkLoad: (() => void) | undefined;

  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError(name);
  };

  // --- append ----------------------------------------------------------------------------------

  /** One encoder for the store's life: the key orders of its event shapes are sorted once. */
  const encoder = createCanonicalEncoder({ maxShapes: 4096 });

  /** The original result of an append whose events are all stored already; throws on any mismatch. */
  const findOriginal = (append: PendingAppend): AppendResult | null => {
    const rows: EventRow[] = [];
    for (const event of append.events) {
      const row = selectEventById.get(event.id) as EventRow | undefined;
      if (row !== undefined) rows.push(row);
    }
    if (rows.length === 0) return null;
    if (rows.length < append.events.length) {
      const stored = rows[0] as EventRow;
      throw new IdempotencyConflictError(
        append.streamId,
        stored[3],
        `is already stored but ${append.events.length - rows.length} other event(s) of this append are not (partial overlap)`,
      );
    }
    const firstRevision = (rows[0] as EventRow)[2];
    append.events.forEach((event, i) => {
      const row = rows[i] as EventRow;
      if (row[1] !== append.streamId) {
        throw new IdempotencyConflictError(append.streamId, event.id, `is already stored in stream "${row[1]}"`);
      }
      if (row[2] !== firstRevision + i) {
        throw new IdempotencyConflictError(append.streamId, event.id, `is already stored at another revision (${row[2]})`);
      }
      if (row[4] !== event.type || row[5] !== event.dataJson) {
        throw new IdempotencyConflictError(append.streamId, event.id, "is already stored with another type or data");
      }
    });
    const last = rows[rows.length - 1] as EventRow;
    return { nextExpectedRevision: last[2], position: last[0], events: rows.map(toRecordedEvent) };
  };

  /**
   * Applies one append inside the group's transaction; returns its result and the new head.
   * `guarded`: the append runs inside its own savepoint, which the caller rolls back if it
   * throws. Unguarded, a failure before any row of the append is written leaves nothing to
   * undo (a failed statement is rolled back by SQLite) and is thrown as is; a failure after
   * that throws `PartiallyWrittenAppend`.
   */
  const applyAppend = (append: PendingAppend, head: number, recordedAt: string, guarded: boolean): { result: AppendResult; head: number } => {
    const stream = selectStream.get(append.streamId) as [number, string] | undefined;
    const actual = stream === undefined ? null : stream[0];
    if (!expectationMet(append.expected, actual)) {
      const original = findOriginal(append);
      if (original !== null) return { result: original, head };
      throw new WrongExpectedRevisionError(append.streamId, append.expected, actual);
    }
    const firstRevision = actual === null ? 0 : actual + 1;
    // Each event is inserted as soon as it is chained: no object per event lives through the
    // group (objects that do survive young-generation collections and are promoted).
    const chain = startStreamChain(append.streamId, stream === undefined ? null : stream[1], recordedAt);
    const events = append.events;
    const metadataJsons = new Array<string>(events.length);
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as EncodedEvent;
      const metadataJson = chain.next(event, firstRevision + i);
      metadataJsons[i] = metadataJson;
      try {
        insertEvent.run(head + 1 + i, append.streamId, firstRevision + i, event.id, event.type, event.dataJson, metadataJson);
      } catch (error) {
        if (!guarded && i > 0) throw new PartiallyWrittenAppend(append.streamId, { cause: error });
        if (isUniqueEventIdViolation(error)) throw new DuplicateEventId(event.id);
        throw error;
      }
    }
    const lastRevision = firstRevision + events.length - 1;
    try {
      if (stream === undefined) insertStream.run(append.streamId, lastRevision, chain.lastHash);
      else updateStream.run(lastRevision, chain.lastHash, append.streamId);
    } catch (error) {
      if (!guarded) throw new PartiallyWrittenAppend(append.streamId, { cause: error });
      throw error;
    }
    return { result: new StoredAppend(append.streamId, events, metadataJsons, firstRevision, head + 1), head: head + events.length };
  };

  /** The outcome of an append that threw `error` and left nothing written. */
  const refusedOutcome = (append: PendingAppend, error: unknown): Outcome => {
    if (!(error instanceof DuplicateEventId)) return { ok: false, error };
    try {
      const original = findOriginal(append);
      if (original === null) throw new Error(`event id ${error.message} collided but is not stored`);
      return { ok: true, result: original };
    } catch (conflict) {
      return { ok: false, error: conflict };
    }
  };

  /**
   * Runs a group's appends in the open transaction, without a savepoint per append (each
   * costs a statement and a copy of every page it touches) unless `guarded`. Returns `null`,
   * leaving the undoing to the caller, when an unguarded append failed half-written: the
   * caller rolls the group back and runs it again `guarded`, so that a refused append is
   * rolled back alone. Throws when SQLite rolled the whole transaction back.
   */
  const runGroup = (group: readonly PendingAppend[], recordedAt: string, guarded: boolean): { outcomes: Outcome[]; written: number } | null => {
    const outcomes: Outcome[] = [];
    let written = 0;
    let head = selectHead.get() as number;
    for (const append of group) {
      if (guarded) savepoint.run();
      try {
        const applied = applyAppend(append, head, recordedAt, guarded);
        if (guarded) release.run();
        written += applied.head - head;
        head = applied.head;
        outcomes.push({ ok: true, result: applied.result });
      } catch (error) {
        if (!db.inTransaction) throw error; // SQLite rolled the whole transaction back: the group fails
        if (error instanceof PartiallyWrittenAppend) return null;
        if (guarded) {
          rollbackToSavepoint.run();
          release.run();
        }
        outcomes.push(refusedOutcome(append, error));
      }
    }
    return { outcomes, written };
  };

  const rollbackQuietly = (): void => {
    if (!db.inTransaction) return;
    try {
      rollback.run();
    } catch (rollbackError) {
      logger.error({ err: rollbackError }, "event store: rollback after a failed group commit failed");
    }
  };

  /** Applies a group in ONE transaction and commits it; throws when the group cannot commit. */
  const commitGroup = (group: readonly PendingAppend[]): { outcomes: Outcome[]; written: number } => {
    begin.run();
    stats.transactions++;
    try {
      const recordedAt = now().toISOString();
      let applied = runGroup(group, recordedAt, false);
      if (applied === null) {
        rollback.run();
        begin.run();
        stats.transactions++;
        applied = runGroup(group, recordedAt, true) as { outcomes: Outcome[]; written: number };
      }
      commit.run();
      return applied;
    } catch (error) {
      rollbackQuietly();
      throw error;
    }
  };

  /** Settles the appends of a committed transaction with their outcomes. */
  const settle = (appends: readonly PendingAppend[], outcomes: readonly Outcome[], written: number): void => {
    stats.appends += appends.length;
    stats.events += written;
    appends.forEach((append, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) append.reject(new Error("event store: append lost in group commit"));
      else if (outcome.ok) append.resolve(outcome.result);
      else {
        stats.refusedAppends++;
        append.reject(outcome.error);
      }
    });
    if (written > 0) for (const subscription of subscriptions) subscription.wake();
  };

  const failAll = (appends: readonly PendingAppend[], error: unknown): void => {
    logger.error({ err: error, appends: appends.length }, "event store: group commit failed, no append of the group was stored");
    stats.appends += appends.length;
    stats.refusedAppends += appends.length;
    for (const append of appends) append.reject(error);
  };

  // --- bulk load: one transaction over many groups ---------------------------------------------
  //
  // During a bulk load with `commitEveryAppends` > 0, the groups (one per turn of the event
  // loop, each stamped with the clock as it is flushed) are applied in one open transaction,
  // each in a savepoint of its own, and committed together once that many appends are waiting
  // or as soon as a turn brings no new append. Appends are acknowledged after that commit, as
  // always. Every read commits first, so no read sees what is not committed.

  let bulkCommitEvery = 0;
  /** The open bulk transaction: its groups (each with its stamp), their appends and outcomes. */
  let open:
    | { groups: { appends: readonly PendingAppend[]; recordedAt: string }[]; appends: PendingAppend[]; outcomes: Outcome[]; written: number }
    | undefined;
  let idleCommit: NodeJS.Immediate | undefined;

  /** Commits the open bulk transaction, if any, and settles its appends. */
  const commitOpen = (): void => {
    if (idleCommit !== undefined) {
      clearImmediate(idleCommit);
      idleCommit = undefined;
    }
    const pending = open;
    if (pending === undefined) return;
    open = undefined;
    try {
      commit.run();
    } catch (error) {
      rollbackQuietly();
      failAll(pending.appends, error);
      return;
    }
    settle(pending.appends, pending.outcomes, pending.written);
  };

  /** Before a read: open, and nothing appended left uncommitted (a read sees only what is committed). */
  const assertReadable = (): void => {
    assertOpen();
    if (open !== undefined) commitOpen();
  };

  const applyGroupInBulk = (group: readonly PendingAppend[]): void => {
    if (open === undefined) {
      try {
        begin.run();
      } catch (error) {
        failAll(group, error);
        return;
      }
      stats.transactions++;
      open = { groups: [], appends: [], outcomes: [], written: 0 };
    }
    const current = open;
    const recordedAt = now().toISOString();
    current.groups.push({ appends: group, recordedAt });
    current.appends.push(...group);
    try {
      const applied = runGroup(group, recordedAt, false);
      if (applied === null) {
        // Half written: the transaction is rolled back and all its groups applied again, with
        // their stamps and a savepoint per append (rare: a partial idempotency conflict).
        rollback.run();
        begin.run();
        stats.transactions++;
        current.outcomes = [];
        current.written = 0;
        for (const redone of current.groups) {
          const again = runGroup(redone.appends, redone.recordedAt, true) as { outcomes: Outcome[]; written: number };
          current.outcomes.push(...again.outcomes);
          current.written += again.written;
        }
      } else {
        current.outcomes.push(...applied.outcomes);
        current.written += applied.written;
      }
    } catch (error) {
      // The transaction cannot go on: nothing it held is stored.
      open = undefined;
      rollbackQuietly();
      failAll(current.appends, error);
      return;
    }
    if (current.appends.length >= bulkCommitEvery) commitOpen();
    else idleCommit ??= setImmediate(() => {
      idleCommit = undefined;
      if (queue.length === 0) commitOpen(); // else the next group comes in this turn and checks again
    });
  };

  const flush = (): void => {
    flushImmediate = undefined;
    const group = queue.splice(0, maxGroupSize);
    if (group.length === 0) return;
    if (queue.length > 0) scheduleFlush();
    stats.largestGroup = Math.max(stats.largestGroup, group.length);
    if (bulkCommitEvery > 0) {
      applyGroupInBulk(group);
      return;
    }
    let committed: { outcomes: Outcome[]; written: number };
    try {
      committed = commitGroup(group);
    } catch (error) {
      failAll(group, error);
      return;
    }
    settle(group, committed.outcomes, committed.written);
  };

  const importRecorded = async (events: readonly RecordedEvent[]): Promise<ImportResult> => {
    assertOpen();
    while (queue.length > 0) flush();
    commitOpen();
    const heads = new Map<string, { revision: number; hash: string }>();
    const headOf = (streamId: string): { revision: number; hash: string } | undefined => {
      const known = heads.get(streamId);
      if (known !== undefined) return known;
      const stored = selectStream.get(streamId) as [number, string] | undefined;
      return stored === undefined ? undefined : { revision: stored[0], hash: stored[1] };
    };
    begin.run();
    let head = selectHead.get() as number;
    try {
      for (const event of events) {
        const problem = importProblem(event, headOf(event.streamId));
        if (problem !== null) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: ${problem}`);
        head++;
        try {
          insertEvent.run(head, event.streamId, event.revision, event.id, event.type, encoder(event.data), JSON.stringify(event.metadata));
        } catch (error) {
          if (isUniqueEventIdViolation(error)) throw new InvalidAppendError(event.streamId, `cannot import event ${event.id}: its id is already stored`);
          throw error;
        }
        heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash });
      }
      for (const [streamId, last] of heads) upsertStream.run(streamId, last.revision, last.hash);
      commit.run();
    } catch (error) {
      if (db.inTransaction) rollback.run();
      throw error;
    }
    stats.events += events.length;
    if (events.length > 0) for (const subscription of subscriptions) subscription.wake();
    return { imported: events.length, position: head };
  };

  const scheduleFlush = (): void => {
    if (flushImmediate === undefined) flushImmediate = setImmediate(flush);
  };

  const append = (streamId: string, events: readonly NewEvent[], appendOptions?: AppendOptions): Promise<AppendResult> => {
    try {
      assertOpen();
      const expected = checkExpectedRevision(streamId, appendOptions?.expectedRevision ?? "any");
      const encoded = encodeNewEvents(streamId, events, encoder);
      return new Promise<AppendResult>((resolve, reject) => {
        queue.push({ streamId, events: encoded, expected, resolve, reject });
        scheduleFlush();
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };

  // --- reads -----------------------------------------------------------------------------------

  async function* readStream(streamId: string, readOptions: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertReadable();
    const backwards = readOptions.direction === "backwards";
    let remaining = checkCount(readOptions.maxCount, "maxCount");
    let next = checkStart(readOptions.fromRevision, "fromRevision") ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    while (remaining > 0) {
      assertReadable();
      const limit = Math.min(pageSize, remaining);
      const rows = (backwards ? readStreamBackwards : readStreamForwards).all(streamId, next, limit) as EventRow[];
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastRevision = (rows[rows.length - 1] as EventRow)[2];
      next = backwards ? lastRevision - 1 : lastRevision + 1;
      if (next < 0) return;
    }
  }

  /**
   * Statements reading several streams at once, by the number of stream ids bound (a power of
   * two up to `STREAMS_PER_READ`, the list padded by repeating its first id, which `IN` ignores):
   * a handful of shapes, prepared once. The types are filtered here, before decoding, not in
   * SQL: a `type IN (…)` of the record's nine types cost more than the 17 % of rows it spares
   * (a city's 10 413 deputies: 36–42 µs a deputy against 40–43 µs).
   */
  const streamsStatements = new Map<number, Database.Statement>();
  const streamsStatement = (ids: number): Database.Statement => {
    let statement = streamsStatements.get(ids);
    if (statement === undefined) {
      statement = db
        .prepare(`SELECT ${eventColumns} FROM events WHERE stream_id IN (${Array.from({ length: ids }, () => "?").join(", ")}) AND position <= ? ORDER BY position`)
        .raw();
      streamsStatements.set(ids, statement);
    }
    return statement;
  };

  const readStreams = async (streamIds: readonly string[], readOptions: ReadStreamsOptions = {}): Promise<RecordedEvent[]> => {
    assertReadable();
    const upTo = readOptions.upTo ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isSafeInteger(upTo)) throw new RangeError(`upTo must be a safe integer, got ${upTo}`);
    const types = keptTypesOf(readOptions);
    const ids = [...new Set(streamIds)];
    const rows: EventRow[] = [];
    for (let from = 0; from < ids.length; from += STREAMS_PER_READ) {
      const part = ids.slice(from, from + STREAMS_PER_READ);
      let bound = 1;
      while (bound < part.length) bound *= 2;
      while (part.length < bound) part.push(part[0] as string);
      for (const row of streamsStatement(bound).all(...part, upTo) as EventRow[]) {
        if (types === undefined || types.has(row[4])) rows.push(row);
      }
    }
    if (ids.length > STREAMS_PER_READ) rows.sort((a, b) => a[0] - b[0]);
    return rows.map(toRecordedEvent);
  };

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    assertReadable();
    const backwards = readOptions.direction === "backwards";
    let remaining = checkCount(readOptions.maxCount, "maxCount");
    let next = checkStart(readOptions.fromPosition, "fromPosition") ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const filter = normaliseFilter(readOptions.filter);
    const statement = logStatement(backwards ? "backwards" : "forwards", filter);
    const parameters = filterParameters(filter);
    while (remaining > 0) {
      assertReadable();
      const limit = Math.min(pageSize, remaining);
      const rows = statement.all(next, ...parameters, limit) as EventRow[];
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastPosition = (rows[rows.length - 1] as EventRow)[0];
      next = backwards ? lastPosition - 1 : lastPosition + 1;
      if (next < 1) return;
    }
  }

  const subscribe = (subscribeOptions: SubscribeOptions = {}): Observable<RecordedEvent> => {
    if (closed) return new Observable<RecordedEvent>((subscriber) => subscriber.error(new StoreClosedError(name)));
    const after = checkStart(subscribeOptions.after, "after") ?? 0;
    const until = checkStart(subscribeOptions.until, "until");
    const filter = normaliseFilter(subscribeOptions.filter);
    const parameters = filterParameters(filter);
    const readPage = (cursor: number): LogPage => {
      assertReadable();
      // Everything up to the head read first is committed (positions become visible in order),
      // so when the page is not full the log has been scanned up to that head, matching or not.
      const head = selectHead.get() as number;
      if (head <= cursor) return { events: [], scannedTo: cursor, more: false };
      // Bound the scan so that a selective filter over a long log does not block for long.
      const upTo = Math.min(head, cursor + scanWindow, until ?? Number.MAX_SAFE_INTEGER);
      const rows = logStatement("after", filter).all(cursor, upTo, ...parameters, pageSize) as EventRow[];
      if (rows.length === pageSize) {
        return { events: rows.map(toRecordedEvent), scannedTo: (rows[rows.length - 1] as EventRow)[0], more: true };
      }
      return { events: rows.map(toRecordedEvent), scannedTo: upTo, more: upTo < head };
    };
    return pagedSubscription({
      after,
      ...(until === undefined ? {} : { until, closedError: () => new StoreClosedError(name) }),
      readPage,
      pollIntervalMs,
      register: (subscription) => {
        subscriptions.add(subscription);
        return () => subscriptions.delete(subscription);
      },
    });
  };

  // --- the store -------------------------------------------------------------------------------

  logger.info({ path: options.path, durability, schemaVersion }, "event store: SQLite opened");

  const store: SqliteEventStore & { readonly [sqliteStoreBrand]: true } = {
    name,
    path: options.path,
    durability,
    capabilities: { densePositions: true },
    append,
    readStream,
    readStreams,
    readAll,
    subscribe,
    readEvent: async (eventId) => {
      assertReadable();
      const row = selectEventById.get(eventId) as EventRow | undefined;
      return row === undefined ? null : toRecordedEvent(row);
    },
    importRecorded,
    streamRevision: async (streamId) => {
      assertReadable();
      return (selectRevision.get(streamId) as number | undefined) ?? null;
    },
    headPosition: async () => {
      assertReadable();
      return selectHead.get() as number;
    },
    stats: () => ({ ...stats }),
    beginBulkLoad: (settings = SQLITE_BULK_LOAD_SETTINGS) => {
      assertOpen();
      endBulkLoad?.();
      configure(settings);
      bulkCommitEvery = Math.max(0, Math.floor(settings.commitEveryAppends));
      const end = (): void => {
        if (endBulkLoad !== end) return;
        endBulkLoad = undefined;
        bulkCommitEvery = 0;
        commitOpen();
        configure(openedSettings);
        if (!settings.unsynced) return;
        // Synced now: the WAL's frames go into the file and both are fsynced.
        const [outcome] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        if (outcome !== undefined && outcome.busy !== 0) {
          logger.warn({ path: options.path }, "event store: the checkpoint ending an unsynced bulk load was blocked by a reader; the next checkpoint syncs the load");
        }
      };
      endBulkLoad = end;
      return end;
    },
    [sqliteStoreBrand]: true,
    close: async () => {
      if (closed) return;
      closed = true;
      // Commit what was accepted before close: every pending promise settles first.
      if (flushImmediate !== undefined) clearImmediate(flushImmediate);
      while (queue.length > 0) flush();
      endBulkLoad?.();
      commitOpen();
      for (const subscription of [...subscriptions]) subscription.complete();
      subscriptions.clear();
      const stopping = checkpointer;
      checkpointer = undefined;
      await stopping?.stop(); // first: closing last, this connection checkpoints the WAL into the file and removes it
      db.close();
      logger.info({ path: options.path }, "event store: SQLite closed");
    },
  };
  return store;
}
