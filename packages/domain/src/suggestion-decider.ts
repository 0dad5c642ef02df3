import type { CommandActor, SuggestionCommand } from "./commands.js";
import { DEFAULT_POLICY, dueDateForAssignment, dueDateForRehandling, extensionLimit, getPolicy, policies as builtInPolicies, policyRefOf, type PolicyRegistry } from "./deadline-policy.js";
import { defineDecider, type Guards, type StreamDecider } from "./decider.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import { handlingStepKindTable, type EvaluationRating, type EventData, type PolicyRef, type ReplyCategory, type SuggestionEvent, type SuggestionPhase } from "./events.js";
import { domainRule, refuse, required, requireNotBefore, requireNotFuture, requireRole } from "./guards.js";
import { instant } from "./primitives.js";
import { evolveSuggestionLifecycle, isHandlingStatus, type SuggestionStatus } from "./suggestion-lifecycle.js";

/**
 * The suggestion (代表建议) and its handling, stream `suggestion-<id>`. Its lifecycle (status,
 * round, due date in force) is `suggestion-lifecycle.ts`; the state adds what was recorded.
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
}

const initialState: SuggestionState = {
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
};

const lastReply = (state: SuggestionState): SuggestionReply | undefined => state.replies[state.replies.length - 1];

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

const evolve = (state: SuggestionState, event: SuggestionEvent): SuggestionState => {
  const next = withLifecycle(state, event);
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      return {
        ...initialState,
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
      return { ...next, replies: [...state.replies, reply] };
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
    case "HandlingStepRecorded":
    case "DeadlineExtended":
      return next;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

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
const missing = (state: SuggestionState, suggestionId: string): NotFoundError | undefined =>
  state.status === "none" ? new NotFoundError(`suggestion ${suggestionId} does not exist`) : undefined;

type Data<T extends SuggestionEvent["type"]> = EventData<T>;

/**
 * The state preconditions of each event: `decide` throws these refusals at the point it checks
 * the state (after the actor's checks that need the state), `admits` is derived from them and
 * `decideVoid` replays a stream's remaining events through them. The checks of the event's own
 * times against the recorded ones stay in `decide`: a voiding only removes events, so it never
 * makes a recorded time later.
 */
const guards = {
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
} satisfies Guards<SuggestionState, SuggestionEvent>;

const requireLeadDeputy = (actor: CommandActor, state: SuggestionState, action: string): void => {
  if (actor.role === "deputy" && actor.id !== state.leadDeputyId) {
    throw new ForbiddenError(`only the lead deputy may ${action} suggestion ${state.suggestionId}`);
  }
};

/** A unit acting for itself: the `unitId` it names must be its own. */
const requireOwnUnit = (actor: CommandActor, unitId: string): void => {
  if (actor.role === "unit" && actor.id !== unitId) {
    throw new ForbiddenError(`unit ${actor.id} may not act for unit ${unitId}`);
  }
};

export interface SuggestionDeciderOptions {
  /** Known deadline policies (default: the built-in `policies`). */
  readonly policies?: PolicyRegistry;
  /** The policy an assignment uses when its command names none (default `national-default` v1). */
  readonly defaultPolicy?: PolicyRef;
}

/** Builds the suggestion decider over a registry of deadline policies. */
export const createSuggestionDecider = (options: SuggestionDeciderOptions = {}): StreamDecider<SuggestionCommand, "suggestion", SuggestionState> => {
  const registry = options.policies ?? builtInPolicies;
  const defaultPolicy = options.defaultPolicy ?? DEFAULT_POLICY;

  const decide = (command: SuggestionCommand, state: SuggestionState): SuggestionEvent[] => {
    const { actor } = command.metadata;
    const { suggestionId } = command.data;
    switch (command.type) {
      case "SubmitSuggestion": {
        const d = command.data;
        requireRole(actor, ["deputy", "office"], "submit suggestions");
        if (actor.role === "deputy" && actor.id !== d.leadDeputyId) {
          throw new ForbiddenError(`deputy ${actor.id} may only submit suggestions as their lead deputy`);
        }
        refuse(guards.SuggestionSubmitted(state, { suggestionId }));
        if (d.coSignerIds.includes(d.leadDeputyId)) throw domainRule("coSignerIds", "must not include the lead deputy");
        requireNotFuture(command.metadata, "submittedAt", d.submittedAt);
        return [
          {
            type: "SuggestionSubmitted",
            data: {
              suggestionId,
              leadDeputyId: d.leadDeputyId,
              coSignerIds: d.coSignerIds,
              title: d.title,
              body: d.body,
              phase: d.phase,
              session: d.session,
              submittedAt: d.submittedAt,
              sourceOpinionIds: d.sourceOpinionIds ?? [],
              confidential: d.confidential ?? false,
            },
          },
        ];
      }
      case "ReviseSuggestion": {
        const { title, body, revisedAt } = command.data;
        requireRole(actor, ["deputy", "office"], "revise suggestions");
        refuse(missing(state, suggestionId));
        requireLeadDeputy(actor, state, "revise");
        refuse(guards.SuggestionRevised(state, { suggestionId }));
        requireNotFuture(command.metadata, "revisedAt", revisedAt);
        if (state.reviewedAt !== undefined) requireNotBefore("revisedAt", revisedAt, "the pre-review", state.reviewedAt);
        return [{ type: "SuggestionRevised", data: { suggestionId, title, body, revisedAt } }];
      }
      case "PreReviewSuggestion": {
        const { outcome, reason, reviewedAt } = command.data;
        requireRole(actor, ["office"], "pre-review suggestions");
        refuse(guards.SuggestionPreReviewed(state, { suggestionId }));
        requireNotFuture(command.metadata, "reviewedAt", reviewedAt);
        requireNotBefore("reviewedAt", reviewedAt, "the submission", state.lastSubmittedAt);
        return [{ type: "SuggestionPreReviewed", data: { suggestionId, outcome, reason, reviewedAt } }];
      }
      case "AssignSuggestion": {
        const d = command.data;
        requireRole(actor, ["office"], "assign suggestions");
        refuse(guards.SuggestionAssigned(state, { suggestionId }));
        if (d.coUnitIds.includes(d.leadUnitId)) throw domainRule("coUnitIds", "must not include the lead unit");
        requireNotFuture(command.metadata, "assignedAt", d.assignedAt);
        if (state.reviewedAt !== undefined) requireNotBefore("assignedAt", d.assignedAt, "the pre-review", state.reviewedAt);
        const ref = d.policy ?? defaultPolicy;
        const policy = getPolicy(ref.name, ref.version, registry);
        const dueAt = dueDateForAssignment(policy, d.assignedAt, d.complex, { phase: state.phase, sessionClosedAt: d.sessionClosedAt });
        return [
          {
            type: "SuggestionAssigned",
            data: {
              suggestionId,
              leadUnitId: d.leadUnitId,
              coUnitIds: d.coUnitIds,
              assignedAt: d.assignedAt,
              complex: d.complex,
              ...(d.leadingOfficial === undefined ? {} : { leadingOfficial: d.leadingOfficial }),
              ...(d.supervisingOfficial === undefined ? {} : { supervisingOfficial: d.supervisingOfficial }),
              dueAt,
              policy: policyRefOf(policy),
            },
          },
        ];
      }
      case "RecordHandlingStep": {
        const d = command.data;
        requireRole(actor, ["unit"], "record handling steps");
        refuse(missing(state, suggestionId));
        requireOwnUnit(actor, d.unitId);
        refuse(guards.HandlingStepRecorded(state, { suggestionId, unitId: d.unitId, kind: d.kind }));
        const assignment = required(state.assignment, "the assignment");
        requireNotFuture(command.metadata, "occurredAt", d.occurredAt);
        requireNotBefore("occurredAt", d.occurredAt, "the assignment", assignment.assignedAt);
        return [
          {
            type: "HandlingStepRecorded",
            data: {
              suggestionId,
              unitId: d.unitId,
              kind: d.kind,
              occurredAt: d.occurredAt,
              recordedVia: d.recordedVia,
              ...(d.note === undefined ? {} : { note: d.note }),
              ...(d.deputyPresent === undefined ? {} : { deputyPresent: d.deputyPresent }),
            },
          },
        ];
      }
      case "ReplyToSuggestion": {
        const d = command.data;
        requireRole(actor, ["unit"], "reply to suggestions");
        refuse(missing(state, suggestionId));
        requireOwnUnit(actor, d.unitId);
        refuse(guards.SuggestionReplied(state, { suggestionId, unitId: d.unitId, round: state.round }));
        const assignment = required(state.assignment, "the assignment");
        requireNotFuture(command.metadata, "repliedAt", d.repliedAt);
        requireNotBefore("repliedAt", d.repliedAt, "the assignment", assignment.assignedAt);
        if (state.rehandlingSince !== undefined) requireNotBefore("repliedAt", d.repliedAt, "the unsatisfied evaluation", state.rehandlingSince);
        return [
          {
            type: "SuggestionReplied",
            data: { suggestionId, unitId: d.unitId, category: d.category, repliedAt: d.repliedAt, text: d.text, round: state.round },
          },
        ];
      }
      case "PublishReply": {
        const { publishedAt, url } = command.data;
        requireRole(actor, ["unit", "office"], "publish replies");
        refuse(missing(state, suggestionId));
        if (actor.role === "unit" && state.assignment !== undefined && actor.id !== state.assignment.leadUnitId) {
          throw new ForbiddenError(`only the lead unit publishes the reply to suggestion ${suggestionId}`);
        }
        // The latest reply is the one published (round 0, which no reply has, when there is none).
        refuse(guards.ReplyPublished(state, { suggestionId, round: lastReply(state)?.round ?? 0 }));
        const reply = required(lastReply(state), "the reply");
        requireNotFuture(command.metadata, "publishedAt", publishedAt);
        requireNotBefore("publishedAt", publishedAt, "the reply", reply.repliedAt);
        return [{ type: "ReplyPublished", data: { suggestionId, publishedAt, ...(url === undefined ? {} : { url }), round: reply.round } }];
      }
      case "EvaluateReply": {
        const { rating, evaluatedAt, comment } = command.data;
        requireRole(actor, ["deputy"], "evaluate replies");
        refuse(missing(state, suggestionId));
        requireLeadDeputy(actor, state, "evaluate");
        // The latest reply is the one evaluated (round 0, which no reply has, when there is none).
        refuse(guards.SuggestionEvaluated(state, { suggestionId, round: lastReply(state)?.round ?? 0 }));
        const reply = required(lastReply(state), "the reply");
        requireNotFuture(command.metadata, "evaluatedAt", evaluatedAt);
        requireNotBefore("evaluatedAt", evaluatedAt, "the reply", reply.repliedAt);
        const base = { suggestionId, deputyId: actor.id, rating, evaluatedAt, ...(comment === undefined ? {} : { comment }), round: reply.round };
        if (rating !== "unsatisfied") return [{ type: "SuggestionEvaluated", data: base }];
        const ref = state.assignment?.policy ?? defaultPolicy;
        const policy = getPolicy(ref.name, ref.version, registry);
        return [
          {
            type: "SuggestionEvaluated",
            data: { ...base, rehandleDueAt: dueDateForRehandling(policy, evaluatedAt), policy: policyRefOf(policy) },
          },
        ];
      }
      case "ExtendDeadline": {
        const { newDueAt, reason, grantedAt } = command.data;
        requireRole(actor, ["office"], "extend deadlines");
        refuse(guards.DeadlineExtended(state, { suggestionId }));
        const assignment = required(state.assignment, "the assignment");
        const dueAt = required(state.dueAt, "the due date");
        requireNotFuture(command.metadata, "grantedAt", grantedAt);
        requireNotBefore("grantedAt", grantedAt, "the assignment", assignment.assignedAt);
        if (instant(newDueAt) <= instant(dueAt)) throw domainRule("newDueAt", `must be after the current due date ${dueAt}`);
        const policy = getPolicy(assignment.policy.name, assignment.policy.version, registry);
        const limit = extensionLimit(policy, required(state.roundDueAt, "the round's due date"));
        if (limit !== null && instant(newDueAt) > instant(limit)) {
          throw domainRule("newDueAt", `must not be after ${limit} (policy ${policy.name} v${policy.version} caps extensions at ${policy.extensionCapMonths} months)`);
        }
        return [{ type: "DeadlineExtended", data: { suggestionId, previousDueAt: dueAt, newDueAt, reason, grantedAt } }];
      }
      default: {
        const _exhaustive: never = command;
        throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  return defineDecider({ name: "suggestion", initialState, evolve, decide, guards });
};

/** The suggestion decider over the built-in deadline policies. */
export const suggestionDecider = createSuggestionDecider();
