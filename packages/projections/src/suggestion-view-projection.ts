import {
  dueDateSetBy,
  evolveSuggestionLifecycle,
  handlingStatuses,
  suggestionDecider,
  suggestionStatuses,
  type EvaluationRating,
  type HandlingStepKind,
  type PolicyRef,
  type PreReviewOutcome,
  type RecordedVia,
  type ReplyCategory,
  type SuggestionLifecycle,
  type SuggestionPhase,
  type SuggestionStatus,
} from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection, type VoidingNote } from "./projection.js";
import { entityKeyIn, instantOf } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

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

/** A suggestion's state as the view shows it: the decider's status, `null` while none counts. */
export type SuggestionViewState = Exclude<SuggestionStatus, "none">;
export const suggestionViewStates = suggestionStatuses.filter((status): status is SuggestionViewState => status !== "none");

/** States in which the lead unit owes a reply by `dueAt` (the decider's handling statuses). */
export const openSuggestionStates: readonly SuggestionViewState[] = handlingStatuses;

/** Where an entry came from. */
export interface EventRef {
  readonly eventId: string;
  readonly position: number;
  /** When the ledger received the event (server-set). */
  readonly recordedAt: string;
}

export interface SubmissionEntry extends EventRef {
  readonly leadDeputyId: string;
  readonly coSignerIds: readonly string[];
  readonly title: string;
  readonly body: string;
  readonly phase: SuggestionPhase;
  readonly session: string;
  readonly submittedAt: string;
  readonly sourceOpinionIds: readonly string[];
  readonly confidential: boolean;
}

export interface RevisionEntry extends EventRef {
  readonly title: string;
  readonly body: string;
  readonly revisedAt: string;
}

export interface PreReviewEntry extends EventRef {
  readonly outcome: PreReviewOutcome;
  readonly reason: string;
  readonly reviewedAt: string;
}

export interface AssignmentEntry extends EventRef {
  readonly leadUnitId: string;
  readonly coUnitIds: readonly string[];
  readonly assignedAt: string;
  readonly complex: boolean;
  readonly leadingOfficial: string | null;
  readonly supervisingOfficial: string | null;
  readonly dueAt: string;
  readonly policy: PolicyRef;
}

export interface StepEntry extends EventRef {
  readonly unitId: string;
  readonly kind: HandlingStepKind;
  readonly occurredAt: string;
  readonly recordedVia: RecordedVia;
  readonly note: string | null;
  readonly deputyPresent: boolean | null;
}

export interface ReplyEntry extends EventRef {
  readonly unitId: string;
  readonly category: ReplyCategory;
  readonly repliedAt: string;
  readonly text: string;
  readonly round: number;
}

export interface PublicationEntry extends EventRef {
  readonly publishedAt: string;
  readonly url: string | null;
  readonly round: number;
}

export interface ExtensionEntry extends EventRef {
  readonly previousDueAt: string;
  readonly newDueAt: string;
  readonly reason: string;
  readonly grantedAt: string;
}

export interface EvaluationEntry extends EventRef {
  readonly deputyId: string;
  readonly rating: EvaluationRating;
  readonly evaluatedAt: string;
  readonly comment: string | null;
  readonly round: number;
  readonly rehandleDueAt: string | null;
}

/** A voided event of the suggestion: it no longer counts. */
export interface VoidedEntry extends EventRef {
  /** The voided event's id (`eventId`/`position` above are the voiding's). */
  readonly voidedEventId: string;
  readonly voidedType: string;
  readonly reason: string;
  readonly voidedAt: string;
}

/** The summary, folded from the counting entries. */
export interface SuggestionSummary {
  /** `null` while no counting submission exists (none yet, or it was voided). */
  readonly state: SuggestionViewState | null;
  readonly title: string | null;
  readonly leadDeputyId: string | null;
  readonly coSignerIds: readonly string[];
  readonly phase: SuggestionPhase | null;
  readonly session: string | null;
  readonly submittedAt: string | null;
  readonly confidential: boolean;
  readonly sourceOpinionIds: readonly string[];
  readonly units: { readonly leadUnitId: string; readonly coUnitIds: readonly string[] } | null;
  readonly assignedAt: string | null;
  /** The reply due date in force: the assignment's, a later extension's, or a re-handling's. */
  readonly dueAt: string | null;
  /** The event that set `dueAt`. */
  readonly dueAtEventId: string | null;
  /** Handling round: 1 after assignment, +1 after each unsatisfied evaluation. */
  readonly round: number;
}

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
  readonly voided: readonly VoidedEntry[];
}

/** Where an entry came from, as the summary fold reads it. */
type EventAt = Pick<EventRef, "eventId" | "position">;

/**
 * An entry as the summary fold reads it (the event's type, the fields the summary and the
 * lifecycle read): what the watch list keeps of each counting event (`suggestion-watch`). A view's
 * entries are more (`Item`).
 */
export type LifecycleItem =
  | {
      readonly type: "SuggestionSubmitted";
      readonly data: EventAt & Pick<SubmissionEntry, "leadDeputyId" | "coSignerIds" | "title" | "phase" | "session" | "submittedAt" | "sourceOpinionIds" | "confidential">;
    }
  | { readonly type: "SuggestionRevised"; readonly data: EventAt & Pick<RevisionEntry, "title"> }
  | { readonly type: "SuggestionPreReviewed"; readonly data: EventAt & Pick<PreReviewEntry, "outcome"> }
  | { readonly type: "SuggestionAssigned"; readonly data: EventAt & Pick<AssignmentEntry, "leadUnitId" | "coUnitIds" | "assignedAt" | "dueAt"> }
  | { readonly type: "HandlingStepRecorded"; readonly data: EventAt }
  | { readonly type: "SuggestionReplied"; readonly data: EventAt }
  | { readonly type: "ReplyPublished"; readonly data: EventAt }
  | { readonly type: "DeadlineExtended"; readonly data: EventAt & Pick<ExtensionEntry, "newDueAt"> }
  | { readonly type: "SuggestionEvaluated"; readonly data: EventAt & Pick<EvaluationEntry, "rating" | "rehandleDueAt"> };

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
  | { readonly type: "SuggestionEvaluated"; readonly data: EvaluationEntry };

export const emptySummary: SuggestionSummary = {
  state: null,
  title: null,
  leadDeputyId: null,
  coSignerIds: [],
  phase: null,
  session: null,
  submittedAt: null,
  confidential: false,
  sourceOpinionIds: [],
  units: null,
  assignedAt: null,
  dueAt: null,
  dueAtEventId: null,
  round: 0,
};

type SummaryDraft = { -readonly [K in keyof SuggestionSummary]: SuggestionSummary[K] };

/** A fresh copy of the summary fields (of a summary, a whole view or a watch-list document). */
export const summaryFieldsOf = (summary: SuggestionSummary): SummaryDraft => ({
  state: summary.state,
  title: summary.title,
  leadDeputyId: summary.leadDeputyId,
  coSignerIds: summary.coSignerIds,
  phase: summary.phase,
  session: summary.session,
  submittedAt: summary.submittedAt,
  confidential: summary.confidential,
  sourceOpinionIds: summary.sourceOpinionIds,
  units: summary.units,
  assignedAt: summary.assignedAt,
  dueAt: summary.dueAt,
  dueAtEventId: summary.dueAtEventId,
  round: summary.round,
});

/** The domain's lifecycle a summary stands for. */
const lifecycleOf = (summary: SuggestionSummary): SuggestionLifecycle => ({
  status: summary.state ?? "none",
  round: summary.round,
  dueAt: summary.dueAt ?? undefined,
});

/**
 * One step of the summary fold: the lifecycle (state, round, due date in force) as the domain
 * evolves it, and what the view records besides. Returns `summary` itself when the item does
 * not change it, else a new summary (only its fields).
 */
export const summarise = (summary: SuggestionSummary, item: LifecycleItem): SuggestionSummary => {
  const before = lifecycleOf(summary);
  const after = evolveSuggestionLifecycle(before, item);
  if (after === before) return summary;
  const next = summaryFieldsOf(item.type === "SuggestionSubmitted" ? emptySummary : summary);
  next.state = after.status === "none" ? null : after.status;
  next.round = after.round;
  next.dueAt = after.dueAt ?? null;
  if (dueDateSetBy(item) !== undefined) next.dueAtEventId = item.data.eventId;
  switch (item.type) {
    case "SuggestionSubmitted": {
      const e = item.data;
      next.title = e.title;
      next.leadDeputyId = e.leadDeputyId;
      next.coSignerIds = e.coSignerIds;
      next.phase = e.phase;
      next.session = e.session;
      next.submittedAt = e.submittedAt;
      next.confidential = e.confidential;
      next.sourceOpinionIds = e.sourceOpinionIds;
      break;
    }
    case "SuggestionRevised":
      next.title = item.data.title;
      break;
    case "SuggestionAssigned":
      next.units = { leadUnitId: item.data.leadUnitId, coUnitIds: item.data.coUnitIds };
      next.assignedAt = item.data.assignedAt;
      break;
    case "SuggestionPreReviewed":
    case "HandlingStepRecorded":
    case "SuggestionReplied":
    case "ReplyPublished":
    case "DeadlineExtended":
    case "SuggestionEvaluated":
      break;
    default: {
      const _exhaustive: never = item;
      throw new Error(`unknown item ${JSON.stringify(_exhaustive)}`);
    }
  }
  return next;
};

/**
 * Appends an entry (the event comes last in log order, so the summary takes one fold step).
 * Built as one object literal in the document's key order: the hot path of a rebuild.
 */
const withItem = (view: SuggestionView, item: Item, position: number): SuggestionView => {
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
  voided: [],
});

const applyToView = (view: SuggestionView, recorded: RecordedEvent): SuggestionView => {
  const event = asDutyEvent(recorded);
  // Every entry starts with where it came from (EventRef), written out: no spread on the hot path.
  const eventId = recorded.id;
  const position = recorded.position;
  const recordedAt = recorded.metadata.recordedAt;
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
      );
    }
    case "SuggestionRevised":
      return withItem(view, { type: "SuggestionRevised", data: { eventId, position, recordedAt, title: event.data.title, body: event.data.body, revisedAt: event.data.revisedAt } }, event.position);
    case "SuggestionPreReviewed": {
      const d = event.data;
      return withItem(view, { type: "SuggestionPreReviewed", data: { eventId, position, recordedAt, outcome: d.outcome, reason: d.reason, reviewedAt: d.reviewedAt } }, event.position);
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
      );
    }
    case "SuggestionReplied": {
      const d = event.data;
      return withItem(
        view,
        { type: "SuggestionReplied", data: { eventId, position, recordedAt, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, text: d.text, round: d.round } },
        event.position,
      );
    }
    case "ReplyPublished": {
      const d = event.data;
      return withItem(view, { type: "ReplyPublished", data: { eventId, position, recordedAt, publishedAt: d.publishedAt, url: d.url ?? null, round: d.round } }, event.position);
    }
    case "DeadlineExtended": {
      const d = event.data;
      return withItem(
        view,
        { type: "DeadlineExtended", data: { eventId, position, recordedAt, previousDueAt: d.previousDueAt, newDueAt: d.newDueAt, reason: d.reason, grantedAt: d.grantedAt } },
        event.position,
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
      );
    }
    default:
      return view;
  }
};

/** `dueAt` as an index sort value (0 when there is none). */
const dueSort = (summary: SuggestionSummary): number => (summary.dueAt === null ? 0 : instantOf(summary.dueAt));

/** Index entry values of the `unitState` index. */
export const unitStateValue = (unitId: string, state: SuggestionViewState): string => `${unitId}|${state}`;

/** The watch list's index entries of a suggestion's summary (`state`, `unitState`, sorted by `dueAt`). */
export const summaryIndexes = (summary: SuggestionSummary): IndexEntry[] => {
  if (summary.state === null) return [];
  const sort = dueSort(summary);
  const entries: IndexEntry[] = [{ name: "state", value: summary.state, sort }];
  if (summary.units !== null) {
    for (const unitId of [summary.units.leadUnitId, ...summary.units.coUnitIds]) {
      entries.push({ name: "unitState", value: unitStateValue(unitId, summary.state), sort });
    }
  }
  return entries;
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
  version: 3,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionView,
  apply: applyToView,
  noteVoiding: noteVoidingInView,
};
