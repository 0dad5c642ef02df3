import { CheckpointConflictError } from "./errors.js";
import type {
  IndexEntry,
  IndexHit,
  IndexQuery,
  IndexSort,
  IndexedDoc,
  ProjectionCheckpoint,
  ReadModelStore,
  ReadModelWriter,
} from "./read-model-store.js";
import type { ReadModelSnapshot } from "./sqlite-read-model-store.js";

/**
 * The read-model store held in memory: the port's second adapter, for a fold whose documents
 * live as long as the process (the audit's replay). Documents are kept as they were put, never
 * serialised: the engine's documents are immutable, so a reader and the engine share them
 * (kept as JSON text instead, the province's replay took more CPU and peaked higher:
 * docs/performance.md, "Tried, not kept").
 * Answers are those of the SQLite store (a property test runs both on the same operations):
 * index hits in (sort, key) order, numbers before strings; a transaction applies all its writes
 * or none; a checkpoint with `expectedPosition` refuses a moved checkpoint.
 */
export interface MemoryReadModelStore extends ReadModelStore {
  snapshot(): ReadModelSnapshot;
}

interface StoredDoc {
  readonly doc: unknown;
  /** Its index entries, the same objects as in the index. */
  readonly entries: readonly StoredEntry[];
}

/** An index entry with its sort defaulted, as stored. */
interface IndexHitEntry {
  readonly name: string;
  readonly value: string;
  readonly sort: IndexSort;
}

/**
 * An index entry as the index holds it: with its document's key (the hit of a query) and its
 * place in its value's array, so that removing it costs the same under a value of three entries
 * as under one of every deputy (`registered`: 143 278 on the province; found by a scan, the
 * replay's removals took quadratic time).
 */
interface StoredEntry extends IndexHitEntry {
  readonly key: string;
  slot: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareSort = (a: IndexSort, b: IndexSort): number =>
  typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === "number" ? -1 : 1;

const entryId = (entry: IndexHitEntry): string => `${entry.name}\u0000${entry.value}\u0000${typeof entry.sort === "number" ? "n" : "s"}${entry.sort}`;

const sameEntry = (a: IndexHitEntry, b: IndexHitEntry): boolean => a.name === b.name && a.value === b.value && a.sort === b.sort;

const sameEntries = (a: readonly IndexHitEntry[], b: readonly IndexHitEntry[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameEntry(a[i] as IndexHitEntry, b[i] as IndexHitEntry)) return false;
  return true;
};

const noEntries: readonly never[] = [];

/** Entries as stored: `sort` defaulted to 0, checked finite, each once (first kept, order kept). */
const normalise = (entries: readonly IndexEntry[] | undefined): readonly IndexHitEntry[] => {
  if (entries === undefined || entries.length === 0) return noEntries;
  const out: IndexHitEntry[] = [];
  // Few entries per document in practice: a pairwise check is cheaper than building ids.
  const seen = entries.length > 16 ? new Set<string>() : undefined;
  for (const entry of entries) {
    const sort = entry.sort ?? 0;
    if (typeof sort === "number" && !Number.isFinite(sort)) throw new RangeError(`index sort must be finite, got ${sort}`);
    const stored = { name: entry.name, value: entry.value, sort };
    if (seen !== undefined) {
      const id = entryId(stored);
      if (seen.has(id)) continue;
      seen.add(id);
    } else if (out.some((other) => sameEntry(other, stored))) {
      continue;
    }
    out.push(stored);
  }
  // An array grown by `push` keeps room for 16 more; a copy holds what it holds.
  return out.slice();
};

const docOf = (stored: StoredDoc | undefined): unknown => stored?.doc;

/** Whether a hit passes the query's bounds and cursor. */
const inRange = (query: IndexQuery, hit: IndexHit): boolean => {
  if (query.min !== undefined) {
    const c = compareSort(hit.sort, query.min);
    if (c < 0 || (c === 0 && query.minExclusive === true)) return false;
  }
  if (query.max !== undefined) {
    const c = compareSort(hit.sort, query.max);
    if (c > 0 || (c === 0 && query.maxExclusive === true)) return false;
  }
  if (query.after !== undefined) {
    const c = compareSort(hit.sort, query.after.sort) || compareText(hit.key, query.after.key);
    if (query.order === "desc" ? c >= 0 : c <= 0) return false;
  }
  return true;
};

type Write =
  | { readonly kind: "put"; readonly projection: string; readonly key: string; readonly doc: unknown; readonly entries: readonly IndexHitEntry[] }
  | { readonly kind: "delete"; readonly projection: string; readonly key: string }
  | { readonly kind: "checkpoint"; readonly checkpoint: ProjectionCheckpoint }
  | { readonly kind: "drop"; readonly projection: string };

export const createMemoryReadModelStore = (): MemoryReadModelStore => {
  const docs = new Map<string, Map<string, StoredDoc>>();
  /**
   * projection -> index name -> value -> the entries under that value, in no order: one small
   * object per entry (shared with its document) in one array per value. With a map per value
   * and per key, a replay of 300 k events held 278 MB where it holds 241 (docs/performance.md).
   */
  const index = new Map<string, Map<string, Map<string, StoredEntry[]>>>();
  const checkpoints = new Map<string, ProjectionCheckpoint>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error("read-model store memory is closed");
  };

  const documentsOf = (projection: string): Map<string, StoredDoc> => {
    let found = docs.get(projection);
    if (found === undefined) docs.set(projection, (found = new Map()));
    return found;
  };

  const valuesOf = (projection: string, name: string, create: boolean): Map<string, StoredEntry[]> | undefined => {
    let byName = index.get(projection);
    if (byName === undefined) {
      if (!create) return undefined;
      index.set(projection, (byName = new Map()));
    }
    let byValue = byName.get(name);
    if (byValue === undefined && create) byName.set(name, (byValue = new Map()));
    return byValue;
  };

  /** Removes a document's entries from the index: each swapped with its value's last entry (the arrays are in no order). */
  const unindex = (projection: string, entries: readonly StoredEntry[]): void => {
    for (const entry of entries) {
      const byValue = valuesOf(projection, entry.name, false);
      const hits = byValue?.get(entry.value);
      if (byValue === undefined || hits === undefined || hits[entry.slot] !== entry) throw new Error(`read-model store memory: index entry of ${entry.key} lost`);
      const last = hits.pop() as StoredEntry;
      if (hits.length === 0) {
        byValue.delete(entry.value);
      } else if (last !== entry) {
        hits[entry.slot] = last;
        last.slot = entry.slot;
      }
    }
  };

  const apply = (write: Write): void => {
    switch (write.kind) {
      case "put": {
        const documents = documentsOf(write.projection);
        const old = documents.get(write.key);
        // Most rewrites keep the document's entries: nothing to do in the index then.
        if (old !== undefined && sameEntries(old.entries, write.entries)) {
          documents.set(write.key, { doc: write.doc, entries: old.entries });
          return;
        }
        if (old !== undefined) unindex(write.projection, old.entries);
        const entries = write.entries.length === 0 ? noEntries : write.entries.map((entry): StoredEntry => ({ name: entry.name, value: entry.value, sort: entry.sort, key: write.key, slot: 0 }));
        documents.set(write.key, { doc: write.doc, entries });
        for (const entry of entries) {
          const byValue = valuesOf(write.projection, entry.name, true) as Map<string, StoredEntry[]>;
          const hits = byValue.get(entry.value);
          entry.slot = hits === undefined ? 0 : hits.length;
          // Most values hold a few entries: copied, an array holds them exactly (`push` would leave room for 16 more).
          if (hits === undefined) byValue.set(entry.value, [entry]);
          else if (hits.length < 32) byValue.set(entry.value, [...hits, entry]);
          else hits.push(entry);
        }
        return;
      }
      case "delete": {
        const old = docs.get(write.projection)?.get(write.key);
        if (old === undefined) return;
        unindex(write.projection, old.entries);
        docs.get(write.projection)?.delete(write.key);
        return;
      }
      case "checkpoint":
        checkpoints.set(write.checkpoint.projection, write.checkpoint);
        return;
      case "drop":
        docs.delete(write.projection);
        index.delete(write.projection);
        return;
      default: {
        const _exhaustive: never = write;
        throw new Error(`unknown write ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  const hitsOf = (projection: string, query: IndexQuery): IndexHit[] => {
    const limit = query.limit;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    const hits: IndexHit[] = [];
    const byValue = valuesOf(projection, query.name, false);
    for (const value of new Set(query.values)) {
      for (const hit of byValue?.get(value) ?? []) if (inRange(query, hit)) hits.push({ key: hit.key, value: hit.value, sort: hit.sort });
    }
    hits.sort((a, b) => compareSort(a.sort, b.sort) || compareText(a.key, b.key) || compareText(a.value, b.value));
    if (query.order === "desc") hits.reverse();
    return limit === undefined ? hits : hits.slice(0, limit);
  };

  const transaction = <T>(fn: (writer: ReadModelWriter) => T): T => {
    assertOpen();
    const writes: Write[] = [];
    const staged = new Map<string, number>();
    let active = true;
    const guard = (): void => {
      if (!active) throw new Error("read-model writer used outside its transaction");
    };
    const writer: ReadModelWriter = {
      put: (projection, key, doc, indexes) => {
        guard();
        writes.push({ kind: "put", projection, key, doc, entries: normalise(indexes) });
      },
      delete: (projection, key) => {
        guard();
        writes.push({ kind: "delete", projection, key });
      },
      setCheckpoint: (projection, version, position, expectedPosition) => {
        guard();
        if (!Number.isSafeInteger(version) || !Number.isSafeInteger(position) || position < 0) {
          throw new RangeError(`invalid checkpoint ${projection} v${version} @${position}`);
        }
        if (expectedPosition !== undefined) {
          const actual = staged.get(projection) ?? checkpoints.get(projection)?.position ?? null;
          if (actual !== expectedPosition) throw new CheckpointConflictError(projection, expectedPosition, actual);
        }
        staged.set(projection, position);
        writes.push({ kind: "checkpoint", checkpoint: { projection, version, position, updatedAt: new Date().toISOString() } });
      },
      dropProjection: (projection) => {
        guard();
        writes.push({ kind: "drop", projection });
      },
    };
    try {
      const result = fn(writer);
      if (result instanceof Promise) throw new TypeError("a read-model transaction function must not be async");
      for (const write of writes) apply(write);
      return result;
    } finally {
      active = false;
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

  return {
    name: "memory",
    get: <D>(projection: string, key: string) => sync(() => docOf(docs.get(projection)?.get(key)) as D | undefined),
    getMany: <D>(projection: string, keys: Iterable<string>) =>
      sync(() => {
        const found = new Map<string, D>();
        const documents = docs.get(projection);
        for (const key of keys) {
          const stored = documents?.get(key);
          if (stored !== undefined) found.set(key, docOf(stored) as D);
        }
        return found;
      }),
    queryIndex: (projection, query) => sync(() => hitsOf(projection, query)),
    listByIndex: <D>(projection: string, query: IndexQuery) =>
      sync(() => {
        const documents = docs.get(projection);
        return hitsOf(projection, query).map((hit): IndexedDoc<D> => ({ key: hit.key, value: hit.value, sort: hit.sort, doc: docOf(documents?.get(hit.key)) as D }));
      }),
    checkpoint: (projection) => sync(() => checkpoints.get(projection)),
    checkpoints: () => sync(() => [...checkpoints.values()].sort((a, b) => compareText(a.projection, b.projection))),
    transaction: (fn) => sync(() => transaction(fn)),
    snapshot: () => {
      assertOpen();
      const allDocs = [...docs].flatMap(([projection, documents]) => [...documents].map(([key, stored]) => ({ projection, key, doc: docOf(stored) })));
      allDocs.sort((a, b) => compareText(a.projection, b.projection) || compareText(a.key, b.key));
      const allIndex = [...docs].flatMap(([projection, documents]) =>
        [...documents].flatMap(([key, stored]) => stored.entries.map((entry) => ({ projection, name: entry.name, value: entry.value, sort: entry.sort, key }))),
      );
      allIndex.sort(
        (a, b) =>
          compareText(a.projection, b.projection) || compareText(a.name, b.name) || compareText(a.value, b.value) || compareSort(a.sort, b.sort) || compareText(a.key, b.key),
      );
      return {
        checkpoints: [...checkpoints.values()]
          .map(({ projection, version, position }) => ({ projection, version, position }))
          .sort((a, b) => compareText(a.projection, b.projection)),
        docs: allDocs,
        index: allIndex,
      };
    },
    close: async () => {
      closed = true;
    },
  };
};
