import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import {
  emptySummary,
  suggestionViewEventTypes,
  summarise,
  summaryFieldsOf,
  summaryIndexes,
  type LifecycleItem,
  type SuggestionSummary,
} from "./suggestion-view-projection.js";

/**
 * The watch list's documents (GET /v1/suggestions, GET /v1/units/:id/suggestions): one per
 * suggestion, keyed by suggestion id, with the suggestion view's summary (state, units, due
 * date in force, round…), its counting replies and the position of its last event — what a
 * watch-list item shows — and the `state`/`unitState` index entries sorted by the due date.
 *
 * The whole view (every entry with its texts) is folded from the suggestion's stream when one
 * suggestion is read; storing it copied every event of the stream (3 KB a suggestion, half of
 * a province rebuild). This document keeps of each counting event only what the summary is
 * folded from (`LifecycleItem`: no texts, no handling steps or publications, which never change
 * it), so a voiding folds the summary again from what remains, exactly as the view does: the
 * summary is the same fold (`summarise`) over the same counting events.
 */
export const SUGGESTION_WATCH = "suggestion-watch";

export interface SuggestionWatchDoc extends SuggestionSummary {
  readonly suggestionId: string;
  /** Position of the last event of the suggestion's stream folded in. */
  readonly lastPosition: number;
  /** Counting replies (all rounds). */
  readonly replies: number;
  /** The counting events the summary is folded from, in log order. */
  readonly items: readonly LifecycleItem[];
}

export const initSuggestionWatchDoc = (suggestionId: string): SuggestionWatchDoc => ({
  suggestionId,
  ...emptySummary,
  lastPosition: 0,
  replies: 0,
  items: [],
});

/** What the summary fold reads of an event; `null` for an event that never changes the summary. */
export const lifecycleItemOf = (recorded: RecordedEvent): LifecycleItem | null => {
  const event = asDutyEvent(recorded);
  const eventId = recorded.id;
  const position = recorded.position;
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      return {
        type: "SuggestionSubmitted",
        data: {
          eventId,
          position,
          leadDeputyId: d.leadDeputyId,
          coSignerIds: d.coSignerIds,
          title: d.title,
          phase: d.phase,
          session: d.session,
          submittedAt: d.submittedAt,
          sourceOpinionIds: d.sourceOpinionIds,
          confidential: d.confidential,
        },
      };
    }
    case "SuggestionRevised":
      return { type: "SuggestionRevised", data: { eventId, position, title: event.data.title } };
    case "SuggestionPreReviewed":
      return { type: "SuggestionPreReviewed", data: { eventId, position, outcome: event.data.outcome } };
    case "SuggestionAssigned": {
      const d = event.data;
      return { type: "SuggestionAssigned", data: { eventId, position, leadUnitId: d.leadUnitId, coUnitIds: d.coUnitIds, assignedAt: d.assignedAt, dueAt: d.dueAt } };
    }
    case "SuggestionReplied":
      return { type: "SuggestionReplied", data: { eventId, position } };
    case "DeadlineExtended":
      return { type: "DeadlineExtended", data: { eventId, position, newDueAt: event.data.newDueAt } };
    case "SuggestionEvaluated":
      return { type: "SuggestionEvaluated", data: { eventId, position, rating: event.data.rating, rehandleDueAt: event.data.rehandleDueAt ?? null } };
    default:
      return null;
  }
};

const withSummary = (doc: SuggestionWatchDoc, summary: SuggestionSummary, position: number, items: readonly LifecycleItem[]): SuggestionWatchDoc => ({
  suggestionId: doc.suggestionId,
  ...summaryFieldsOf(summary),
  lastPosition: position,
  replies: items.reduce((n, item) => (item.type === "SuggestionReplied" ? n + 1 : n), 0),
  items,
});

const applyToWatch = (doc: SuggestionWatchDoc, recorded: RecordedEvent): SuggestionWatchDoc => {
  const event = asDutyEvent(recorded);
  if (event.type === "EventVoided") {
    const voidedId = event.data.eventId;
    const items = doc.items.some((item) => item.data.eventId === voidedId) ? doc.items.filter((item) => item.data.eventId !== voidedId) : doc.items;
    return withSummary(doc, items === doc.items ? doc : items.reduce(summarise, emptySummary), recorded.position, items);
  }
  const item = lifecycleItemOf(recorded);
  if (item === null) return { ...doc, lastPosition: recorded.position };
  const items = [...doc.items, item];
  return withSummary(doc, summarise(doc, item), recorded.position, items);
};

/** Every event of a suggestion stream moves `lastPosition`; the index entries are the view's. */
export const suggestionWatchProjection: Projection<SuggestionWatchDoc> = {
  name: SUGGESTION_WATCH,
  version: 1,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionWatchDoc,
  apply: applyToWatch,
  indexesOf: summaryIndexes,
};
