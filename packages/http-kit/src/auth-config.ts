import { z } from "zod";
import { loadOrCreateJwtSecret } from "./jwt-secret.js";
import { parseConfig } from "./parse-config.js";
import type { TokenVerifierConfig } from "./token-verifier.js";

/** The auth variables of api-v1.md (Configuration). */
export const authEnvSchema = z.object({
  DUTY_LEDGER_JWT_SECRET: z.string().optional(),
  DUTY_LEDGER_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  DUTY_LEDGER_JWT_ISSUER: z.string().optional(),
  DUTY_LEDGER_JWT_AUDIENCE: z.string().optional(),
});

/**
 * The token verifier's configuration from the environment: the JWKS of `DUTY_LEDGER_JWKS_URL`
 * when set, else HS256 with `DUTY_LEDGER_JWT_SECRET` or the secret file of the data folder
 * (created on first start). Issuer and audience are enforced when set.
 */
export const tokenVerifierConfigFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): TokenVerifierConfig => {
  const vars = parseConfig(authEnvSchema, env);
  const common = { issuer: vars.DUTY_LEDGER_JWT_ISSUER, audience: vars.DUTY_LEDGER_JWT_AUDIENCE };
  if (vars.DUTY_LEDGER_JWKS_URL !== undefined) return { ...common, jwksUrl: vars.DUTY_LEDGER_JWKS_URL };
  return { ...common, secret: loadOrCreateJwtSecret(dataDir, { env }) };
};
