import { streamIdOf, ValidationError } from "@duty-ledger/domain";
import { OPINIONS, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import {
  OPINION_CHANGED_INDEX,
  OPINION_DUE_INDEX,
  opinionDueFrom,
  opinionDueSort,
  opinionDueValue,
  opinionScopeKey,
  referralStages,
  stageOfStatus,
  type OpinionStatus,
  type ReferralStage,
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

/** The readers of 听民意 (part of `createReadModels`). */
export interface OpinionReaders {
  /** The referred opinions, filtered, as of `asOf`, paged by due date. */
  listOpinions(filters: OpinionListFilters): Promise<OpinionListPage>;
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

/** A place in the list and where to find its opinion. */
interface Candidate {
  readonly place: Place;
  readonly key: string;
}

const placeOfSort = (sort: string | number): Place => {
  const [due, contactId, opinionId] = String(sort).split(" ");
  return [Number(due), contactId ?? "", opinionId ?? ""];
};

/**
 * The opinions list, paged through the `opinion-due` index (`opinion-referral-state.ts`): each
 * referred opinion is filed under its latest state, which is its state as of `asOf` unless its
 * contact changed after `asOf` (the `opinion-changed` index names those). So a page is the
 * first index entries of the scope after the cursor — within the due dates the status asks for,
 * those contacts skipped — merged with the changed contacts' opinions computed as of `asOf`.
 * As of now (the default) no contact changed later: a page reads `limit + 1` entries per stage
 * asked for and the documents of the page.
 */
const listOpinionsFrom = async (store: ReadModelStore, filters: OpinionListFilters, asOfMs: number, limit: number, after: Place | undefined): Promise<OpinionListPage> => {
  const scope = opinionScopeKey(filters);
  // A unit's list filtered to a station too: the unit's entries, the station checked on the document.
  const stationToCheck = filters.unitId !== undefined ? filters.stationId : undefined;
  const keep = (item: OpinionItem | null): item is OpinionItem =>
    item !== null &&
    (filters.unitId === undefined || item.unitId === filters.unitId) &&
    (filters.stationId === undefined || item.stationId === filters.stationId) &&
    (filters.status === undefined || item.status === filters.status) &&
    (after === undefined || compare(placeOf(item), after) > 0);

  // Contacts whose latest state is not their state as of asOf: computed as of asOf.
  const changedKeys = (await store.queryIndex(OPINIONS, { name: OPINION_CHANGED_INDEX, values: [scope], min: asOfMs, minExclusive: true })).map((hit) => hit.key);
  const changed = new Set(changedKeys);
  const changedDocs = await store.getMany<OpinionsDoc>(OPINIONS, changed);
  const changedItems: OpinionItem[] = [];
  for (const doc of changedDocs.values()) {
    if (doc.kind === "contact") for (const item of opinionItemsOf(doc, asOfMs)) if (keep(item)) changedItems.push(item);
  }

  // The others, from the index: the first `limit + 1` of each stage asked for.
  const stages: readonly ReferralStage[] = filters.status === undefined ? referralStages : [stageOfStatus(filters.status)];
  const range: Pick<IndexQuery, "min" | "max" | "maxExclusive"> =
    filters.status === "open" ? { min: opinionDueFrom(asOfMs) } : filters.status === "overdue" ? { max: opinionDueFrom(asOfMs), maxExclusive: true } : {};
  const cursor = after === undefined ? undefined : { sort: opinionDueSort(after[0], after[1], after[2]), key: streamIdOf.contact(after[1]) };
  const candidates: Candidate[] = [];
  const stationDocs = new Map<string, ContactOpinionsDoc>();
  for (const stage of stages) {
    let from: IndexQuery["after"] = cursor;
    let found = 0;
    for (;;) {
      const query: IndexQuery = { name: OPINION_DUE_INDEX, values: [opinionDueValue(stage, scope)], ...range, ...(from === undefined ? {} : { after: from }), limit: limit + 1 };
      const hits =
        stationToCheck === undefined
          ? await store.queryIndex(OPINIONS, query)
          : (await store.listByIndex<OpinionsDoc>(OPINIONS, query)).map((hit) => {
              if (hit.doc.kind === "contact" && hit.doc.contact?.stationId === stationToCheck) stationDocs.set(hit.key, hit.doc);
              return hit;
            });
      for (const hit of hits) {
        if (changed.has(hit.key) || (stationToCheck !== undefined && !stationDocs.has(hit.key))) continue;
        candidates.push({ place: placeOfSort(hit.sort), key: hit.key });
        found += 1;
      }
      const last = hits[hits.length - 1];
      if (found > limit || last === undefined || hits.length <= limit) break;
      from = { sort: last.sort, key: last.key };
    }
  }
  candidates.sort((a, b) => compare(a.place, b.place));
  const chosen = candidates.slice(0, limit + 1);
  const docs = await store.getMany<OpinionsDoc>(OPINIONS, new Set(chosen.map((c) => c.key)));
  const indexed: OpinionItem[] = [];
  for (const { key, place } of chosen) {
    const doc = docs.get(key);
    const item = doc?.kind === "contact" ? opinionItemOf(doc, place[2], asOfMs) : null;
    if (keep(item)) indexed.push(item);
  }

  const items = [...indexed, ...changedItems].map((item) => ({ item, place: placeOf(item) })).sort((a, b) => compare(a.place, b.place));
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(({ item }) => item), nextCursor: items.length > limit && last !== undefined ? encodeCursor(last.place) : null };
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
    const contacts = (await store.listByIndex<OpinionsDoc>(OPINIONS, { name: "station", values: [stationId] })).flatMap((hit) => (hit.doc.kind === "contact" ? [hit.doc] : []));
    return stationRecordOf(stationId, year, contacts, asOf);
  },
});
