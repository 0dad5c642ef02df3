import { join } from "node:path";
import Database from "better-sqlite3";
import { CheckpointConflictError } from "./errors.js";
import { checkLimit, entryId, normaliseEntries, sameEntries, type StoredEntry } from "./index-entries.js";
import type {
  IndexedDoc,
  IndexEntry,
  IndexHit,
  IndexQuery,
  IndexSort,
  ProjectionCheckpoint,
  ReadModelStore,
  ReadModelWriter,
} from "./read-model-store.js";
import { migrateReadModelSchema } from "./sqlite-read-model-schema.js";

/** The read models' file inside the data folder. */
export const READ_MODELS_FILE_NAME = "read-models.sqlite";

/** `<dataDir>/read-models.sqlite`. */
export const readModelsPath = (dataDir: string): string => join(dataDir, READ_MODELS_FILE_NAME);

export interface SqliteReadModelStoreOptions {
  /** Database file (created if missing, unless `readonly`); `":memory:"` for tests. */
  readonly path: string;
  /** Open for reading only (a query service next to a projector in another process). */
  readonly readonly?: boolean;
  /** How long to wait for another connection's write lock (ms). Default 5000. */
  readonly busyTimeoutMs?: number;
  /** SQLite page cache of this connection, in MiB. Default 64. */
  readonly cacheMiB?: number;
}

/** Every row of a read-model file, decoded and sorted: what two rebuilds are compared by. */
export interface ReadModelSnapshot {
  readonly checkpoints: readonly { readonly projection: string; readonly version: number; readonly position: number }[];
  readonly docs: readonly { readonly projection: string; readonly key: string; readonly doc: unknown }[];
  readonly index: readonly { readonly projection: string; readonly name: string; readonly value: string; readonly sort: IndexSort; readonly key: string }[];
}

export interface SqliteReadModelStore extends ReadModelStore {
  readonly path: string;
  /** Reads the whole file (tests, audits): checkpoints, documents and index entries, sorted. */
  snapshot(): ReadModelSnapshot;
}

/**
 * A transaction that puts this many documents or more (a catch-up's batch) commits without
 * SQLite's automatic checkpoint — the copy of the write-ahead log into the database file, which
 * SQLite otherwise runs inside the commit once the log holds 1000 pages — and the store runs
 * that checkpoint just after (`setImmediate`): what waits for the commit (the engine's readers,
 * a projector's `waitFor`) goes on first. Over a province rebuild the checkpoint copies ~200 MiB;
 * inside the commit it held up the projector's readiness by 1.5–1.9 s (docs/performance.md).
 * Smaller transactions keep SQLite's default.
 */
const DEFERRED_CHECKPOINT_PUTS = 1000;

/**
 * Index rows inserted by one statement (`INSERT … VALUES (…), (…), …`) when a transaction writes
 * many: a rebuild of the province writes ~270 000, and one statement per row costs about twice
 * as much per row (measured 385–486 ms against 200–305 ms for 266 038 rows). 100 rows bind 500
 * parameters, far below SQLite's limit.
 */
const INSERTS_PER_STATEMENT = 100;

/** SQLite's default `wal_autocheckpoint` (pages). */
const AUTO_CHECKPOINT_PAGES = 1000;

const INSERT = 1;
const DELETE = 0;
/** A pending index row operation: [INSERT | DELETE, projection, name, value, sort, key]. */
type IndexOp = [typeof INSERT | typeof DELETE, string, string, string, IndexSort, string];

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareSort = (a: IndexSort, b: IndexSort): number =>
  typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === "number" ? -1 : 1;
const compareIndexOps = (a: IndexOp, b: IndexOp): number =>
  compareText(a[1], b[1]) || compareText(a[2], b[2]) || compareText(a[3], b[3]) || compareSort(a[4], b[4]) || compareText(a[5], b[5]);


/** Opens (creating if needed) a read-model store in one SQLite file, in WAL mode. */
export const createSqliteReadModelStore = (options: SqliteReadModelStoreOptions): SqliteReadModelStore => {
  const readonly = options.readonly ?? false;
  const db = new Database(options.path, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 5000 });
  try {
    if (!readonly) {
      // A new file gets 8 KiB pages (set before WAL, which fixes the page size): documents are
      // a few hundred bytes to a few KiB; measured ~20 % cheaper inserts than 4 KiB pages.
      if ((db.prepare("SELECT count(*) FROM sqlite_master").pluck().get() as number) === 0) db.pragma("page_size = 8192");
      db.pragma("journal_mode = WAL");
      // Read models are disposable and rebuilt from the log: NORMAL keeps every commit atomic
      // (docs and checkpoint together) and survives a process crash; a power loss may cost
      // the last commits, which are then re-projected.
      db.pragma("synchronous = NORMAL");
      migrateReadModelSchema(db);
    }
    db.pragma("temp_store = MEMORY");
    db.pragma(`cache_size = -${Math.max(1, Math.round((options.cacheMiB ?? 64) * 1024))}`);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectDoc = db.prepare("SELECT doc FROM rm_docs WHERE projection = ? AND key = ?").pluck();
  const selectIdx = db.prepare("SELECT idx FROM rm_docs WHERE projection = ? AND key = ?").raw();
  const upsertDoc = readonly
    ? undefined
    : db.prepare(
        "INSERT INTO rm_docs (projection, key, doc, idx) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc, idx = excluded.idx",
      );
  const deleteDoc = readonly ? undefined : db.prepare("DELETE FROM rm_docs WHERE projection = ? AND key = ?");
  const insertEntry = readonly
    ? undefined
    : db.prepare("INSERT OR IGNORE INTO rm_index (projection, name, value, sort, key) VALUES (?, ?, ?, ?, ?)");
  const insertEntries = readonly
    ? undefined
    : db.prepare(`INSERT OR IGNORE INTO rm_index (projection, name, value, sort, key) VALUES ${Array<string>(INSERTS_PER_STATEMENT).fill("(?, ?, ?, ?, ?)").join(", ")}`);
  const deleteEntry = readonly
    ? undefined
    : db.prepare("DELETE FROM rm_index WHERE projection = ? AND name = ? AND value = ? AND sort = ? AND key = ?");
  const selectCheckpoint = db.prepare("SELECT projection, version, position, updated_at FROM rm_checkpoints WHERE projection = ?").raw();
  const selectCheckpoints = db.prepare("SELECT projection, version, position, updated_at FROM rm_checkpoints ORDER BY projection").raw();
  const upsertCheckpoint = readonly
    ? undefined
    : db.prepare(
        "INSERT INTO rm_checkpoints (projection, version, position, updated_at) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at",
      );
  const dropDocs = readonly ? undefined : db.prepare("DELETE FROM rm_docs WHERE projection = ?");
  const dropIndex = readonly ? undefined : db.prepare("DELETE FROM rm_index WHERE projection = ?");

  const writable = <T>(statement: T | undefined): T => {
    if (statement === undefined) throw new Error(`read-model store ${options.path} is open read-only`);
    return statement;
  };

  const toCheckpoint = (row: [string, number, number, string]): ProjectionCheckpoint => ({
    projection: row[0],
    version: row[1],
    position: row[2],
    updatedAt: row[3],
  });

  /** Statements of index queries, by shape. */
  const queryStatements = new Map<string, Database.Statement>();
  const indexStatement = (query: IndexQuery, withDocs: boolean): { statement: Database.Statement; parameters: unknown[] } => {
    const descending = query.order === "desc";
    const where = ["i.projection = ?", "i.name = ?", `i.value IN (${query.values.map(() => "?").join(", ")})`];
    const parameters: unknown[] = [query.name, ...query.values];
    if (query.min !== undefined) {
      where.push(`i.sort ${query.minExclusive === true ? ">" : ">="} ?`);
      parameters.push(query.min);
    }
    if (query.max !== undefined) {
      where.push(`i.sort ${query.maxExclusive === true ? "<" : "<="} ?`);
      parameters.push(query.max);
    }
    if (query.after !== undefined) {
      const op = descending ? "<" : ">";
      where.push(`(i.sort ${op} ? OR (i.sort = ? AND i.key ${op} ?))`);
      parameters.push(query.after.sort, query.after.sort, query.after.key);
    }
    parameters.push(checkLimit(query.limit) ?? -1);
    const shape = `${withDocs ? "d" : "i"}:${query.values.length}:${query.min === undefined ? "" : query.minExclusive === true ? ">" : ">="}:${
      query.max === undefined ? "" : query.maxExclusive === true ? "<" : "<="
    }:${query.after === undefined ? "" : "a"}:${descending ? "desc" : "asc"}`;
    let statement = queryStatements.get(shape);
    if (statement === undefined) {
      const direction = descending ? "DESC" : "ASC";
      statement = db
        .prepare(
          withDocs
            ? `SELECT i.key, i.value, i.sort, d.doc FROM rm_index i JOIN rm_docs d ON d.projection = i.projection AND d.key = i.key ` +
                `WHERE ${where.join(" AND ")} ORDER BY i.sort ${direction}, i.key ${direction} LIMIT ?`
            : `SELECT i.key, i.value, i.sort FROM rm_index i WHERE ${where.join(" AND ")} ORDER BY i.sort ${direction}, i.key ${direction} LIMIT ?`,
        )
        .raw();
      queryStatements.set(shape, statement);
    }
    return { statement, parameters };
  };

  // --- writes ------------------------------------------------------------------------------------

  /**
   * Index rows to insert or delete, collected over the transaction and applied at its end in
   * the order of the index (stable: the operations on one row keep their order): neighbouring
   * rows of the B-tree are then written together (measured ~20 % cheaper than in document order).
   */
  let indexOps: IndexOp[] = [];
  const flushIndexOps = (): void => {
    if (indexOps.length === 0) return;
    const ops = indexOps;
    indexOps = [];
    ops.sort(compareIndexOps);
    const insert = writable(insertEntry);
    const insertMany = writable(insertEntries);
    const del = writable(deleteEntry);
    // Consecutive insertions go in statements of INSERTS_PER_STATEMENT rows (the rest one row at
    // a time); a deletion is run after the insertions before it, so every row's operations keep their order.
    let insertions: IndexOp[] = [];
    const rows: IndexSort[] = [];
    const insertPending = (): void => {
      let at = 0;
      for (; at + INSERTS_PER_STATEMENT <= insertions.length; at += INSERTS_PER_STATEMENT) {
        rows.length = 0;
        for (const op of insertions.slice(at, at + INSERTS_PER_STATEMENT)) rows.push(op[1], op[2], op[3], op[4], op[5]);
        insertMany.run(rows);
      }
      for (const op of insertions.slice(at)) insert.run(op[1], op[2], op[3], op[4], op[5]);
      insertions = [];
    };
    for (const op of ops) {
      if (op[0] === INSERT) {
        insertions.push(op);
        continue;
      }
      insertPending();
      del.run(op[1], op[2], op[3], op[4], op[5]);
    }
    insertPending();
  };

  const put = (
    projection: string,
    key: string,
    doc: unknown,
    indexes: readonly IndexEntry[] | undefined,
    previous: readonly IndexEntry[] | undefined,
  ): void => {
    const docJson = JSON.stringify(doc);
    if (docJson === undefined) throw new TypeError(`document ${projection}/${key} is not JSON`);
    const entries = normaliseEntries(indexes);
    const idxJson = entries.length === 0 ? null : JSON.stringify(entries);
    let oldEntries: StoredEntry[];
    if (previous === undefined) {
      const old = selectIdx.get(projection, key) as [string | null] | undefined;
      const oldJson = old === undefined ? null : old[0];
      writable(upsertDoc).run(projection, key, docJson, idxJson);
      if (oldJson === idxJson) return;
      oldEntries = oldJson === null ? [] : (JSON.parse(oldJson) as StoredEntry[]);
    } else {
      writable(upsertDoc).run(projection, key, docJson, idxJson);
      oldEntries = normaliseEntries(previous);
    }
    // Most rewrites keep the document's entries: nothing to do in the index then.
    if (sameEntries(oldEntries, entries)) return;
    if (oldEntries.length === 0) {
      for (const entry of entries) indexOps.push([INSERT, projection, entry[0], entry[1], entry[2], key]);
      return;
    }
    const oldIds = new Set(oldEntries.map(entryId));
    const newIds = new Set(entries.map(entryId));
    for (const entry of oldEntries) {
      if (!newIds.has(entryId(entry))) indexOps.push([DELETE, projection, entry[0], entry[1], entry[2], key]);
    }
    for (const entry of entries) {
      if (!oldIds.has(entryId(entry))) indexOps.push([INSERT, projection, entry[0], entry[1], entry[2], key]);
    }
  };

  const remove = (projection: string, key: string): void => {
    const old = selectIdx.get(projection, key) as [string | null] | undefined;
    if (old === undefined) return;
    if (old[0] !== null) {
      for (const entry of JSON.parse(old[0]) as StoredEntry[]) indexOps.push([DELETE, projection, entry[0], entry[1], entry[2], key]);
    }
    writable(deleteDoc).run(projection, key);
  };

  const setCheckpoint = (projection: string, version: number, position: number, expectedPosition?: number): void => {
    if (!Number.isSafeInteger(version) || !Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`invalid checkpoint ${projection} v${version} @${position}`);
    }
    if (expectedPosition !== undefined) {
      const row = selectCheckpoint.get(projection) as [string, number, number, string] | undefined;
      const actual = row === undefined ? null : row[2];
      if (actual !== expectedPosition) throw new CheckpointConflictError(projection, expectedPosition, actual);
    }
    writable(upsertCheckpoint).run(projection, version, position, new Date().toISOString());
  };

  const dropProjection = (projection: string): void => {
    flushIndexOps();
    writable(dropIndex).run(projection);
    writable(dropDocs).run(projection);
  };

  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error(`read-model store ${options.path} is closed`);
  };

  /** The checkpoint a large transaction deferred, until it ran (`DEFERRED_CHECKPOINT_PUTS`). */
  let deferredCheckpoint: NodeJS.Immediate | undefined;
  const deferCheckpoint = (): void => {
    if (deferredCheckpoint !== undefined) return;
    deferredCheckpoint = setImmediate(() => {
      deferredCheckpoint = undefined;
      if (closed) return;
      try {
        db.pragma("wal_checkpoint(PASSIVE)");
      } catch {
        // Nothing is lost: the log stays readable, and the next commit past 1000 pages checkpoints it.
      }
    });
  };

  const runTransaction = <T>(fn: (writer: ReadModelWriter) => T): T => {
    assertOpen();
    let active = true;
    let puts = 0;
    const guard = (): void => {
      if (!active) throw new Error("read-model writer used outside its transaction");
    };
    const writer: ReadModelWriter = {
      put: (projection, key, doc, indexes, previous) => {
        guard();
        put(projection, key, doc, indexes, previous);
        puts++;
      },
      delete: (projection, key) => {
        guard();
        remove(projection, key);
      },
      setCheckpoint: (projection, version, position, expectedPosition) => {
        guard();
        setCheckpoint(projection, version, position, expectedPosition);
      },
      dropProjection: (projection) => {
        guard();
        dropProjection(projection);
      },
    };
    let deferred = false;
    try {
      return db.transaction(() => {
        const result = fn(writer);
        if (result instanceof Promise) throw new TypeError("a read-model transaction function must not be async");
        flushIndexOps();
        if (puts >= DEFERRED_CHECKPOINT_PUTS) {
          deferred = true;
          db.pragma("wal_autocheckpoint = 0");
        }
        return result;
      }).immediate();
    } finally {
      active = false;
      indexOps = [];
      if (deferred) {
        db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        deferCheckpoint();
      }
    }
  };

  const sync = <T>(fn: () => T): Promise<T> => {
    try {
      assertOpen();
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };

  const getManySync = <D>(projection: string, keys: Iterable<string>): Map<string, D> => {
    const found = new Map<string, D>();
    for (const key of keys) {
      if (found.has(key)) continue;
      const json = selectDoc.get(projection, key) as string | undefined;
      if (json !== undefined) found.set(key, JSON.parse(json) as D);
    }
    return found;
  };

  return {
    name: `sqlite:${options.path}`,
    path: options.path,
    get: <D>(projection: string, key: string) =>
      sync(() => {
        const json = selectDoc.get(projection, key) as string | undefined;
        return json === undefined ? undefined : (JSON.parse(json) as D);
      }),
    getMany: <D>(projection: string, keys: Iterable<string>) => sync(() => getManySync<D>(projection, keys)),
    queryIndex: (projection, query) =>
      sync(() => {
        if (query.values.length === 0) return [];
        const { statement, parameters } = indexStatement(query, false);
        return (statement.all(projection, ...parameters) as [string, string, IndexSort][]).map(
          (row): IndexHit => ({ key: row[0], value: row[1], sort: row[2] }),
        );
      }),
    listByIndex: <D>(projection: string, query: IndexQuery) =>
      sync(() => {
        if (query.values.length === 0) return [];
        const { statement, parameters } = indexStatement(query, true);
        return (statement.all(projection, ...parameters) as [string, string, IndexSort, string][]).map(
          (row): IndexedDoc<D> => ({ key: row[0], value: row[1], sort: row[2], doc: JSON.parse(row[3]) as D }),
        );
      }),
    checkpoint: (projection) =>
      sync(() => {
        const row = selectCheckpoint.get(projection) as [string, number, number, string] | undefined;
        return row === undefined ? undefined : toCheckpoint(row);
      }),
    checkpoints: () => sync(() => (selectCheckpoints.all() as [string, number, number, string][]).map(toCheckpoint)),
    transaction: (fn) => sync(() => runTransaction(fn)),
    snapshot: () => {
      assertOpen();
      return {
        checkpoints: (db.prepare("SELECT projection, version, position FROM rm_checkpoints ORDER BY projection").raw().all() as [string, number, number][]).map(
          ([projection, version, position]) => ({ projection, version, position }),
        ),
        docs: (db.prepare("SELECT projection, key, doc FROM rm_docs ORDER BY projection, key").raw().all() as [string, string, string][]).map(
          ([projection, key, doc]) => ({ projection, key, doc: JSON.parse(doc) as unknown }),
        ),
        index: (
          db.prepare("SELECT projection, name, value, sort, key FROM rm_index ORDER BY projection, name, value, sort, key").raw().all() as [
            string,
            string,
            string,
            IndexSort,
            string,
          ][]
        ).map(([projection, name, value, sort, key]) => ({ projection, name, value, sort, key })),
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (deferredCheckpoint !== undefined) clearImmediate(deferredCheckpoint);
      db.close();
    },
  };
};
