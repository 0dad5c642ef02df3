import type { IndexEntry, IndexSort } from "./read-model-store.js";

/** An index entry as the read-model stores keep it with its document: `[name, value, sort]`. */
export type StoredEntry = [string, string, IndexSort];

export const entryId = (entry: StoredEntry): string => `${entry[0]}\u0000${entry[1]}\u0000${typeof entry[2] === "number" ? "n" : "s"}${entry[2]}`;

export const sameEntry = (a: StoredEntry, b: StoredEntry): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** Entries as stored: `sort` defaulted to 0, checked finite, duplicates dropped (first kept, order kept). */
export const normaliseEntries = (entries: readonly IndexEntry[] | undefined): StoredEntry[] => {
  if (entries === undefined || entries.length === 0) return [];
  const out: StoredEntry[] = [];
  // Few entries per document in practice: a pairwise check is cheaper than building ids.
  const seen = entries.length > 16 ? new Set<string>() : undefined;
  for (const entry of entries) {
    const sort = entry.sort ?? 0;
    if (typeof sort === "number" && !Number.isFinite(sort)) throw new RangeError(`index sort must be finite, got ${sort}`);
    const stored: StoredEntry = [entry.name, entry.value, sort];
    if (seen !== undefined) {
      const id = entryId(stored);
      if (seen.has(id)) continue;
      seen.add(id);
    } else if (out.some((other) => sameEntry(other, stored))) {
      continue;
    }
    out.push(stored);
  }
  return out;
};

export const sameEntries = (a: readonly StoredEntry[], b: readonly StoredEntry[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameEntry(a[i] as StoredEntry, b[i] as StoredEntry)) return false;
  return true;
};

/** A non-negative integer limit, or `undefined` for none. */
export const checkLimit = (limit: number | undefined): number | undefined => {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
};
