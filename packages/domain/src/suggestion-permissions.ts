import type { CommandActor } from "./commands.js";
import { ForbiddenError } from "./errors.js";
import type { SuggestionState } from "./suggestion-state.js";

/**
 * Who may act on a suggestion, checked before anything about its state: a caller who may not act
 * on a suggestion gets the same 403, with the same message, whether it exists or not, whatever
 * its status (security.md, "refusals reveal nothing"). The office may act on every suggestion,
 * so its refusals (404, 409) stay as they are.
 */

/** A deputy submits only as the lead deputy (checked before the shell looks the lead up). */
export const requireMaySubmitSuggestion = (actor: CommandActor, leadDeputyId: string): void => {
  if (actor.role === "deputy" && actor.id !== leadDeputyId) {
    throw new ForbiddenError(`deputy ${actor.id} may only submit suggestions as their lead deputy`);
  }
};

/** A deputy acts only on a suggestion they lead (an unknown one is led by no one). */
export const requireLeadDeputyOf = (actor: CommandActor, state: SuggestionState, suggestionId: string, action: string): void => {
  if (actor.role === "deputy" && (state.status === "none" || actor.id !== state.leadDeputyId)) {
    throw new ForbiddenError(`only the lead deputy may ${action} suggestion ${suggestionId}`);
  }
};

/** A deputy decides on co-signing only a suggestion that lists them as a co-signer. */
export const requireCoSignerOf = (actor: CommandActor, state: SuggestionState, suggestionId: string): void => {
  if (state.status === "none" || !state.coSignerIds.includes(actor.id)) {
    throw new ForbiddenError(`deputy ${actor.id} is not a listed co-signer of suggestion ${suggestionId}`);
  }
};

/**
 * A unit acts only for itself (the `unitId` it names) and only on a suggestion assigned to it:
 * as its lead unit (`"lead"`) or as the lead or a co-unit (`"any"`). An unknown or unassigned
 * suggestion is assigned to no unit.
 */
export const requireUnitOf = (actor: CommandActor, state: SuggestionState, suggestionId: string, unitId: string, as: "lead" | "any"): void => {
  if (actor.role !== "unit") return;
  if (actor.id !== unitId) throw new ForbiddenError(`unit ${actor.id} may not act for unit ${unitId}`);
  const assignment = state.assignment;
  const assigned = assignment !== undefined && (unitId === assignment.leadUnitId || (as === "any" && assignment.coUnitIds.includes(unitId)));
  if (!assigned) {
    throw new ForbiddenError(
      as === "lead" ? `unit ${unitId} is not the lead unit of suggestion ${suggestionId}` : `unit ${unitId} is neither the lead unit nor a co-unit of suggestion ${suggestionId}`,
    );
  }
};
