import type { CommandActor, Role } from "./commands.js";
import { DomainRuleError, ForbiddenError, type LedgerError } from "./errors.js";
import { instant } from "./primitives.js";

/**
 * Small assertions shared by the deciders. Each throws the error of the hierarchy that the
 * API maps to its status (403 ForbiddenError, 422 DomainRuleError). Claimed times have their
 * own rule, `claimed-time.ts`.
 */

export const requireRole = (actor: CommandActor, allowed: readonly Role[], action: string): void => {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenError(`role ${actor.role} may not ${action}`);
  }
};

/** `value` must be at or after `bound` (a time recorded earlier in the stream). */
export const requireNotBefore = (field: string, value: string, boundName: string, bound: string): void => {
  if (instant(value) < instant(bound)) {
    throw new DomainRuleError(`${field} ${value} is before ${boundName} ${bound}`, {
      errors: [{ path: field, message: `must not be before ${boundName}` }],
    });
  }
};

export const domainRule = (path: string, message: string, detail?: string): DomainRuleError =>
  new DomainRuleError(detail ?? `${path}: ${message}`, { errors: [{ path, message }] });

/** Throws a guard's refusal, if it has one. */
export const refuse = (refusal: LedgerError | undefined): void => {
  if (refusal !== undefined) throw refusal;
};

/** What a guard that passed has required (a missing one is a bug, not a refusal). */
export const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} is missing although its guard passed`);
  return value;
};
