import { dueDateSetBy, evolveSuggestionLifecycle, handlingStatuses, type SuggestionLifecycle, type SuggestionPhase, type SuggestionStatus } from "@duty-ledger/domain";
import { instantOf } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";
import type { AssignmentEntry, EvaluationEntry, EventRef, ExtensionEntry, PreReviewEntry, RevisionEntry, SubmissionEntry } from "./suggestion-entries.js";

/**
 * A suggestion's summary (state, units, due date in force, round…): the fold of its counting
 * entries in log order, the lifecycle part of which is the domain's `evolveSuggestionLifecycle`,
 * the one the decider folds with. The suggestion view and the watch list's documents both hold
 * it; the watch list's index entries are the summary's.
 */

/** A suggestion's state as the view shows it: the decider's status, `null` while none counts. */
export type SuggestionViewState = Exclude<SuggestionStatus, "none">;

/** States in which the lead unit owes a reply by `dueAt` (the decider's handling statuses). */
export const openSuggestionStates: readonly SuggestionViewState[] = handlingStatuses;

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
  | { readonly type: "SuggestionEvaluated"; readonly data: EventAt & Pick<EvaluationEntry, "rating" | "rehandleDueAt"> }
  | { readonly type: "CoSignatureDecided"; readonly data: EventAt }
  | { readonly type: "SupervisionRecorded"; readonly data: EventAt }
  | { readonly type: "ExtensionRequested" | "ExtensionRequestRefused" | "ReturnRequested" | "ReturnRequestRefused"; readonly data: EventAt };


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
    case "CoSignatureDecided":
    case "SupervisionRecorded":
    case "ExtensionRequested":
    case "ExtensionRequestRefused":
    case "ReturnRequested":
    case "ReturnRequestRefused":
      break;
    default: {
      const _exhaustive: never = item;
      throw new Error(`unknown item ${JSON.stringify(_exhaustive)}`);
    }
  }
  return next;
};

/**
 * The index sort value: `dueAt` in ms; before any due date (submitted, under revision, accepted,
 * returned) the submission's `submittedAt`, so that the pre-review queue reads oldest first; 0 with neither.
 */
export const summarySort = (summary: Pick<SuggestionSummary, "dueAt" | "submittedAt">): number =>
  summary.dueAt !== null ? instantOf(summary.dueAt) : summary.submittedAt !== null ? instantOf(summary.submittedAt) : 0;

/** Index entry values of the `unitState` index. */
export const unitStateValue = (unitId: string, state: SuggestionViewState): string => `${unitId}|${state}`;

/** The watch list's index entries of a suggestion's summary (`state`, `unitState`, sorted by `dueAt`). */
export const summaryIndexes = (summary: SuggestionSummary): IndexEntry[] => {
  if (summary.state === null) return [];
  const sort = summarySort(summary);
  const entries: IndexEntry[] = [{ name: "state", value: summary.state, sort }];
  if (summary.units !== null) {
    for (const unitId of [summary.units.leadUnitId, ...summary.units.coUnitIds]) {
      entries.push({ name: "unitState", value: unitStateValue(unitId, summary.state), sort });
    }
  }
  return entries;
};

