/**
 * The demo's tokens (issue 20, point 1). `duty-ledger demo` signs its identities' tokens with a
 * secret of its own (in its own data folder, never `DUTY_LEDGER_JWT_SECRET`) and with this issuer
 * and audience; every other verifier refuses a token carrying either, even one signed with its
 * own secret, so no demo token ever opens a real ledger.
 */
export const demoTokenIssuer = "duty-ledger-demo";
export const demoTokenAudience = "duty-ledger-demo";

/** The demo's secret file, in the demo's data folder (not `jwt-secret`: a real ledger never reads it). */
export const demoJwtSecretFileName = "demo-jwt-secret";

/** Whether a token's claims name the demo as issuer or audience. */
export const isDemoTokenClaims = (payload: unknown): boolean => {
  if (typeof payload !== "object" || payload === null) return false;
  const { iss, aud } = payload as { iss?: unknown; aud?: unknown };
  return iss === demoTokenIssuer || aud === demoTokenAudience || (Array.isArray(aud) && aud.includes(demoTokenAudience));
};
