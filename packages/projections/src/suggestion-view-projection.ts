import type {
  EvaluationRating,
  HandlingStepKind,
  PolicyRef,
  PreReviewOutcome,
  RecordedVia,
  ReplyCategory,
  SuggestionPhase,
} from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn, instantOf } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * The suggestion view (GET /v1/suggestions/:id and the watch list): one document per
 * suggestion, keyed by suggestion id.
 *
 * The document keeps every counting event of the suggestion as an entry (with its event id
 * and position) in per-kind lists, and the summary fields (state, units, due date in force…)
 * are a fold of those entries in log order. An `EventVoided` removes the voided entry and
 * the summary is folded again from what remains, so a voided event stops counting exactly.
 * Nothing time-dependent is stored: "overdue" is decided at query time against `asOf`.
 */
export const SUGGESTION_VIEW = "suggestion-view";

export const suggestionViewStates = ["submitted", "revising", "returned", "accepted", "assigned", "replied", "rehandling", "closed"] as const;
export type SuggestionViewState = (typeof suggestionViewStates)[number];

/** States in which the lead unit owes a reply by `dueAt`. */
export const openSuggestionStates: readonly SuggestionViewState[] = ["assigned", "rehandling"];

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

type Item =
  | { readonly kind: "submission"; readonly entry: SubmissionEntry }
  | { readonly kind: "revision"; readonly entry: RevisionEntry }
  | { readonly kind: "preReview"; readonly entry: PreReviewEntry }
  | { readonly kind: "assignment"; readonly entry: AssignmentEntry }
  | { readonly kind: "step"; readonly entry: StepEntry }
  | { readonly kind: "reply"; readonly entry: ReplyEntry }
  | { readonly kind: "publication"; readonly entry: PublicationEntry }
  | { readonly kind: "extension"; readonly entry: ExtensionEntry }
  | { readonly kind: "evaluation"; readonly entry: EvaluationEntry };

const emptySummary: SuggestionSummary = {
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

/** A fresh copy of the summary fields (of a summary or a whole view), to be set before it is returned. */
const draftOf = (summary: SuggestionSummary): SummaryDraft => ({
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

/**
 * One step of the summary fold (the suggestion's lifecycle, as the decider's `evolve`). Returns
 * `summary` itself when the item does not change it, else a new summary (only its fields).
 */
const summarise = (summary: SuggestionSummary, item: Item): SuggestionSummary => {
  switch (item.kind) {
    case "submission": {
      const e = item.entry;
      const next = draftOf(emptySummary);
      next.state = "submitted";
      next.title = e.title;
      next.leadDeputyId = e.leadDeputyId;
      next.coSignerIds = e.coSignerIds;
      next.phase = e.phase;
      next.session = e.session;
      next.submittedAt = e.submittedAt;
      next.confidential = e.confidential;
      next.sourceOpinionIds = e.sourceOpinionIds;
      return next;
    }
    case "revision": {
      const next = draftOf(summary);
      next.state = "submitted";
      next.title = item.entry.title;
      return next;
    }
    case "preReview": {
      const outcome = item.entry.outcome;
      const next = draftOf(summary);
      next.state = outcome === "accept" ? "accepted" : outcome === "revise" ? "revising" : "returned";
      return next;
    }
    case "assignment": {
      const e = item.entry;
      const next = draftOf(summary);
      next.state = "assigned";
      next.units = { leadUnitId: e.leadUnitId, coUnitIds: e.coUnitIds };
      next.assignedAt = e.assignedAt;
      next.dueAt = e.dueAt;
      next.dueAtEventId = e.eventId;
      next.round = 1;
      return next;
    }
    case "step":
    case "publication":
      return summary;
    case "reply": {
      const next = draftOf(summary);
      next.state = "replied";
      return next;
    }
    case "extension": {
      const next = draftOf(summary);
      next.dueAt = item.entry.newDueAt;
      next.dueAtEventId = item.entry.eventId;
      return next;
    }
    case "evaluation": {
      const e = item.entry;
      const next = draftOf(summary);
      if (e.rating === "unsatisfied") {
        next.state = "rehandling";
        next.round = summary.round + 1;
        next.dueAt = e.rehandleDueAt;
        next.dueAtEventId = e.eventId;
      } else {
        next.state = "closed";
      }
      return next;
    }
    default: {
      const _exhaustive: never = item;
      throw new Error(`unknown item ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const itemsOf = (view: SuggestionView): Item[] =>
  [
    ...view.submissions.map((entry): Item => ({ kind: "submission", entry })),
    ...view.revisions.map((entry): Item => ({ kind: "revision", entry })),
    ...view.preReviews.map((entry): Item => ({ kind: "preReview", entry })),
    ...view.assignments.map((entry): Item => ({ kind: "assignment", entry })),
    ...view.steps.map((entry): Item => ({ kind: "step", entry })),
    ...view.replies.map((entry): Item => ({ kind: "reply", entry })),
    ...view.publications.map((entry): Item => ({ kind: "publication", entry })),
    ...view.extensions.map((entry): Item => ({ kind: "extension", entry })),
    ...view.evaluations.map((entry): Item => ({ kind: "evaluation", entry })),
  ].sort((a, b) => a.entry.position - b.entry.position);

/** The summary folded again from every counting entry, in log order. */
const refold = (view: SuggestionView): SuggestionView => ({ ...view, ...itemsOf(view).reduce(summarise, emptySummary) });

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
    submissions: item.kind === "submission" ? [...view.submissions, item.entry] : view.submissions,
    revisions: item.kind === "revision" ? [...view.revisions, item.entry] : view.revisions,
    preReviews: item.kind === "preReview" ? [...view.preReviews, item.entry] : view.preReviews,
    assignments: item.kind === "assignment" ? [...view.assignments, item.entry] : view.assignments,
    steps: item.kind === "step" ? [...view.steps, item.entry] : view.steps,
    replies: item.kind === "reply" ? [...view.replies, item.entry] : view.replies,
    publications: item.kind === "publication" ? [...view.publications, item.entry] : view.publications,
    extensions: item.kind === "extension" ? [...view.extensions, item.entry] : view.extensions,
    evaluations: item.kind === "evaluation" ? [...view.evaluations, item.entry] : view.evaluations,
    voided: view.voided,
  };
};

const without = <T extends EventRef>(list: readonly T[], eventId: string): readonly T[] =>
  list.some((entry) => entry.eventId === eventId) ? list.filter((entry) => entry.eventId !== eventId) : list;

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
          kind: "submission",
          entry: {
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
      return withItem(view, { kind: "revision", entry: { eventId, position, recordedAt, title: event.data.title, body: event.data.body, revisedAt: event.data.revisedAt } }, event.position);
    case "SuggestionPreReviewed": {
      const d = event.data;
      return withItem(view, { kind: "preReview", entry: { eventId, position, recordedAt, outcome: d.outcome, reason: d.reason, reviewedAt: d.reviewedAt } }, event.position);
    }
    case "SuggestionAssigned": {
      const d = event.data;
      return withItem(
        view,
        {
          kind: "assignment",
          entry: {
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
          kind: "step",
          entry: {
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
        { kind: "reply", entry: { eventId, position, recordedAt, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, text: d.text, round: d.round } },
        event.position,
      );
    }
    case "ReplyPublished": {
      const d = event.data;
      return withItem(view, { kind: "publication", entry: { eventId, position, recordedAt, publishedAt: d.publishedAt, url: d.url ?? null, round: d.round } }, event.position);
    }
    case "DeadlineExtended": {
      const d = event.data;
      return withItem(
        view,
        { kind: "extension", entry: { eventId, position, recordedAt, previousDueAt: d.previousDueAt, newDueAt: d.newDueAt, reason: d.reason, grantedAt: d.grantedAt } },
        event.position,
      );
    }
    case "SuggestionEvaluated": {
      const d = event.data;
      return withItem(
        view,
        {
          kind: "evaluation",
          entry: {
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
    case "EventVoided": {
      const d = event.data;
      const voided: VoidedEntry = { eventId, position, recordedAt, voidedEventId: d.eventId, voidedType: d.voidedType, reason: d.reason, voidedAt: d.voidedAt };
      return refold({
        ...view,
        lastPosition: event.position,
        submissions: without(view.submissions, d.eventId),
        revisions: without(view.revisions, d.eventId),
        preReviews: without(view.preReviews, d.eventId),
        assignments: without(view.assignments, d.eventId),
        steps: without(view.steps, d.eventId),
        replies: without(view.replies, d.eventId),
        publications: without(view.publications, d.eventId),
        extensions: without(view.extensions, d.eventId),
        evaluations: without(view.evaluations, d.eventId),
        voided: [...view.voided, voided],
      });
    }
    default:
      return view;
  }
};

/** `dueAt` as an index sort value (0 when there is none). */
const dueSort = (view: SuggestionView): number => (view.dueAt === null ? 0 : instantOf(view.dueAt));

/** Index entry values of the `unitState` index. */
export const unitStateValue = (unitId: string, state: SuggestionViewState): string => `${unitId}|${state}`;

const indexesOfView = (view: SuggestionView): IndexEntry[] => {
  if (view.state === null) return [];
  const sort = dueSort(view);
  const entries: IndexEntry[] = [{ name: "state", value: view.state, sort }];
  if (view.units !== null) {
    for (const unitId of [view.units.leadUnitId, ...view.units.coUnitIds]) {
      entries.push({ name: "unitState", value: unitStateValue(unitId, view.state), sort });
    }
  }
  return entries;
};

export const suggestionViewEventTypes = [
  "SuggestionSubmitted",
  "SuggestionRevised",
  "SuggestionPreReviewed",
  "SuggestionAssigned",
  "HandlingStepRecorded",
  "SuggestionReplied",
  "ReplyPublished",
  "DeadlineExtended",
  "SuggestionEvaluated",
  "EventVoided",
] as const;

/**
 * Indexes: `state` (value: the state; sort: `dueAt` in ms, 0 without one) and `unitState`
 * (`<unitId>|<state>` for the lead unit and each co-unit; sort: `dueAt`). Version 2 dropped
 * v1's `deputy` index, which no reader queried (a deputy's suggestions are found through
 * `deputy-record`).
 */
export const suggestionViewProjection: Projection<SuggestionView> = {
  name: SUGGESTION_VIEW,
  version: 2,
  handles: suggestionViewEventTypes,
  keysOf: (event) => entityKeyIn(event, "suggestion"),
  init: initSuggestionView,
  apply: applyToView,
  indexesOf: indexesOfView,
};
