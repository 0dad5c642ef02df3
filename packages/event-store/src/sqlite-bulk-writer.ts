import { createCanonicalEncoder } from "./canonical-json.js";
import { StoreClosedError } from "./errors.js";
import type { AppendOptions, AppendResult, NewEvent } from "./event-store.js";
import { createSilentLogger, type EventStoreLogger } from "./logger.js";
import { createAppendQueue } from "./sqlite-append-queue.js";
import { openSqliteFile, tuneSqliteConnection, type SqliteCheckpoints, type SqliteConnectionSettings, type SqliteDurability } from "./sqlite-connection.js";
import { commitEachGroup, createAppendSettler, type SqliteEventStoreStats } from "./sqlite-group-commit.js";
import { integrateTree } from "./sqlite-merkle-tree.js";
import { openTreeFile } from "./sqlite-tree-file.js";
import { createGroupWriter, type AppliedGroup, type Outcome, type PendingAppend } from "./sqlite-group-write.js";
import { prepareSqliteStatements, type SqliteStatements } from "./sqlite-statements.js";

/**
 * Loading a generated history into an event store's SQLite file (seeding): a writer of its
 * own, not a mode of the live store. It appends as the store does (same checks, chains,
 * stamps and rows: a file it loaded reads exactly like one the store wrote), with a larger
 * page cache, rarer checkpoints, no fsync until the end when the file was empty, and the
 * groups of many turns of the event loop sharing one transaction. It has no reads nor
 * subscriptions: open the store on the file once the writer is closed. It builds the Merkle
 * tree over what it loaded when it closes, in one pass.
 */

/** The connection settings of a bulk load, and how many appends share a transaction. */
export interface SqliteBulkLoadSettings extends SqliteConnectionSettings {
  /**
   * Commit without fsync while loading (SQLite `synchronous = OFF`); closing the writer
   * restores the durability and checkpoints the WAL into the file, synced. A process crash
   * during the load loses nothing committed; an OS crash or power loss may corrupt the file:
   * only for a file that can be deleted and loaded again (a seed). Applies only to a file that
   * holds no event when the writer opens: events already stored are never risked.
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

export interface SqliteBulkWriterOptions {
  /** The file's durability once loaded (and while loading, unless unsynced). Default `"full"`. */
  readonly durability?: SqliteDurability;
  /** Default `SQLITE_BULK_LOAD_SETTINGS`. */
  readonly settings?: SqliteBulkLoadSettings;
  /** The clock for `recordedAt`, read once per group as it is applied. Default: the system clock. */
  readonly now?: () => Date;
  readonly logger?: EventStoreLogger;
  /** At most this many appends in one group. Default 1000. */
  readonly maxGroupSize?: number;
  /** How long to wait for another process's write lock (ms). Default 5000. */
  readonly busyTimeoutMs?: number;
  /** As the store's option of the same name. */
  readonly checkpoints?: SqliteCheckpoints;
}

export interface SqliteBulkWriter {
  readonly path: string;
  readonly durability: SqliteDurability;
  /** As the store's `append`: acknowledged once committed (see `commitEveryAppends`). */
  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** The head position of the file, after committing what was applied. */
  headPosition(): Promise<number>;
  stats(): SqliteEventStoreStats;
  /**
   * Commits what was accepted, restores the durability and, after an unsynced load,
   * checkpoints the WAL into the file with fsync: once it returns, what was loaded is as
   * durable as `durability` says.
   */
  close(): Promise<void>;
}

const bulkWriterBrand: unique symbol = Symbol("SqliteBulkWriter");

/** True for a writer made by `createSqliteBulkWriter`. */
export const isSqliteBulkWriter = (value: unknown): value is SqliteBulkWriter =>
  typeof value === "object" && value !== null && (value as Partial<Record<typeof bulkWriterBrand, unknown>>)[bulkWriterBrand] === true;

/** Opens (creating if needed) an event store's SQLite file for a bulk load. */
export function createSqliteBulkWriter(path: string, options: SqliteBulkWriterOptions = {}): SqliteBulkWriter {
  const durability: SqliteDurability = options.durability ?? "full";
  const logger = options.logger ?? createSilentLogger();
  const now = options.now ?? (() => new Date());
  const name = `sqlite:${path}`;
  const { db, schemaVersion } = openSqliteFile(path, options.busyTimeoutMs ?? 5000);
  let statements: SqliteStatements;
  let settings: SqliteBulkLoadSettings;
  try {
    statements = prepareSqliteStatements(db);
    const asked = options.settings ?? SQLITE_BULK_LOAD_SETTINGS;
    settings = { ...asked, unsynced: asked.unsynced && (statements.selectHead.get() as number) === 0 };
  } catch (error) {
    db.close();
    throw error;
  }
  const tuning = tuneSqliteConnection(db, { path, durability, checkpoints: options.checkpoints, settings, logger });
  const { begin, commit, rollback } = statements;
  const writer = createGroupWriter(db, statements, logger);
  const settler = createAppendSettler(logger, () => undefined);
  const commitEvery = Math.max(0, Math.floor(settings.commitEveryAppends));

  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError(name);
  };

  // --- one transaction over many groups ---------------------------------------------------------
  //
  // The groups (one per turn of the event loop, each stamped with the clock as it is flushed)
  // are applied in one open transaction and committed together once `commitEvery` appends are
  // waiting or as soon as a turn brings no new append. Appends are acknowledged after that
  // commit. `headPosition` commits first, so it sees nothing uncommitted.

  /** The open transaction: its groups (each with its stamp), their appends and outcomes. */
  let open: { groups: { appends: readonly PendingAppend[]; recordedAt: string }[]; appends: PendingAppend[]; outcomes: Outcome[]; written: number } | undefined;
  let idleCommit: NodeJS.Immediate | undefined;

  /** Commits the open transaction, if any, and settles its appends. */
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
      writer.rollbackQuietly();
      settler.failAll(pending.appends, error);
      return;
    }
    settler.settle(pending.appends, pending.outcomes, pending.written);
  };

  const applyInOpenTransaction = (group: readonly PendingAppend[]): void => {
    if (open === undefined) {
      try {
        begin.run();
      } catch (error) {
        settler.failAll(group, error);
        return;
      }
      settler.counters.transactions++;
      open = { groups: [], appends: [], outcomes: [], written: 0 };
    }
    const current = open;
    const recordedAt = now().toISOString();
    current.groups.push({ appends: group, recordedAt });
    current.appends.push(...group);
    try {
      const applied = writer.runGroup(group, recordedAt, false);
      if (applied === null) {
        // Half written: the transaction is rolled back and all its groups applied again, with
        // their stamps and a savepoint per append (rare: a partial idempotency conflict).
        rollback.run();
        begin.run();
        settler.counters.transactions++;
        current.outcomes = [];
        current.written = 0;
        for (const redone of current.groups) {
          const again = writer.runGroup(redone.appends, redone.recordedAt, true) as AppliedGroup;
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
      writer.rollbackQuietly();
      settler.failAll(current.appends, error);
      return;
    }
    if (current.appends.length >= commitEvery) commitOpen();
    else idleCommit ??= setImmediate(() => {
      idleCommit = undefined;
      if (queue.length === 0) commitOpen(); // else the next group comes in this turn and checks again
    });
  };

  const commitGroup = commitEvery > 0 ? applyInOpenTransaction : commitEachGroup({ statements, writer, settler, now });
  const queue = createAppendQueue({
    maxGroupSize: Math.max(1, options.maxGroupSize ?? 1000),
    /** One encoder for the writer's life: the key orders of its event shapes are sorted once. */
    encoder: createCanonicalEncoder({ maxShapes: 4096 }),
    assertOpen,
    write: (group) => {
      settler.countGroup(group.length);
      commitGroup(group);
    },
  });

  logger.info({ path, durability, schemaVersion, unsynced: settings.unsynced }, "event store: SQLite bulk writer opened");

  const bulkWriter: SqliteBulkWriter & { readonly [bulkWriterBrand]: true } = {
    path,
    durability,
    append: queue.append,
    headPosition: async () => {
      assertOpen();
      commitOpen();
      return statements.selectHead.get() as number;
    },
    stats: settler.stats,
    [bulkWriterBrand]: true,
    close: async () => {
      if (closed) return;
      closed = true;
      // Commit what was accepted before close: every pending promise settles first.
      queue.drain();
      commitOpen();
      const treeDb = openTreeFile(path, options.busyTimeoutMs ?? 5000);
      try {
        integrateTree({ log: db, tree: treeDb }, logger);
      } finally {
        treeDb.close();
      }
      tuning.configure({ ...settings, unsynced: false });
      if (settings.unsynced) {
        // Synced now: the WAL's frames go into the file and both are fsynced.
        const [outcome] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        if (outcome !== undefined && outcome.busy !== 0) {
          logger.warn({ path }, "event store: the checkpoint ending an unsynced bulk load was blocked by a reader; the next checkpoint syncs the load");
        }
      }
      await tuning.stop(); // first: closing last, this connection checkpoints the WAL into the file and removes it
      db.close();
      logger.info({ path }, "event store: SQLite bulk writer closed");
    },
  };
  return bulkWriter;
}
