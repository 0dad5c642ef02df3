// The routers as `startServer` builds them, for their route lists (nothing is served from these); excluded from the build.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuditApi, createTransparencyApi, loadOrCreateSigningKey } from "@duty-ledger/audit";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createOpenApiRouter, createSqliteIdempotencyStore, createTokenVerifier } from "@duty-ledger/http-kit";
import { createLedgerApi, createPeopleApi, createPeopleKeyStore, createRankingApi } from "@duty-ledger/ledger-api";
import { createProjector } from "@duty-ledger/projector";
import { createQueryApi } from "@duty-ledger/query-api";
import type { Router } from "express";
import { pino } from "pino";
import { buildApiDocument } from "./api-document.js";

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

/** `METHOD path` of each route a router serves, the path as Express mounts it (`/v1/events\\:void`). */
export const routesOf = (router: Router): string[] =>
  (router.stack as readonly RouteLayer[]).flatMap((layer) =>
    layer.route === undefined ? [] : Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${(layer.route as { path: string }).path}`),
  );

export interface ApiRouters {
  readonly routers: readonly { readonly name: string; readonly router: Router }[];
  close(): Promise<void>;
}

/** The API routers of the all-in-one server (not the web page's), on a temporary store. */
export const buildApiRouters = (): ApiRouters => {
  const dir = mkdtempSync(join(tmpdir(), "duty-ledger-api-routes-"));
  const store = createSqliteEventStore({ path: join(dir, "events.sqlite"), durability: "normal" });
  const idempotency = createSqliteIdempotencyStore({ dataDir: dir });
  const verifier = createTokenVerifier({ secret: "routes-only-secret-of-at-least-32-bytes!" });
  const projector = createProjector({ store, dataDir: dir, logger: pino({ level: "silent" }) });
  const keys = createPeopleKeyStore({ dataDir: dir, masterKey: Buffer.alloc(32) });
  return {
    routers: [
      { name: "ledger-api", router: createLedgerApi({ store, verifier, idempotency }) },
      { name: "people", router: createPeopleApi({ store, verifier, idempotency, keys }) },
      { name: "rankings", router: createRankingApi({ store, verifier, idempotency, computeRanking: () => Promise.reject(new Error("routes only")) }) },
      { name: "query-api", router: createQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier }) },
      { name: "audit", router: createAuditApi({ store, verifier }) },
      { name: "transparency", router: createTransparencyApi({ store, verifier, signer: loadOrCreateSigningKey({ dataDir: dir }), origin: "duty-ledger/routes" }) },
      { name: "openapi", router: createOpenApiRouter(buildApiDocument()) },
    ],
    async close() {
      await projector.stop();
      keys.close();
      idempotency.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
