import type pg from "pg";
import { CheckpointConflictError } from "./errors.js";
import { entryId, normaliseEntries, type StoredEntry } from "./index-entries.js";
import type { IndexEntry, IndexSort, ReadModelWriter } from "./read-model-store.js";

/**
 * One read-model transaction on PostgreSQL. The writer's calls are recorded (checked as the
 * SQLite store checks them: a document that is not JSON, a sort that is not finite, throw at
 * the call); the commit then folds them into their net effect and sends it in one transaction,
 * a few statements of arrays through `unnest`, each list in slices (`SLICE_ROWS`, `SLICE_CHARS`):
 *
 * 1. `SELECT … FOR UPDATE` the checkpoints the transaction sets: two writers of one projection
 *    take turns there, and an `expectedPosition` is checked against the locked row (a
 *    `CheckpointConflictError` rolls everything back).
 * 2. the index entries before the transaction, of the documents put without their `previous`
 *    entries or deleted;
 * 3. the projections dropped (their documents and entries deleted), then the entries to delete,
 *    the documents to delete, the documents to upsert, the entries to insert, the checkpoints.
 *
 * A projection dropped in the transaction starts from nothing: what was written to it before the
 * drop is gone with it.
 */

type Op =
  | { readonly kind: "put"; readonly projection: string; readonly key: string; readonly doc: string; readonly entries: StoredEntry[]; readonly previous: StoredEntry[] | undefined }
  | { readonly kind: "delete"; readonly projection: string; readonly key: string }
  | { readonly kind: "checkpoint"; readonly projection: string; readonly version: number; readonly position: number; readonly expected: number | undefined }
  | { readonly kind: "drop"; readonly projection: string };

/** A document's state over the transaction: present with its entries, or absent (`null`). */
type DocState = { readonly doc: string; readonly entries: StoredEntry[] } | null;

const docId = (projection: string, key: string): string => `${projection}\u0000${key}`;

export interface RecordedTransaction {
  readonly writer: ReadModelWriter;
  /** Stops recording: later calls on the writer throw. */
  end(): void;
  /** Whether anything was recorded. */
  empty(): boolean;
  /** Applies what was recorded on `client` (inside its BEGIN … COMMIT, which the caller runs). */
  apply(client: pg.ClientBase): Promise<void>;
}

export const recordTransaction = (): RecordedTransaction => {
  const ops: Op[] = [];
  let active = true;
  const guard = (): void => {
    if (!active) throw new Error("read-model writer used outside its transaction");
  };
  const writer: ReadModelWriter = {
    put: (projection, key, doc, indexes?: readonly IndexEntry[], previous?: readonly IndexEntry[]) => {
      guard();
      const json = JSON.stringify(doc);
      if (json === undefined) throw new TypeError(`document ${projection}/${key} is not JSON`);
      ops.push({ kind: "put", projection, key, doc: json, entries: normaliseEntries(indexes), previous: previous === undefined ? undefined : normaliseEntries(previous) });
    },
    delete: (projection, key) => {
      guard();
      ops.push({ kind: "delete", projection, key });
    },
    setCheckpoint: (projection, version, position, expectedPosition) => {
      guard();
      if (!Number.isSafeInteger(version) || !Number.isSafeInteger(position) || position < 0) {
        throw new RangeError(`invalid checkpoint ${projection} v${version} @${position}`);
      }
      ops.push({ kind: "checkpoint", projection, version, position, expected: expectedPosition });
    },
    dropProjection: (projection) => {
      guard();
      ops.push({ kind: "drop", projection });
    },
  };
  return {
    writer,
    end: () => {
      active = false;
    },
    empty: () => ops.length === 0,
    apply: (client) => applyOps(client, ops),
  };
};

/** Index rows as the `unnest` arrays of rm_index's columns. */
class IndexRows {
  readonly projection: string[] = [];
  readonly name: string[] = [];
  readonly value: string[] = [];
  readonly kind: number[] = [];
  readonly num: number[] = [];
  readonly text: string[] = [];
  readonly key: string[] = [];
  add(projection: string, key: string, entry: StoredEntry): void {
    const sort: IndexSort = entry[2];
    this.projection.push(projection);
    this.name.push(entry[0]);
    this.value.push(entry[1]);
    this.kind.push(typeof sort === "number" ? 0 : 1);
    this.num.push(typeof sort === "number" ? sort : 0);
    this.text.push(typeof sort === "number" ? "" : sort);
    this.key.push(key);
  }
  columns(): unknown[][] {
    return [this.projection, this.name, this.value, this.kind, this.num, this.text, this.key];
  }
}

const INDEX_UNNEST = "unnest($1::text[], $2::text[], $3::text[], $4::int2[], $5::float8[], $6::text[], $7::text[])";

/**
 * Rows sent per statement, and characters of documents: `pg` sends an array parameter as one
 * string (each element quoted, every quote in it escaped), so a catch-up batch of 400 000
 * documents in one statement made strings of gigabytes (the province's rebuild into PostgreSQL
 * ran the projector's heap out of memory). The slices of one transaction still commit together.
 */
export const SLICE_ROWS = 5000;
export const SLICE_CHARS = 8 * 1024 * 1024;

/** `[start, end)` ranges over `count` rows: at most `SLICE_ROWS` rows and (with `charsOf`) about `SLICE_CHARS` characters each, one row at least. */
export const sliceRanges = (count: number, charsOf?: (row: number) => number): (readonly [number, number])[] => {
  const ranges: (readonly [number, number])[] = [];
  let start = 0;
  let chars = 0;
  for (let row = 0; row < count; row++) {
    const rowChars = charsOf?.(row) ?? 0;
    if (row > start && (row - start >= SLICE_ROWS || chars + rowChars > SLICE_CHARS)) {
      ranges.push([start, row]);
      start = row;
      chars = 0;
    }
    chars += rowChars;
  }
  if (count > start) ranges.push([start, count]);
  return ranges;
};

/** Runs `sql` once per slice of the parallel arrays `columns` (`$1`, `$2`, … each one's slice); nothing when they are empty. */
const querySliced = async (client: pg.ClientBase, sql: string, columns: readonly unknown[][], charsOf?: (row: number) => number): Promise<void> => {
  for (const [start, end] of sliceRanges(columns[0]?.length ?? 0, charsOf)) {
    await client.query(sql, columns.map((column) => column.slice(start, end)));
  }
};

async function applyOps(client: pg.ClientBase, ops: readonly Op[]): Promise<void> {
  // 1. Checkpoints: lock the rows, then play the sets in order against them.
  const checkpointNames = [...new Set(ops.flatMap((op) => (op.kind === "checkpoint" ? [op.projection] : [])))].sort();
  const checkpoints = new Map<string, { version: number; position: number } | null>(checkpointNames.map((name) => [name, null]));
  if (checkpointNames.length > 0) {
    const locked = await client.query<{ projection: string; position: string }>(
      "SELECT projection, position FROM rm_checkpoints WHERE projection = ANY($1::text[]) ORDER BY projection FOR UPDATE",
      [checkpointNames],
    );
    for (const row of locked.rows) checkpoints.set(row.projection, { version: 0, position: Number(row.position) });
  }
  const changedCheckpoints = new Set<string>();
  for (const op of ops) {
    if (op.kind !== "checkpoint") continue;
    const current = checkpoints.get(op.projection) ?? null;
    if (op.expected !== undefined && (current === null ? null : current.position) !== op.expected) {
      throw new CheckpointConflictError(op.projection, op.expected, current === null ? null : current.position);
    }
    checkpoints.set(op.projection, { version: op.version, position: op.position });
    changedCheckpoints.add(op.projection);
  }

  // 2. Where each document starts: a dropped projection from nothing; else the `previous` of its
  //    first put, or what the database holds.
  const lastDrop = new Map<string, number>();
  ops.forEach((op, i) => {
    if (op.kind === "drop") lastDrop.set(op.projection, i);
  });
  const baseline = new Map<string, { projection: string; key: string; entries: StoredEntry[] | "unknown" }>();
  ops.forEach((op, i) => {
    if (op.kind !== "put" && op.kind !== "delete") return;
    if (i < (lastDrop.get(op.projection) ?? -1)) return;
    const id = docId(op.projection, op.key);
    if (baseline.has(id)) return;
    const fromPrevious = op.kind === "put" && op.previous !== undefined;
    baseline.set(id, { projection: op.projection, key: op.key, entries: lastDrop.has(op.projection) ? [] : fromPrevious ? (op.previous as StoredEntry[]) : "unknown" });
  });
  const unknown = [...baseline.values()].filter((b) => b.entries === "unknown");
  if (unknown.length > 0) {
    for (const b of unknown) b.entries = [];
    for (const [start, end] of sliceRanges(unknown.length)) {
      const slice = unknown.slice(start, end);
      const stored = await client.query<{ projection: string; key: string; idx: string | null }>(
        "SELECT d.projection, d.key, d.idx FROM rm_docs d JOIN unnest($1::text[], $2::text[]) AS u(projection, key) ON d.projection = u.projection AND d.key = u.key",
        [slice.map((b) => b.projection), slice.map((b) => b.key)],
      );
      for (const row of stored.rows) {
        const b = baseline.get(docId(row.projection, row.key));
        if (b !== undefined) b.entries = row.idx === null ? [] : (JSON.parse(row.idx) as StoredEntry[]);
      }
    }
  }

  // Each document's state at the end.
  const final = new Map<string, DocState>();
  ops.forEach((op, i) => {
    if ((op.kind === "put" || op.kind === "delete") && i > (lastDrop.get(op.projection) ?? -1)) {
      final.set(docId(op.projection, op.key), op.kind === "put" ? { doc: op.doc, entries: op.entries } : null);
    }
  });

  // 3. The net changes.
  const deletedEntries = new IndexRows();
  const insertedEntries = new IndexRows();
  const deletedDocs: { projection: string[]; key: string[] } = { projection: [], key: [] };
  const upserts: { projection: string[]; key: string[]; doc: string[]; idx: (string | null)[] } = { projection: [], key: [], doc: [], idx: [] };
  for (const [id, state] of final) {
    const start = baseline.get(id) as { projection: string; key: string; entries: StoredEntry[] };
    const { projection, key } = start;
    const after = state === null ? [] : state.entries;
    const afterIds = new Set(after.map(entryId));
    const beforeIds = new Set(start.entries.map(entryId));
    for (const entry of start.entries) if (!afterIds.has(entryId(entry))) deletedEntries.add(projection, key, entry);
    for (const entry of after) if (!beforeIds.has(entryId(entry))) insertedEntries.add(projection, key, entry);
    if (state === null) {
      deletedDocs.projection.push(projection);
      deletedDocs.key.push(key);
    } else {
      upserts.projection.push(projection);
      upserts.key.push(key);
      upserts.doc.push(state.doc);
      upserts.idx.push(state.entries.length === 0 ? null : JSON.stringify(state.entries));
    }
  }

  for (const projection of lastDrop.keys()) {
    await client.query("DELETE FROM rm_index WHERE projection = $1", [projection]);
    await client.query("DELETE FROM rm_docs WHERE projection = $1", [projection]);
  }
  await querySliced(client, `DELETE FROM rm_index WHERE (projection, name, value, sort_kind, sort_num, sort_text, key) IN (SELECT * FROM ${INDEX_UNNEST})`, deletedEntries.columns());
  await querySliced(client, "DELETE FROM rm_docs WHERE (projection, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))", [deletedDocs.projection, deletedDocs.key]);
  await querySliced(
    client,
    "INSERT INTO rm_docs (projection, key, doc, idx) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) " +
      "ON CONFLICT (projection, key) DO UPDATE SET doc = excluded.doc, idx = excluded.idx",
    [upserts.projection, upserts.key, upserts.doc, upserts.idx],
    (row) => (upserts.doc[row] as string).length + (upserts.idx[row]?.length ?? 0),
  );
  await querySliced(
    client,
    `INSERT INTO rm_index (projection, name, value, sort_kind, sort_num, sort_text, key) SELECT * FROM ${INDEX_UNNEST} ON CONFLICT DO NOTHING`,
    insertedEntries.columns(),
  );
  if (changedCheckpoints.size > 0) {
    const names = [...changedCheckpoints].sort();
    const now = new Date().toISOString();
    await client.query(
      "INSERT INTO rm_checkpoints (projection, version, position, updated_at) SELECT u.projection, u.version, u.position, $4 FROM unnest($1::text[], $2::int4[], $3::int8[]) AS u(projection, version, position) " +
        "ON CONFLICT (projection) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = excluded.updated_at",
      [names, names.map((n) => (checkpoints.get(n) as { version: number }).version), names.map((n) => (checkpoints.get(n) as { position: number }).position), now],
    );
  }
}
