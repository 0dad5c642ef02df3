import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tokenVerifierConfigFromEnv } from "./auth-config.js";
import { jwtSecretFileName, loadOrCreateJwtSecret } from "./jwt-secret.js";
import { signToken } from "./sign-token.js";
import { createTokenVerifier } from "./token-verifier.js";

describe("loadOrCreateJwtSecret (real files)", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), "http-kit-secret-")), "data");
  });

  afterEach(() => {
    rmSync(join(dataDir, ".."), { recursive: true, force: true });
  });

  it("creates 32 random bytes (base64url) in <dataDir>/jwt-secret, mode 0600, on first start", () => {
    const secret = loadOrCreateJwtSecret(dataDir, { env: {} });
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    const path = join(dataDir, jwtSecretFileName);
    expect(readFileSync(path, "utf8").trim()).toBe(secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("reuses the file on later starts", () => {
    const first = loadOrCreateJwtSecret(dataDir, { env: {} });
    expect(loadOrCreateJwtSecret(dataDir, { env: {} })).toBe(first);
  });

  it("prefers DUTY_LEDGER_JWT_SECRET and creates no file", () => {
    const fromEnv = "s".repeat(40);
    expect(loadOrCreateJwtSecret(dataDir, { env: { DUTY_LEDGER_JWT_SECRET: fromEnv } })).toBe(fromEnv);
    expect(() => statSync(join(dataDir, jwtSecretFileName))).toThrow();
  });

  it("treats an empty variable as unset and refuses a short one", () => {
    expect(loadOrCreateJwtSecret(dataDir, { env: { DUTY_LEDGER_JWT_SECRET: "" } })).toHaveLength(43);
    expect(() => loadOrCreateJwtSecret(dataDir, { env: { DUTY_LEDGER_JWT_SECRET: "short" } })).toThrow(/at least 32 bytes/);
  });

  it("tightens a secret file readable by others", () => {
    loadOrCreateJwtSecret(dataDir, { env: {} });
    const path = join(dataDir, jwtSecretFileName);
    chmodSync(path, 0o644);
    loadOrCreateJwtSecret(dataDir, { env: {} });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("refuses a file holding a too short secret", () => {
    loadOrCreateJwtSecret(dataDir, { env: {} });
    writeFileSync(join(dataDir, jwtSecretFileName), "tiny\n", { mode: 0o600 });
    expect(() => loadOrCreateJwtSecret(dataDir, { env: {} })).toThrow(/shorter than 32 bytes/);
  });

  it("feeds tokenVerifierConfigFromEnv: a token signed with the file's secret verifies", async () => {
    const config = tokenVerifierConfigFromEnv({ DUTY_LEDGER_JWT_ISSUER: "", DUTY_LEDGER_JWT_AUDIENCE: "duty-ledger" }, dataDir);
    expect(config).toMatchObject({ audience: "duty-ledger", issuer: undefined });
    const secret = loadOrCreateJwtSecret(dataDir, { env: {} });
    const token = await signToken({ secret, sub: "A-1", role: "auditor", expiresIn: 60, audience: "duty-ledger" });
    await expect(createTokenVerifier(config).verify(token)).resolves.toEqual({ id: "A-1", role: "auditor" });
  });

  it("chooses the JWKS when DUTY_LEDGER_JWKS_URL is set and refuses a bad URL", () => {
    expect(tokenVerifierConfigFromEnv({ DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json" }, dataDir)).toEqual({
      jwksUrl: "https://idp.test/jwks.json",
      issuer: undefined,
      audience: undefined,
    });
    expect(() => tokenVerifierConfigFromEnv({ DUTY_LEDGER_JWKS_URL: "not a url" }, dataDir)).toThrow(/DUTY_LEDGER_JWKS_URL/);
  });
});
