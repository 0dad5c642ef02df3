import type { IncomingMessage } from "node:http";
import { UnauthenticatedError } from "./http-errors.js";

/** The roles a token may carry (api-v1.md, Auth). */
export const principalRoles = ["office", "deputy", "unit", "clerk", "auditor"] as const;
export type PrincipalRole = (typeof principalRoles)[number];

export const isPrincipalRole = (value: unknown): value is PrincipalRole =>
  typeof value === "string" && (principalRoles as readonly string[]).includes(value);

/** The authenticated actor of a request: `id` is the token's `sub`. */
export interface Principal {
  readonly id: string;
  readonly role: PrincipalRole;
  /** Present for clerks (their station), absent otherwise unless the token carries it. */
  readonly stationId?: string;
}

// A registered symbol survives module duplication (source vs dist copies of http-kit).
const principalKey: unique symbol = Symbol.for("duty-ledger.http-kit.principal");

type WithPrincipal = IncomingMessage & { [principalKey]?: Principal };

/** Attaches the principal to the request (done by `authenticate`). */
export const setPrincipal = (req: IncomingMessage, principal: Principal): void => {
  (req as WithPrincipal)[principalKey] = principal;
};

/** The request's principal, or undefined when the request was not authenticated. */
export const maybePrincipalOf = (req: IncomingMessage): Principal | undefined => (req as WithPrincipal)[principalKey];

/** The request's principal; 401 when `authenticate` did not run or refused. */
export const principalOf = (req: IncomingMessage): Principal => {
  const principal = maybePrincipalOf(req);
  if (principal === undefined) throw new UnauthenticatedError("authentication required");
  return principal;
};
