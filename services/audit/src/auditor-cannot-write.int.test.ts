import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, signToken, type IdempotencyStore } from "@duty-ledger/http-kit";
import { createLedgerApi } from "@duty-ledger/ledger-api";
import type { Router } from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, tempDir } from "./audit.test-support.js";

// "Auditors read everything and write nothing" (architecture.md): every write endpoint of the
// real ledger API, found in its router (so an endpoint added later is covered too), answers 403
// to an auditor's token, and nothing is appended.

const secret = "audit-write-test-secret-of-32-bytes!!";

/** The write endpoints of api-v1.md: the router must hold at least these. */
const contractWrites = [
  "/v1/deputies",
  "/v1/units",
  "/v1/stations",
  "/v1/contacts",
  "/v1/contacts/:id/feedback",
  "/v1/suggestions",
  "/v1/suggestions/:id/pre-review",
  "/v1/suggestions/:id/assignment",
  "/v1/suggestions/:id/steps",
  "/v1/suggestions/:id/reply",
  "/v1/suggestions/:id/publication",
  "/v1/suggestions/:id/evaluation",
  "/v1/suggestions/:id/extension",
  "/v1/events\\:void",
];

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

/** Every (method, path) of a write the router serves. */
const writeRoutes = (router: Router): { method: string; path: string }[] =>
  (router.stack as readonly RouteLayer[]).flatMap((layer) =>
    layer.route === undefined
      ? []
      : Object.keys(layer.route.methods)
          .filter((method) => ["post", "put", "patch", "delete"].includes(method))
          .map((method) => ({ method: method.toUpperCase(), path: (layer.route as { path: string }).path })),
  );

/** A concrete URL path for a route path: `:id` filled, `\:` unescaped. */
const concrete = (path: string): string => path.replaceAll(":id", "S-0001").replaceAll("\\:", ":");

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
let idempotency: IdempotencyStore & { close(): void };
let router: Router;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  temp = tempDir("no-write");
  store = openStore(join(temp.dir, "events.sqlite"));
  idempotency = createSqliteIdempotencyStore({ dataDir: temp.dir });
  router = createLedgerApi({ store, verifier: createTokenVerifier({ secret }), idempotency });
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [router], rateLimitPerIp: false });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  idempotency.close();
  await store.close();
  temp.remove();
});

describe("an auditor's token on the write API", () => {
  it("finds every write endpoint of the contract in the ledger API's router", () => {
    const paths = writeRoutes(router).map((route) => route.path);
    for (const path of contractWrites) expect(paths, path).toContain(path);
  });

  it("is refused with 403 by every write endpoint, and nothing is appended", async () => {
    const auditor = await signToken({ secret, role: "auditor", sub: "AUD-1", expiresIn: "1h" });
    const office = await signToken({ secret, role: "office", sub: "OFF-1", expiresIn: "1h" });
    const routes = writeRoutes(router);
    expect(routes.length).toBeGreaterThanOrEqual(contractWrites.length);
    for (const { method, path } of routes) {
      const url = `${baseUrl}${concrete(path)}`;
      const body = JSON.stringify({ deputyId: "D-1", unitId: "U-1", name: "x" });
      const headers = { "content-type": "application/json", "idempotency-key": `k-${path}` };
      const before = await store.headPosition();
      const refused = await fetch(url, { method, headers: { ...headers, authorization: `Bearer ${auditor}` }, body });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(await store.headPosition(), `${method} ${path} appended`).toBe(before);
      // The same request with a writer's token gets past the role check (anything but 403),
      // so the 403 above is the auditor's role being refused, not a broken route.
      const writer = await fetch(url, { method, headers: { ...headers, "idempotency-key": `o-${path}`, authorization: `Bearer ${office}` }, body });
      // Routes only a unit or a deputy writes (the office is refused there too).
      const notOffice =
        ["/steps", "/reply", "/evaluation", "/confirmation", "/co-signature"].some((part) => path.includes(part)) ||
        ["/extension-request", "/return-request"].some((request) => path.endsWith(request));
      if (!notOffice) expect(writer.status, `office ${method} ${path}`).not.toBe(403);
    }
    for await (const event of store.readAll()) expect(event.metadata.actor.role).not.toBe("auditor");
  });
});
