import {
  pendingRequestsOf,
  deadlinesOf,
  isLongOverdue,
  warningOf,
  openSuggestionStates,
  type DeadlineContext,
  type SuggestionDeadline,
  type SupervisionWarning,
  type PendingRequests,
  type RequestEntry,
  type SuggestionSummary,
  type SuggestionView,
  type SuggestionViewState,
  type SuggestionWatchDoc,
  type WatchStatus,
} from "@duty-ledger/projections";

/**
 * The answers of GET /v1/suggestions/:id and of the watch list (GET /v1/suggestions). The
 * deadline flags (`overdue`, `due-soon`, `daysToDue`) are computed here, against `asOf`, from
 * the due date in force in the read model (the assignment's, a later extension's or a
 * re-handling's); they are never stored.
 */

const DAY_MS = 86_400_000;

/**
 * A suggestion's status as of `asOf`: for one owing a reply (`assigned`, `rehandling`),
 * `overdue` (due date in force before `asOf`), `due-soon` (due within `dueWithinDays` days
 * from `asOf`, bounds included) or `open`; `replied`, `closed`; before assignment the
 * lifecycle state itself (`submitted`, `revising`, `returned`, `accepted`).
 */
export type SuggestionStatus = WatchStatus | Exclude<SuggestionViewState, "assigned" | "rehandling" | "replied" | "closed">;

export interface DeadlineFlags {
  readonly status: SuggestionStatus;
  /** Owing a reply and past the due date in force at `asOf`. */
  readonly overdue: boolean;
  /** Owing a reply and due within `dueWithinDays` days of `asOf` (not overdue). */
  readonly dueSoon: boolean;
  /** Whole days from `asOf` to the due date in force (floor; negative when past); `null` without one. */
  readonly daysToDue: number | null;
  /** Overdue and more than 30 days past the due date in force (the `long-overdue` tier). */
  readonly longOverdue: boolean;
}

export const deadlineFlagsOf = (view: SuggestionSummary, asOfMs: number, dueWithinDays: number): DeadlineFlags => {
  const due = view.dueAt === null ? null : Date.parse(view.dueAt);
  const daysToDue = due === null ? null : Math.floor((due - asOfMs) / DAY_MS);
  const state = view.state;
  if (state === null) return { status: "submitted", overdue: false, dueSoon: false, daysToDue, longOverdue: false };
  const owing = openSuggestionStates.includes(state);
  const overdue = owing && due !== null && due < asOfMs;
  const dueSoon = owing && due !== null && !overdue && due <= asOfMs + dueWithinDays * DAY_MS;
  let status: SuggestionStatus;
  switch (state) {
    case "assigned":
    case "rehandling":
      status = overdue ? "overdue" : dueSoon ? "due-soon" : "open";
      break;
    case "replied":
    case "closed":
    case "submitted":
    case "revising":
    case "returned":
    case "accepted":
      status = state;
      break;
    default: {
      const _exhaustive: never = state;
      throw new Error(`unknown state ${String(_exhaustive)}`);
    }
  }
  return { status, overdue, dueSoon, daysToDue, longOverdue: overdue && isLongOverdue(view.dueAt, asOfMs) };
};

/** GET /v1/suggestions/:id: the whole view, `state` (lifecycle) and `status` (as of `asOf`, as known at `knownAt`). */
export type SuggestionAnswer = SuggestionView &
  DeadlineFlags & {
    /** The reply's, each co-unit's opinion's and each reply's publication deadline as of `asOf` (`suggestion-deadlines.ts`). */
    readonly deadlines: readonly SuggestionDeadline[];
    /** The office's latest warning the lead unit has not answered with a step since (as of `asOf`). */
    readonly warning: SupervisionWarning | null;
    /** Every request of the lead unit and refusal of the office (none: `[]`). */
    readonly requests: readonly RequestEntry[];
    /** The lead unit's requests waiting for the office's answer (as of `asOf`). */
    readonly pendingRequests: PendingRequests;
    readonly asOf: string;
    readonly knownAt: string;
    readonly dueWithinDays: number;
  };

/** The view's voidings as answered: without the voided entry the read model keeps for `knownAt`. */
const answeredVoidings = (view: SuggestionView): SuggestionView["voided"] => view.voided.map(({ voidedEntry: _kept, ...voiding }) => voiding);

export const suggestionAnswerOf = (view: SuggestionView, asOf: string, knownAt: string, dueWithinDays: number, context: DeadlineContext): SuggestionAnswer => ({
  ...view,
  voided: answeredVoidings(view),
  ...deadlineFlagsOf(view, Date.parse(asOf), dueWithinDays),
  deadlines: deadlinesOf(view, Date.parse(asOf), context),
  warning: warningOf(view, Date.parse(asOf)),
  requests: view.requests ?? [],
  pendingRequests: pendingRequestsOf(view),
  asOf,
  knownAt,
  dueWithinDays,
});

/** One line of the watch list: what a deadline watcher needs, without texts. */
export interface WatchListItem extends DeadlineFlags {
  readonly suggestionId: string;
  readonly title: string | null;
  readonly state: SuggestionViewState | null;
  /** The submission's date (the pre-review queue's order). */
  readonly submittedAt: string | null;
  readonly leadDeputyId: string | null;
  readonly coSignerIds: readonly string[];
  readonly leadUnitId: string | null;
  readonly coUnitIds: readonly string[];
  readonly assignedAt: string | null;
  readonly dueAt: string | null;
  readonly dueAtEventId: string | null;
  readonly round: number;
  readonly confidential: boolean;
  readonly replies: number;
  readonly lastPosition: number;
  /** Each deadline as of `asOf`: the reply, each co-unit's opinion, each reply's publication. */
  readonly deadlines: readonly SuggestionDeadline[];
  /** The office's warning on the unit's desk until the lead unit's next step (as of `asOf`). */
  readonly warning: SupervisionWarning | null;
}

/** A watch-list line; `deadlines` and `warning` from the suggestion's view (read for the page's lines only). */
export const watchListItemOf = (
  view: SuggestionWatchDoc,
  asOfMs: number,
  dueWithinDays: number,
  fromView: { readonly deadlines: readonly SuggestionDeadline[]; readonly warning: SupervisionWarning | null } = { deadlines: [], warning: null },
): WatchListItem => ({
  suggestionId: view.suggestionId,
  title: view.title,
  state: view.state,
  submittedAt: view.submittedAt,
  ...deadlineFlagsOf(view, asOfMs, dueWithinDays),
  leadDeputyId: view.leadDeputyId,
  coSignerIds: view.coSignerIds,
  leadUnitId: view.units?.leadUnitId ?? null,
  coUnitIds: view.units?.coUnitIds ?? [],
  assignedAt: view.assignedAt,
  dueAt: view.dueAt,
  dueAtEventId: view.dueAtEventId,
  round: view.round,
  confidential: view.confidential,
  replies: view.replies,
  lastPosition: view.lastPosition,
  deadlines: fromView.deadlines,
  warning: fromView.warning,
});
