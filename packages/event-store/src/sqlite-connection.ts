import Database from "better-sqlite3";
import type { EventStoreLogger } from "./logger.js";
import { startBackgroundCheckpointer, type BackgroundCheckpointer } from "./sqlite-checkpointer.js";
import { migrateSqliteSchema } from "./sqlite-schema.js";

/**
 * Opening the SQLite file of an event store, and the settings of its connection that tune the
 * writes (page cache, mmap, syncing, WAL checkpoints): for the live store
 * (sqlite-event-store.ts) and the bulk writer (sqlite-bulk-writer.ts) alike.
 */

/**
 * `"full"`: `synchronous=FULL`, the WAL is fsynced at every commit: an acknowledged append
 * survives a process crash AND a power loss / OS crash. The default.
 * `"normal"`: `synchronous=NORMAL` in WAL mode: fsync only at checkpoints; survives a process
 * crash, but the last commits may be lost on power loss or an OS crash.
 */
export type SqliteDurability = "full" | "normal";

/** Who checkpoints the WAL (see `SqliteEventStoreOptions.checkpoints`). */
export type SqliteCheckpoints = "background" | "inline";

/** The connection's settings that tune its writes. */
export interface SqliteConnectionSettings {
  /** The connection's page cache (SQLite `cache_size`), in MiB. */
  readonly cacheSizeMiB: number;
  /** Memory-mapped reads of the file (SQLite `mmap_size`), in MiB; 0: off. */
  readonly mmapSizeMiB: number;
  /** The WAL is checkpointed once this many pages wait (SQLite `wal_autocheckpoint`); 0: never automatically. */
  readonly walAutocheckpointPages: number;
  /** Commit without fsync (SQLite `synchronous = OFF`), whatever the durability. */
  readonly unsynced: boolean;
}

/** The writer's own auto-checkpoint while a background checkpointer runs: a safety net, this many times later. */
const SAFETY_CHECKPOINT_FACTOR = 8;
const CHECKPOINTER_INTERVAL_MS = 50;

export const synchronousOf = (settings: SqliteConnectionSettings, durability: SqliteDurability): "FULL" | "NORMAL" | "OFF" => {
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

/** A setting as given, or its default; refuses a negative or non-finite number. */
export function checkSetting(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a non-negative number, got ${value}`);
  return value;
}

/** Opens (creating if needed) an event store's file in WAL mode, its schema migrated. */
export function openSqliteFile(path: string, busyTimeoutMs: number): { readonly db: Database.Database; readonly schemaVersion: number } {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    const journalMode: unknown = db.pragma("journal_mode = WAL", { simple: true });
    if (journalMode !== "wal") throw new Error(`event store ${path}: WAL journal mode refused (got ${String(journalMode)})`);
    db.pragma("temp_store = MEMORY");
    return { db, schemaVersion: migrateSqliteSchema(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface SqliteConnectionTuning {
  /** Applies cache, mmap, syncing and checkpoint settings to the connection (and the checkpointer). */
  configure(settings: SqliteConnectionSettings): void;
  /** Stops the background checkpointer, if any (before the connection closes). */
  stop(): Promise<void>;
}

export interface SqliteConnectionTuningOptions {
  readonly path: string;
  readonly durability: SqliteDurability;
  /** Default: background with `"normal"` durability, inline with `"full"`. */
  readonly checkpoints: SqliteCheckpoints | undefined;
  readonly settings: SqliteConnectionSettings;
  readonly logger: EventStoreLogger;
}

/**
 * Applies the first settings to the connection and starts the background checkpointer when
 * asked; closes the connection if either fails.
 */
export function tuneSqliteConnection(db: Database.Database, options: SqliteConnectionTuningOptions): SqliteConnectionTuning {
  const { durability } = options;
  let checkpointer: BackgroundCheckpointer | undefined;
  let current = options.settings;
  let stopped = false;
  const configure = (settings: SqliteConnectionSettings): void => {
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
    configure(options.settings);
    if ((options.checkpoints ?? (durability === "normal" ? "background" : "inline")) === "background") {
      checkpointer = startBackgroundCheckpointer(
        options.path,
        { thresholdPages: Number.POSITIVE_INFINITY, synchronous: synchronousOf(options.settings, durability) },
        {
          intervalMs: CHECKPOINTER_INTERVAL_MS,
          logger: options.logger,
          onUnavailable: () => {
            checkpointer = undefined;
            if (!stopped) configure(current); // the writer checkpoints by itself again
          },
        },
      );
      configure(options.settings);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    configure,
    stop: async () => {
      stopped = true;
      const stopping = checkpointer;
      checkpointer = undefined;
      await stopping?.stop();
    },
  };
}
