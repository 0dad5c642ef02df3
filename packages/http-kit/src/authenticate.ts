import type { RequestHandler } from "express";
import { UnauthenticatedError } from "./http-errors.js";
import { setPrincipal } from "./principal.js";
import type { TokenVerifier } from "./token-verifier.js";

const bearerPattern = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)[ ]*$/i;

/** The token of an `Authorization: Bearer <token>` header; 401 when absent or not a bearer token. */
export const bearerTokenOf = (authorization: string | undefined): string => {
  if (authorization === undefined || authorization === "") throw new UnauthenticatedError("missing bearer token");
  const match = bearerPattern.exec(authorization);
  if (match?.[1] === undefined) throw new UnauthenticatedError("the Authorization header must be `Bearer <token>`");
  return match[1];
};

/** Express middleware: verifies the bearer token and attaches the principal (`principalOf(req)`). */
export const authenticate =
  (verifier: TokenVerifier): RequestHandler =>
  async (req, _res, next) => {
    const principal = await verifier.verify(bearerTokenOf(req.headers.authorization));
    setPrincipal(req, principal);
    next();
  };
