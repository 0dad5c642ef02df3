import { ValidationError, type DeputyLevel } from "@duty-ledger/domain";
import { deputyProfileOf } from "./deputy-record.js";
import { DEPUTY_RECORD, REGISTERED_DEPUTY, type DeputyRecordDoc } from "./deputy-record-projection.js";
import { OPINIONS, type OpinionsDoc } from "./opinions-projection.js";
import { PUBLISHED_RANKING, RANKINGS, type RankingDoc } from "./rankings-projection.js";
import type { ReadModelStore } from "./read-model-store.js";

/**
 * The registries and the published rankings listed (part of `createReadModels`): what a desk
 * shows by name and lets the reader search (`GET /v1/deputies`, `/v1/stations`, `/v1/rankings`).
 * Each is one index query over documents the read models already keep (the deputy registry of
 * `deputy-record`, the station documents of `opinions`, the `rankings`), filtered here.
 */

export interface DeputyListEntry {
  readonly deputyId: string;
  readonly name: string;
  readonly level: DeputyLevel;
  readonly term: string;
  readonly constituency: string;
  readonly stationId: string | null;
  readonly registeredAt: string;
}

export interface DeputyListFilters {
  /** Part of the name or the id (case-insensitive). */
  readonly q?: string | undefined;
  readonly level?: DeputyLevel | undefined;
  /** The `nextCursor` of the previous page (the last deputy id shown). */
  readonly cursor?: string | null | undefined;
  /** 1–1000, default 100. */
  readonly limit?: number | undefined;
}

export interface DeputyListPage {
  /** By deputy id. */
  readonly deputies: readonly DeputyListEntry[];
  readonly nextCursor: string | null;
}

export interface StationListEntry {
  readonly stationId: string;
  readonly name: string;
  readonly region: string;
}

export interface RankingListEntry {
  readonly rankingId: string;
  readonly period: string;
  readonly rules: string;
  readonly asOf: string;
  /** When it was published: the server's clock then (its `knownAt`). */
  readonly publishedAt: string;
  readonly treeSize: number;
  readonly answerDigest: string;
  readonly position: number;
}

export interface RegistryReaders {
  /** The registered deputies whose name or id holds `q`, of `level`, by deputy id, paged. */
  listDeputies(filters: DeputyListFilters): Promise<DeputyListPage>;
  /** The registered stations whose name, region or id holds `q`, by station id. */
  listStations(q?: string): Promise<StationListEntry[]>;
  /** The counting published rankings (of `period`, when given), newest publication first. */
  listRankings(period?: string): Promise<RankingListEntry[]>;
}

const matches = (q: string | undefined, ...texts: string[]): boolean => {
  if (q === undefined || q.trim() === "") return true;
  const needle = q.trim().toLowerCase();
  return texts.some((text) => text.toLowerCase().includes(needle));
};

export const registryReaders = (store: ReadModelStore): RegistryReaders => ({
  listDeputies: async (filters) => {
    const limit = filters.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
      throw new ValidationError(`limit must be 1..1000: ${limit}`, { errors: [{ path: "limit", message: "must be an integer from 1 to 1000" }] });
    }
    const after = filters.cursor === undefined || filters.cursor === null || filters.cursor === "" ? undefined : filters.cursor;
    const hits = await store.listByIndex<DeputyRecordDoc>(DEPUTY_RECORD, {
      name: "registered",
      values: [REGISTERED_DEPUTY],
      order: "asc",
      ...(after === undefined ? {} : { min: after }),
    });
    const found: DeputyListEntry[] = [];
    for (const hit of hits) {
      if (hit.doc.kind !== "deputy") continue;
      const profile = deputyProfileOf(hit.doc);
      if (profile === null || (after !== undefined && profile.deputyId <= after)) continue;
      if (filters.level !== undefined && profile.level !== filters.level) continue;
      if (!matches(filters.q, profile.name, profile.deputyId)) continue;
      const { deputyId, name, level, term, constituency, stationId, registeredAt } = profile;
      found.push({ deputyId, name, level, term, constituency, stationId, registeredAt });
      if (found.length > limit) break;
    }
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { deputies: page, nextCursor: found.length > limit && last !== undefined ? last.deputyId : null };
  },

  listStations: async (q) => {
    const hits = await store.listByIndex<OpinionsDoc>(OPINIONS, { name: "registered", values: ["station"], order: "asc" });
    return hits.flatMap((hit) => {
      const doc = hit.doc;
      if (doc.kind !== "station" || !doc.registered) return [];
      const name = doc.name ?? doc.stationId;
      const region = doc.region ?? "";
      return matches(q, name, region, doc.stationId) ? [{ stationId: doc.stationId, name, region }] : [];
    });
  },

  listRankings: async (period) => {
    const hits = await store.listByIndex<RankingDoc>(RANKINGS, { name: "published", values: [PUBLISHED_RANKING], order: "desc" });
    return hits.flatMap((hit) => {
      const ranking = hit.doc.published;
      if (ranking === null || (period !== undefined && ranking.period !== period)) return [];
      const { rankingId, rules, asOf, knownAt, treeSize, answerDigest, position } = ranking;
      return [{ rankingId, period: ranking.period, rules, asOf, publishedAt: knownAt, treeSize, answerDigest, position }];
    });
  },
});
