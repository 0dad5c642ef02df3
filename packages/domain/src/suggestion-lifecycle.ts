import type { EvaluationRating, PreReviewOutcome, SuggestionEvent } from "./events.js";

/**
 * The suggestion's lifecycle: which status follows which event, the handling round, and the
 * reply due date in force. The one statement of these rules: the suggestion decider's `evolve`
 * and the suggestion read model (projections' `suggestion-view`) both fold with it.
 *
 * submitted -> pre-reviewed: accept -> accepted -> assigned -> (steps)* -> replied
 *                                                  assigned -> (return requested) -> reassigned -> assigned (round 1, new due date)
 *                            revise -> revising -> (revised) -> submitted
 *                            return -> returned (final)
 * replied -> evaluated: satisfied | basically-satisfied -> closed (final)
 *                       unsatisfied -> rehandling (new due date) -> (steps)* -> replied …
 */

export const suggestionStatuses = [
  "none",
  "submitted",
  "revising",
  "returned",
  "accepted",
  "assigned",
  "replied",
  "rehandling",
  "closed",
] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

/** The statuses in which the suggestion is being handled: the lead unit owes a reply by the due date. */
export const handlingStatuses = ["assigned", "rehandling"] as const satisfies readonly SuggestionStatus[];

const handling: readonly SuggestionStatus[] = handlingStatuses;
export const isHandlingStatus = (status: SuggestionStatus): boolean => handling.includes(status);

export interface SuggestionLifecycle {
  readonly status: SuggestionStatus;
  /** The handling round: 1 after assignment, +1 after each unsatisfied evaluation. */
  readonly round: number;
  /** The reply due date in force: the assignment's, a later extension's, or a re-handling's. */
  readonly dueAt: string | undefined;
}

/**
 * What the lifecycle reads of a suggestion event: its type and, for the events that choose a
 * status or set a due date, those fields. A `SuggestionEvent` is one; so is a read model's
 * record of one (where a re-handling due date may be `null` for none).
 */
export type SuggestionLifecycleEvent =
  | { readonly type: Exclude<SuggestionEvent["type"], "SuggestionPreReviewed" | "SuggestionAssigned" | "SuggestionReassigned" | "DeadlineExtended" | "SuggestionEvaluated"> }
  | { readonly type: "SuggestionPreReviewed"; readonly data: { readonly outcome: PreReviewOutcome } }
  | { readonly type: "SuggestionAssigned"; readonly data: { readonly dueAt: string } }
  | { readonly type: "SuggestionReassigned"; readonly data: { readonly dueAt: string } }
  | { readonly type: "DeadlineExtended"; readonly data: { readonly newDueAt: string } }
  | { readonly type: "SuggestionEvaluated"; readonly data: { readonly rating: EvaluationRating; readonly rehandleDueAt?: string | null } };

const statusAfterPreReview: Readonly<Record<PreReviewOutcome, SuggestionStatus>> = {
  accept: "accepted",
  revise: "revising",
  return: "returned",
};

/** The due date the event puts in force, if it sets one: an assignment or reassignment, an extension, an unsatisfied evaluation. */
export const dueDateSetBy = (event: SuggestionLifecycleEvent): string | undefined => {
  switch (event.type) {
    case "SuggestionAssigned":
    case "SuggestionReassigned":
      return event.data.dueAt;
    case "DeadlineExtended":
      return event.data.newDueAt;
    case "SuggestionEvaluated":
      return event.data.rating === "unsatisfied" ? (event.data.rehandleDueAt ?? undefined) : undefined;
    case "SuggestionSubmitted":
    case "SuggestionRevised":
    case "SuggestionPreReviewed":
    case "HandlingStepRecorded":
    case "SuggestionReplied":
    case "ReplyPublished":
    case "CoSignatureDecided":
    case "SupervisionRecorded":
    case "ExtensionRequested":
    case "ExtensionRequestRefused":
    case "ReturnRequested":
    case "ReturnRequestRefused":
      return undefined;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/**
 * The lifecycle after an event that counts (voided events are not folded at all). Returns
 * `lifecycle` itself when the event leaves it as it was (steps, publications).
 */
export const evolveSuggestionLifecycle = (lifecycle: SuggestionLifecycle, event: SuggestionLifecycleEvent): SuggestionLifecycle => {
  const { round } = lifecycle;
  const dueAt = dueDateSetBy(event) ?? lifecycle.dueAt;
  switch (event.type) {
    case "SuggestionSubmitted":
      return { status: "submitted", round: 0, dueAt: undefined };
    case "SuggestionRevised":
      return { status: "submitted", round, dueAt };
    case "SuggestionPreReviewed":
      return { status: statusAfterPreReview[event.data.outcome], round, dueAt };
    case "SuggestionAssigned":
    case "SuggestionReassigned":
      return { status: "assigned", round: 1, dueAt };
    case "SuggestionReplied":
      return { status: "replied", round, dueAt };
    case "DeadlineExtended":
      return { status: lifecycle.status, round, dueAt };
    case "SuggestionEvaluated":
      return event.data.rating === "unsatisfied" ? { status: "rehandling", round: round + 1, dueAt } : { status: "closed", round, dueAt };
    case "HandlingStepRecorded":
    case "ReplyPublished":
    case "CoSignatureDecided":
    case "SupervisionRecorded":
    case "ExtensionRequested":
    case "ExtensionRequestRefused":
    case "ReturnRequested":
    case "ReturnRequestRefused":
      return lifecycle;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};
