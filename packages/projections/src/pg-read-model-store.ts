import { maskConnectionString } from "@duty-ledger/event-store";
import pg from "pg";
import { checkLimit } from "./index-entries.js";
import { recordTransaction } from "./pg-read-model-commit.js";
import { migratePgReadModelSchema } from "./pg-read-model-schema.js";
import type { IndexedDoc, IndexHit, IndexQuery, IndexSort, ProjectionCheckpoint, ReadModelStore, ReadModelWriter } from "./read-model-store.js";
import type { ReadModelSnapshot } from "./sqlite-read-model-store.js";

/**
 * The read-model store on PostgreSQL (schema in pg-read-model-schema.ts, created on first open):
 * a pool of connections; each `transaction` records the writer's calls and sends their net
 * effect in one database transaction (pg-read-model-commit.ts), checkpoints included, so a
 * projector's documents and its checkpoint commit together or not at all. Any number of
 * processes may open the same database: query servers read what projectors commit, and
 * `createReadModels`' default `waitFor` polls the checkpoints (every 25 ms, up to the caller's
 * timeout), which is how a `minPosition` wait works across processes.
 */

export interface PgReadModelStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string;
  /** Refuse writes (a query server). The schema is still created if missing, so query servers may start first. */
  readonly readonly?: boolean;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

export interface PgReadModelStore extends ReadModelStore {
  /** Every row, decoded and sorted as the SQLite store's `snapshot` (tests, audits). */
  snapshot(): Promise<ReadModelSnapshot>;
}

interface IndexRow {
  key: string;
  value: string;
  sort_kind: number;
  sort_num: number;
  sort_text: string;
  doc?: string;
}

const sortOf = (row: { sort_kind: number; sort_num: number; sort_text: string }): IndexSort => (row.sort_kind === 0 ? row.sort_num : row.sort_text);

/** The (kind, num, text) triple of a sort value, for comparisons in SQL. */
const triple = (sort: IndexSort): [number, number, string] => (typeof sort === "number" ? [0, sort, ""] : [1, 0, sort]);

const toCheckpoint = (row: { projection: string; version: number; position: string; updated_at: string }): ProjectionCheckpoint => ({
  projection: row.projection,
  version: row.version,
  position: Number(row.position),
  updatedAt: row.updated_at,
});

const indexSql = (projection: string, query: IndexQuery, withDocs: boolean): { text: string; values: unknown[] } => {
  const values: unknown[] = [projection];
  const param = (value: unknown, cast: string): string => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const tripleParams = (sort: IndexSort): string => {
    const [kind, num, text] = triple(sort);
    return `(${param(kind, "int2")}, ${param(num, "float8")}, ${param(text, "text")})`;
  };
  const descending = query.order === "desc";
  const where = ["i.projection = $1", `i.name = ${param(query.name, "text")}`, `i.value = ANY(${param(query.values, "text[]")})`];
  if (query.min !== undefined) where.push(`(i.sort_kind, i.sort_num, i.sort_text) ${query.minExclusive === true ? ">" : ">="} ${tripleParams(query.min)}`);
  if (query.max !== undefined) where.push(`(i.sort_kind, i.sort_num, i.sort_text) ${query.maxExclusive === true ? "<" : "<="} ${tripleParams(query.max)}`);
  if (query.after !== undefined) {
    const [kind, num, text] = triple(query.after.sort);
    where.push(
      `(i.sort_kind, i.sort_num, i.sort_text, i.key) ${descending ? "<" : ">"} (${param(kind, "int2")}, ${param(num, "float8")}, ${param(text, "text")}, ${param(query.after.key, "text")})`,
    );
  }
  const limit = checkLimit(query.limit);
  const direction = descending ? "DESC" : "ASC";
  const order = `ORDER BY i.sort_kind ${direction}, i.sort_num ${direction}, i.sort_text ${direction}, i.key ${direction}`;
  const from = withDocs ? "rm_index i JOIN rm_docs d ON d.projection = i.projection AND d.key = i.key" : "rm_index i";
  const text = `SELECT i.key, i.value, i.sort_kind, i.sort_num, i.sort_text${withDocs ? ", d.doc" : ""} FROM ${from} WHERE ${where.join(" AND ")} ${order}${
    limit === undefined ? "" : ` LIMIT ${param(limit, "int8")}`
  }`;
  return { text, values };
};

/** Opens a read-model store in a PostgreSQL database (creating its tables if needed). */
export const createPgReadModelStore = (options: PgReadModelStoreOptions): PgReadModelStore => {
  const readonly = options.readonly ?? false;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
  pool.on("error", () => undefined); // an idle connection lost: the next query opens another
  const name = `postgres:${maskConnectionString(options.connectionString)}`;
  const opened = (async () => {
    const client = await pool.connect();
    try {
      await migratePgReadModelSchema(client);
    } finally {
      client.release();
    }
  })();
  opened.catch(() => undefined); // reported by the calls that wait for it
  let closed = false;
  const ready = async (): Promise<void> => {
    if (closed) throw new Error(`read-model store ${name} is closed`);
    await opened;
  };
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
    await ready();
    return (await pool.query<R>(text, values)).rows;
  };

  const transaction = async <T>(fn: (writer: ReadModelWriter) => T): Promise<T> => {
    await ready();
    if (readonly) throw new Error(`read-model store ${name} is open read-only`);
    const recorded = recordTransaction();
    let result: T;
    try {
      result = fn(recorded.writer);
      if (result instanceof Promise) throw new TypeError("a read-model transaction function must not be async");
    } finally {
      recorded.end();
    }
    if (recorded.empty()) return result;
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await recorded.apply(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    name,
    get: async <D>(projection: string, key: string) => {
      const rows = await query<{ doc: string }>("SELECT doc FROM rm_docs WHERE projection = $1 AND key = $2", [projection, key]);
      return rows[0] === undefined ? undefined : (JSON.parse(rows[0].doc) as D);
    },
    getMany: async <D>(projection: string, keys: Iterable<string>) => {
      const wanted = [...new Set(keys)];
      const found = new Map<string, D>();
      if (wanted.length === 0) return found;
      const rows = await query<{ key: string; doc: string }>("SELECT key, doc FROM rm_docs WHERE projection = $1 AND key = ANY($2::text[])", [projection, wanted]);
      const byKey = new Map(rows.map((row) => [row.key, row.doc]));
      // In the order asked, as the SQLite store answers.
      for (const key of wanted) {
        const doc = byKey.get(key);
        if (doc !== undefined) found.set(key, JSON.parse(doc) as D);
      }
      return found;
    },
    queryIndex: async (projection, indexQuery) => {
      if (indexQuery.values.length === 0) return [];
      const { text, values } = indexSql(projection, indexQuery, false);
      return (await query<IndexRow>(text, values)).map((row): IndexHit => ({ key: row.key, value: row.value, sort: sortOf(row) }));
    },
    listByIndex: async <D>(projection: string, indexQuery: IndexQuery) => {
      if (indexQuery.values.length === 0) return [];
      const { text, values } = indexSql(projection, indexQuery, true);
      return (await query<IndexRow>(text, values)).map(
        (row): IndexedDoc<D> => ({ key: row.key, value: row.value, sort: sortOf(row), doc: JSON.parse(row.doc as string) as D }),
      );
    },
    checkpoint: async (projection) => {
      const rows = await query<{ projection: string; version: number; position: string; updated_at: string }>(
        "SELECT projection, version, position, updated_at FROM rm_checkpoints WHERE projection = $1",
        [projection],
      );
      return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
    },
    checkpoints: async () =>
      (await query<{ projection: string; version: number; position: string; updated_at: string }>("SELECT projection, version, position, updated_at FROM rm_checkpoints ORDER BY projection")).map(
        toCheckpoint,
      ),
    transaction,
    snapshot: async () => {
      const checkpoints = await query<{ projection: string; version: number; position: string }>("SELECT projection, version, position FROM rm_checkpoints ORDER BY projection");
      const docs = await query<{ projection: string; key: string; doc: string }>("SELECT projection, key, doc FROM rm_docs ORDER BY projection, key");
      const index = await query<IndexRow & { projection: string; name: string }>(
        "SELECT projection, name, value, sort_kind, sort_num, sort_text, key FROM rm_index ORDER BY projection, name, value, sort_kind, sort_num, sort_text, key",
      );
      return {
        checkpoints: checkpoints.map((c) => ({ projection: c.projection, version: c.version, position: Number(c.position) })),
        docs: docs.map((d) => ({ projection: d.projection, key: d.key, doc: JSON.parse(d.doc) as unknown })),
        index: index.map((e) => ({ projection: e.projection, name: e.name, value: e.value, sort: sortOf(e), key: e.key })),
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await opened.catch(() => undefined);
      await pool.end();
    },
  };
};
