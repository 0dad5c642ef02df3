import type { OpinionListAnswer, OpinionListFilters } from "@duty-ledger/projections";

/**
 * Pages of `GET /v1/opinions`, computed once and reused while they hold.
 *
 * A page of 100 opinions reads and decodes ~100 documents (a millisecond or more of CPU); the
 * office's list is asked for again and again, and between two writes, as of now, its pages do
 * not change until one of them falls due. So a page is kept with the read-model position it
 * was read at and the `asOf` range it holds for — from the `asOf` it was read as of to the
 * reader's `unchangedUntil` (the first due date or claimed step of the scope after it) — and
 * given again to a request of the same filters, page size and cursor at the same position
 * whose `asOf` lies in that range. Only the answer's head (`asOf`, `status`, the scope)
 * differs within it: the page is kept as JSON text, `"items":…,"nextCursor":…}`, and the
 * head written before it (`opinionsAnswerText`).
 */

export interface OpinionsCacheOptions {
  /** The reader (`ReadModels.listOpinions`). */
  readonly list: (filters: OpinionListFilters) => Promise<OpinionListAnswer>;
  /** Pages kept, least recently used dropped first. Default 512. */
  readonly maxPages?: number;
  /** And at most this many characters of their text (a page of 1000 opinions is ~0.5 M). Default 16 M. */
  readonly maxChars?: number;
}

export interface OpinionsCache {
  /** The page's JSON text after the head: `"items":[…],"nextCursor":…}`. */
  page(filters: OpinionListFilters, position: number): Promise<string>;
}

interface Entry {
  readonly position: number;
  readonly from: number;
  readonly until: number;
  readonly text: string;
}

export const createOpinionsCache = (options: OpinionsCacheOptions): OpinionsCache => {
  const maxPages = options.maxPages ?? 512;
  const maxChars = options.maxChars ?? 16 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let chars = 0;
  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    chars -= entry.text.length;
  };
  return {
    async page(filters, position) {
      const asOfMs = Date.parse(filters.asOf);
      const key = JSON.stringify([filters.unitId ?? null, filters.stationId ?? null, filters.status ?? null, filters.limit ?? null, filters.cursor ?? null]);
      const kept = entries.get(key);
      if (kept !== undefined && kept.position === position && kept.from <= asOfMs && asOfMs < kept.until) {
        entries.delete(key);
        entries.set(key, kept);
        return kept.text;
      }
      const { items, nextCursor, unchangedUntil } = await options.list(filters);
      const text = JSON.stringify({ items, nextCursor }).slice(1);
      drop(key);
      entries.set(key, { position, from: asOfMs, until: unchangedUntil, text });
      chars += text.length;
      while (entries.size > maxPages || (chars > maxChars && entries.size > 1)) drop(entries.keys().next().value as string);
      return text;
    },
  };
};

/** The answer's JSON text: `{asOf, status, unitId?, stationId?, items, nextCursor}`, as `JSON.stringify` writes it. */
export const opinionsAnswerText = (head: { readonly asOf: string; readonly status: string | null; readonly unitId?: string; readonly stationId?: string }, page: string): string =>
  `${JSON.stringify(head).slice(0, -1)},${page}`;
