import type Database from "better-sqlite3";
import { createCanonicalEncoder } from "./canonical-json.js";
import { StoreClosedError } from "./errors.js";
import type { EventStore } from "./event-store.js";
import { createSilentLogger, type EventStoreLogger } from "./logger.js";
import { createAppendQueue } from "./sqlite-append-queue.js";
import {
  checkSetting,
  openSqliteFile,
  tuneSqliteConnection,
  type SqliteCheckpoints,
  type SqliteConnectionSettings,
  type SqliteDurability,
} from "./sqlite-connection.js";
import { commitEachGroup, createAppendSettler, type SqliteEventStoreStats } from "./sqlite-group-commit.js";
import { createGroupWriter, writtenHashes, type AppliedGroup } from "./sqlite-group-write.js";
import { importRecordedEvents } from "./sqlite-import.js";
import { createSqliteMerkleTree, sqliteTransparencyLog } from "./sqlite-merkle-tree.js";
import { openTreeFile, treeFilePath } from "./sqlite-tree-file.js";
import { createSqliteReads, type StoreSubscription } from "./sqlite-reads.js";
import { prepareSqliteStatements } from "./sqlite-statements.js";
import { createTreeIntegrator, type TreeIntegrator } from "./sqlite-tree-integrator.js";
import type { TransparencyLog } from "./transparency-log.js";

/**
 * The SQLite event store: one file in WAL mode (sqlite-connection.ts), appends committed in
 * groups (sqlite-append-queue.ts, sqlite-group-write.ts, sqlite-group-commit.ts), reads paged
 * by position (sqlite-reads.ts), the Merkle tree kept with the events (sqlite-merkle-tree.ts). Loading a generated history into a new file is the bulk
 * writer's job (sqlite-bulk-writer.ts), not a mode of this store.
 */

export type { SqliteDurability } from "./sqlite-connection.js";
export type { SqliteEventStoreStats } from "./sqlite-group-commit.js";

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
  readonly checkpoints?: SqliteCheckpoints;
  /**
   * Keep the Merkle tree (sqlite-tree-integrator.ts). Default true. `false` is for measuring
   * what keeping it costs (`pnpm bench store`): such a store offers no `transparencyLog`, and
   * the tree catches up the next time the file is opened with it.
   */
  readonly keepMerkleTree?: boolean;
}

export interface SqliteEventStore extends EventStore {
  readonly path: string;
  readonly durability: SqliteDurability;
  stats(): SqliteEventStoreStats;
  /**
   * Starts the store's background thread (the Merkle tree's worker, otherwise started by the
   * first commit: it takes a moment to load) and resolves once it runs.
   */
  whenStarted(): Promise<void>;
}

const sqliteStoreBrand: unique symbol = Symbol("SqliteEventStore");

/** True for a store made by `createSqliteEventStore`. */
export const isSqliteEventStore = (store: EventStore): store is SqliteEventStore =>
  (store as Partial<Record<typeof sqliteStoreBrand, unknown>>)[sqliteStoreBrand] === true;

/** Opens (creating if needed) an event store in one SQLite file, in WAL mode. */
export function createSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const durability: SqliteDurability = options.durability ?? "full";
  const logger = options.logger ?? createSilentLogger();
  const name = `sqlite:${options.path}`;
  const settings: SqliteConnectionSettings = {
    cacheSizeMiB: checkSetting(options.cacheSizeMiB, 16, "cacheSizeMiB"),
    mmapSizeMiB: checkSetting(options.mmapSizeMiB, 0, "mmapSizeMiB"),
    walAutocheckpointPages: checkSetting(options.walAutocheckpointPages, 1000, "walAutocheckpointPages"),
    unsynced: false,
  };

  const { db, schemaVersion } = openSqliteFile(options.path, options.busyTimeoutMs ?? 5000);
  const tuning = tuneSqliteConnection(db, { path: options.path, durability, checkpoints: options.checkpoints, settings, logger });
  const statements = prepareSqliteStatements(db);
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const kept = (options.keepMerkleTree ?? true) ? keepTree(db, options.path, options.busyTimeoutMs ?? 5000, pollIntervalMs, logger) : null;
  const integrator = kept?.integrator ?? null;

  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new StoreClosedError(name);
  };
  const subscriptions = new Set<StoreSubscription>();
  /** After a commit: subscriptions read on, the tree integrates. */
  const wakeSubscriptions = (): void => {
    for (const subscription of subscriptions) subscription.wake();
    integrator?.wake();
  };
  /** One encoder for the store's life: the key orders of its event shapes are sorted once. */
  const encoder = createCanonicalEncoder({ maxShapes: 4096 });
  const settler = createAppendSettler(logger, wakeSubscriptions);
  const commitGroup = commitEachGroup({
    statements,
    writer: createGroupWriter(db, statements, logger),
    settler,
    now: options.now ?? (() => new Date()),
    ...(integrator === null ? {} : { onCommitted: (applied: AppliedGroup) => integrator.committed(writtenHashes(applied)) }),
  });
  const queue = createAppendQueue({
    maxGroupSize: Math.max(1, options.maxGroupSize ?? 1000),
    encoder,
    assertOpen,
    write: (group) => {
      settler.countGroup(group.length);
      commitGroup(group);
    },
  });
  const reads = createSqliteReads({
    name,
    statements,
    pageSize: Math.max(1, options.pageSize ?? 2000),
    pollIntervalMs,
    isClosed: () => closed,
    assertOpen,
    subscriptions,
  });

  logger.info({ path: options.path, durability, schemaVersion }, "event store: SQLite opened");

  const store: SqliteEventStore & { readonly [sqliteStoreBrand]: true } = {
    name,
    path: options.path,
    durability,
    capabilities: { densePositions: true },
    ...(kept === null ? {} : { transparencyLog: kept.transparencyLog }),
    append: queue.append,
    ...reads,
    importRecorded: async (events) => {
      assertOpen();
      queue.drain();
      const imported = importRecordedEvents({ db, statements, encoder }, events);
      settler.counters.events += events.length;
      if (events.length > 0) wakeSubscriptions();
      return imported;
    },
    stats: settler.stats,
    whenStarted: async () => {
      await integrator?.start();
    },
    [sqliteStoreBrand]: true,
    close: async () => {
      if (closed) return;
      closed = true;
      // Commit what was accepted before close: every pending promise settles first.
      queue.drain();
      for (const subscription of [...subscriptions]) subscription.complete();
      subscriptions.clear();
      await integrator?.stop(); // the worker integrates what was committed, then closes its connections
      kept?.treeDb.close();
      await tuning.stop(); // first: closing last, this connection checkpoints the WAL into the file and removes it
      db.close();
      logger.info({ path: options.path }, "event store: SQLite closed");
    },
  };
  return store;
}

/** What a store keeping the Merkle tree holds for it. */
interface KeptTree {
  /** This thread's connection to the tree's file (the transparency log's reads). */
  readonly treeDb: Database.Database;
  readonly integrator: TreeIntegrator;
  readonly transparencyLog: TransparencyLog;
}

/**
 * Opens the tree's file beside the log `db` and its integrator, woken at once when the tree
 * trails the log (a store written without the tree, a tree file new or emptied, a crash). A tree
 * file that cannot be this log's is reported, not rebuilt: it may be the evidence an auditor needs.
 */
function keepTree(db: Database.Database, path: string, busyTimeoutMs: number, pollIntervalMs: number, logger: EventStoreLogger): KeptTree {
  const treeDb = openTreeFile(path, busyTimeoutMs);
  const connections = { log: db, tree: treeDb };
  const tree = createSqliteMerkleTree(connections);
  const mismatch = tree.mismatch();
  if (mismatch !== null) {
    logger.error({ path: treeFilePath(path), reason: mismatch }, "event store: the Merkle tree file does not match the log (restored from elsewhere, or the log was altered); audit the log, and remove the tree file to have it built again from the log");
  }
  const integrator = createTreeIntegrator({ path, busyTimeoutMs, pollIntervalMs, logger, storedSize: tree.size });
  if (tree.size() < tree.head()) integrator.wake();
  return { treeDb, integrator, transparencyLog: sqliteTransparencyLog(connections, integrator.integrated) };
}
