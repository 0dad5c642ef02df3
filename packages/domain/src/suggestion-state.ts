import type { CoSignatureDecision, EvaluationRating, PolicyRef, ReplyCategory, SuggestionEvent, SuggestionPhase } from "./events.js";
import { evolveSuggestionLifecycle, type SuggestionStatus } from "./suggestion-lifecycle.js";

/**
 * The state of a suggestion stream (`suggestion-<id>`) and its fold: the lifecycle (status,
 * round, due date in force: `suggestion-lifecycle.ts`) and what was recorded.
 */

export interface SuggestionAssignment {
  readonly leadUnitId: string;
  readonly coUnitIds: readonly string[];
  readonly assignedAt: string;
  readonly complex: boolean;
  readonly policy: PolicyRef;
}

export interface SuggestionReply {
  readonly round: number;
  readonly unitId: string;
  readonly category: ReplyCategory;
  readonly repliedAt: string;
  readonly published: boolean;
  readonly rating: EvaluationRating | undefined;
}

/** The lead unit's request awaiting the office's answer. */
export interface PendingRequest {
  readonly unitId: string;
  readonly requestedAt: string;
}

export interface SuggestionState {
  readonly status: SuggestionStatus;
  readonly suggestionId: string;
  readonly leadDeputyId: string;
  readonly coSignerIds: readonly string[];
  readonly phase: SuggestionPhase;
  readonly session: string;
  readonly confidential: boolean;
  readonly submittedAt: string;
  /** The latest submission or revision. */
  readonly lastSubmittedAt: string;
  readonly reviewedAt: string | undefined;
  readonly assignment: SuggestionAssignment | undefined;
  /** The due date in force for the current round (after extensions). */
  readonly dueAt: string | undefined;
  /** The current round's due date before any extension (the base of an extension cap). */
  readonly roundDueAt: string | undefined;
  /** The current handling round: 1 after assignment, +1 after each unsatisfied evaluation. */
  readonly round: number;
  readonly replies: readonly SuggestionReply[];
  /** When the latest unsatisfied evaluation re-opened handling. */
  readonly rehandlingSince: string | undefined;
  /** The co-signers' decisions (a listed co-signer counts as `coSigned` only once they accept). */
  readonly coSignatures: Readonly<Record<string, CoSignatureDecision>>;
  /** The supervision acts recorded (their ids). */
  readonly supervisionIds: readonly string[];
  /** The lead unit's extension request awaiting an answer (an extension or a refusal). */
  readonly extensionRequest: PendingRequest | undefined;
  /** The lead unit's return request (退回/改办) awaiting an answer (a reassignment or a refusal). */
  readonly returnRequest: PendingRequest | undefined;
}

export const initialSuggestionState: SuggestionState = {
  status: "none",
  suggestionId: "",
  leadDeputyId: "",
  coSignerIds: [],
  phase: "recess",
  session: "",
  confidential: false,
  submittedAt: "",
  lastSubmittedAt: "",
  reviewedAt: undefined,
  assignment: undefined,
  dueAt: undefined,
  roundDueAt: undefined,
  round: 0,
  replies: [],
  rehandlingSince: undefined,
  coSignatures: {},
  supervisionIds: [],
  extensionRequest: undefined,
  returnRequest: undefined,
};

/** The latest reply, if any. */
export const lastReply = (state: SuggestionState): SuggestionReply | undefined => state.replies[state.replies.length - 1];

const updateLastReply = (state: SuggestionState, update: (reply: SuggestionReply) => SuggestionReply): readonly SuggestionReply[] => {
  const last = lastReply(state);
  return last === undefined ? state.replies : [...state.replies.slice(0, -1), update(last)];
};

/** The state with the lifecycle after the event; a round's base due date is the one it opens with. */
const withLifecycle = (state: SuggestionState, event: SuggestionEvent): SuggestionState => {
  const lifecycle = evolveSuggestionLifecycle(state, event);
  if (lifecycle === state) return state;
  const roundDueAt = lifecycle.round === state.round ? state.roundDueAt : lifecycle.dueAt;
  return { ...state, status: lifecycle.status, round: lifecycle.round, dueAt: lifecycle.dueAt, roundDueAt };
};

export const evolveSuggestion = (state: SuggestionState, event: SuggestionEvent): SuggestionState => {
  const next = withLifecycle(state, event);
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      return {
        ...initialSuggestionState,
        status: next.status,
        suggestionId: d.suggestionId,
        leadDeputyId: d.leadDeputyId,
        coSignerIds: d.coSignerIds,
        phase: d.phase,
        session: d.session,
        confidential: d.confidential,
        submittedAt: d.submittedAt,
        lastSubmittedAt: d.submittedAt,
      };
    }
    case "SuggestionRevised":
      return { ...next, lastSubmittedAt: event.data.revisedAt };
    case "SuggestionPreReviewed":
      return { ...next, reviewedAt: event.data.reviewedAt };
    case "SuggestionAssigned": {
      const d = event.data;
      return { ...next, assignment: { leadUnitId: d.leadUnitId, coUnitIds: d.coUnitIds, assignedAt: d.assignedAt, complex: d.complex, policy: d.policy } };
    }
    case "SuggestionReplied": {
      const d = event.data;
      const reply: SuggestionReply = { round: d.round, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, published: false, rating: undefined };
      // A request still unanswered lapses with the reply.
      return { ...next, replies: [...state.replies, reply], extensionRequest: undefined, returnRequest: undefined };
    }
    case "ReplyPublished": {
      const round = event.data.round;
      return { ...next, replies: state.replies.map((r) => (r.round === round ? { ...r, published: true } : r)) };
    }
    case "SuggestionEvaluated": {
      const d = event.data;
      const replies = updateLastReply(state, (r) => ({ ...r, rating: d.rating }));
      return d.rating === "unsatisfied" ? { ...next, replies, rehandlingSince: d.evaluatedAt } : { ...next, replies };
    }
    case "CoSignatureDecided":
      return { ...next, coSignatures: { ...state.coSignatures, [event.data.deputyId]: event.data.decision } };
    case "DeadlineExtended":
      // The grant answers a pending request (or is the office's own).
      return { ...next, extensionRequest: undefined };
    case "SupervisionRecorded":
      return { ...next, supervisionIds: [...state.supervisionIds, event.data.supervisionId] };
    case "ExtensionRequested":
      return { ...next, extensionRequest: { unitId: event.data.unitId, requestedAt: event.data.requestedAt } };
    case "ExtensionRequestRefused":
      return { ...next, extensionRequest: undefined };
    case "ReturnRequested":
      return { ...next, returnRequest: { unitId: event.data.unitId, requestedAt: event.data.requestedAt } };
    case "ReturnRequestRefused":
      return { ...next, returnRequest: undefined };
    case "SuggestionReassigned": {
      const d = event.data;
      const assignment: SuggestionAssignment = { leadUnitId: d.leadUnitId, coUnitIds: d.coUnitIds, assignedAt: d.assignedAt, complex: d.complex, policy: d.policy };
      // Handling starts again: the new assignment's due date is the round's base.
      return { ...next, assignment, roundDueAt: d.dueAt, extensionRequest: undefined, returnRequest: undefined };
    }
    case "HandlingStepRecorded":
      return next;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

