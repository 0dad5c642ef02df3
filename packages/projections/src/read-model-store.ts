/**
 * Where projections keep their documents: the read-model store port.
 *
 * Documents are addressed by (projection, key) and may carry secondary index entries
 * (name, value, sort): several per document, so one document can be found under many values
 * (a suggestion under its lead unit and each co-unit, a timeline entry under each deputy).
 * Each projection has one checkpoint: the global position of the last event whose effects
 * its documents hold, and the projection version that wrote them.
 *
 * Writes happen in `transaction(fn)`: `fn` records puts, deletes and checkpoints through a
 * synchronous writer, and the store applies them atomically (all or nothing). An adapter over
 * a networked database buffers the writer's operations and sends them in one transaction.
 */

/** An index entry's sort value: numbers sort before strings, each in its natural order. */
export type IndexSort = number | string;

export interface IndexEntry {
  readonly name: string;
  readonly value: string;
  /** Order within (name, value); default 0. */
  readonly sort?: IndexSort;
}

export interface IndexQuery {
  readonly name: string;
  /** Entries whose value is one of these. */
  readonly values: readonly string[];
  /** Lower bound of `sort` (inclusive unless `minExclusive`). */
  readonly min?: IndexSort;
  readonly minExclusive?: boolean;
  /** Upper bound of `sort` (inclusive unless `maxExclusive`). */
  readonly max?: IndexSort;
  readonly maxExclusive?: boolean;
  /** Order by (sort, key); default ascending. */
  readonly order?: "asc" | "desc";
  /** Keyset cursor: only entries strictly after this (sort, key) in the order. */
  readonly after?: { readonly sort: IndexSort; readonly key: string };
  readonly limit?: number;
}

/** One index entry found by a query. */
export interface IndexHit {
  readonly key: string;
  readonly value: string;
  readonly sort: IndexSort;
}

/** An index hit with its document. */
export interface IndexedDoc<D> extends IndexHit {
  readonly doc: D;
}

export interface ProjectionCheckpoint {
  readonly projection: string;
  readonly version: number;
  /** Global position of the last event applied; 0 before any. */
  readonly position: number;
  /** When the checkpoint was written (ISO 8601, UTC). */
  readonly updatedAt: string;
}

/** The write operations of one transaction. Synchronous: they are applied (or buffered) as called. */
export interface ReadModelWriter {
  /**
   * Creates or replaces a document and sets its index entries to exactly `indexes`.
   * `previous`, when the caller knows them, are the document's current index entries (`[]`
   * for a new document): the store then need not read them back.
   */
  put(projection: string, key: string, doc: unknown, indexes?: readonly IndexEntry[], previous?: readonly IndexEntry[]): void;
  /** Removes a document and its index entries (nothing when it does not exist). */
  delete(projection: string, key: string): void;
  /**
   * Sets a projection's checkpoint. With `expectedPosition`, the transaction fails with a
   * `CheckpointConflictError` unless the stored checkpoint is at that position (another
   * writer moved it): the guard that keeps two projectors from applying the same events.
   */
  setCheckpoint(projection: string, version: number, position: number, expectedPosition?: number): void;
  /** Removes every document and index entry of a projection (the checkpoint stays). */
  dropProjection(projection: string): void;
}

export interface ReadModelStore {
  readonly name: string;
  get<D>(projection: string, key: string): Promise<D | undefined>;
  /** The documents that exist among `keys`. */
  getMany<D>(projection: string, keys: Iterable<string>): Promise<Map<string, D>>;
  /** Index entries matching the query, in (sort, key) order. */
  queryIndex(projection: string, query: IndexQuery): Promise<IndexHit[]>;
  /** As `queryIndex`, each hit with its document. */
  listByIndex<D>(projection: string, query: IndexQuery): Promise<IndexedDoc<D>[]>;
  checkpoint(projection: string): Promise<ProjectionCheckpoint | undefined>;
  checkpoints(): Promise<ProjectionCheckpoint[]>;
  /** Applies the writes `fn` records atomically. `fn` must not await: record, then return. */
  transaction<T>(fn: (writer: ReadModelWriter) => T): Promise<T>;
  close(): Promise<void>;
}
