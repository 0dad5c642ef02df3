import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomainRuleError } from "@duty-ledger/domain";
import express, { type Express } from "express";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { authenticate } from "./authenticate.js";
import { createHttpApp } from "./create-http-app.js";
import { deterministicEventId } from "./deterministic-id.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import { principalOf } from "./principal.js";
import { signToken } from "./sign-token.js";
import { createSqliteIdempotencyStore } from "./sqlite-idempotency-store.js";
import { createTokenVerifier } from "./token-verifier.js";
import { validateBody } from "./validate.js";
import { idempotencyKeyOf, idempotencyScopeOf, withIdempotency } from "./with-idempotency.js";

const secret = "idempotency-int-test-secret-0123456789abcdef";

const listen = async (app: Express): Promise<{ server: Server; base: string }> => {
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, "127.0.0.1", () => resolve(started));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const close = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

const deferred = (): { promise: Promise<void>; resolve: () => void } => {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe("withIdempotency over real HTTP and SQLite", () => {
  let dataDir: string;
  let store: IdempotencyStore;
  let server: Server;
  let base: string;
  let token: string;
  let otherToken: string;
  let officeToken: string;
  let runs = 0;
  let gate: { promise: Promise<void>; resolve: () => void } | undefined;
  let refuseNext = false;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "http-kit-idem-"));
    store = createSqliteIdempotencyStore({ dataDir });
    const router = express.Router();
    router.post(
      "/v1/things",
      authenticate(createTokenVerifier({ secret })),
      validateBody(z.strictObject({ name: z.string() })),
      withIdempotency(store),
      async (req, res) => {
        runs += 1;
        if (gate !== undefined) await gate.promise;
        if (refuseNext) {
          refuseNext = false;
          throw new DomainRuleError("not now");
        }
        const key = idempotencyKeyOf(req);
        const eventId = key === undefined ? null : deterministicEventId("test", idempotencyScopeOf(principalOf(req)), key, "0");
        res.status(201).json({ id: `T-${runs}`, name: req.body.name, eventId });
      },
    );
    router.post("/v1/empty", authenticate(createTokenVerifier({ secret })), withIdempotency(store), (_req, res) => {
      runs += 1;
      res.status(204).end();
    });
    ({ server, base } = await listen(createHttpApp({ logger: pino({ level: "silent" }), routes: [router] })));
    token = await signToken({ secret, sub: "D-0001", role: "deputy", expiresIn: "1h" });
    otherToken = await signToken({ secret, sub: "D-0002", role: "deputy", expiresIn: "1h" });
    officeToken = await signToken({ secret, sub: "D-0001", role: "office", expiresIn: "1h" });
  });

  afterAll(async () => {
    await close(server);
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    gate = undefined;
    refuseNext = false;
  });

  const post = (key: string | undefined, body: unknown, bearer = token, path = "/v1/things") =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${bearer}`,
        "content-type": "application/json",
        ...(key === undefined ? {} : { "idempotency-key": key }),
      },
      body: JSON.stringify(body),
    });

  it("replays the first answer for the same key and body, without running the handler", async () => {
    const before = runs;
    const first = await post("key-replay", { name: "a" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replay")).toBeNull();
    const firstBody = (await first.json()) as { eventId: string };
    expect(firstBody.eventId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await post("key-replay", { name: "a" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(runs).toBe(before + 1);
  });

  it("treats a reordered/respaced body as the same request", async () => {
    const first = await post("key-canonical", { name: "b" });
    const again = await fetch(`${base}/v1/things`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": "key-canonical" },
      body: '{  "name" :  "b" }',
    });
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
  });

  it("answers 409 for the same key with a different body", async () => {
    expect((await post("key-conflict", { name: "c" })).status).toBe(201);
    const before = runs;
    const conflict = await post("key-conflict", { name: "other" });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("content-type")).toMatch(/problem\+json/);
    expect(((await conflict.json()) as { type: string }).type).toBe("/problems/conflict");
    expect(runs).toBe(before);
  });

  it("answers 409 with Retry-After while the same key is in flight, then replays", async () => {
    const release = deferred();
    gate = release;
    const runsBefore = runs;
    const first = post("key-inflight", { name: "d" });
    try {
      // Wait until the first request is inside its handler.
      await expect.poll(() => runs).toBe(runsBefore + 1);
      const second = await post("key-inflight", { name: "d" });
      expect(second.status).toBe(409);
      expect(second.headers.get("retry-after")).toBe("1");
      expect(((await second.json()) as { detail: string }).detail).toMatch(/still being processed/);
      expect(runs).toBe(runsBefore + 1);
    } finally {
      release.resolve();
    }
    const firstResponse = await first;
    expect(firstResponse.status).toBe(201);
    const firstBody: unknown = await firstResponse.json();
    const third = await post("key-inflight", { name: "d" });
    expect(third.headers.get("idempotent-replay")).toBe("true");
    expect(await third.json()).toEqual(firstBody);
    expect(runs).toBe(runsBefore + 1);
  });

  it("records the answer of a request whose client gave up, so the retry replays it", async () => {
    const release = deferred();
    gate = release;
    const runsBefore = runs;
    const abort = new AbortController();
    const first = fetch(`${base}/v1/things`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": "key-abandoned" },
      body: JSON.stringify({ name: "z" }),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    await expect.poll(() => runs).toBe(runsBefore + 1);
    abort.abort();
    expect(await first).toBeInstanceOf(Error);
    release.resolve();
    // The handler finishes after the disconnect; its 2xx is recorded all the same.
    await expect
      .poll(async () => {
        const retry = await post("key-abandoned", { name: "z" });
        return `${retry.status} ${retry.headers.get("idempotent-replay")}`;
      })
      .toBe("201 true");
    expect(runs).toBe(runsBefore + 1);
  });

  it("does not record a refused request: the key can be retried", async () => {
    refuseNext = true;
    const refused = await post("key-retry", { name: "e" });
    expect(refused.status).toBe(422);
    const before = runs;
    const retried = await post("key-retry", { name: "e" });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replay")).toBeNull();
    expect(runs).toBe(before + 1);
  });

  it("scopes keys per principal", async () => {
    const mine = (await (await post("key-shared", { name: "f" })).json()) as { id: string; eventId: string };
    const theirs = await post("key-shared", { name: "f" }, otherToken);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replay")).toBeNull();
    const theirsBody = (await theirs.json()) as { id: string; eventId: string };
    expect(theirsBody.id).not.toBe(mine.id);
    expect(theirsBody.eventId).not.toBe(mine.eventId);
  });

  it("scopes keys by role as well as sub: an office token with the deputy's sub shares nothing (security review)", async () => {
    const mine = (await (await post("key-role", { name: "r" })).json()) as { id: string; eventId: string };
    const office = await post("key-role", { name: "r" }, officeToken);
    expect(office.status).toBe(201);
    expect(office.headers.get("idempotent-replay")).toBeNull();
    const officeBody = (await office.json()) as { id: string; eventId: string };
    expect(officeBody.id).not.toBe(mine.id);
    expect(officeBody.eventId).not.toBe(mine.eventId);
    // Another request under the same key by the other role: its own request, not a 409.
    expect((await post("key-role", { name: "other" }, officeToken)).status).toBe(409);
    expect((await post("key-role-2", { name: "x" })).status).toBe(201);
    expect((await post("key-role-2", { name: "y" }, officeToken)).status).toBe(201);
  });

  it("runs every request without a key", async () => {
    const before = runs;
    await post(undefined, { name: "g" });
    await post(undefined, { name: "g" });
    expect(runs).toBe(before + 2);
  });

  it("refuses a malformed key with 400", async () => {
    for (const key of ["x".repeat(201), "clé", ""]) {
      const response = await post(key, { name: "h" });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/Idempotency-Key/);
    }
  });

  it("replays a 2xx without a body", async () => {
    const before = runs;
    expect((await post("key-empty", {}, token, "/v1/empty")).status).toBe(204);
    const again = await post("key-empty", {}, token, "/v1/empty");
    expect(again.status).toBe(204);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(runs).toBe(before + 1);
  });

  it("keeps the records across a reopen of the file", async () => {
    const reopened = createSqliteIdempotencyStore({ dataDir });
    try {
      const begun = await reopened.begin(idempotencyScopeOf({ id: "D-0001", role: "deputy" }), "key-replay", "not-the-fingerprint");
      expect(begun.kind).toBe("mismatch");
    } finally {
      reopened.close();
    }
  });
});

describe("createSqliteIdempotencyStore", () => {
  let dataDir: string;
  let clock = 0;
  let store: IdempotencyStore;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "http-kit-idem-store-"));
    store = createSqliteIdempotencyStore({
      path: join(dataDir, "nested", "idem.sqlite"),
      ttlMs: 1000,
      inFlightLeaseMs: 100,
      pruneIntervalMs: 1_000_000,
      now: () => clock,
    });
  });

  afterAll(() => {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("replays within the TTL and forgets after it", async () => {
    clock = 10_000;
    const begun = await store.begin("s", "k1", "fp");
    if (begun.kind !== "started") throw new Error(`expected started, got ${begun.kind}`);
    await store.complete("s", "k1", begun.attempt, { status: 201, body: { id: 1 } });
    clock = 10_999;
    expect(await store.begin("s", "k1", "fp")).toEqual({ kind: "replay", response: { status: 201, body: { id: 1 } } });
    clock = 11_001;
    expect((await store.begin("s", "k1", "other-fp")).kind).toBe("started");
  });

  it("lets a crashed in-flight attempt be taken over after the lease; the old attempt cannot complete", async () => {
    clock = 20_000;
    const crashed = await store.begin("s", "k2", "fp");
    if (crashed.kind !== "started") throw new Error("expected started");
    clock = 20_050;
    expect((await store.begin("s", "k2", "fp")).kind).toBe("in-flight");
    clock = 20_200;
    const takeover = await store.begin("s", "k2", "fp");
    if (takeover.kind !== "started") throw new Error("expected a takeover");
    await store.complete("s", "k2", crashed.attempt, { status: 201, body: { from: "crashed" } });
    await store.complete("s", "k2", takeover.attempt, { status: 201, body: { from: "takeover" } });
    expect(await store.begin("s", "k2", "fp")).toEqual({ kind: "replay", response: { status: 201, body: { from: "takeover" } } });
  });

  it("abandon frees the key", async () => {
    clock = 30_000;
    const begun = await store.begin("s", "k3", "fp");
    if (begun.kind !== "started") throw new Error("expected started");
    await store.abandon("s", "k3", begun.attempt);
    expect((await store.begin("s", "k3", "another")).kind).toBe("started");
  });

  it("prunes expired records", async () => {
    clock = 40_000;
    const begun = await store.begin("s", "k4", "fp");
    if (begun.kind !== "started") throw new Error("expected started");
    await store.complete("s", "k4", begun.attempt, { status: 200, body: null });
    clock = 40_500;
    const pending = await store.begin("s", "k5", "fp");
    expect(pending.kind).toBe("started");
    clock = 41_200; // k4 past its TTL, k5 past its lease, k3 (30_000) long gone
    expect(await store.prune()).toBeGreaterThanOrEqual(2);
    expect(await store.prune()).toBe(0);
  });
});

describe("createSqliteIdempotencyStore as the sole owner of its file", () => {
  it("releases at open what a crashed predecessor left in flight, and keeps completed answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idempotency-owner-"));
    try {
      const crashed = createSqliteIdempotencyStore({ dataDir: dir, soleOwner: true });
      const done = await crashed.begin("s", "done", "fp");
      if (done.kind !== "started") throw new Error("expected started");
      await crashed.complete("s", "done", done.attempt, { status: 201, body: { id: "A" } });
      expect((await crashed.begin("s", "left", "fp")).kind).toBe("started");
      crashed.close(); // the process dies with "left" in flight

      const shared = createSqliteIdempotencyStore({ dataDir: dir });
      expect((await shared.begin("s", "left", "fp")).kind).toBe("in-flight"); // not the owner: waits for the lease
      shared.close();

      const restarted = createSqliteIdempotencyStore({ dataDir: dir, soleOwner: true });
      expect((await restarted.begin("s", "left", "fp")).kind).toBe("started");
      expect(await restarted.begin("s", "done", "fp")).toEqual({ kind: "replay", response: { status: 201, body: { id: "A" } } });
      restarted.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
