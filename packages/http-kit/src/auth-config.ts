import { isIP } from "node:net";
import { z } from "zod";
import { demoTokenAudience, demoTokenIssuer } from "./demo-tokens.js";
import { loadOrCreateJwtSecret } from "./jwt-secret.js";
import { parseConfig } from "./parse-config.js";
import { defaultMaxTokenLifetimeSeconds, type TokenVerifierConfig } from "./token-verifier.js";

/** Loopback hosts, where a plain `http://` JWKS URL is allowed: 127.0.0.0/8, ::1 and localhost. */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.split(".")[0] === "127";
  return isIP(host) === 6 && host === "::1";
};

/** `DUTY_LEDGER_JWT_MAX_LIFETIME`: the longest token lifetime (`exp - iat`), whole seconds. */
export const jwtMaxLifetimeSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "must be a whole number of seconds (e.g. 86400 for 24 h)")
  .default(String(defaultMaxTokenLifetimeSeconds))
  .transform(Number);

/**
 * The checks across the auth variables (a `superRefine` of any schema holding them): with
 * `DUTY_LEDGER_JWKS_URL`, `DUTY_LEDGER_JWT_ISSUER` and `DUTY_LEDGER_JWT_AUDIENCE` are required
 * (else a token the provider minted for any other application would pass), and the URL must be
 * https:// unless its host is loopback. The demo's issuer and audience are reserved for the demo.
 */
export const checkAuthEnv = (
  env: { DUTY_LEDGER_JWKS_URL?: string | undefined; DUTY_LEDGER_JWT_ISSUER?: string | undefined; DUTY_LEDGER_JWT_AUDIENCE?: string | undefined },
  ctx: z.RefinementCtx,
): void => {
  if (env.DUTY_LEDGER_JWT_ISSUER === demoTokenIssuer) ctx.addIssue({ code: "custom", path: ["DUTY_LEDGER_JWT_ISSUER"], message: `${demoTokenIssuer} is the demo's issuer, refused outside the demo` });
  if (env.DUTY_LEDGER_JWT_AUDIENCE === demoTokenAudience) ctx.addIssue({ code: "custom", path: ["DUTY_LEDGER_JWT_AUDIENCE"], message: `${demoTokenAudience} is the demo's audience, refused outside the demo` });
  if (env.DUTY_LEDGER_JWKS_URL === undefined) return;
  for (const name of ["DUTY_LEDGER_JWT_ISSUER", "DUTY_LEDGER_JWT_AUDIENCE"] as const) {
    if (env[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: "is required when DUTY_LEDGER_JWKS_URL is set" });
  }
  const url = URL.parse(env.DUTY_LEDGER_JWKS_URL); // null when the URL itself was refused already
  if (url !== null && url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    ctx.addIssue({
      code: "custom",
      path: ["DUTY_LEDGER_JWKS_URL"],
      message: "must be https:// (plain http:// only on loopback: 127.0.0.0/8, ::1, localhost)",
    });
  }
};

/** The auth variables of api-v1.md (Configuration). */
export const authEnvSchema = z
  .object({
    DUTY_LEDGER_JWT_SECRET: z.string().optional(),
    DUTY_LEDGER_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    DUTY_LEDGER_JWT_ISSUER: z.string().optional(),
    DUTY_LEDGER_JWT_AUDIENCE: z.string().optional(),
    DUTY_LEDGER_JWT_MAX_LIFETIME: jwtMaxLifetimeSchema,
  })
  .superRefine(checkAuthEnv);

/**
 * The token verifier's configuration from the environment: the JWKS of `DUTY_LEDGER_JWKS_URL`
 * when set (then `DUTY_LEDGER_JWT_ISSUER` and `DUTY_LEDGER_JWT_AUDIENCE` are required, and the URL
 * must be https:// unless on loopback), else HS256 with `DUTY_LEDGER_JWT_SECRET` or the secret
 * file of the data folder (created on first start). Issuer and audience are enforced when set;
 * `DUTY_LEDGER_JWT_MAX_LIFETIME` (seconds, default 86400) bounds `exp - iat` in both modes.
 */
export const tokenVerifierConfigFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): TokenVerifierConfig => {
  const vars = parseConfig(authEnvSchema, env);
  const common = {
    issuer: vars.DUTY_LEDGER_JWT_ISSUER,
    audience: vars.DUTY_LEDGER_JWT_AUDIENCE,
    maxLifetimeSeconds: vars.DUTY_LEDGER_JWT_MAX_LIFETIME,
  };
  if (vars.DUTY_LEDGER_JWKS_URL !== undefined) return { ...common, jwksUrl: vars.DUTY_LEDGER_JWKS_URL };
  return { ...common, secret: loadOrCreateJwtSecret(dataDir, { env }) };
};
