import { ForbiddenError } from "@duty-ledger/domain";
import type { RequestHandler } from "express";
import { principalOf, type PrincipalRole } from "./principal.js";

/** Express middleware after `authenticate`: 403 unless the principal has one of `roles`. */
export const requireRole =
  (...roles: readonly PrincipalRole[]): RequestHandler =>
  (req, _res, next) => {
    const principal = principalOf(req);
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`the ${principal.role} role may not do this`);
    }
    next();
  };
