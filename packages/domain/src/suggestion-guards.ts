import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import { handlingStepKindTable, type EventData, type SuggestionEvent } from "./events.js";
import type { Guards } from "./decider.js";
import { domainRule } from "./guards.js";
import { lastReply, type SuggestionState } from "./suggestion-state.js";
import { isHandlingStatus } from "./suggestion-lifecycle.js";

/** The state preconditions of a suggestion's events (see `suggestionGuards`), and their refusals. */

const describe = (state: SuggestionState): string => {
  switch (state.status) {
    case "none":
      return "does not exist";
    case "submitted":
      return "is awaiting pre-review";
    case "revising":
      return "awaits revision by its lead deputy";
    case "returned":
      return "was returned at pre-review";
    case "accepted":
      return "is accepted but not assigned";
    case "assigned":
      return "is being handled";
    case "replied":
      return "has a reply awaiting evaluation";
    case "rehandling":
      return "is being re-handled after an unsatisfied evaluation";
    case "closed":
      return "is closed";
    default: {
      const _exhaustive: never = state.status;
      throw new Error(`unknown status ${String(_exhaustive)}`);
    }
  }
};

const conflict = (state: SuggestionState, refused: string): ConflictError =>
  new ConflictError(`suggestion ${state.suggestionId} ${describe(state)}: ${refused}`);

/** 404 unless the suggestion exists: the first precondition of every event but the submission. */
export const missing = (state: SuggestionState, suggestionId: string): NotFoundError | undefined =>
  state.status === "none" ? new NotFoundError(`suggestion ${suggestionId} does not exist`) : undefined;

type Data<T extends SuggestionEvent["type"]> = EventData<T>;

/** 403 unless `unitId` is the suggestion's lead unit (an unassigned suggestion has none). */
const leadUnitOnly = (state: SuggestionState, suggestionId: string, unitId: string): ForbiddenError | undefined =>
  state.assignment?.leadUnitId === unitId ? undefined : new ForbiddenError(`unit ${unitId} is not the lead unit of suggestion ${suggestionId}`);

/**
 * The state preconditions of each event: `decide` throws these refusals at the point it checks
 * the state (after the actor's checks that need the state), `admits` is derived from them and
 * `decideVoid` replays a stream's remaining events through them. The checks of the event's own
 * times against the recorded ones stay in `decide`: a voiding only removes events, so it never
 * makes a recorded time later.
 */
export const suggestionGuards = {
  SuggestionSubmitted: (state, d: Pick<Data<"SuggestionSubmitted">, "suggestionId">) =>
    state.status !== "none" ? new ConflictError(`suggestion ${d.suggestionId} already exists`) : undefined,
  SuggestionRevised: (state, d: Pick<Data<"SuggestionRevised">, "suggestionId">) =>
    missing(state, d.suggestionId) ?? (state.status !== "revising" ? conflict(state, "only a suggestion sent back for revision can be revised") : undefined),
  SuggestionPreReviewed: (state, d: Pick<Data<"SuggestionPreReviewed">, "suggestionId">) =>
    missing(state, d.suggestionId) ?? (state.status !== "submitted" ? conflict(state, "only a submitted suggestion can be pre-reviewed") : undefined),
  SuggestionAssigned: (state, d: Pick<Data<"SuggestionAssigned">, "suggestionId">) =>
    missing(state, d.suggestionId) ?? (state.status !== "accepted" ? conflict(state, "only an accepted suggestion can be assigned") : undefined),
  HandlingStepRecorded: (state, d: Pick<Data<"HandlingStepRecorded">, "suggestionId" | "unitId" | "kind">) => {
    const refusal = missing(state, d.suggestionId);
    if (refusal !== undefined) return refusal;
    const assignment = state.assignment;
    if (assignment !== undefined && d.unitId !== assignment.leadUnitId && !assignment.coUnitIds.includes(d.unitId)) {
      return new ForbiddenError(`unit ${d.unitId} is neither the lead unit nor a co-unit of suggestion ${d.suggestionId}`);
    }
    if (assignment === undefined || !isHandlingStatus(state.status)) return conflict(state, "handling steps are recorded only while it is being handled");
    // The one co-unit-only kind is the co-unit opinion.
    if (handlingStepKindTable[d.kind].coUnitOnly && d.unitId === assignment.leadUnitId) {
      return domainRule("kind", "a co-unit opinion is given by a co-unit, not the lead unit");
    }
    return undefined;
  },
  SuggestionReplied: (state, d: Pick<Data<"SuggestionReplied">, "suggestionId" | "unitId" | "round">) => {
    const refusal = missing(state, d.suggestionId);
    if (refusal !== undefined) return refusal;
    const assignment = state.assignment;
    if (assignment !== undefined && d.unitId !== assignment.leadUnitId) return new ForbiddenError(`only the lead unit replies to suggestion ${d.suggestionId}`);
    if (assignment === undefined || !isHandlingStatus(state.status)) return conflict(state, "a reply is given only while it is being handled");
    if (d.round !== state.round) return conflict(state, `the reply is of round ${state.round}, not ${d.round}`);
    return undefined;
  },
  ReplyPublished: (state, d: Pick<Data<"ReplyPublished">, "suggestionId" | "round">) => {
    const refusal = missing(state, d.suggestionId);
    if (refusal !== undefined) return refusal;
    const reply = state.replies.find((r) => r.round === d.round);
    if (reply === undefined) return conflict(state, "there is no reply to publish");
    if (reply.published) return conflict(state, `the reply of round ${reply.round} is already published`);
    // A confidential suggestion's replies are never published (security review).
    if (state.confidential) return domainRule("confidential", "the reply to a confidential suggestion is not published");
    return undefined;
  },
  DeadlineExtended: (state, d: Pick<Data<"DeadlineExtended">, "suggestionId">) =>
    missing(state, d.suggestionId) ??
    (state.assignment === undefined || !isHandlingStatus(state.status) || state.dueAt === undefined || state.roundDueAt === undefined
      ? conflict(state, "a deadline is extended only while it is being handled")
      : undefined),
  SuggestionEvaluated: (state, d: Pick<Data<"SuggestionEvaluated">, "suggestionId" | "round">) =>
    missing(state, d.suggestionId) ??
    (state.status !== "replied" || lastReply(state)?.round !== d.round ? conflict(state, "only a reply awaiting evaluation can be evaluated") : undefined),
  CoSignatureDecided: (state, d: Pick<Data<"CoSignatureDecided">, "suggestionId" | "deputyId">) => {
    const refusal = missing(state, d.suggestionId);
    if (refusal !== undefined) return refusal;
    if (!state.coSignerIds.includes(d.deputyId)) return new ForbiddenError(`deputy ${d.deputyId} is not a listed co-signer of suggestion ${d.suggestionId}`);
    const decided = state.coSignatures[d.deputyId];
    if (decided !== undefined) return new ConflictError(`deputy ${d.deputyId} already decided (${decided}) on co-signing suggestion ${d.suggestionId}`);
    return undefined;
  },
  SupervisionRecorded: (state, d: Pick<Data<"SupervisionRecorded">, "suggestionId" | "supervisionId">) =>
    missing(state, d.suggestionId) ??
    (state.supervisionIds.includes(d.supervisionId)
      ? new ConflictError(`supervision ${d.supervisionId} of suggestion ${d.suggestionId} is already recorded`)
      : !isHandlingStatus(state.status)
        ? conflict(state, "supervision is recorded only while it is being handled")
        : undefined),
  ExtensionRequested: (state, d: Pick<Data<"ExtensionRequested">, "suggestionId" | "unitId">) =>
    missing(state, d.suggestionId) ??
    leadUnitOnly(state, d.suggestionId, d.unitId) ??
    (!isHandlingStatus(state.status) || state.dueAt === undefined
      ? conflict(state, "an extension is requested only while it is being handled")
      : state.extensionRequest !== undefined
        ? conflict(state, `an extension request of ${state.extensionRequest.requestedAt} awaits the office's answer`)
        : undefined),
  ExtensionRequestRefused: (state, d: Pick<Data<"ExtensionRequestRefused">, "suggestionId">) =>
    missing(state, d.suggestionId) ?? (state.extensionRequest === undefined ? conflict(state, "there is no extension request to refuse") : undefined),
  ReturnRequested: (state, d: Pick<Data<"ReturnRequested">, "suggestionId" | "unitId">) =>
    missing(state, d.suggestionId) ??
    leadUnitOnly(state, d.suggestionId, d.unitId) ??
    (state.status !== "assigned"
      ? conflict(state, "a return is requested only while the first reply is owed")
      : state.returnRequest !== undefined
        ? conflict(state, `a return request of ${state.returnRequest.requestedAt} awaits the office's answer`)
        : undefined),
  ReturnRequestRefused: (state, d: Pick<Data<"ReturnRequestRefused">, "suggestionId">) =>
    missing(state, d.suggestionId) ?? (state.returnRequest === undefined ? conflict(state, "there is no return request to refuse") : undefined),
  SuggestionReassigned: (state, d: Pick<Data<"SuggestionReassigned">, "suggestionId">) =>
    missing(state, d.suggestionId) ??
    (state.status !== "assigned" || state.returnRequest === undefined ? conflict(state, "only a suggestion whose lead unit asked to hand it back is reassigned") : undefined),
} satisfies Guards<SuggestionState, SuggestionEvent>;

