import { suggestionStatuses } from "@duty-ledger/domain";
import { instantOf } from "./projection-keys.js";
import type { ReadModelStore } from "./read-model-store.js";
import { openSuggestionStates, summaryFieldsOf, summarySort } from "./suggestion-summary.js";
import { suggestionViewAt, type PointInTime } from "./suggestion-view-at.js";
import { SUGGESTION_VIEW, type SuggestionView } from "./suggestion-view-projection.js";
import type { SuggestionWatchDoc } from "./suggestion-watch-projection.js";
import { SUGGESTIONS } from "./suggestions-projection.js";
import { LONG_OVERDUE_DAYS } from "./suggestion-deadlines.js";
import { DEFAULT_DUE_WITHIN_DAYS, watchItemOf, type WatchItem, type WatchQueryInput } from "./watch-list.js";

/**
 * The watch list at a point in time (`asOf` and `knownAt` given): each suggestion's state, due
 * date in force and replies as they stood then (`suggestionViewAt`), not its latest. The
 * watch list's index holds the latest state only, so this reads every suggestion's view: an
 * auditor's question (on a province, seconds), where the list of today stays an index query.
 */

const DAY_MS = 86_400_000;
/** Views read at once. */
const BATCH = 500;

/** A watch-list item with its place in the list's order (due date, then suggestion id). */
export interface PlacedWatchItem {
  readonly sort: number;
  readonly key: string;
  readonly item: WatchItem;
}

/** The watch list's document of a view (what a list item shows). */
const watchDocOf = (view: SuggestionView): SuggestionWatchDoc => ({
  suggestionId: view.suggestionId,
  ...summaryFieldsOf(view),
  lastPosition: view.lastPosition,
  replies: view.replies.length,
});

/** Whether the suggestion is on the list of `input` at `asOfMs` (the index query's rule, `watchIndexQuery`). */
const listed = (doc: SuggestionWatchDoc, input: WatchQueryInput, asOfMs: number): boolean => {
  if (doc.state === null) return false;
  if (input.unitId !== undefined && doc.units?.leadUnitId !== input.unitId && !(doc.units?.coUnitIds ?? []).includes(input.unitId)) return false;
  const open = openSuggestionStates.includes(doc.state);
  const due = doc.dueAt === null ? 0 : instantOf(doc.dueAt);
  switch (input.status) {
    case "open":
      return open;
    case "overdue":
      return open && due < asOfMs;
    case "long-overdue":
      return open && due < asOfMs - LONG_OVERDUE_DAYS * DAY_MS;
    case "due-soon":
      return open && due >= asOfMs && due <= asOfMs + (input.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS) * DAY_MS;
    case "replied":
    case "closed":
    case "submitted":
      return doc.state === input.status;
    default: {
      const _exhaustive: never = input.status;
      throw new Error(`unknown status ${String(_exhaustive)}`);
    }
  }
};

/** Every suggestion on the list of `input` at `at`, in the list's order. */
export const watchListAt = async (store: ReadModelStore, input: WatchQueryInput, at: PointInTime): Promise<PlacedWatchItem[]> => {
  const hits = await store.queryIndex(SUGGESTIONS, { name: "state", values: suggestionStatuses.filter((status) => status !== "none") });
  const keys = [...new Set(hits.map((hit) => hit.key))];
  const placed: PlacedWatchItem[] = [];
  for (let from = 0; from < keys.length; from += BATCH) {
    const views = await store.getMany<SuggestionView>(SUGGESTION_VIEW, keys.slice(from, from + BATCH));
    for (const [key, view] of views) {
      const then = suggestionViewAt(view, at);
      if (then === null) continue;
      const doc = watchDocOf(then);
      if (!listed(doc, input, at.asOfMs)) continue;
      placed.push({ sort: summarySort(doc), key, item: watchItemOf(doc, at.asOfMs) });
    }
  }
  return placed.sort((a, b) => a.sort - b.sort || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};
