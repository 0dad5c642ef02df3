import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import { emptySummary, summarise, summaryFieldsOf, summaryIndexes, type LifecycleItem, type SuggestionSummary } from "./suggestion-summary.js";
import { suggestionViewEventTypes } from "./suggestion-view-projection.js";

/**
 * The watch list's documents (GET /v1/suggestions, GET /v1/units/:id/suggestions): one per
 * suggestion, keyed by suggestion id, with the suggestion view's summary (state, units, due
 * date in force, round…), its counting replies and the position of its last event — what a
 * watch-list item shows — and the `state`/`unitState` index entries sorted by the due date.
 *
 * The whole view (every entry with its texts) is folded from the suggestion's stream when one
 * suggestion is read. This document keeps only what the list shows: each event takes the
 * summary one fold step (`summarise`, the view's own step, over the event's `LifecycleItem`);
 * handling steps and publications, which never change it, move only `lastPosition`. After a
 * voiding the engine folds the document again from the stream's counting events. (v1 kept every
 * counting event in the document for that: 1.4 KB a suggestion, and a third of a province
 * rebuild's time.)
 */
export const SUGGESTION_WATCH = "suggestion-watch";

export interface SuggestionWatchDoc extends SuggestionSummary {
  readonly suggestionId: string;
  /** Position of the last event of the suggestion's stream folded in. */
  readonly lastPosition: number;
  /** Counting replies (all rounds). */
  readonly replies: number;
}

export const initSuggestionWatchDoc = (suggestionId: string): SuggestionWatchDoc => ({
  suggestionId,
  ...emptySummary,
  lastPosition: 0,
  replies: 0,
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
    case "SuggestionAssigned":
    case "SuggestionReassigned": {
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

/** One event of the suggestion's stream folded into the document. */
const applyToWatch = (doc: SuggestionWatchDoc, recorded: RecordedEvent): SuggestionWatchDoc => {
  const item = lifecycleItemOf(recorded);
  if (item === null) return { ...doc, lastPosition: recorded.position };
  return {
    suggestionId: doc.suggestionId,
    ...summaryFieldsOf(summarise(doc, item)),
    lastPosition: recorded.position,
    replies: item.type === "SuggestionReplied" ? doc.replies + 1 : doc.replies,
  };
};

/** Every event of a suggestion stream moves `lastPosition` (a voiding too); the index entries are the view's. */
export const suggestionWatchProjection: Projection<SuggestionWatchDoc> = {
  name: SUGGESTION_WATCH,
  version: 3,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionWatchDoc,
  apply: applyToWatch,
  indexesOf: summaryIndexes,
  noteVoiding: (doc, note) => ({ ...doc, lastPosition: note.position }),
};
