import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { gzipSync } from "node:zlib";
import { DomainRuleError } from "@duty-ledger/domain";
import express, { type Express } from "express";
import { SignJWT } from "jose";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { authenticate } from "./authenticate.js";
import { createHttpApp } from "./create-http-app.js";
import { principalOf } from "./principal.js";
import { rateLimitBySubject } from "./rate-limit.js";
import { requireRole } from "./require-role.js";
import { signToken } from "./sign-token.js";
import { createTokenVerifier } from "./token-verifier.js";
import { parseBody, parseQuery, validateBody } from "./validate.js";

const secret = "http-kit-int-test-secret-0123456789abcdef";

const contactSchema = z.strictObject({
  topic: z.string().min(1),
  constituents: z.number().int().min(0),
  opinions: z.array(z.strictObject({ opinionId: z.string(), text: z.string().min(1) })).optional(),
});

const listen = async (app: Express): Promise<{ server: Server; base: string }> => {
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, "127.0.0.1", () => resolve(started));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const close = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  requestId?: string;
}

const problemOf = async (response: Response, status: number): Promise<Problem> => {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return problem;
};

describe("createHttpApp over real HTTP", () => {
  const logLines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logLines.push(line) });
  const verifier = createTokenVerifier({ secret });
  let server: Server;
  let base: string;
  let officeToken: string;
  let deputyToken: string;

  beforeAll(async () => {
    const routes = express.Router();
    routes.post("/echo", validateBody(contactSchema), (req, res) => {
      res.status(201).json({ received: req.body });
    });
    routes.post("/parse", (req, res) => {
      res.json(parseBody(contactSchema, req));
    });
    routes.get("/query", (req, res) => {
      res.json(parseQuery(z.strictObject({ limit: z.coerce.number().int().max(100), status: z.enum(["open", "closed"]).optional() }), req));
    });
    routes.get("/boom", () => {
      throw new Error("SQLITE_CORRUPT: database disk image is malformed at /secret/path.db");
    });
    routes.post("/rule", () => {
      throw new DomainRuleError("a reply needs a category", { errors: [{ path: "category", message: "required" }] });
    });
    const secured = express.Router();
    secured.use(authenticate(verifier), rateLimitBySubject({ limit: 3, windowMs: 60_000 }));
    secured.get("/me", (req, res) => {
      res.json(principalOf(req));
    });
    secured.get("/office", requireRole("office"), (_req, res) => {
      res.json({ ok: true });
    });
    // Authentication under a path prefix: a router-level `authenticate` without one would answer
    // 401 for every request reaching it, unknown routes included.
    const app = createHttpApp({ logger, routes: [routes, express.Router().use("/secure", secured)], limitBytes: 64 * 1024, maxDepth: 32, rateLimitPerIp: { limit: 1000 } });
    ({ server, base } = await listen(app));
    officeToken = await signToken({ secret, sub: "O-1", role: "office", expiresIn: "1h" });
    deputyToken = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: "1h" });
  });

  afterAll(async () => {
    await close(server);
  });

  const postRaw = (path: string, body: string | Uint8Array, contentType = "application/json", headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": contentType, ...headers }, body });

  it("accepts a valid JSON body", async () => {
    const response = await postRaw("/echo", JSON.stringify({ topic: "roads", constituents: 3 }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ received: { topic: "roads", constituents: 3 } });
  });

  it("refuses malformed JSON with 400 problem+json", async () => {
    const problem = await problemOf(await postRaw("/echo", '{"topic": "roads",'), 400);
    expect(problem).toMatchObject({ type: "/problems/validation", detail: "the request body is not valid JSON" });
  });

  it("refuses a non-object JSON body", async () => {
    for (const body of ["[1,2]", '"text"', "42"]) {
      await problemOf(await postRaw("/echo", body), 400);
    }
  });

  it("refuses another Content-Type with 400", async () => {
    const problem = await problemOf(await postRaw("/echo", "topic=roads", "application/x-www-form-urlencoded"), 400);
    expect(problem.detail).toMatch(/application\/json/);
    await problemOf(await postRaw("/echo", '{"topic":"roads","constituents":1}', "text/plain"), 400);
  });

  it("refuses a missing body with 400", async () => {
    const problem = await problemOf(await fetch(`${base}/parse`, { method: "POST" }), 400);
    expect(problem.detail).toMatch(/body is required/);
  });

  it("refuses a body over the limit with 413", async () => {
    const big = JSON.stringify({ topic: "x".repeat(70 * 1024), constituents: 1 });
    const problem = await problemOf(await postRaw("/echo", big), 413);
    expect(problem.type).toBe("/problems/payload-too-large");
  });

  it("applies the limit after decompression", async () => {
    const big = gzipSync(Buffer.from(JSON.stringify({ topic: " ".repeat(200 * 1024), constituents: 1 })));
    expect(big.byteLength).toBeLessThan(64 * 1024);
    await problemOf(await postRaw("/echo", big, "application/json", { "content-encoding": "gzip" }), 413);
  });

  it("refuses an unsupported Content-Encoding with 415", async () => {
    const problem = await problemOf(await postRaw("/echo", "{}", "application/json", { "content-encoding": "compress" }), 415);
    expect(problem.type).toBe("/problems/unsupported-media-type");
  });

  it("refuses a charset other than UTF-8 with 415", async () => {
    const utf16 = Buffer.from(JSON.stringify({ topic: "roads", constituents: 1 }), "utf16le");
    await problemOf(await postRaw("/echo", utf16, "application/json; charset=utf-16le"), 415);
  });

  it("refuses invalid UTF-8 with 400", async () => {
    const bytes = Buffer.concat([Buffer.from('{"topic":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","constituents":1}')]);
    const problem = await problemOf(await postRaw("/echo", bytes), 400);
    expect(problem.detail).toMatch(/UTF-8/);
  });

  it("accepts multi-byte UTF-8", async () => {
    const response = await postRaw("/echo", JSON.stringify({ topic: "修建乡村道路", constituents: 12 }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { received: { topic: string } }).received.topic).toBe("修建乡村道路");
  });

  it("refuses prototype-pollution keys anywhere with 400 naming the path", async () => {
    const top = await problemOf(await postRaw("/echo", '{"topic":"x","constituents":1,"__proto__":{"isAdmin":true}}'), 400);
    expect(top.errors).toEqual([{ path: "__proto__", message: "forbidden key" }]);
    const nested = await problemOf(await postRaw("/echo", '{"opinions":[{"constructor":{"prototype":{"x":1}}}]}'), 400);
    expect(nested.errors?.[0]?.path).toBe("opinions.0.constructor");
    expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
  });

  it("refuses nesting deeper than the limit with 400", async () => {
    const deep = `{"topic":"x","constituents":1,"opinions":${"[".repeat(40)}${"]".repeat(40)}}`;
    const problem = await problemOf(await postRaw("/echo", deep), 400);
    expect(problem.detail).toMatch(/deeper than 32/);
  });

  it("lists every failing field with dotted paths", async () => {
    const body = { topic: "", constituents: -1, opinions: [{ opinionId: "O-1", text: "ok" }, { opinionId: "O-2", text: "" }] };
    const problem = await problemOf(await postRaw("/echo", JSON.stringify(body)), 400);
    expect(problem.type).toBe("/problems/validation");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["constituents", "opinions.1.text", "topic"]);
    expect(problem.errors?.every((e) => e.message.length > 0)).toBe(true);
  });

  it("refuses unknown fields naming them", async () => {
    const body = { topic: "roads", constituents: 1, constituentz: 2, opinions: [{ opinionId: "O-1", text: "t", extra: true }] };
    const problem = await problemOf(await postRaw("/echo", JSON.stringify(body)), 400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: "constituentz", message: "unknown field" },
        { path: "opinions.0.extra", message: "unknown field" },
      ]),
    );
  });

  it("validates the query string", async () => {
    expect(await (await fetch(`${base}/query?limit=20&status=open`)).json()).toEqual({ limit: 20, status: "open" });
    const problem = await problemOf(await fetch(`${base}/query?limit=500&stauts=open`), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["limit", "stauts"]);
  });

  it("answers an unknown route with 404 problem+json", async () => {
    const problem = await problemOf(await fetch(`${base}/v1/nowhere`), 404);
    expect(problem).toMatchObject({ type: "/problems/not-found", detail: "no route for GET /v1/nowhere" });
  });

  it("answers a domain rule with 422 and its fields", async () => {
    const problem = await problemOf(await postRaw("/rule", "{}"), 422);
    expect(problem).toMatchObject({ type: "/problems/domain-rule", errors: [{ path: "category", message: "required" }] });
  });

  it("answers an unexpected error with a generic 500, logged at error level", async () => {
    const response = await fetch(`${base}/boom`, { headers: { "x-request-id": "boom-request-1" } });
    const problem = await problemOf(response, 500);
    expect(JSON.stringify(problem)).not.toMatch(/SQLITE|secret|stack/);
    expect(problem.requestId).toBe("boom-request-1");
    const logged = logLines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string }; reqId?: string });
    const entry = logged.find((l) => l.msg === "request failed with an unexpected error");
    expect(entry?.level).toBe(50);
    expect(entry?.err?.message).toMatch(/SQLITE_CORRUPT/);
  });

  it("honours a sane X-Request-Id and replaces an insane one", async () => {
    const kept = await fetch(`${base}/v1/nowhere`, { headers: { "x-request-id": "abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123");
    const replaced = await fetch(`${base}/v1/nowhere`, { headers: { "x-request-id": "bad id <script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await fetch(`${base}/v1/nowhere`);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sets security headers", async () => {
    const response = await fetch(`${base}/v1/nowhere`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("401 without or with a bad token, with WWW-Authenticate", async () => {
    const missing = await fetch(`${base}/secure/me`);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="duty-ledger"');
    expect((await problemOf(missing, 401)).type).toBe("/problems/unauthenticated");
    const expired = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: -120 });
    const problem = await problemOf(await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${expired}` } }), 401);
    expect(problem.detail).toBe("token expired");
  });

  it("401 problem+json for an unbounded lifetime and for a sub with a newline or NUL (security review)", async () => {
    const key = new TextEncoder().encode(secret);
    const iat = Math.floor(Date.now() / 1000);
    const forever = await new SignJWT({ role: "office", sub: "L-1", iat, exp: 1e20 }).setProtectedHeader({ alg: "HS256" }).sign(key);
    const tooLong = await problemOf(await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${forever}` } }), 401);
    expect(tooLong.type).toBe("/problems/unauthenticated");
    expect(tooLong.detail).toMatch(/lifetime/);
    for (const sub of ["O-1\nrole=office", "O-1\u0000"]) {
      const token = await new SignJWT({ role: "office" }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("1h").sign(key);
      const problem = await problemOf(await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${token}` } }), 401);
      expect(problem.detail).toMatch(/sub/);
    }
  });

  it("puts the principal on the request and enforces roles (403)", async () => {
    const me = await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${deputyToken}` } });
    expect(await me.json()).toEqual({ id: "D-0001", role: "deputy" });
    const forbidden = await problemOf(await fetch(`${base}/secure/office`, { headers: { authorization: `Bearer ${deputyToken}` } }), 403);
    expect(forbidden.type).toBe("/problems/forbidden");
    expect((await fetch(`${base}/secure/office`, { headers: { authorization: `Bearer ${officeToken}` } })).status).toBe(200);
  });

  it("never logs the Authorization header", () => {
    const all = logLines.join("\n");
    expect(all).toContain("/secure/office");
    expect(all).not.toContain(officeToken);
    expect(all).not.toContain(deputyToken);
    expect(all.toLowerCase()).not.toContain("authorization");
  });

  it("logs the principal of authenticated requests", () => {
    const entries = logLines.map((line) => JSON.parse(line) as { principal?: { id: string }; req?: { url: string } });
    expect(entries.some((e) => e.req?.url === "/secure/office" && e.principal?.id === "O-1")).toBe(true);
  });

  it("limits per subject with 429 problem+json and Retry-After", async () => {
    // The office token already made one request in this window; limit 3 per subject.
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${officeToken}` } });
      statuses.push(last.status);
      if (last.status !== 429) await last.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    const problem = await problemOf(last as Response, 429);
    expect(problem.type).toBe("/problems/rate-limited");
    expect(Number((last as Response).headers.get("retry-after"))).toBeGreaterThan(0);
    // Another subject is not affected.
    const other = await signToken({ secret, sub: "O-2", role: "office", expiresIn: "1h" });
    expect((await fetch(`${base}/secure/me`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
  });
});

describe("per-IP rate limit", () => {
  it("answers 429 problem+json past the limit", async () => {
    const app = createHttpApp({ logger: pino({ level: "silent" }), rateLimitPerIp: { limit: 2, windowMs: 60_000 } });
    const { server, base } = await listen(app);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${base}/anything`);
        statuses.push(response.status);
        if (i < 2) await response.body?.cancel();
        else await problemOf(response, 429);
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await close(server);
    }
  });
});
