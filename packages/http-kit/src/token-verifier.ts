import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyOptions } from "jose";
import { demoTokenIssuer, isDemoTokenClaims } from "./demo-tokens.js";
import { UnauthenticatedError } from "./http-errors.js";
import type { Principal } from "./principal.js";
import { principalFromClaims } from "./token-claims.js";

/** Shortest HS256 secret accepted, in bytes of its UTF-8 form (256 bits, RFC 7518 §3.2). */
export const minJwtSecretBytes = 32;

/** Longest token lifetime (`exp - iat`) accepted unless configured otherwise: 24 hours, in seconds. */
export const defaultMaxTokenLifetimeSeconds = 86_400;

/** Asymmetric algorithms accepted from a JWKS unless configured otherwise. */
export const defaultJwksAlgorithms: readonly string[] = [
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519",
];

interface CommonVerifierConfig {
  /** Enforced (`iss` must equal it) when set. */
  readonly issuer?: string | undefined;
  /** Enforced (`aud` must contain it) when set. */
  readonly audience?: string | undefined;
  /** Leeway for `exp` and `nbf`, in seconds. Default 5. */
  readonly clockToleranceSeconds?: number;
  /** The clock (tests). Default `new Date()`. */
  readonly now?: () => Date;
  /**
   * Longest lifetime accepted, `exp - iat` in seconds; a token must carry `iat`, not in the future
   * (beyond the clock tolerance). Default `defaultMaxTokenLifetimeSeconds` (24 h).
   */
  readonly maxLifetimeSeconds?: number;
  /** How many verified tokens to remember until they expire (0: none). Default 10 000. */
  readonly cacheSize?: number;
}

export interface SecretVerifierConfig extends CommonVerifierConfig {
  /** HS256 shared secret (its UTF-8 bytes are the key). */
  readonly secret: string;
  readonly jwksUrl?: never;
}

export interface JwksVerifierConfig extends CommonVerifierConfig {
  /** The OIDC provider's JWKS endpoint. */
  readonly jwksUrl: string | URL;
  readonly secret?: never;
  /** Accepted signature algorithms. Default `defaultJwksAlgorithms`. */
  readonly algorithms?: readonly string[];
  /** Timeout of one JWKS fetch, ms. Default 5000. */
  readonly jwksTimeoutMs?: number;
}

export type TokenVerifierConfig = SecretVerifierConfig | JwksVerifierConfig;

export interface TokenVerifier {
  /** The principal of a valid token; rejects with UnauthenticatedError (401) otherwise. */
  verify(token: string): Promise<Principal>;
}

/** Why a JOSE error refuses a token, in words safe to show the client. */
const refusalOf = (error: errors.JOSEError): string => {
  if (error instanceof errors.JWTExpired) return "token expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "token not yet valid";
    if (error.reason === "missing") return `token lacks the ${error.claim} claim`;
    return `token ${error.claim} claim refused`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "token signature invalid";
  if (error instanceof errors.JOSEAlgNotAllowed) return "token algorithm not allowed";
  if (error instanceof errors.JWKSNoMatchingKey) return "token signed by an unknown key";
  return "token malformed";
};

/** JWKS failures that are the server's problem (provider down or misbehaving), not the client's. */
const isInfrastructureFailure = (error: unknown): boolean =>
  !(error instanceof errors.JOSEError) ||
  error.code === errors.JOSEError.code || // JWKS endpoint answered other than 200 JSON
  error instanceof errors.JWKSTimeout ||
  error instanceof errors.JWKSInvalid ||
  error instanceof errors.JWKInvalid;

/**
 * Verifies bearer tokens: HS256 with a shared secret, or an OIDC provider's keys from a JWKS URL.
 * Requires `sub` (1-128 printable characters), `exp`, `iat` (not in the future, `exp - iat` at
 * most `maxLifetimeSeconds`) and a known `role` (a clerk also `stationId`); enforces `iss`/`aud`
 * when configured. Unsigned (`alg: none`) tokens and any algorithm outside the allowed list are refused.
 * A token naming the demo (`demoTokenIssuer` as `iss` or `aud`) is refused unless this verifier is
 * the demo's (configured with that issuer): the demo's tokens never open a real ledger.
 */
export const createTokenVerifier = (config: TokenVerifierConfig): TokenVerifier => {
  const maxLifetime = config.maxLifetimeSeconds ?? defaultMaxTokenLifetimeSeconds;
  if (!Number.isSafeInteger(maxLifetime) || maxLifetime <= 0) throw new Error("the maximum token lifetime must be a positive whole number of seconds");
  const tolerance = config.clockToleranceSeconds ?? 5;
  const acceptsDemoTokens = config.issuer === demoTokenIssuer;
  const options: JWTVerifyOptions = {
    requiredClaims: ["sub", "exp"],
    clockTolerance: tolerance,
    ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
    ...(config.audience === undefined ? {} : { audience: config.audience }),
  };
  const now = config.now;

  let verifyJwt: (token: string) => Promise<unknown>;
  if (config.secret !== undefined) {
    const key = new TextEncoder().encode(config.secret);
    if (key.byteLength < minJwtSecretBytes) {
      throw new Error(`the JWT secret must be at least ${minJwtSecretBytes} bytes long`);
    }
    verifyJwt = async (token) =>
      (await jwtVerify(token, key, { ...options, algorithms: ["HS256"], ...(now ? { currentDate: now() } : {}) })).payload;
  } else {
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: config.jwksTimeoutMs ?? 5000 });
    const algorithms = [...(config.algorithms ?? defaultJwksAlgorithms)];
    verifyJwt = async (token) =>
      (await jwtVerify(token, jwks, { ...options, algorithms, ...(now ? { currentDate: now() } : {}) })).payload;
  }

  // Tokens already verified, until their `exp`: verifying a signature (WebCrypto) is the largest
  // fixed cost of a request. No revocation list exists, so a valid token stays valid until it
  // expires; the cache is bounded and only holds tokens whose `nbf` has passed.
  const verified = new Map<string, { readonly principal: Principal; readonly expiresAtMs: number }>();
  const cacheLimit = config.cacheSize ?? 10_000;
  const clockMs = (): number => (now ? now() : new Date()).getTime();

  return {
    async verify(token) {
      const cached = verified.get(token);
      if (cached !== undefined) {
        if (clockMs() < cached.expiresAtMs) return cached.principal;
        verified.delete(token);
      }
      let payload: unknown;
      try {
        payload = await verifyJwt(token);
      } catch (error) {
        if (isInfrastructureFailure(error)) {
          throw new Error("token verification failed: the key set is unavailable", { cause: error });
        }
        throw new UnauthenticatedError(refusalOf(error as errors.JOSEError), { cause: error });
      }
      if (isDemoTokenClaims(payload) && !acceptsDemoTokens) throw new UnauthenticatedError("token minted by the demo; refused outside the demo");
      const result = principalFromClaims(payload);
      if (!result.ok) throw new UnauthenticatedError(`token claims refused: ${result.problems.join("; ")}`);
      const { exp, iat } = payload as { exp?: unknown; iat?: unknown };
      if (typeof iat !== "number" || !Number.isFinite(iat)) throw new UnauthenticatedError("token lacks the iat claim");
      if (iat > clockMs() / 1000 + tolerance) throw new UnauthenticatedError("token iat claim refused: issued in the future");
      if (typeof exp !== "number" || exp - iat > maxLifetime) {
        throw new UnauthenticatedError(`token lifetime exceeds the maximum of ${maxLifetime} seconds`);
      }
      if (cacheLimit > 0 && typeof exp === "number") {
        if (verified.size >= cacheLimit) verified.delete(verified.keys().next().value as string);
        verified.set(token, { principal: result.principal, expiresAtMs: exp * 1000 });
      }
      return result.principal;
    },
  };
};
