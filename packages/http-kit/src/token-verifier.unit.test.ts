import { isLedgerErrorOf } from "@duty-ledger/domain";
import { SignJWT, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { signToken } from "./sign-token.js";
import { createTokenVerifier, type TokenVerifier } from "./token-verifier.js";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const otherSecret = "another-secret-that-is-long-enough-9876543210";
const key = new TextEncoder().encode(secret);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Verifying must fail with a 401 error whose message says why. */
const expectRefused = async (verifier: TokenVerifier, token: string, why: RegExp): Promise<void> => {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLedgerErrorOf(error, "UNAUTHENTICATED"), `expected a 401 error, got ${String(error)}`).toBe(true);
  expect((error as Error).message).toMatch(why);
};

describe("createTokenVerifier with an HS256 secret", () => {
  const verifier = createTokenVerifier({ secret });

  it("accepts a valid token and yields its principal", async () => {
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: "1h" });
    await expect(verifier.verify(token)).resolves.toEqual({ id: "D-0001", role: "deputy" });
  });

  it("keeps a clerk's station", async () => {
    const token = await signToken({ secret, sub: "C-1", role: "clerk", stationId: "ST-9", expiresIn: 600 });
    await expect(verifier.verify(token)).resolves.toEqual({ id: "C-1", role: "clerk", stationId: "ST-9" });
  });

  it("refuses an expired token", async () => {
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: -60 });
    await expectRefused(verifier, token, /expired/);
  });

  it("refuses a token that is not yet valid (nbf)", async () => {
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: 7200, notBefore: 3600 });
    await expectRefused(verifier, token, /not yet valid/);
  });

  it("accepts nbf and exp within the clock tolerance", async () => {
    const lenient = createTokenVerifier({ secret, clockToleranceSeconds: 120 });
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: -60, notBefore: 60 });
    await expect(lenient.verify(token)).resolves.toMatchObject({ id: "D-0001" });
  });

  it("refuses a token signed with another secret", async () => {
    const token = await signToken({ secret: otherSecret, sub: "D-0001", role: "deputy", expiresIn: "1h" });
    await expectRefused(verifier, token, /signature/);
  });

  it("refuses a token whose payload was altered", async () => {
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: "1h" });
    const [header, , signature] = token.split(".");
    const forged = `${header}.${b64url({ sub: "D-0001", role: "office", exp: nowSeconds() + 3600 })}.${signature}`;
    await expectRefused(verifier, forged, /signature/);
  });

  it("refuses an unsigned token (alg none)", async () => {
    const unsigned = `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "D-1", role: "office", exp: nowSeconds() + 3600 })}.`;
    await expectRefused(verifier, unsigned, /algorithm not allowed/);
  });

  it("refuses another HMAC algorithm than HS256", async () => {
    const token = await new SignJWT({ role: "office" })
      .setProtectedHeader({ alg: "HS512" })
      .setSubject("O-1")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(`${secret}${secret}`));
    await expectRefused(verifier, token, /algorithm/);
  });

  it("refuses an RS256 token", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const token = await new SignJWT({ role: "office" }).setProtectedHeader({ alg: "RS256" }).setSubject("O-1").setExpirationTime("1h").sign(privateKey);
    await expectRefused(verifier, token, /algorithm/);
  });

  it("refuses an unknown role", async () => {
    const token = await new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setSubject("X-1").setExpirationTime("1h").sign(key);
    await expectRefused(verifier, token, /role/);
  });

  it("refuses a token without role", async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("X-1").setExpirationTime("1h").sign(key);
    await expectRefused(verifier, token, /role/);
  });

  it("refuses a clerk without stationId", async () => {
    const token = await new SignJWT({ role: "clerk" }).setProtectedHeader({ alg: "HS256" }).setSubject("C-1").setExpirationTime("1h").sign(key);
    await expectRefused(verifier, token, /stationId/);
  });

  it("refuses a token without exp", async () => {
    const token = await new SignJWT({ role: "office" }).setProtectedHeader({ alg: "HS256" }).setSubject("O-1").sign(key);
    await expectRefused(verifier, token, /exp/);
  });

  it("refuses a token without sub", async () => {
    const token = await new SignJWT({ role: "office" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(key);
    await expectRefused(verifier, token, /sub/);
  });

  it("refuses garbage", async () => {
    await expectRefused(verifier, "not-a-token", /malformed/);
    await expectRefused(verifier, "a.b.c", /malformed/);
  });

  it("refuses a secret shorter than 32 bytes", () => {
    expect(() => createTokenVerifier({ secret: "short" })).toThrow(/at least 32 bytes/);
  });
});

describe("issuer and audience", () => {
  const verifier = createTokenVerifier({ secret, issuer: "https://idp.example", audience: "duty-ledger" });
  const sign = (issuer?: string, audience?: string): Promise<string> =>
    signToken({ secret, sub: "O-1", role: "office", expiresIn: "1h", issuer, audience });

  it("accepts the configured issuer and audience", async () => {
    await expect(verifier.verify(await sign("https://idp.example", "duty-ledger"))).resolves.toMatchObject({ id: "O-1" });
  });

  it("refuses a wrong issuer", async () => {
    await expectRefused(verifier, await sign("https://evil.example", "duty-ledger"), /iss/);
  });

  it("refuses a missing issuer", async () => {
    await expectRefused(verifier, await sign(undefined, "duty-ledger"), /iss/);
  });

  it("refuses a wrong audience", async () => {
    await expectRefused(verifier, await sign("https://idp.example", "other-app"), /aud/);
  });

  it("does not check iss/aud when not configured", async () => {
    await expect(createTokenVerifier({ secret }).verify(await sign("https://any.example", "any"))).resolves.toMatchObject({ id: "O-1" });
  });
});

describe("signToken", () => {
  it("refuses a clerk without station and an unknown role", async () => {
    await expect(signToken({ secret, sub: "C-1", role: "clerk", expiresIn: 60 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      signToken({ secret, sub: "C-1", role: "root" as never, expiresIn: 60 }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses a short secret", async () => {
    await expect(signToken({ secret: "short", sub: "O-1", role: "office", expiresIn: 60 })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("sets iat, exp from relative seconds", async () => {
    const token = await signToken({ secret, sub: "O-1", role: "office", expiresIn: 600 });
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(600);
    expect(Math.abs(payload.iat - nowSeconds())).toBeLessThanOrEqual(2);
  });
});

describe("the verified-token cache", () => {
  it("answers a token verified before without verifying again, and refuses it once it has expired", async () => {
    let clock = new Date();
    const verifier = createTokenVerifier({ secret, now: () => clock });
    const token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: 60 });
    await expect(verifier.verify(token)).resolves.toEqual({ id: "D-0001", role: "deputy" });
    await expect(verifier.verify(token)).resolves.toEqual({ id: "D-0001", role: "deputy" });
    clock = new Date(clock.getTime() + 120_000);
    await expectRefused(verifier, token, /expired/);
  });

  it("never caches a refused token", async () => {
    const verifier = createTokenVerifier({ secret });
    const forged = await signToken({ secret: otherSecret, sub: "D-0001", role: "deputy", expiresIn: 60 });
    await expectRefused(verifier, forged, /signature/);
    await expectRefused(verifier, forged, /signature/);
  });
});

describe("the maximum token lifetime (security review)", () => {
  const verifier = createTokenVerifier({ secret });
  const hs256 = (claims: Record<string, unknown>): Promise<string> =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(key);

  it("refuses a token whose exp lies 1e20 seconds away", async () => {
    await expectRefused(verifier, await hs256({ sub: "O-1", role: "office", iat: nowSeconds(), exp: 1e20 }), /lifetime/);
  });

  it("refuses a token living longer than 24 h by default, accepts exactly 24 h", async () => {
    const iat = nowSeconds();
    await expectRefused(verifier, await hs256({ sub: "O-1", role: "office", iat, exp: iat + 86_401 }), /lifetime/);
    await expect(verifier.verify(await hs256({ sub: "O-1", role: "office", iat, exp: iat + 86_400 }))).resolves.toMatchObject({ id: "O-1" });
  });

  it("refuses a token without iat", async () => {
    await expectRefused(verifier, await hs256({ sub: "O-1", role: "office", exp: nowSeconds() + 600 }), /iat/);
  });

  it("refuses a token issued in the future (a far iat would stretch the bound)", async () => {
    const iat = nowSeconds() + 3600;
    await expectRefused(verifier, await hs256({ sub: "O-1", role: "office", iat, exp: iat + 600 }), /iat/);
  });

  it("honours a configured maximum", async () => {
    const short = createTokenVerifier({ secret, maxLifetimeSeconds: 600 });
    await expect(short.verify(await signToken({ secret, sub: "O-1", role: "office", expiresIn: 600 }))).resolves.toMatchObject({ id: "O-1" });
    await expectRefused(short, await signToken({ secret, sub: "O-1", role: "office", expiresIn: 601 }), /lifetime/);
  });
});

describe("the sub claim (security review)", () => {
  const verifier = createTokenVerifier({ secret });
  const withSub = (sub: string): Promise<string> =>
    new SignJWT({ role: "office" }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("1h").sign(key);

  it("refuses control characters: newline, carriage return, NUL, tab, DEL", async () => {
    for (const sub of ["O-1\nforged log line", "O-1\r", "O-1\u0000", "O-1\tx", "O-1\u007f", "O-1\u0085", "O-1\u202e"]) {
      await expectRefused(verifier, await withSub(sub), /sub/);
    }
  });

  it("refuses more than 128 characters, accepts 128 and printable non-ASCII", async () => {
    await expectRefused(verifier, await withSub("x".repeat(129)), /sub/);
    await expect(verifier.verify(await withSub("x".repeat(128)))).resolves.toMatchObject({ id: "x".repeat(128) });
    await expect(verifier.verify(await withSub("Zoë Ångström 1"))).resolves.toMatchObject({ id: "Zoë Ångström 1" });
  });

  it("signToken refuses such a sub too", async () => {
    await expect(signToken({ secret, sub: "O-1\n", role: "office", expiresIn: 60 })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
