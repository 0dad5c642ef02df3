import { ForbiddenError } from "@duty-ledger/domain";
import type { Principal, PrincipalRole } from "@duty-ledger/http-kit";
import type { SuggestionView } from "@duty-ledger/projections";

/**
 * Who may read what (api-v1.md, Read side; least privilege). Refusals say only that the
 * caller may not read it: never whether the entity exists or anything about it.
 */

/** Roles that read everything of the read side. */
export const overseerRoles: readonly PrincipalRole[] = ["office", "auditor"];

const isOverseer = (principal: Principal): boolean => overseerRoles.includes(principal.role);

/**
 * Office and auditor read any `subjectId`; a principal of `selfRole` reads only its own
 * (`sub` = `subjectId`); everyone else is refused (403).
 */
export const requireOverseerOrSelf = (principal: Principal, selfRole: PrincipalRole, subjectId: string, what: string): void => {
  if (isOverseer(principal)) return;
  if (principal.role === selfRole && principal.id === subjectId) return;
  throw new ForbiddenError(
    principal.role === selfRole ? `a ${selfRole} may read only their own ${what}` : `the ${principal.role} role may not read ${what}s`,
  );
};

/** Roles that may ask for a suggestion at all (whether they may read this one is `canReadSuggestion`). */
export const suggestionReaderRoles: readonly PrincipalRole[] = ["office", "auditor", "deputy", "unit"];

/**
 * A suggestion is read by the office and auditors, its lead deputy and co-signers, and the
 * units it is assigned to now (lead and co-units).
 */
export const canReadSuggestion = (principal: Principal, view: SuggestionView): boolean => {
  switch (principal.role) {
    case "office":
    case "auditor":
      return true;
    case "deputy":
      return view.leadDeputyId === principal.id || view.coSignerIds.includes(principal.id);
    case "unit":
      return view.units !== null && (view.units.leadUnitId === principal.id || view.units.coUnitIds.includes(principal.id));
    case "clerk":
      return false;
    default: {
      const _exhaustive: never = principal.role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

export const suggestionRefusal = (): ForbiddenError => new ForbiddenError("you may not read this suggestion");
