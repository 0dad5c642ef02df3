import { answerOf, type Api } from "../../api.js";
import type { QueryOf, WatchListAnswer, WatchListItem } from "../../api-answers.js";

/**
 * The watch list's data (督办预警): every overdue and due-soon suggestion as of a day, read page
 * by page from `GET /v1/suggestions`, grouped by lead unit. The long-overdue tier is the overdue
 * items the API marks `longOverdue` (more than 30 days past the due date in force).
 */

const PAGE = 500;
/** Most items fetched per status (the page says when it stops there). */
export const MAX_ITEMS = 3000;
export const DEFAULT_DAYS = 14;

export interface Fetched {
  readonly items: WatchListItem[];
  readonly truncated: boolean;
}

export const fetchAll = async (api: Api, query: QueryOf<"/v1/suggestions">): Promise<Fetched> => {
  const items: WatchListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: WatchListAnswer = await answerOf(api.GET("/v1/suggestions", { params: { query: { ...query, limit: String(PAGE), cursor: cursor ?? undefined } } }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < MAX_ITEMS);
  return { items, truncated: cursor !== null };
};

export interface UnitGroup {
  readonly unitId: string;
  /** The registered name, or the id when the unit has none. */
  readonly name: string;
  readonly overdue: WatchListItem[];
  readonly longOverdue: number;
  readonly dueSoon: WatchListItem[];
}

/** One group per lead unit, the most overdue first; a unit's lines most overdue first. */
export const groupByUnit = (overdue: readonly WatchListItem[], dueSoon: readonly WatchListItem[], names: ReadonlyMap<string, string>): UnitGroup[] => {
  const groups = new Map<string, { unitId: string; overdue: WatchListItem[]; dueSoon: WatchListItem[] }>();
  const groupOf = (item: WatchListItem): { overdue: WatchListItem[]; dueSoon: WatchListItem[] } => {
    const unitId = item.leadUnitId ?? "—";
    let group = groups.get(unitId);
    if (group === undefined) {
      group = { unitId, overdue: [], dueSoon: [] };
      groups.set(unitId, group);
    }
    return group;
  };
  for (const item of overdue) groupOf(item).overdue.push(item);
  for (const item of dueSoon) groupOf(item).dueSoon.push(item);
  const byDue = (a: WatchListItem, b: WatchListItem): number => (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.suggestionId.localeCompare(b.suggestionId);
  return [...groups.values()]
    .map((g) => ({
      unitId: g.unitId,
      name: names.get(g.unitId) ?? g.unitId,
      overdue: g.overdue.sort(byDue),
      longOverdue: g.overdue.filter((item) => item.longOverdue).length,
      dueSoon: g.dueSoon.sort(byDue),
    }))
    .sort((a, b) => b.overdue.length - a.overdue.length || b.dueSoon.length - a.dueSoon.length || a.name.localeCompare(b.name, "zh-CN"));
};

/** The deadlines of a line not met and past due besides the lead unit's reply (co-units' opinions, publications). */
export const otherOverdueDeadlines = (item: WatchListItem): WatchListItem["deadlines"] =>
  item.deadlines.filter((deadline) => deadline.kind !== "reply" && deadline.metAt === null && deadline.overdue);
