/**
 * The engine's documents in memory, per projection, between and across commits.
 *
 * While the engine catches up with the log it folds many chunks of events before it commits:
 * a document touched by thousands of events (a suggestion over its months of handling) is read
 * from the store at most once and written once per commit. After a commit the documents stay
 * cached (clean) so that the next chunks need not read them back; when the cache holds more
 * than its bound, the clean documents least recently folded are dropped.
 *
 * Each entry keeps the index entries the store holds for the document (`stored`: the store need
 * not read them back to replace them), and whether the document changed since the last commit.
 *
 * Knowing what is NOT stored saves a read per new document: a projection rebuilt from the start
 * of the log in this run has no documents in the store but those this cache wrote. Every key it
 * drops is remembered in a Bloom filter, so a key neither cached nor in the filter is known
 * absent; a filter hit (or a projection that was not rebuilt) means "ask the store".
 */

import type { IndexEntry } from "./read-model-store.js";

/** `stored` of a document the store does not hold. */
export const NOT_STORED = null;

export interface CachedDocument {
  /** The document with every folded event. */
  doc: unknown;
  /** The index entries of the document as committed; `NOT_STORED` when the store does not hold it. */
  stored: readonly IndexEntry[] | typeof NOT_STORED;
  /** Folded since the last commit. */
  dirty: boolean;
  /** The fold round (chunk) that last touched it: the older, the first dropped. */
  touched: number;
}

export interface ProjectionDocuments {
  readonly entries: Map<string, CachedDocument>;
  /** Keys of documents folded since the last commit. */
  readonly dirty: Set<string>;
  /**
   * True when the store holds no document of this projection but those this cache committed
   * (rebuilt from the start of the log in this run).
   */
  readonly rebuilding: boolean;
  /** Could the store hold `key` (a document not in `entries`)? False only when known absent. */
  mayBeStored(key: string): boolean;
  /** Remembers that the store holds `key` (its entry is being dropped). */
  forget(key: string): void;
}

/**
 * A scalable Bloom filter of strings: slices of ~12 bits per key and 5 probes (under 1 % false
 * positives each), a new slice twice as big when the last one is full; no key is kept.
 */
interface KeyFilter {
  add(key: string): void;
  has(key: string): boolean;
}

const hash = (key: string, seed: number): number => {
  let h = seed >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32)
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

interface FilterSlice {
  readonly bits: Uint32Array;
  readonly capacity: number;
  count: number;
}

const PROBES = 5;

const probe = (slice: FilterSlice, h1: number, h2: number, i: number): number => ((h1 + Math.imul(i, h2)) >>> 0) % (slice.bits.length * 32);

const createKeyFilter = (): KeyFilter => {
  const slices: FilterSlice[] = [];
  const addSlice = (capacity: number): FilterSlice => {
    const slice = { bits: new Uint32Array(Math.ceil((capacity * 12) / 32)), capacity, count: 0 };
    slices.push(slice);
    return slice;
  };
  let last = addSlice(1 << 16);
  return {
    add: (key) => {
      if (last.count >= last.capacity) last = addSlice(last.capacity * 2);
      const h1 = hash(key, 0x811c9dc5);
      const h2 = hash(key, 0x9747b28c) | 1;
      for (let i = 0; i < PROBES; i++) {
        const bit = probe(last, h1, h2, i);
        last.bits[bit >>> 5] = (last.bits[bit >>> 5] as number) | (1 << (bit & 31));
      }
      last.count++;
    },
    has: (key) => {
      const h1 = hash(key, 0x811c9dc5);
      const h2 = hash(key, 0x9747b28c) | 1;
      for (const slice of slices) {
        let all = true;
        for (let i = 0; i < PROBES && all; i++) {
          const bit = probe(slice, h1, h2, i);
          all = ((slice.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
        }
        if (all) return true;
      }
      return false;
    },
  };
};

export const createProjectionDocuments = (rebuilding: boolean): ProjectionDocuments => {
  const dropped = rebuilding ? createKeyFilter() : undefined;
  return {
    entries: new Map(),
    dirty: new Set(),
    rebuilding,
    mayBeStored: (key) => dropped === undefined || dropped.has(key),
    forget: (key) => dropped?.add(key),
  };
};

/**
 * Drops clean documents until at most `retain` are cached: first those not touched in the last
 * `recentRounds` fold rounds, then any clean one, oldest loaded first.
 */
export const evictDocuments = (caches: readonly ProjectionDocuments[], retain: number, round: number, recentRounds: number): void => {
  let size = 0;
  for (const cache of caches) size += cache.entries.size;
  if (size <= retain) return;
  for (const pass of [round - recentRounds, Number.POSITIVE_INFINITY]) {
    for (const cache of caches) {
      for (const [key, entry] of cache.entries) {
        if (size <= retain) return;
        if (entry.dirty || entry.touched >= pass) continue;
        cache.entries.delete(key);
        if (entry.stored !== NOT_STORED) cache.forget(key);
        size--;
      }
    }
  }
};
