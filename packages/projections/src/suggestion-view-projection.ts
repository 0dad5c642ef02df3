import { backfillIdOf, suggestionDecider } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection, type VoidingNote } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type {
  AssignmentEntry,
  CoSignatureEntry,
  RequestEntry,
  SupervisionEntry,
  EvaluationEntry,
  ExtensionEntry,
  PreReviewEntry,
  PublicationEntry,
  ReplyEntry,
  RevisionEntry,
  StepEntry,
  SubmissionEntry,
  SuggestionEntryItem,
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
  /** The office's supervision acts (督办). */
  readonly supervisions: readonly SupervisionEntry[];
  /** The lead unit's requests (more time, hand back) and the office's refusals, in log order (absent: none). */
  readonly requests?: readonly RequestEntry[];
  readonly voided: readonly VoidedEntry[];
}


/** An entry as the event it records (`SuggestionEntryItem`): the fold reads it as that event. */
type Item = SuggestionEntryItem;

/** The item, its entry marked `backfilled: true` when its event was written under a backfill (rare: no copy otherwise). */
const markBackfilled = (item: Item, backfilled: boolean): Item => (backfilled ? ({ type: item.type, data: { ...item.data, backfilled: true } } as Item) : item);

/**
 * Appends an entry (the event comes last in log order, so the summary takes one fold step).
 * Built as one object literal in the document's key order: the hot path of a rebuild.
 */
export const withItem = (view: SuggestionView, given: Item, position: number, backfilled: boolean): SuggestionView => {
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
    supervisions: item.type === "SupervisionRecorded" ? [...view.supervisions, item.data] : view.supervisions,
    requests: isRequestItem(item) ? [...(view.requests ?? []), item.data] : (view.requests ?? []),
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
  supervisions: [],
  requests: [],
  voided: [],
});

/** The entry an event of the suggestion makes; `null` for one that makes none. */
const itemOf = (recorded: RecordedEvent): Item | null => {
  const event = asDutyEvent(recorded);
  // Every entry starts with where it came from (EventRef), written out: no spread on the hot path.
  const eventId = recorded.id;
  const position = recorded.position;
  const recordedAt = recorded.metadata.recordedAt;
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      return {
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
        };
    }
    case "SuggestionRevised":
      return { type: "SuggestionRevised", data: { eventId, position, recordedAt, title: event.data.title, body: event.data.body, revisedAt: event.data.revisedAt } };
    case "SuggestionPreReviewed": {
      const d = event.data;
      return { type: "SuggestionPreReviewed", data: { eventId, position, recordedAt, outcome: d.outcome, reason: d.reason, reviewedAt: d.reviewedAt } };
    }
    // A reassignment (改办) is a further assignment: the view lists it with the others, the last in force.
    case "SuggestionAssigned":
    case "SuggestionReassigned": {
      const d = event.data;
      return {
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
        };
    }
    case "HandlingStepRecorded": {
      const d = event.data;
      return {
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
        };
    }
    case "SuggestionReplied": {
      const d = event.data;
      return { type: "SuggestionReplied", data: { eventId, position, recordedAt, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, text: d.text, round: d.round } };
    }
    case "ReplyPublished": {
      const d = event.data;
      return { type: "ReplyPublished", data: { eventId, position, recordedAt, publishedAt: d.publishedAt, url: d.url ?? null, round: d.round } };
    }
    case "DeadlineExtended": {
      const d = event.data;
      return { type: "DeadlineExtended", data: { eventId, position, recordedAt, previousDueAt: d.previousDueAt, newDueAt: d.newDueAt, reason: d.reason, grantedAt: d.grantedAt } };
    }
    case "SuggestionEvaluated": {
      const d = event.data;
      return {
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
        };
    }
    case "CoSignatureDecided": {
      const d = event.data;
      return { type: "CoSignatureDecided", data: { eventId, position, recordedAt, deputyId: d.deputyId, decision: d.decision, decidedAt: d.decidedAt } };
    }
    case "SupervisionRecorded": {
      const d = event.data;
      return { type: "SupervisionRecorded", data: { eventId, position, recordedAt, supervisionId: d.supervisionId, kind: d.kind, supervisedAt: d.supervisedAt, by: d.by, note: d.note } };
    }
    case "ExtensionRequested": {
      const d = event.data;
      return { type: "ExtensionRequested", data: { eventId, position, recordedAt, request: "extension", act: "requested", unitId: d.unitId, requestedDueAt: d.requestedDueAt, reason: d.reason, at: d.requestedAt } };
    }
    case "ExtensionRequestRefused": {
      const d = event.data;
      return { type: "ExtensionRequestRefused", data: { eventId, position, recordedAt, request: "extension", act: "refused", unitId: null, requestedDueAt: null, reason: d.reason, at: d.refusedAt } };
    }
    case "ReturnRequested": {
      const d = event.data;
      return { type: "ReturnRequested", data: { eventId, position, recordedAt, request: "return", act: "requested", unitId: d.unitId, requestedDueAt: null, reason: d.reason, at: d.requestedAt } };
    }
    case "ReturnRequestRefused": {
      const d = event.data;
      return { type: "ReturnRequestRefused", data: { eventId, position, recordedAt, request: "return", act: "refused", unitId: null, requestedDueAt: null, reason: d.reason, at: d.refusedAt } };
    }
    default:
      return null;
  }
};

const isRequestItem = (item: Item): item is Extract<Item, { readonly data: RequestEntry }> =>
  item.type === "ExtensionRequested" || item.type === "ExtensionRequestRefused" || item.type === "ReturnRequested" || item.type === "ReturnRequestRefused";

const isBackfilled = (recorded: RecordedEvent): boolean => backfillIdOf(recorded.metadata) !== undefined;

const applyToView = (view: SuggestionView, recorded: RecordedEvent): SuggestionView => {
  const item = itemOf(recorded);
  return item === null ? view : withItem(view, item, recorded.position, isBackfilled(recorded));
};

/** Every event of a suggestion stream (the decider's types). */
export const suggestionViewEventTypes: readonly string[] = suggestionDecider.eventTypes;

/**
 * A voiding of the suggestion's stream, listed in `voided` with the entry the voided event made
 * (`voidedEntry`): as the ledger knew it before the voiding was recorded, that entry counted
 * (`suggestionViewAt`).
 */
const noteVoidingInView = (view: SuggestionView, note: VoidingNote, voided: RecordedEvent | undefined): SuggestionView => {
  const item = voided === undefined ? null : itemOf(voided);
  const entry: VoidedEntry = item === null || voided === undefined ? note : { ...note, voidedEntry: markBackfilled(item, isBackfilled(voided)) };
  return { ...view, lastPosition: note.position, voided: [...view.voided, entry] };
};

/**
 * Stored, keyed by suggestion id, without index entries: GET /v1/suggestions/:id reads it by
 * key; the watch list reads the summary's own documents (`suggestion-watch`).
 */
export const suggestionViewProjection: Projection<SuggestionView> = {
  name: SUGGESTION_VIEW,
  // v6: the supervision acts (supervisions); v7: the unit's requests and their refusals (requests).
  version: 7,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionView,
  apply: applyToView,
  noteVoiding: noteVoidingInView,
};
