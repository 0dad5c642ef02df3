import { ValidationError } from "@duty-ledger/domain";
import type { SuggestionFacts } from "@duty-ledger/scoring";
import { deputyRecordsOf, type DeputyRecord } from "./deputy-record.js";
import { DEPUTY_RECORD, type DeputyRecordDoc } from "./deputy-record-projection.js";
import { DEPUTY_TIMELINE, type TimelineDoc, type TimelineEntry } from "./deputy-timeline-projection.js";
import { livelihoodReaders, type LivelihoodReaders } from "./livelihood-readers.js";
import { LIVELIHOOD } from "./livelihood-projection.js";
import { opinionReaders, type OpinionReaders } from "./opinion-readers.js";
import { OPINIONS } from "./opinions-projection.js";
import { registryReaders, type RegistryReaders } from "./registry-readers.js";
import { entryReaders, type EntryReaders } from "./entry-readers.js";
import { gatheredOpinionReaders, type GatheredOpinionReaders } from "./gathered-opinions.js";
import { RANKINGS, type PublishedRanking, type RankingDoc } from "./rankings-projection.js";
import type { IndexSort, ReadModelStore } from "./read-model-store.js";
import { factsDocKnownAt } from "./scoring-facts-known-at.js";
import { factsOf, factsPeriodOf, periodUnitValue } from "./scoring-facts-projection.js";
import { suggestionViewAt, type PointInTime } from "./suggestion-view-at.js";
import { SUGGESTION_VIEW, type SuggestionView } from "./suggestion-view-projection.js";
import { SUGGESTIONS, type SuggestionsDoc } from "./suggestions-projection.js";
import { ALL_UNITS, UNIT_REGISTRY, unitEntryOf, type UnitEntry, type UnitRegistryDoc } from "./unit-registry-projection.js";
import { parseAsOf, watchIndexQuery, watchItemOf, type WatchItem, type WatchQueryInput } from "./watch-list.js";
import { watchListAt } from "./watch-list-at.js";

/**
 * The typed read side over a read-model store: what the query API answers with. Every
 * reader is a query of the store plus pure assembly; nothing here writes.
 */

export interface TimelineItem {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly summary: string;
  /** The event was voided later: it no longer counts (the voiding is its own entry). */
  readonly voided: boolean;
  readonly voidedBy: string | null;
}

export interface TimelinePage {
  /** Newest first. */
  readonly entries: readonly TimelineItem[];
  /** Pass as `cursor` for the next (older) page; `null` at the end. */
  readonly nextCursor: string | null;
}

export interface TimelineOptions {
  /** From a previous page's `nextCursor`; absent: the newest entries. */
  readonly cursor?: string | null | undefined;
  /** 1–200, default 50. */
  readonly limit?: number | undefined;
}

export interface SuggestionListFilters extends WatchQueryInput {
  /** 1–1000, default 100. */
  readonly limit?: number | undefined;
  /** From a previous page's `nextCursor`. */
  readonly cursor?: string | null | undefined;
  /**
   * The list as it stood at `asOf` and as the ledger knew it at `knownAt` (`asOfMs` is then
   * `asOf`): each suggestion's state of that moment. Absent: the latest states (an index query).
   */
  readonly at?: PointInTime | undefined;
}

export interface FactsOptions {
  /** ISO 8601 with offset: only the facts recorded at or before it (a voided one too, if its voiding was recorded after it). */
  readonly knownAt?: string | undefined;
}

export interface SuggestionListPage {
  /** By due date (earliest first), then suggestion id. */
  readonly items: readonly WatchItem[];
  readonly nextCursor: string | null;
}

export interface ReadModels extends LivelihoodReaders, OpinionReaders, RegistryReaders, EntryReaders, GatheredOpinionReaders {
  /** The deputy's duty record for a Shanghai calendar year; `null` when the deputy is not registered. */
  getDeputyRecord(deputyId: string, year: number): Promise<DeputyRecord | null>;
  /**
   * The deputy's records for several years, in the order of `years` (each `null` when the
   * deputy is not registered): the registry and the suggestions are read once for all years.
   */
  getDeputyRecords(deputyId: string, years: readonly number[]): Promise<(DeputyRecord | null)[]>;
  /** The deputy's timeline, newest first, keyset-paged by position. */
  getTimeline(deputyId: string, options?: TimelineOptions): Promise<TimelinePage>;
  /** The suggestion view (at `at`, when given); `null` when unknown (or its submission was voided, or not yet made at `at`). */
  getSuggestion(suggestionId: string, at?: PointInTime): Promise<SuggestionView | null>;
  /** `getSuggestion` for many ids in one read (a watch-list page's lines): the views found, by id. */
  getSuggestions(suggestionIds: readonly string[], at?: PointInTime): Promise<Map<string, SuggestionView>>;
  /** The watch list, deadlines compared with `asOf`. */
  listSuggestions(filters: SuggestionListFilters): Promise<SuggestionListPage>;
  /** Scoring facts of the suggestions assigned in `period` (`YYYY`), of one lead unit or all; by suggestion id. */
  listFacts(period: string, unitId?: string, options?: FactsOptions): Promise<SuggestionFacts[]>;
  /** A published ranking as published; `null` when none (or its publication was voided). */
  getRanking(rankingId: string): Promise<PublishedRanking | null>;
  /** Every registered unit (a voided registration does not count), by unit id. */
  listUnits(): Promise<UnitEntry[]>;
  /** The lowest checkpoint of the read models: they hold the log up to this position. */
  position(): Promise<number>;
  /** Resolves `true` once `position() >= position`, `false` after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

export interface ReadModelsOptions {
  /**
   * How to wait for a position: the in-process engine's `waitFor` when there is one;
   * by default the store's checkpoints are polled (a projector in another process).
   */
  readonly waitFor?: (position: number, timeoutMs: number) => Promise<boolean>;
  /** Poll interval of the default `waitFor` (ms). Default 25. */
  readonly pollIntervalMs?: number;
}

/** The projections the readers read; `position()` is the lowest of their checkpoints. */
export const readModelProjections = [DEPUTY_TIMELINE, DEPUTY_RECORD, SUGGESTIONS, SUGGESTION_VIEW, UNIT_REGISTRY, RANKINGS, LIVELIHOOD, OPINIONS] as const;

const invalid = (path: string, message: string, detail: string): ValidationError =>
  new ValidationError(detail, { errors: [{ path, message }] });

const checkLimit = (limit: number | undefined, fallback: number, max: number): number => {
  if (limit === undefined) return fallback;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > max) throw invalid("limit", `must be an integer from 1 to ${max}`, `limit must be 1..${max}: ${limit}`);
  return limit;
};

const encodeCursor = (sort: IndexSort, key: string): string => Buffer.from(JSON.stringify([sort, key]), "utf8").toString("base64url");

const decodeCursor = (cursor: string): { sort: IndexSort; key: string } => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === "number" || typeof parsed[0] === "string") && typeof parsed[1] === "string") {
      return { sort: parsed[0], key: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw invalid("cursor", "is not a cursor of this list", `invalid cursor ${JSON.stringify(cursor)}`);
};

const checkYear = (year: number): number => {
  if (!Number.isSafeInteger(year) || year < 1949 || year > 9999) throw invalid("year", "must be a year from 1949 to 9999", `invalid year ${year}`);
  return year;
};

const checkPeriod = (period: string): string => {
  if (!/^\d{4}$/.test(period)) throw invalid("period", "must be a year YYYY", `invalid period ${JSON.stringify(period)}`);
  return period;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The readers over the read-model `store`: nothing but its documents, indexes and checkpoints. */
export const createReadModels = (store: ReadModelStore, options: ReadModelsOptions = {}): ReadModels => {
  const pollIntervalMs = options.pollIntervalMs ?? 25;

  const checkpointsByName = async (): Promise<Map<string, number>> => new Map((await store.checkpoints()).map((c) => [c.projection, c.position]));

  const position = async (): Promise<number> => {
    const byName = await checkpointsByName();
    return Math.min(...readModelProjections.map((name) => byName.get(name) ?? 0));
  };

  const pollFor = async (target: number, timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if ((await position()) >= target) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await sleep(Math.min(pollIntervalMs, left));
    }
  };

  /** The documents of `projection` of every stream concerning the deputy (its registry, contacts, suggestions). */
  const deputyStreams = async <D>(projection: string, deputyId: string): Promise<D[]> =>
    (await store.listByIndex<D>(projection, { name: "deputy", values: [deputyId] })).map((hit) => hit.doc);

  /** The record's parts of every stream concerning the deputy; a record per year from them. */
  const deputyRecords = async (deputyId: string, years: readonly number[]): Promise<(DeputyRecord | null)[]> => {
    for (const year of years) checkYear(year);
    if (years.length === 0) return [];
    return deputyRecordsOf(deputyId, years, await deputyStreams<DeputyRecordDoc>(DEPUTY_RECORD, deputyId));
  };

  return {
    getDeputyRecord: async (deputyId, year) => (await deputyRecords(deputyId, [year]))[0] ?? null,
    getDeputyRecords: deputyRecords,

    getTimeline: async (deputyId, timelineOptions = {}) => {
      const limit = checkLimit(timelineOptions.limit, 50, 200);
      let before: number | undefined;
      if (timelineOptions.cursor !== undefined && timelineOptions.cursor !== null && timelineOptions.cursor !== "") {
        before = Number(timelineOptions.cursor);
        if (!Number.isSafeInteger(before) || before < 0) {
          throw invalid("cursor", "must be a position from a previous page", `invalid cursor ${JSON.stringify(timelineOptions.cursor)}`);
        }
      }
      // The entries of every stream concerning the deputy, newest first.
      const found: TimelineEntry[] = [];
      for (const doc of await deputyStreams<TimelineDoc>(DEPUTY_TIMELINE, deputyId)) {
        for (const entry of doc.entries) {
          if ((before === undefined || entry.position < before) && entry.deputyIds.includes(deputyId)) found.push(entry);
        }
      }
      found.sort((a, b) => b.position - a.position);
      const page = found.slice(0, limit);
      const entries = page.map(
        ({ position: at, eventId, type, occurredAt, summary, voidedBy }): TimelineItem => ({ position: at, eventId, type, occurredAt, summary, voided: voidedBy !== null, voidedBy }),
      );
      const lastEntry = page[page.length - 1];
      return { entries, nextCursor: found.length > limit && lastEntry !== undefined ? String(lastEntry.position) : null };
    },

    getSuggestion: async (suggestionId, at) => {
      const view = await store.get<SuggestionView>(SUGGESTION_VIEW, suggestionId);
      if (view === undefined || view.state === null) return null;
      return at === undefined ? view : suggestionViewAt(view, at);
    },

    getSuggestions: async (suggestionIds, at) => {
      const found = new Map<string, SuggestionView>();
      for (const [id, view] of await store.getMany<SuggestionView>(SUGGESTION_VIEW, suggestionIds)) {
        const then = view.state === null ? null : at === undefined ? view : suggestionViewAt(view, at);
        if (then !== null) found.set(id, then);
      }
      return found;
    },

    listSuggestions: async (filters) => {
      const limit = checkLimit(filters.limit, 100, 1000);
      const asOfMs = parseAsOf(filters.asOf);
      const query = watchIndexQuery(filters);
      const after = filters.cursor === undefined || filters.cursor === null || filters.cursor === "" ? undefined : decodeCursor(filters.cursor);
      if (filters.at !== undefined) {
        const all = await watchListAt(store, filters, { asOfMs, knownAtMs: filters.at.knownAtMs });
        const from = after === undefined ? 0 : all.findIndex((p) => p.sort > Number(after.sort) || (p.sort === Number(after.sort) && p.key > after.key));
        const rest = from === -1 ? [] : all.slice(from);
        const placed = rest.slice(0, limit);
        const lastPlaced = placed[placed.length - 1];
        return {
          items: placed.map((p) => p.item),
          nextCursor: rest.length > limit && lastPlaced !== undefined ? encodeCursor(lastPlaced.sort, lastPlaced.key) : null,
        };
      }
      const hits = await store.listByIndex<SuggestionsDoc>(SUGGESTIONS, { ...query, order: "asc", limit: limit + 1, ...(after === undefined ? {} : { after }) });
      const page = hits.slice(0, limit);
      const lastHit = page[page.length - 1];
      return {
        items: page.map((hit) => watchItemOf(hit.doc.watch, asOfMs)),
        nextCursor: hits.length > limit && lastHit !== undefined ? encodeCursor(lastHit.sort, lastHit.key) : null,
      };
    },

    listFacts: async (period, unitId, factsOptions = {}) => {
      checkPeriod(period);
      const knownAtMs = factsOptions.knownAt === undefined ? undefined : parseAsOf(factsOptions.knownAt);
      const hits =
        unitId === undefined
          ? await store.listByIndex<SuggestionsDoc>(SUGGESTIONS, { name: "period", values: [period] })
          : await store.listByIndex<SuggestionsDoc>(SUGGESTIONS, { name: "periodUnit", values: [periodUnitValue(period, unitId)] });
      // A document is indexed under every assignment it had: keep it for the one in force then.
      return hits.flatMap((hit) => {
        const doc = knownAtMs === undefined ? hit.doc.facts : factsDocKnownAt(hit.doc.facts, knownAtMs);
        const facts = factsOf(doc);
        if (facts === null || factsPeriodOf(doc) !== period || (unitId !== undefined && facts.leadUnitId !== unitId)) return [];
        return [facts];
      });
    },

    getRanking: async (rankingId) => (await store.get<RankingDoc>(RANKINGS, rankingId))?.published ?? null,

    listUnits: async () => {
      const hits = await store.listByIndex<UnitRegistryDoc>(UNIT_REGISTRY, { name: "all", values: [ALL_UNITS], order: "asc" });
      return hits.flatMap((hit) => {
        const unit = unitEntryOf(hit.doc);
        return unit === null ? [] : [unit];
      });
    },

    ...livelihoodReaders(store),
    ...opinionReaders(store),
    ...registryReaders(store),
    ...entryReaders(store),
    ...gatheredOpinionReaders(store),

    position,
    waitFor: options.waitFor ?? pollFor,
  };
};
