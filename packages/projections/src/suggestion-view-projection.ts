import { backfillIdOf, suggestionDecider } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection, type VoidingNote } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type {
  AssignmentEntry,
  CoSignatureEntry,
  EvaluationEntry,
  ExtensionEntry,
  PreReviewEntry,
  PublicationEntry,
  ReplyEntry,
  RevisionEntry,
  StepEntry,
  SubmissionEntry,
  VoidedEntry,
} from "./suggestion-entries.js";
import { emptySummary, summarise, type SuggestionSummary } from "./suggestion-summary.js";

/**
 * The suggestion view (GET /v1/suggestions/:id and the watch list): one document per
 * suggestion, keyed by suggestion id.
 *
 * The document keeps every counting event of the suggestion as an entry (with its event id
 * and position) in per-kind lists, and the summary fields (state, units, due date in force…)
 * are a fold of those entries in log order. The lifecycle part of that fold (state, round, due
 * date in force) is the domain's `evolveSuggestionLifecycle`, the one the decider folds with.
 * After a voiding the engine folds the view again from the stream's counting events (a voided
 * event stops counting exactly), and the view notes each voiding where it stands (`voided`).
 * Nothing time-dependent is stored: "overdue" is decided at query time against `asOf`.
 */
export const SUGGESTION_VIEW = "suggestion-view";

export interface SuggestionView extends SuggestionSummary {
  readonly suggestionId: string;
  /** Position of the last event applied to this document. */
  readonly lastPosition: number;
  readonly submissions: readonly SubmissionEntry[];
  readonly revisions: readonly RevisionEntry[];
  readonly preReviews: readonly PreReviewEntry[];
  readonly assignments: readonly AssignmentEntry[];
  readonly steps: readonly StepEntry[];
  readonly replies: readonly ReplyEntry[];
  readonly publications: readonly PublicationEntry[];
  readonly extensions: readonly ExtensionEntry[];
  readonly evaluations: readonly EvaluationEntry[];
  /** The co-signers' decisions (an accepted one counts as co-signed). */
  readonly coSignatures: readonly CoSignatureEntry[];
  readonly voided: readonly VoidedEntry[];
}


/** An entry as the event it records (the event's type, the entry as its data): the fold reads it as that event. */
type Item =
  | { readonly type: "SuggestionSubmitted"; readonly data: SubmissionEntry }
  | { readonly type: "SuggestionRevised"; readonly data: RevisionEntry }
  | { readonly type: "SuggestionPreReviewed"; readonly data: PreReviewEntry }
  | { readonly type: "SuggestionAssigned"; readonly data: AssignmentEntry }
  | { readonly type: "HandlingStepRecorded"; readonly data: StepEntry }
  | { readonly type: "SuggestionReplied"; readonly data: ReplyEntry }
  | { readonly type: "ReplyPublished"; readonly data: PublicationEntry }
  | { readonly type: "DeadlineExtended"; readonly data: ExtensionEntry }
  | { readonly type: "SuggestionEvaluated"; readonly data: EvaluationEntry }
  | { readonly type: "CoSignatureDecided"; readonly data: CoSignatureEntry };


/** The item, its entry marked `backfilled: true` when its event was written under a backfill (rare: no copy otherwise). */
const markBackfilled = (item: Item, backfilled: boolean): Item => (backfilled ? ({ type: item.type, data: { ...item.data, backfilled: true } } as Item) : item);

/**
 * Appends an entry (the event comes last in log order, so the summary takes one fold step).
 * Built as one object literal in the document's key order: the hot path of a rebuild.
 */
const withItem = (view: SuggestionView, given: Item, position: number, backfilled: boolean): SuggestionView => {
  const item = markBackfilled(given, backfilled);
  const s = summarise(view, item);
  return {
    suggestionId: view.suggestionId,
    state: s.state,
    title: s.title,
    leadDeputyId: s.leadDeputyId,
    coSignerIds: s.coSignerIds,
    phase: s.phase,
    session: s.session,
    submittedAt: s.submittedAt,
    confidential: s.confidential,
    sourceOpinionIds: s.sourceOpinionIds,
    units: s.units,
    assignedAt: s.assignedAt,
    dueAt: s.dueAt,
    dueAtEventId: s.dueAtEventId,
    round: s.round,
    lastPosition: position,
    submissions: item.type === "SuggestionSubmitted" ? [...view.submissions, item.data] : view.submissions,
    revisions: item.type === "SuggestionRevised" ? [...view.revisions, item.data] : view.revisions,
    preReviews: item.type === "SuggestionPreReviewed" ? [...view.preReviews, item.data] : view.preReviews,
    assignments: item.type === "SuggestionAssigned" ? [...view.assignments, item.data] : view.assignments,
    steps: item.type === "HandlingStepRecorded" ? [...view.steps, item.data] : view.steps,
    replies: item.type === "SuggestionReplied" ? [...view.replies, item.data] : view.replies,
    publications: item.type === "ReplyPublished" ? [...view.publications, item.data] : view.publications,
    extensions: item.type === "DeadlineExtended" ? [...view.extensions, item.data] : view.extensions,
    evaluations: item.type === "SuggestionEvaluated" ? [...view.evaluations, item.data] : view.evaluations,
    coSignatures: item.type === "CoSignatureDecided" ? [...view.coSignatures, item.data] : view.coSignatures,
    voided: view.voided,
  };
};


export const initSuggestionView = (suggestionId: string): SuggestionView => ({
  suggestionId,
  ...emptySummary,
  lastPosition: 0,
  submissions: [],
  revisions: [],
  preReviews: [],
  assignments: [],
  steps: [],
  replies: [],
  publications: [],
  extensions: [],
  evaluations: [],
  coSignatures: [],
  voided: [],
});

const applyToView = (view: SuggestionView, recorded: RecordedEvent): SuggestionView => {
  const event = asDutyEvent(recorded);
  // Every entry starts with where it came from (EventRef), written out: no spread on the hot path.
  const eventId = recorded.id;
  const position = recorded.position;
  const recordedAt = recorded.metadata.recordedAt;
  const backfilled = backfillIdOf(recorded.metadata) !== undefined;
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      return withItem(
        view,
        {
          type: "SuggestionSubmitted",
          data: {
            eventId, position, recordedAt,
            leadDeputyId: d.leadDeputyId,
            coSignerIds: d.coSignerIds,
            title: d.title,
            body: d.body,
            phase: d.phase,
            session: d.session,
            submittedAt: d.submittedAt,
            sourceOpinionIds: d.sourceOpinionIds,
            confidential: d.confidential,
          },
        },
        event.position,
        backfilled,
      );
    }
    case "SuggestionRevised":
      return withItem(view, { type: "SuggestionRevised", data: { eventId, position, recordedAt, title: event.data.title, body: event.data.body, revisedAt: event.data.revisedAt } }, event.position, backfilled);
    case "SuggestionPreReviewed": {
      const d = event.data;
      return withItem(view, { type: "SuggestionPreReviewed", data: { eventId, position, recordedAt, outcome: d.outcome, reason: d.reason, reviewedAt: d.reviewedAt } }, event.position, backfilled);
    }
    case "SuggestionAssigned": {
      const d = event.data;
      return withItem(
        view,
        {
          type: "SuggestionAssigned",
          data: {
            eventId, position, recordedAt,
            leadUnitId: d.leadUnitId,
            coUnitIds: d.coUnitIds,
            assignedAt: d.assignedAt,
            complex: d.complex,
            leadingOfficial: d.leadingOfficial ?? null,
            supervisingOfficial: d.supervisingOfficial ?? null,
            dueAt: d.dueAt,
            policy: d.policy,
          },
        },
        event.position,
        backfilled,
      );
    }
    case "HandlingStepRecorded": {
      const d = event.data;
      return withItem(
        view,
        {
          type: "HandlingStepRecorded",
          data: {
            eventId, position, recordedAt,
            unitId: d.unitId,
            kind: d.kind,
            occurredAt: d.occurredAt,
            recordedVia: d.recordedVia,
            note: d.note ?? null,
            deputyPresent: d.deputyPresent ?? null,
          },
        },
        event.position,
        backfilled,
      );
    }
    case "SuggestionReplied": {
      const d = event.data;
      return withItem(
        view,
        { type: "SuggestionReplied", data: { eventId, position, recordedAt, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, text: d.text, round: d.round } },
        event.position,
        backfilled,
      );
    }
    case "ReplyPublished": {
      const d = event.data;
      return withItem(view, { type: "ReplyPublished", data: { eventId, position, recordedAt, publishedAt: d.publishedAt, url: d.url ?? null, round: d.round } }, event.position, backfilled);
    }
    case "DeadlineExtended": {
      const d = event.data;
      return withItem(
        view,
        { type: "DeadlineExtended", data: { eventId, position, recordedAt, previousDueAt: d.previousDueAt, newDueAt: d.newDueAt, reason: d.reason, grantedAt: d.grantedAt } },
        event.position,
        backfilled,
      );
    }
    case "SuggestionEvaluated": {
      const d = event.data;
      return withItem(
        view,
        {
          type: "SuggestionEvaluated",
          data: {
            eventId, position, recordedAt,
            deputyId: d.deputyId,
            rating: d.rating,
            evaluatedAt: d.evaluatedAt,
            comment: d.comment ?? null,
            round: d.round,
            rehandleDueAt: d.rehandleDueAt ?? null,
          },
        },
        event.position,
        backfilled,
      );
    }
    case "CoSignatureDecided": {
      const d = event.data;
      return withItem(view, { type: "CoSignatureDecided", data: { eventId, position, recordedAt, deputyId: d.deputyId, decision: d.decision, decidedAt: d.decidedAt } }, event.position, backfilled);
    }
    default:
      return view;
  }
};

/** Every event of a suggestion stream (the decider's types). */
export const suggestionViewEventTypes: readonly string[] = suggestionDecider.eventTypes;

/** A voiding of the suggestion's stream, listed in `voided`. */
const noteVoidingInView = (view: SuggestionView, note: VoidingNote): SuggestionView => ({ ...view, lastPosition: note.position, voided: [...view.voided, note] });

/**
 * Stored, keyed by suggestion id, without index entries: GET /v1/suggestions/:id reads it by
 * key; the watch list reads the summary's own documents (`suggestion-watch`).
 */
export const suggestionViewProjection: Projection<SuggestionView> = {
  name: SUGGESTION_VIEW,
  version: 4,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionView,
  apply: applyToView,
  noteVoiding: noteVoidingInView,
};
