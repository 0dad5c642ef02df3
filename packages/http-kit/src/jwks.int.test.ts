import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isLedgerErrorOf } from "@duty-ledger/domain";
import express from "express";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "./authenticate.js";
import { createHttpApp } from "./create-http-app.js";
import { principalOf } from "./principal.js";
import { createTokenVerifier } from "./token-verifier.js";

const issuer = "https://idp.test";
const audience = "duty-ledger";

const listenOn = (server: Server): Promise<string> =>
  new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

describe("createTokenVerifier with a JWKS URL (local OIDC-like key server)", () => {
  let jwksServer: Server;
  let jwksUrl: string;
  let jwksRequests = 0;
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair("ES256")).privateKey;
    const rsa = await generateKeyPair("RS256");
    const keys: JWK[] = [
      { ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "ES256", use: "sig" },
      { ...(await exportJWK(rsa.publicKey)), kid: "key-2", alg: "RS256", use: "sig" },
    ];
    jwksServer = createServer((req, res) => {
      jwksRequests += 1;
      if (req.url !== "/.well-known/jwks.json") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    });
    jwksUrl = `${await listenOn(jwksServer)}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await close(jwksServer);
  });

  const sign = (claims: Record<string, unknown>, options: { kid?: string; key?: CryptoKey; iss?: string; aud?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: options.kid ?? "key-1" })
      .setSubject("U-17")
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(options.key ?? privateKey);

  const refusal = async (promise: Promise<unknown>): Promise<Error> => {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  };

  it("verifies a token signed by a key of the set", async () => {
    const verifier = createTokenVerifier({ jwksUrl, issuer, audience });
    await expect(verifier.verify(await sign({ role: "unit" }))).resolves.toEqual({ id: "U-17", role: "unit" });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it("refuses wrong issuer, wrong audience, unknown kid and a forged signature with 401", async () => {
    const verifier = createTokenVerifier({ jwksUrl, issuer, audience });
    const cases: [Promise<string>, RegExp][] = [
      [sign({ role: "unit" }, { iss: "https://evil.test" }), /iss/],
      [sign({ role: "unit" }, { aud: "another-app" }), /aud/],
      [sign({ role: "unit" }, { kid: "key-9" }), /unknown key/],
      [sign({ role: "unit" }, { key: strangerKey }), /signature/],
      [sign({ role: "superuser" }), /role/],
    ];
    for (const [token, why] of cases) {
      const error = await refusal(verifier.verify(await token));
      expect(isLedgerErrorOf(error, "UNAUTHENTICATED"), error.message).toBe(true);
      expect(error.message).toMatch(why);
    }
  });

  it("refuses an HS256 token made with the public key as secret (algorithm confusion)", async () => {
    const verifier = createTokenVerifier({ jwksUrl, issuer, audience });
    const publicJwk = JSON.stringify((await (await fetch(jwksUrl)).json()) as unknown);
    const token = await new SignJWT({ role: "office" })
      .setProtectedHeader({ alg: "HS256", kid: "key-1" })
      .setSubject("O-1")
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(publicJwk));
    const error = await refusal(verifier.verify(token));
    expect(isLedgerErrorOf(error, "UNAUTHENTICATED")).toBe(true);
    expect(error.message).toMatch(/algorithm/);
  });

  it("treats an unreachable key server as a server failure, not the client's (no 401)", async () => {
    const down = createServer();
    const downUrl = `${await listenOn(down)}/jwks.json`;
    await close(down);
    const verifier = createTokenVerifier({ jwksUrl: downUrl, issuer, audience, jwksTimeoutMs: 2000 });
    const error = await refusal(verifier.verify(await sign({ role: "unit" })));
    expect(isLedgerErrorOf(error, "UNAUTHENTICATED")).toBe(false);
    expect(error.message).toMatch(/key set is unavailable/);
  });

  it("treats a key server answering 404 as a server failure", async () => {
    const verifier = createTokenVerifier({ jwksUrl: jwksUrl.replace("jwks.json", "missing.json"), issuer, audience });
    const error = await refusal(verifier.verify(await sign({ role: "unit" })));
    expect(isLedgerErrorOf(error, "UNAUTHENTICATED")).toBe(false);
  });

  it("authenticates HTTP requests through the middleware", async () => {
    const router = express.Router();
    router.get("/me", authenticate(createTokenVerifier({ jwksUrl, issuer, audience })), (req, res) => {
      res.json(principalOf(req));
    });
    const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [router] });
    const server = createServer(app);
    const base = await listenOn(server);
    try {
      const ok = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await sign({ role: "clerk", stationId: "ST-3" })}` } });
      expect(await ok.json()).toEqual({ id: "U-17", role: "clerk", stationId: "ST-3" });
      const bad = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${await sign({ role: "clerk" })}` } });
      expect(bad.status).toBe(401);
      expect(((await bad.json()) as { detail: string }).detail).toMatch(/stationId/);
    } finally {
      await close(server);
    }
  });
});
