import { ValidationError } from "@duty-ledger/domain";
import { SignJWT, decodeJwt } from "jose";
import type { PrincipalRole } from "./principal.js";
import { tokenClaimsSchema } from "./token-claims.js";
import { minJwtSecretBytes } from "./token-verifier.js";

export interface SignTokenInput {
  /** HS256 secret, the same the services verify with. */
  readonly secret: string;
  readonly sub: string;
  readonly role: PrincipalRole;
  /** Required for clerks. */
  readonly stationId?: string | undefined;
  /** Lifetime: seconds (number) or a jose time span such as `"8h"`, `"30 days"`. */
  readonly expiresIn: number | string;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  /** Earliest use, relative like `expiresIn`; absent = immediately. */
  readonly notBefore?: number | string | undefined;
  /** Refuse (ValidationError) a lifetime above this many seconds, as the verifier would. */
  readonly maxLifetimeSeconds?: number | undefined;
}

const toSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** For `jose`: relative seconds become absolute epoch seconds; spans are passed as they are. */
const relative = (span: number | string, now: Date): number | string =>
  typeof span === "number" ? toSeconds(now) + span : span;

/** Signs an HS256 token with the claims duty-ledger requires (for `duty-ledger token` and tests). */
export const signToken = async (input: SignTokenInput): Promise<string> => {
  const claims = tokenClaimsSchema.safeParse({ sub: input.sub, role: input.role, stationId: input.stationId });
  if (!claims.success) {
    throw new ValidationError("invalid token claims", {
      errors: claims.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
    });
  }
  const key = new TextEncoder().encode(input.secret);
  if (key.byteLength < minJwtSecretBytes) {
    throw new ValidationError(`the JWT secret must be at least ${minJwtSecretBytes} bytes long`);
  }
  const now = new Date();
  const jwt = new SignJWT(input.stationId === undefined ? { role: input.role } : { role: input.role, stationId: input.stationId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.sub)
    .setIssuedAt(toSeconds(now))
    .setExpirationTime(relative(input.expiresIn, now));
  if (input.notBefore !== undefined) jwt.setNotBefore(relative(input.notBefore, now));
  if (input.issuer !== undefined) jwt.setIssuer(input.issuer);
  if (input.audience !== undefined) jwt.setAudience(input.audience);
  const token = await jwt.sign(key);
  if (input.maxLifetimeSeconds !== undefined) {
    const { exp = Number.POSITIVE_INFINITY, iat = 0 } = decodeJwt(token);
    if (exp - iat > input.maxLifetimeSeconds) {
      throw new ValidationError(`the token's lifetime exceeds the maximum of ${input.maxLifetimeSeconds} seconds (DUTY_LEDGER_JWT_MAX_LIFETIME)`);
    }
  }
  return token;
};
