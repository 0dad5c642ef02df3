import { streamIdOf, ValidationError } from "@duty-ledger/domain";
import { OPINIONS, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import { opinionItemsOf, stationRecordOf, type OpinionItem, type OpinionStatus, type StationRecord } from "./opinions-view.js";
import type { ReadModelStore } from "./read-model-store.js";

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

export const opinionReaders = (store: ReadModelStore): OpinionReaders => {
  const contacts = async (index: string, value: string): Promise<ContactOpinionsDoc[]> =>
    (await store.listByIndex<OpinionsDoc>(OPINIONS, { name: index, values: [value] })).flatMap((hit) => (hit.doc.kind === "contact" ? [hit.doc] : []));

  return {
    listOpinions: async (filters) => {
      const limit = filters.limit ?? 100;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw invalid("limit", "must be an integer from 1 to 1000");
      const asOfMs = Date.parse(filters.asOf);
      if (!Number.isFinite(asOfMs)) throw invalid("asOf", "must be an ISO 8601 date-time with offset");
      const after = filters.cursor === undefined || filters.cursor === null || filters.cursor === "" ? undefined : decodeCursor(filters.cursor);
      const docs =
        filters.unitId !== undefined ? await contacts("unit", filters.unitId) : filters.stationId !== undefined ? await contacts("station", filters.stationId) : await contacts("referred", "all");
      const items = docs
        .flatMap((doc) => opinionItemsOf(doc, asOfMs))
        .filter(
          (item) =>
            (filters.unitId === undefined || item.unitId === filters.unitId) &&
            (filters.stationId === undefined || item.stationId === filters.stationId) &&
            (filters.status === undefined || item.status === filters.status),
        )
        .map((item) => ({ item, place: placeOf(item) }))
        .filter(({ place }) => after === undefined || compare(place, after) > 0)
        .sort((a, b) => compare(a.place, b.place));
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(({ item }) => item), nextCursor: items.length > limit && last !== undefined ? encodeCursor(last.place) : null };
    },

    getStationRecord: async (stationId, year, asOf) => {
      const station = await store.get<OpinionsDoc>(OPINIONS, streamIdOf.station(stationId));
      if (station === undefined || station.kind !== "station" || !station.registered) return null;
      return stationRecordOf(stationId, year, await contacts("station", stationId), asOf);
    },
  };
};
