import type { CommandActor, SuggestionCommand } from "./commands.js";
import { DEFAULT_POLICY, dueDateForRehandling, extensionLimit, getPolicy, policies as builtInPolicies, policyRefOf, type PolicyRegistry } from "./deadline-policy.js";
import { defineDecider, type StreamDecider } from "./decider.js";
import type { PolicyRef, SuggestionEvent } from "./events.js";
import { requireClaimedTime } from "./claimed-time.js";
import { ExtensionAfterDueError } from "./errors.js";
import { domainRule, refuse, required, requireNotBefore, requireRole } from "./guards.js";
import { instant } from "./primitives.js";
import { suggestionGuards as guards, missing } from "./suggestion-guards.js";
import { requireCoSignerOf, requireLeadDeputyOf, requireMaySubmitSuggestion, requireUnitOf } from "./suggestion-permissions.js";
import { assignmentData, decideSupervision } from "./supervision-decider.js";
import { defaultWorkingCalendar, type WorkingCalendar } from "./working-days.js";
import { evolveSuggestion, initialSuggestionState, lastReply, type SuggestionState } from "./suggestion-state.js";

export type { SuggestionAssignment, SuggestionReply, SuggestionState } from "./suggestion-state.js";

/**
 * The suggestion (代表建议) and its handling, stream `suggestion-<id>`: its commands. Its
 * lifecycle (status, round, due date in force) is `suggestion-lifecycle.ts`, its state and fold
 * `suggestion-state.ts`, the state preconditions of its events `suggestion-guards.ts`.
 */

export interface SuggestionDeciderOptions {
  /** Known deadline policies (default: the built-in `policies`). */
  readonly policies?: PolicyRegistry;
  /** The policy an assignment uses when its command names none (default `national-default` v1). */
  readonly defaultPolicy?: PolicyRef;
  /** The working days a return request's window counts (default: the built-in holiday years). */
  readonly calendar?: WorkingCalendar;
}

/** Builds the suggestion decider over a registry of deadline policies. */
export const createSuggestionDecider = (options: SuggestionDeciderOptions = {}): StreamDecider<SuggestionCommand, "suggestion", SuggestionState> => {
  const registry = options.policies ?? builtInPolicies;
  const defaultPolicy = options.defaultPolicy ?? DEFAULT_POLICY;
  const calendar = options.calendar ?? defaultWorkingCalendar();

  const decide = (command: SuggestionCommand, state: SuggestionState): SuggestionEvent[] => {
    const { actor } = command.metadata;
    const { suggestionId } = command.data;
    switch (command.type) {
      case "SubmitSuggestion": {
        const d = command.data;
        requireRole(actor, ["deputy", "office"], "submit suggestions");
        requireMaySubmitSuggestion(actor, d.leadDeputyId);
        refuse(guards.SuggestionSubmitted(state, { suggestionId }));
        if (d.coSignerIds.includes(d.leadDeputyId)) throw domainRule("coSignerIds", "must not include the lead deputy");
        requireClaimedTime(command.metadata, "submittedAt", d.submittedAt);
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
        requireLeadDeputyOf(actor, state, suggestionId, "revise");
        refuse(missing(state, suggestionId));
        refuse(guards.SuggestionRevised(state, { suggestionId }));
        requireClaimedTime(command.metadata, "revisedAt", revisedAt);
        if (state.reviewedAt !== undefined) requireNotBefore("revisedAt", revisedAt, "the pre-review", state.reviewedAt);
        return [{ type: "SuggestionRevised", data: { suggestionId, title, body, revisedAt } }];
      }
      case "PreReviewSuggestion": {
        const { outcome, reason, reviewedAt } = command.data;
        requireRole(actor, ["office"], "pre-review suggestions");
        refuse(guards.SuggestionPreReviewed(state, { suggestionId }));
        requireClaimedTime(command.metadata, "reviewedAt", reviewedAt);
        requireNotBefore("reviewedAt", reviewedAt, "the submission", state.lastSubmittedAt);
        return [{ type: "SuggestionPreReviewed", data: { suggestionId, outcome, reason, reviewedAt } }];
      }
      case "AssignSuggestion": {
        const d = command.data;
        requireRole(actor, ["office"], "assign suggestions");
        refuse(guards.SuggestionAssigned(state, { suggestionId }));
        if (d.coUnitIds.includes(d.leadUnitId)) throw domainRule("coUnitIds", "must not include the lead unit");
        requireClaimedTime(command.metadata, "assignedAt", d.assignedAt);
        if (state.reviewedAt !== undefined) requireNotBefore("assignedAt", d.assignedAt, "the pre-review", state.reviewedAt);
        return [{ type: "SuggestionAssigned", data: assignmentData(d, state, registry, defaultPolicy) }];
      }
      case "RecordHandlingStep": {
        const d = command.data;
        requireRole(actor, ["unit"], "record handling steps");
        requireUnitOf(actor, state, suggestionId, d.unitId, "any");
        refuse(guards.HandlingStepRecorded(state, { suggestionId, unitId: d.unitId, kind: d.kind }));
        const assignment = required(state.assignment, "the assignment");
        requireClaimedTime(command.metadata, "occurredAt", d.occurredAt);
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
        requireUnitOf(actor, state, suggestionId, d.unitId, "lead");
        refuse(guards.SuggestionReplied(state, { suggestionId, unitId: d.unitId, round: state.round }));
        const assignment = required(state.assignment, "the assignment");
        requireClaimedTime(command.metadata, "repliedAt", d.repliedAt);
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
        requireUnitOf(actor, state, suggestionId, actor.id, "lead");
        refuse(missing(state, suggestionId));
        // The latest reply is the one published (round 0, which no reply has, when there is none).
        refuse(guards.ReplyPublished(state, { suggestionId, round: lastReply(state)?.round ?? 0 }));
        const reply = required(lastReply(state), "the reply");
        requireClaimedTime(command.metadata, "publishedAt", publishedAt);
        requireNotBefore("publishedAt", publishedAt, "the reply", reply.repliedAt);
        return [{ type: "ReplyPublished", data: { suggestionId, publishedAt, ...(url === undefined ? {} : { url }), round: reply.round } }];
      }
      case "EvaluateReply": {
        const { rating, evaluatedAt, comment } = command.data;
        requireRole(actor, ["deputy"], "evaluate replies");
        requireLeadDeputyOf(actor, state, suggestionId, "evaluate");
        refuse(missing(state, suggestionId));
        // The latest reply is the one evaluated (round 0, which no reply has, when there is none).
        refuse(guards.SuggestionEvaluated(state, { suggestionId, round: lastReply(state)?.round ?? 0 }));
        const reply = required(lastReply(state), "the reply");
        requireClaimedTime(command.metadata, "evaluatedAt", evaluatedAt);
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
        requireClaimedTime(command.metadata, "grantedAt", grantedAt);
        requireNotBefore("grantedAt", grantedAt, "the assignment", assignment.assignedAt);
        // Granted after the due date it extends, it would make a late reply on time (and take an overdue item off the watch list).
        if (instant(grantedAt) > instant(dueAt)) {
          throw new ExtensionAfterDueError(`the extension is granted at ${grantedAt}, after the due date it extends (${dueAt})`, {
            errors: [{ path: "grantedAt", message: `must not be after the due date in force ${dueAt}` }],
          });
        }
        if (instant(newDueAt) <= instant(dueAt)) throw domainRule("newDueAt", `must be after the current due date ${dueAt}`);
        const policy = getPolicy(assignment.policy.name, assignment.policy.version, registry);
        const limit = extensionLimit(policy, required(state.roundDueAt, "the round's due date"));
        if (limit !== null && instant(newDueAt) > instant(limit)) {
          throw domainRule("newDueAt", `must not be after ${limit} (policy ${policy.name} v${policy.version} caps extensions at ${policy.extensionCapMonths} months)`);
        }
        return [{ type: "DeadlineExtended", data: { suggestionId, previousDueAt: dueAt, newDueAt, reason, grantedAt } }];
      }
      case "DecideCoSignature": {
        const { decision, at } = command.data;
        requireRole(actor, ["deputy"], "decide on co-signing suggestions");
        const data = { suggestionId, deputyId: actor.id, decision, decidedAt: at };
        requireCoSignerOf(actor, state, suggestionId);
        refuse(guards.CoSignatureDecided(state, data));
        requireClaimedTime(command.metadata, "at", at);
        requireNotBefore("at", at, "the submission", state.submittedAt);
        return [{ type: "CoSignatureDecided", data }];
      }
      case "RecordSupervision":
      case "RequestExtension":
      case "RefuseExtensionRequest":
      case "RequestReturn":
      case "RefuseReturnRequest":
      case "ReassignSuggestion":
        return decideSupervision(command, state, { policies: registry, defaultPolicy, calendar });
      default: {
        const _exhaustive: never = command;
        throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
      }
    }
  };

  return defineDecider({ name: "suggestion", initialState: initialSuggestionState, evolve: evolveSuggestion, decide, guards });
};

/** The suggestion decider over the built-in deadline policies. */
export const suggestionDecider = createSuggestionDecider();
