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
    expect(
      tokenVerifierConfigFromEnv(
        { DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json", DUTY_LEDGER_JWT_ISSUER: "https://idp.test", DUTY_LEDGER_JWT_AUDIENCE: "duty-ledger" },
        dataDir,
      ),
    ).toEqual({
      jwksUrl: "https://idp.test/jwks.json",
      issuer: "https://idp.test",
      audience: "duty-ledger",
      maxLifetimeSeconds: 86_400,
    });
    expect(() => tokenVerifierConfigFromEnv({ DUTY_LEDGER_JWKS_URL: "not a url" }, dataDir)).toThrow(/DUTY_LEDGER_JWKS_URL/);
  });
});

describe("tokenVerifierConfigFromEnv: JWKS, issuer, audience and lifetime (security review)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-auth-config-"));
  const jwks = { DUTY_LEDGER_JWT_ISSUER: "https://idp.test", DUTY_LEDGER_JWT_AUDIENCE: "duty-ledger" };
  const startupError = (env: Record<string, string>): string => {
    try {
      tokenVerifierConfigFromEnv(env, dataDir);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("the configuration was accepted");
  };

  it("refuses a JWKS URL without issuer or audience, naming the variable", () => {
    expect(startupError({ DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json" })).toMatch(/DUTY_LEDGER_JWT_ISSUER[^\n]*required[\s\S]*DUTY_LEDGER_JWT_AUDIENCE[^\n]*required/);
    expect(startupError({ DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json", DUTY_LEDGER_JWT_ISSUER: "https://idp.test" })).toMatch(
      /^invalid configuration:\n {2}DUTY_LEDGER_JWT_AUDIENCE: .*required.*$/,
    );
    expect(startupError({ DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json", DUTY_LEDGER_JWT_AUDIENCE: "duty-ledger" })).toMatch(
      /^invalid configuration:\n {2}DUTY_LEDGER_JWT_ISSUER: .*required.*$/,
    );
  });

  it("refuses an http:// JWKS URL off loopback, accepts it on 127.0.0.0/8, ::1 and localhost", () => {
    for (const url of ["http://idp.test/jwks.json", "http://10.0.0.1/jwks.json", "http://127.0.0.1.nip.io/jwks.json", "http://localhost.evil.test/jwks.json"]) {
      expect(startupError({ ...jwks, DUTY_LEDGER_JWKS_URL: url })).toMatch(/DUTY_LEDGER_JWKS_URL: .*https/);
    }
    for (const url of ["http://127.0.0.1:8443/jwks.json", "http://127.8.9.10/jwks.json", "http://[::1]:9000/jwks.json", "http://localhost:9000/jwks.json", "http://LOCALHOST/jwks.json"]) {
      expect(tokenVerifierConfigFromEnv({ ...jwks, DUTY_LEDGER_JWKS_URL: url }, dataDir)).toMatchObject({ jwksUrl: url });
    }
    expect(startupError({ ...jwks, DUTY_LEDGER_JWKS_URL: "ftp://idp.test/jwks.json" })).toMatch(/DUTY_LEDGER_JWKS_URL/);
  });

  it("reads DUTY_LEDGER_JWT_MAX_LIFETIME in seconds, default 86400, and refuses a bad value", () => {
    expect(tokenVerifierConfigFromEnv({}, dataDir)).toMatchObject({ maxLifetimeSeconds: 86_400 });
    expect(tokenVerifierConfigFromEnv({ DUTY_LEDGER_JWT_MAX_LIFETIME: "3600" }, dataDir)).toMatchObject({ maxLifetimeSeconds: 3600 });
    expect(tokenVerifierConfigFromEnv({ ...jwks, DUTY_LEDGER_JWKS_URL: "https://idp.test/jwks.json", DUTY_LEDGER_JWT_MAX_LIFETIME: "600" }, dataDir)).toMatchObject({
      maxLifetimeSeconds: 600,
    });
    for (const value of ["0", "-5", "1.5", "24h", "abc"]) {
      expect(startupError({ DUTY_LEDGER_JWT_MAX_LIFETIME: value })).toMatch(/DUTY_LEDGER_JWT_MAX_LIFETIME/);
    }
  });
});
