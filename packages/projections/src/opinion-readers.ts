import { streamIdOf, ValidationError } from "@duty-ledger/domain";
import { OPINIONS, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import {
  nextChangeAfter,
  OPINION_CHANGED_INDEX,
  OPINION_DUE_INDEX,
  opinionDueFrom,
  opinionDueSort,
  opinionDueValue,
  opinionScopeKey,
  stageOfStatus,
  type OpinionStatus,
} from "./opinion-referral-state.js";
import { opinionItemOf, opinionItemsOf, stationRecordOf, type OpinionItem, type StationRecord } from "./opinions-view.js";
import type { IndexQuery, ReadModelStore } from "./read-model-store.js";

export interface OpinionListFilters {
  readonly status?: OpinionStatus | undefined;
  /** Only the opinions referred to this unit. */
  readonly unitId?: string | undefined;
  /** Only the opinions gathered at this station. */
  readonly stationId?: string | undefined;
  /** ISO 8601 with offset: statuses as of then. */
  readonly asOf: string;
  /** 1–1000, default 100. */
  readonly limit?: number | undefined;
  readonly cursor?: string | null | undefined;
}

export interface OpinionListPage {
  /** By due date in force (earliest first), then contact and opinion id. */
  readonly items: readonly OpinionItem[];
  readonly nextCursor: string | null;
}

/** A page and how long it holds. */
export interface OpinionListAnswer extends OpinionListPage {
  /**
   * While the read models do not change, the page is the same for every `asOf` from the one
   * asked up to this instant (ms, excluded; `Infinity`: ever): the first time after `asOf` at
   * which an opinion of the scope falls due or a step of it was claimed. A cache may reuse it.
   */
  readonly unchangedUntil: number;
}

/** The readers of 听民意 (part of `createReadModels`). */
export interface OpinionReaders {
  /** The referred opinions, filtered, as of `asOf`, paged by due date. */
  listOpinions(filters: OpinionListFilters): Promise<OpinionListAnswer>;
  /** A station's year as of `asOf`; `null` when the station is not registered. */
  getStationRecord(stationId: string, year: number, asOf: string): Promise<StationRecord | null>;
}

const invalid = (path: string, message: string): ValidationError => new ValidationError(`${path} ${message}`, { errors: [{ path, message }] });

type Place = readonly [dueAt: number, contactId: string, opinionId: string];

const placeOf = (item: OpinionItem): Place => [Date.parse(item.dueAt), item.contactId, item.opinionId];

const compare = (a: Place, b: Place): number => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

const encodeCursor = (place: Place): string => Buffer.from(JSON.stringify(place), "utf8").toString("base64url");

const decodeCursor = (cursor: string): Place => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === "number" && typeof parsed[1] === "string" && typeof parsed[2] === "string") {
      return [parsed[0], parsed[1], parsed[2]];
    }
  } catch {
    // fall through
  }
  throw invalid("cursor", "is not a cursor of this list");
};

const opinionIdOfSort = (sort: string | number): string => String(sort).split(" ")[2] ?? "";

/**
 * The opinions list, paged through the `opinion-due` index (`opinion-referral-state.ts`): each
 * referred opinion is filed under its latest state, which is its state as of `asOf` unless its
 * contact changed after `asOf` (the `opinion-changed` index names those). So a page is the
 * first index entries of the scope and stage (`any` without a status) after the cursor, within
 * the due dates the status asks for, those contacts skipped, merged with the changed contacts'
 * opinions computed as of `asOf`. As of now (the default) no contact changed later: a page is
 * one index query of `limit + 1` entries with their documents.
 */
const listOpinionsFrom = async (store: ReadModelStore, filters: OpinionListFilters, asOfMs: number, limit: number, after: Place | undefined): Promise<OpinionListAnswer> => {
  const scope = opinionScopeKey(filters);
  const keep = (item: OpinionItem | null): item is OpinionItem =>
    item !== null &&
    (filters.unitId === undefined || item.unitId === filters.unitId) &&
    (filters.stationId === undefined || item.stationId === filters.stationId) &&
    (filters.status === undefined || item.status === filters.status) &&
    (after === undefined || compare(placeOf(item), after) > 0);

  // Contacts whose latest state is not their state as of asOf: computed as of asOf. The page
  // holds until the first of their next steps, or an opinion of theirs open as of asOf falls due.
  const changedHits = await store.queryIndex(OPINIONS, { name: OPINION_CHANGED_INDEX, values: [scope], min: asOfMs, minExclusive: true });
  const changed = new Set(changedHits.map((hit) => hit.key));
  let unchangedUntil = Number.POSITIVE_INFINITY;
  const changedDocs = await store.getMany<OpinionsDoc>(OPINIONS, changed);
  const changedItems: OpinionItem[] = [];
  for (const doc of changedDocs.values()) {
    if (doc.kind !== "contact") continue;
    for (const referral of Object.values(doc.referrals)) unchangedUntil = Math.min(unchangedUntil, nextChangeAfter(referral, asOfMs));
    for (const item of opinionItemsOf(doc, asOfMs)) {
      if (item.status === "open") unchangedUntil = Math.min(unchangedUntil, Date.parse(item.dueAt) + 1);
      if (keep(item)) changedItems.push(item);
    }
  }
  // The others: the first one of the scope open as of asOf falls due (overdue 1 ms after its due date).
  const [nextDue] = await store.queryIndex(OPINIONS, { name: OPINION_DUE_INDEX, values: [opinionDueValue("awaiting", scope)], min: opinionDueFrom(asOfMs), limit: 1 });
  if (nextDue !== undefined) unchangedUntil = Math.min(unchangedUntil, Number(String(nextDue.sort).split(" ")[0]) + 1);

  // The others, from the index: its first entries after the cursor, until `limit + 1` are kept.
  const value = opinionDueValue(filters.status === undefined ? "any" : stageOfStatus(filters.status), scope);
  const range: Pick<IndexQuery, "min" | "max" | "maxExclusive"> =
    filters.status === "open" ? { min: opinionDueFrom(asOfMs) } : filters.status === "overdue" ? { max: opinionDueFrom(asOfMs), maxExclusive: true } : {};
  let from: IndexQuery["after"] = after === undefined ? undefined : { sort: opinionDueSort(after[0], after[1], after[2]), key: streamIdOf.contact(after[1]) };
  const indexed: OpinionItem[] = [];
  for (;;) {
    const hits = await store.listByIndex<OpinionsDoc>(OPINIONS, { name: OPINION_DUE_INDEX, values: [value], ...range, ...(from === undefined ? {} : { after: from }), limit: limit + 1 });
    for (const hit of hits) {
      if (changed.has(hit.key) || hit.doc.kind !== "contact") continue;
      const item = opinionItemOf(hit.doc, opinionIdOfSort(hit.sort), asOfMs);
      if (keep(item)) indexed.push(item);
    }
    const last = hits[hits.length - 1];
    if (indexed.length > limit || last === undefined || hits.length <= limit) break;
    from = { sort: last.sort, key: last.key };
  }

  // In order already, unless some were computed as of asOf.
  const items = changedItems.length === 0 ? indexed : [...indexed, ...changedItems].map((item) => ({ item, place: placeOf(item) })).sort((a, b) => compare(a.place, b.place)).map(({ item }) => item);
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last !== undefined ? encodeCursor(placeOf(last)) : null, unchangedUntil };
};

const isoDateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The `station` index's range (sorted by `occurredAt` as written: ISO 8601 with any offset, so
 * by its local date first) that holds every contact of the Shanghai `year` that occurred by
 * `asOfMs`: a Shanghai date is at most two days after the same instant's local date and one
 * before it (offsets run from -23:59 to +23:59), so from 30 December of the year before to 1
 * January of the next, or to the day after `asOfMs`'s UTC date when that is earlier. A few
 * contacts of the neighbouring days come with them; `stationRecordOf` keeps the year's.
 */
const stationYearRange = (year: number, asOfMs: number): Pick<IndexQuery, "min" | "max" | "maxExclusive"> => {
  const yearEnd = `${year + 1}-01-02`;
  const asOfEnd = Number.isFinite(asOfMs) && asOfMs < Date.parse(`${year + 1}-01-01T00:00:00Z`) ? isoDateOf(asOfMs + 2 * 86_400_000) : yearEnd;
  return { min: `${year - 1}-12-30`, max: asOfEnd < yearEnd ? asOfEnd : yearEnd, maxExclusive: true };
};

export const opinionReaders = (store: ReadModelStore): OpinionReaders => ({
  listOpinions: async (filters) => {
    const limit = filters.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw invalid("limit", "must be an integer from 1 to 1000");
    const asOfMs = Date.parse(filters.asOf);
    if (!Number.isFinite(asOfMs)) throw invalid("asOf", "must be an ISO 8601 date-time with offset");
    const after = filters.cursor === undefined || filters.cursor === null || filters.cursor === "" ? undefined : decodeCursor(filters.cursor);
    return listOpinionsFrom(store, filters, asOfMs, limit, after);
  },

  getStationRecord: async (stationId, year, asOf) => {
    const station = await store.get<OpinionsDoc>(OPINIONS, streamIdOf.station(stationId));
    if (station === undefined || station.kind !== "station" || !station.registered) return null;
    const hits = await store.listByIndex<OpinionsDoc>(OPINIONS, { name: "station", values: [stationId], ...stationYearRange(year, Date.parse(asOf)) });
    return stationRecordOf(stationId, year, hits.flatMap((hit) => (hit.doc.kind === "contact" ? [hit.doc] : [])), asOf);
  },
});
