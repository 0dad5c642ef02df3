// The web page's browser tests: a server like `pnpm demo` (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import { createAuditApi, createTransparencyApi, loadOrCreateSigningKey } from "@duty-ledger/audit";
import { createLedgerApi, createLivelihoodApi, createRankingApi, createVoiceApi } from "@duty-ledger/ledger-api";
import { allProjections, createProjectionEngine, createReadModels, createSqliteReadModelStore } from "@duty-ledger/projections";
import { createLivelihoodQueryApi, createQueryApi, createRankingComputer, createVoiceQueryApi } from "@duty-ledger/query-api";
import { createDemoIdentityCollector, createSimulatedClock, seedStore } from "@duty-ledger/generator";
import { pino } from "pino";
import type { WebDemoIdentity } from "./demo-identity.js";
import { createWebApp } from "./web-app.js";

export const demoSecret = "web-e2e-demo-secret-of-at-least-32-bytes";

export interface DemoServer {
  readonly url: string;
  readonly identities: readonly WebDemoIdentity[];
  /** The store's head position after seeding. */
  readonly seededEvents: number;
  readonly seedMs: number;
  token(role: PrincipalRole, sub: string, stationId?: string): Promise<string>;
  /** An API call with a bearer token; the parsed JSON body. */
  api<T = unknown>(token: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The ledger on a demo store, as `pnpm demo` serves it: a generated county (profile `county`,
 * seed 1) seeded into a fresh SQLite store with `recordedAt` following the simulated time, the
 * projector in-process, the write and read APIs and the web page (with the demo identities)
 * on one port of 127.0.0.1. After seeding, the store's clock is the real one.
 */
export interface DemoServerOptions {
  /** Offer sign-in with this OIDC provider on the page. */
  readonly oidc?: { readonly issuer: string; readonly clientId: string };
}

export const startDemoServer = async (options: DemoServerOptions = {}): Promise<DemoServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-web-"));
  const simulated = createSimulatedClock();
  let seeding = true;
  const storeClock = (): Date => (seeding ? simulated.now() : new Date());
  const logger = pino({ level: "silent" });
  const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal", pollIntervalMs: 20, now: storeClock });
  const collector = createDemoIdentityCollector();
  const started = performance.now();
  const seeded = await seedStore(store, { profile: "county", seed: 1 }, { clock: simulated, observe: (append) => collector.observe(append) });
  seeding = false;

  const readModelStore = createSqliteReadModelStore({ path: join(dataDir, "read-models.sqlite") });
  const engine = createProjectionEngine({ store, readModels: readModelStore, projections: allProjections, logger, maxBatchWaitMs: 5 });
  const readModels = createReadModels(readModelStore, { waitFor: engine.waitFor });
  const verifier = createTokenVerifier({ secret: demoSecret });
  const idempotency = createSqliteIdempotencyStore({ dataDir });
  const token = (role: PrincipalRole, sub: string, stationId?: string): Promise<string> =>
    signToken({ secret: demoSecret, role, sub, stationId, expiresIn: "2h" });
  const identities: WebDemoIdentity[] = await Promise.all(
    collector.identities().map(async (identity) => ({
      label: identity.name,
      role: identity.role,
      sub: identity.sub,
      stationId: identity.stationId,
      token: await token(identity.role, identity.sub, identity.stationId),
    })),
  );
  const app = createHttpApp({
    logger,
    routes: [
      createLedgerApi({ store, verifier, idempotency }),
      // 民生实事项目票决, 转办, published rankings, the audit log and its Merkle tree: as `duty-ledger start` serves them.
      createLivelihoodApi({ store, verifier, idempotency }),
      createVoiceApi({ store, verifier, idempotency }),
      createRankingApi({ store, verifier, idempotency, computeRanking: createRankingComputer({ store, readModels, waitFor: engine.waitFor }) }),
      createQueryApi({ readModels, projector: engine, verifier }),
      createLivelihoodQueryApi({ readModels, projector: engine, verifier }),
      createVoiceQueryApi({ readModels, projector: engine, verifier }),
      createAuditApi({ store, verifier }),
      createTransparencyApi({ store, verifier, signer: loadOrCreateSigningKey({ dataDir }), origin: "duty-ledger/web-e2e" }),
      createWebApp({ demoIdentities: identities, oidc: options.oidc, logger }),
    ],
  });
  await engine.start();
  if (!(await engine.waitFor(seeded.headPosition, 120_000))) throw new Error("the projections did not catch up with the seeded store");
  const seedMs = Math.round(performance.now() - started);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    identities,
    seededEvents: seeded.headPosition,
    seedMs,
    token,
    async api<T>(bearer: string, path: string, body?: unknown) {
      const response = await fetch(`${url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
      idempotency.close();
      await readModelStore.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The `nth` demo identity of `role` the server's store was seeded with. */
export const demoIdentity = (server: DemoServer, role: WebDemoIdentity["role"], nth = 0): WebDemoIdentity => {
  const found = server.identities.filter((identity) => identity.role === role)[nth];
  if (found === undefined) throw new Error(`no demo identity ${role} #${nth}`);
  return found;
};
