import { createHmac } from "node:crypto";
import { sendApiRequest } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureSecret,
  fixtureTokens,
  registerFixtureWorld,
  startFixtureLedger,
  writeFixtures as ledgerFixtures,
  writeRoutesOf,
  type FixtureLedger,
  type FixtureTokens,
  type WriteRequest,
} from "./write-fixtures.test-support.js";
import { voiceFixtures } from "./voice-fixtures.test-support.js";

/** The write routes of `createLedgerApi` and of `createVoiceApi` (转办, duty activities), served together. */
const writeFixtures = { ...ledgerFixtures, ...voiceFixtures };

/**
 * Nobody writes what their token does not allow (issue 5, point 5). Every write route (the
 * fixture table lists exactly the router's) gets, for each kind of bad token, a request that is
 * otherwise valid: it is refused with 401 (403 for a deputy acting in another deputy's name),
 * as problem+json, and nothing is appended. The same request with the right token is then
 * accepted, so the refusal was the token's doing. The ledger enforces an issuer and audience.
 */

const issuer = "https://id.example.org/duty-ledger";
const audience = "duty-ledger-api";

let ledger: FixtureLedger;
let tokens: FixtureTokens;

beforeAll(async () => {
  ledger = await startFixtureLedger({ issuer, audience });
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
});

afterAll(async () => {
  await ledger.close();
});

const part = (value: unknown): string => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

/** A JWT signed by hand (HMAC), so that any header and claims can be sent. */
const jwt = (header: Record<string, unknown>, claims: Record<string, unknown>, secret = fixtureSecret, hmac: "sha256" | "sha512" = "sha256"): string => {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac(hmac, secret).update(input).digest("base64url")}`;
};

const now = (): number => Math.floor(Date.now() / 1000);

/** The claims of a valid token for the request's principal. */
const claimsOf = (request: WriteRequest): Record<string, unknown> => ({
  sub: request.sub,
  role: request.role,
  ...(request.role === "clerk" ? { stationId: "ST-1" } : {}),
  iss: issuer,
  aud: audience,
  iat: now(),
  exp: now() + 3600,
});

const hs256 = { alg: "HS256", typ: "JWT" };

interface TokenKind {
  readonly name: string;
  /** The bad token for a request (or `null`: this kind does not apply to the route). */
  readonly token: (request: WriteRequest) => string | null;
  readonly status: 401 | 403;
}

const tokenKinds: TokenKind[] = [
  { name: "expired", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), iat: now() - 7200, exp: now() - 120 }) },
  { name: "not yet valid (nbf)", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), nbf: now() + 600 }) },
  { name: "signed with another secret", status: 401, token: (r) => jwt(hs256, claimsOf(r), "another-secret-of-at-least-thirty-two-bytes") },
  {
    name: "claims altered after signing (role raised to office)",
    status: 401,
    token: (r) => {
      const [header, , signature] = jwt(hs256, { ...claimsOf(r), role: r.role === "office" ? "deputy" : r.role }).split(".");
      return `${header}.${part({ ...claimsOf(r), role: "office" })}.${signature}`;
    },
  },
  { name: "unsigned (alg none)", status: 401, token: (r) => `${part({ alg: "none", typ: "JWT" })}.${part(claimsOf(r))}.` },
  { name: "unsigned (alg None, signature kept)", status: 401, token: (r) => `${part({ alg: "None" })}.${part(claimsOf(r))}.${jwt(hs256, claimsOf(r)).split(".")[2]}` },
  { name: "HS512 with the right secret (algorithm not allowed)", status: 401, token: (r) => jwt({ alg: "HS512", typ: "JWT" }, claimsOf(r), fixtureSecret, "sha512") },
  { name: "wrong audience", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), aud: "another-api" }) },
  { name: "no audience", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), aud: undefined }) },
  { name: "wrong issuer", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), iss: "https://evil.example.org" }) },
  { name: "a role that does not exist", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), role: "superuser" }) },
  { name: "a role in another case", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), role: r.role.toUpperCase() }) },
  { name: "two roles", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), role: [r.role, "office"] }) },
  { name: "without sub", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), sub: undefined }) },
  { name: "without exp", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), exp: undefined }) },
  { name: "a clerk without stationId", status: 401, token: (r) => jwt(hs256, { ...claimsOf(r), role: "clerk", stationId: undefined }) },
  // Valid tokens of another deputy: where a deputy writes, only the one named in the body
  // (or leading the suggestion, or present at the contact) may.
  { name: "a deputy token with another deputy's sub", status: 403, token: (r) => (r.role === "deputy" ? jwt(hs256, { ...claimsOf(r), sub: "D-X" }) : null) },
  {
    name: "the co-signer's token where the lead deputy acts",
    status: 403,
    token: (r) => (r.role === "deputy" && r.sub === "D-1" && r.path !== "/v1/contacts" && !r.path.startsWith("/v1/contacts/") ? tokens.d2 : null),
  },
  // Where the co-signer (D-2) decides on co-signing, the lead's token is refused (the recorder of a
  // contact confirming it is 409: their part counts already).
  { name: "the lead's token where the co-signer acts", status: 403, token: (r) => (r.role === "deputy" && r.path.endsWith("/co-signature") ? tokens.d1 : null) },
];

describe("the token tests cover the router", () => {
  it("has a fixture for every write route of createLedgerApi", () => {
    expect(Object.keys(writeFixtures).map((path) => `POST ${path}`).sort()).toEqual([...writeRoutesOf(ledger.router), ...writeRoutesOf(ledger.voiceRouter)].map((r) => `${r.method} ${r.path}`).sort());
  });
});

describe.each(tokenKinds)("a token $name", (kind) => {
  it(`is refused with ${kind.status} on every write route it applies to; nothing is appended; the right token is then accepted`, async () => {
    let applied = 0;
    for (const [route, fixture] of Object.entries(writeFixtures)) {
      const request = await fixture(ledger, tokens);
      const bad = kind.token(request);
      if (bad === null) continue;
      applied += 1;
      const before = await ledger.headPosition();
      const refused = await sendApiRequest(ledger, { path: request.path, token: bad, body: request.body });
      expect(refused.status, `${route}: ${refused.text}`).toBe(kind.status);
      expect(refused.headers.get("content-type"), route).toContain("application/problem+json");
      if (kind.status === 401) expect(refused.headers.get("www-authenticate"), route).toBe('Bearer realm="duty-ledger"');
      expect(refused.text, "the token is never echoed").not.toContain(bad);
      expect(await ledger.headPosition(), `${route} appended`).toBe(before);
      const accepted = await sendApiRequest(ledger, { path: request.path, token: request.token, body: request.body });
      expect(accepted.status, `${route} with the right token: ${accepted.text}`).toBe(201);
    }
    expect(applied).toBeGreaterThan(0);
  });
});

describe("the deputy-in-another's-name refusals", () => {
  it("apply to every route a deputy may write", async () => {
    const deputyRoutes: string[] = [];
    for (const [route, fixture] of Object.entries(writeFixtures)) {
      if ((await fixture(ledger, tokens)).role === "deputy") deputyRoutes.push(route);
    }
    expect(deputyRoutes.sort()).toEqual(
      [
        "/v1/contacts",
        "/v1/contacts/:id/feedback",
        "/v1/contacts/:id/confirmation",
        "/v1/suggestions",
        "/v1/suggestions/:id/evaluation",
        "/v1/suggestions/:id/revision",
        "/v1/suggestions/:id/co-signature",
        "/v1/activities",
        "/v1/activities/:id/confirmation",
      ].sort(),
    );
  });
});
