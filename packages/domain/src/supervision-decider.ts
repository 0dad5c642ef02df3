import { requireClaimedTime } from "./claimed-time.js";
import type { AssignSuggestion, ReassignSuggestion, RecordSupervision, RefuseExtensionRequest, RefuseReturnRequest, RequestExtension, RequestReturn } from "./commands.js";
import { dueDateForAssignment, getPolicy, policyRefOf, type PolicyRegistry } from "./deadline-policy.js";
import { ExtensionAfterDueError } from "./errors.js";
import type { EventData, PolicyRef, SuggestionEvent } from "./events.js";
import type { PolicyName } from "./commands.js";
import { domainRule, refuse, required, requireNotBefore, requireRole } from "./guards.js";
import { instant } from "./primitives.js";
import { suggestionGuards as guards } from "./suggestion-guards.js";
import { requireUnitOf } from "./suggestion-permissions.js";
import type { SuggestionState } from "./suggestion-state.js";
import { workingDaysDue, type WorkingCalendar } from "./working-days.js";

/**
 * 督办 and the lead unit's requests (design/voice-and-supervision.md): the suggestion decider's
 * commands for supervision acts, extension requests, return requests (退回/改办) and the office's
 * answers. The grant of an extension stays `ExtendDeadline` (suggestion-decider.ts).
 */

/** A return (退回/改办) is requested within this many working days (Mon–Fri, Asia/Shanghai, less holidays) of the assignment. */
export const RETURN_REQUEST_WORKING_DAYS = 7;

export type SupervisionCommand = RecordSupervision | RequestExtension | RefuseExtensionRequest | RequestReturn | RefuseReturnRequest | ReassignSuggestion;

export interface SupervisionDecisionContext {
  readonly policies: PolicyRegistry;
  /** The policy an assignment uses when it names none. */
  readonly defaultPolicy: PolicyRef;
  readonly calendar: WorkingCalendar;
}

/** The assignment's event data: the due date computed by the policy named, or `fallback`. */
export const assignmentData = (
  d: AssignSuggestion["data"],
  state: SuggestionState,
  registry: PolicyRegistry,
  fallback: PolicyName,
): EventData<"SuggestionAssigned"> => {
  if (d.coUnitIds.includes(d.leadUnitId)) throw domainRule("coUnitIds", "must not include the lead unit");
  const ref = d.policy ?? fallback;
  const policy = getPolicy(ref.name, ref.version, registry);
  const dueAt = dueDateForAssignment(policy, d.assignedAt, d.complex, { phase: state.phase, sessionClosedAt: d.sessionClosedAt });
  return {
    suggestionId: d.suggestionId,
    leadUnitId: d.leadUnitId,
    coUnitIds: d.coUnitIds,
    assignedAt: d.assignedAt,
    complex: d.complex,
    ...(d.leadingOfficial === undefined ? {} : { leadingOfficial: d.leadingOfficial }),
    ...(d.supervisingOfficial === undefined ? {} : { supervisingOfficial: d.supervisingOfficial }),
    dueAt,
    policy: policyRefOf(policy),
  };
};

export const decideSupervision = (command: SupervisionCommand, state: SuggestionState, context: SupervisionDecisionContext): SuggestionEvent[] => {
  const { actor } = command.metadata;
  const { suggestionId } = command.data;
  switch (command.type) {
    case "RecordSupervision": {
      const d = command.data;
      requireRole(actor, ["office"], "record supervision");
      refuse(guards.SupervisionRecorded(state, d));
      requireClaimedTime(command.metadata, "at", d.at);
      requireNotBefore("at", d.at, "the assignment", required(state.assignment, "the assignment").assignedAt);
      const { at, ...rest } = d;
      return [{ type: "SupervisionRecorded", data: { ...rest, supervisedAt: at } }];
    }
    case "RequestExtension": {
      const { requestedDueAt, reason, at } = command.data;
      requireRole(actor, ["unit"], "request extensions");
      requireUnitOf(actor, state, suggestionId, actor.id, "lead");
      refuse(guards.ExtensionRequested(state, { suggestionId, unitId: actor.id }));
      const dueAt = required(state.dueAt, "the due date");
      requireClaimedTime(command.metadata, "at", at);
      requireNotBefore("at", at, "the assignment", required(state.assignment, "the assignment").assignedAt);
      // Requested after the due date, it could only be granted after it: refused as the grant would be.
      if (instant(at) > instant(dueAt)) {
        throw new ExtensionAfterDueError(`the extension is requested at ${at}, after the due date it would extend (${dueAt})`, {
          errors: [{ path: "at", message: `must not be after the due date in force ${dueAt}` }],
        });
      }
      if (instant(requestedDueAt) <= instant(dueAt)) throw domainRule("requestedDueAt", `must be after the current due date ${dueAt}`);
      return [{ type: "ExtensionRequested", data: { suggestionId, unitId: actor.id, requestedDueAt, reason, requestedAt: at } }];
    }
    case "RefuseExtensionRequest": {
      const { reason, at } = command.data;
      requireRole(actor, ["office"], "refuse extension requests");
      refuse(guards.ExtensionRequestRefused(state, { suggestionId }));
      requireClaimedTime(command.metadata, "at", at);
      requireNotBefore("at", at, "the request", required(state.extensionRequest, "the extension request").requestedAt);
      return [{ type: "ExtensionRequestRefused", data: { suggestionId, reason, refusedAt: at } }];
    }
    case "RequestReturn": {
      const { reason, at } = command.data;
      requireRole(actor, ["unit"], "request a return");
      requireUnitOf(actor, state, suggestionId, actor.id, "lead");
      refuse(guards.ReturnRequested(state, { suggestionId, unitId: actor.id }));
      const assignment = required(state.assignment, "the assignment");
      requireClaimedTime(command.metadata, "at", at);
      requireNotBefore("at", at, "the assignment", assignment.assignedAt);
      const latest = workingDaysDue(assignment.assignedAt, RETURN_REQUEST_WORKING_DAYS, context.calendar);
      if (instant(at) > instant(latest)) {
        throw domainRule("at", `must be within ${RETURN_REQUEST_WORKING_DAYS} working days of the assignment (by ${latest})`);
      }
      return [{ type: "ReturnRequested", data: { suggestionId, unitId: actor.id, reason, requestedAt: at } }];
    }
    case "RefuseReturnRequest": {
      const { reason, at } = command.data;
      requireRole(actor, ["office"], "refuse return requests");
      refuse(guards.ReturnRequestRefused(state, { suggestionId }));
      requireClaimedTime(command.metadata, "at", at);
      requireNotBefore("at", at, "the request", required(state.returnRequest, "the return request").requestedAt);
      return [{ type: "ReturnRequestRefused", data: { suggestionId, reason, refusedAt: at } }];
    }
    case "ReassignSuggestion": {
      const d = command.data;
      requireRole(actor, ["office"], "reassign suggestions");
      refuse(guards.SuggestionReassigned(state, { suggestionId }));
      const request = required(state.returnRequest, "the return request");
      const previous = required(state.assignment, "the assignment");
      requireClaimedTime(command.metadata, "assignedAt", d.assignedAt);
      requireNotBefore("assignedAt", d.assignedAt, "the return request", request.requestedAt);
      // No policy named: the one of the assignment it replaces.
      const data = assignmentData(d, state, context.policies, d.policy ?? previous.policy);
      return [{ type: "SuggestionReassigned", data: { ...data, previousLeadUnitId: previous.leadUnitId } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};
