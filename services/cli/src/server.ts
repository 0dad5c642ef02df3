import { join } from "node:path";
import { createAuditApi, createTransparencyApi, loadOrCreateSigningKey, startTreeHeadIssuer, verifyInWorkerThread } from "@duty-ledger/audit";
import type { EventStore } from "@duty-ledger/event-store";
import {
  createHttpApp,
  createOpenApiRouter,
  createSqliteIdempotencyStore,
  createTokenVerifier,
  listen,
  rateLimitBySubject,
  servedRoutesOf,
  type TokenVerifierConfig,
} from "@duty-ledger/http-kit";
import { createLedgerApi, createLivelihoodApi, createPeopleApi, createPeopleKeyStore, createRankingApi, createVoiceApi, loadDeadlinePolicies, loadOrCreateMasterKey, loadWorkingCalendar } from "@duty-ledger/ledger-api";
import { createLivelihoodQueryApi, createQueryApi, createRankingComputer, createVoiceQueryApi, healthOf, type ProjectorView } from "@duty-ledger/query-api";
import { createRuleSetRegistry, loadRuleSets } from "@duty-ledger/scoring";
import { createApiReference } from "@duty-ledger/web";
import { Router, type RequestHandler } from "express";
import type { Logger } from "pino";
import { buildApiDocument } from "./api-document.js";
import type { Config } from "./config.js";
import { describeParts } from "./parts.js";
import { startReadSide } from "./read-side.js";

/** How long a stop waits for the projector to catch up with the last writes. */
const drainTimeoutMs = 5_000;

export interface RunningServer {
  readonly url: string;
  readonly store: EventStore;
  /** `METHOD path` of every route served (the routers' own; for the OpenAPI contract test). */
  readonly routes: () => readonly string[];
  /** Stops accepting requests, finishes those in flight, flushes the projector, closes the stores. */
  close(): Promise<void>;
}

/** GET /v1/health of a process without the query part (its load balancer's and container's check): the same answer. */
const healthRouter = (view: ProjectorView): RequestHandler => {
  const router = Router();
  router.get("/v1/health", async (_req, res) => {
    const health = await healthOf(view);
    res.setHeader("Cache-Control", "no-store");
    res.status(health.status === "ok" || health.status === "catching-up" ? 200 : 503).json(health);
  });
  return router;
};

export interface StartServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: EventStore;
  readonly verifierConfig: TokenVerifierConfig;
  /** Routers mounted before the API's 404 (the web page). */
  readonly extraRoutes?: readonly RequestHandler[];
}

/**
 * The ledger of `pnpm start`: the write API, the read API and the auditor endpoints on one port,
 * with the projector running in this process, on a thread of its own (a rebuild's commits take
 * seconds of CPU: on the thread that answers HTTP they would stall every request), and signed
 * tree heads issued every 10 minutes while the log grows and at stop. `DUTY_LEDGER_PARTS`
 * narrows it (design/scale-out.md): `ledger` serves the write, ranking, audit and transparency
 * routes (and issues the tree heads), `query` the read routes, `projector` runs the projector
 * (on PostgreSQL read models under the projector lease: a standby until it holds it);
 * `read-side.ts` says where the readers come from. Every process serves the OpenAPI document,
 * the API reference and the extra routes.
 */
export const startServer = async ({ config, logger, store, verifierConfig, extraRoutes = [] }: StartServerOptions): Promise<RunningServer> => {
  const { parts } = config;
  const verifier = createTokenVerifier(verifierConfig);
  const { perIp, perSubject: perSubjectLimit } = config.rateLimit;
  const perSubject = perSubjectLimit === 0 ? [] : [rateLimitBySubject({ limit: perSubjectLimit })];
  const ruleSets = createRuleSetRegistry(await loadRuleSets(join(config.dataDir, "rule-sets")));
  // Statutory holidays: the built-in years and the deployment's `<dataDir>/holidays/*.json`.
  const workingCalendar = await loadWorkingCalendar(config.dataDir);
  // Deadline policies: the built-in ones and the deployment's `<dataDir>/deadline-policies/*.json` (a bad file stops the start, named).
  const deadlinePolicies = await loadDeadlinePolicies(config.dataDir);
  const readSide = await startReadSide(config, store, logger);
  const { readModels, view } = readSide;
  const ledgerPart = parts.ledger
    ? (() => {
        const idempotency = createSqliteIdempotencyStore({ dataDir: config.dataDir, soleOwner: true });
        const signer = loadOrCreateSigningKey({ dataDir: config.dataDir, keyFile: config.transparency.signingKeyFile });
        // The people's data keys, apart from the log, wrapped by the master key (personal-data.md).
        const people = createPeopleKeyStore({ dataDir: config.dataDir, masterKey: loadOrCreateMasterKey({ dataDir: config.dataDir, keyFile: config.masterKeyFile }) });
        const routes: RequestHandler[] = [
          createLedgerApi({ store, verifier, idempotency, afterAuth: perSubject, recordingGraceMs: config.recordingGraceMs, people, policies: deadlinePolicies, calendar: workingCalendar }),
          createPeopleApi({ store, verifier, idempotency, keys: people, afterAuth: perSubject, recordingGraceMs: config.recordingGraceMs }),
          // POST /v1/rankings: the answer computed from the read models, bound to the store's tree head.
          createRankingApi({
            store,
            verifier,
            idempotency,
            afterAuth: perSubject,
            recordingGraceMs: config.recordingGraceMs,
            computeRanking: createRankingComputer({ store, readModels, waitFor: (position, timeoutMs) => view.waitFor(position, timeoutMs), ruleSets }),
          }),
          // 民生实事项目票决 (design/livelihood.md): programmes and their projects.
          createLivelihoodApi({ store, verifier, idempotency, afterAuth: perSubject, recordingGraceMs: config.recordingGraceMs }),
      // 转办 and the deputies' other duty activities (design/voice-and-supervision.md).
      createVoiceApi({ store, verifier, idempotency, workingCalendar, afterAuth: perSubject, recordingGraceMs: config.recordingGraceMs }),
        ];
        const auditRoutes: RequestHandler[] = [
          createAuditApi({ store, verifier, afterAuth: perSubject, verify: verifyInWorkerThread(config.store) }),
          createTransparencyApi({ store, verifier, signer, origin: config.transparency.origin, afterAuth: perSubject }),
        ];
        return { idempotency, signer, people, routes, auditRoutes };
      })()
    : null;
  const queryRoutes: RequestHandler[] = parts.query
    ? [createQueryApi({ readModels, projector: view, verifier, ruleSets, afterAuth: perSubject, deadlinePolicies, calendar: workingCalendar }), createLivelihoodQueryApi({ readModels, projector: view, verifier, afterAuth: perSubject }), createVoiceQueryApi({ readModels, projector: view, verifier, afterAuth: perSubject })]
    : [healthRouter(view)];

  const app = createHttpApp({
    logger,
    rateLimitPerIp: perIp === 0 ? false : { limit: perIp },
    trustProxy: config.trustProxy,
    routes: [
      ...(ledgerPart?.routes ?? []),
      ...queryRoutes,
      ...(ledgerPart?.auditRoutes ?? []),
      // GET /v1/openapi.json and the interactive reference at /docs (no token).
      createOpenApiRouter(buildApiDocument()),
      createApiReference(),
      ...extraRoutes,
    ],
  });

  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(app, config.port, config.host, config.serverLimits);
  } catch (error) {
    // Not serving (the port is taken…): the projector's thread must not keep the process alive.
    await readSide.close();
    ledgerPart?.idempotency.close();
    ledgerPart?.people.close();
    throw error;
  }
  const log = store.transparencyLog;
  const heads = log === undefined || ledgerPart === null ? null : startTreeHeadIssuer({ log, signer: ledgerPart.signer, headPosition: () => store.headPosition(), logger });
  if (!(parts.ledger && parts.query && parts.projector)) logger.info({ parts: describeParts(parts) }, "duty-ledger: running some parts only");

  return {
    url: listening.url,
    store,
    routes: () => servedRoutesOf(app),
    async close() {
      await listening.close();
      // No more writes: a signed tree head over the whole log.
      await heads?.stop().catch((error: unknown) => logger.warn({ err: error }, "the tree head at stop could not be issued"));
      // No more writes: let the projector reach the head (bounded), so the read models and
      // their checkpoint hold everything acknowledged before the stop.
      await readSide.drain(await store.headPosition(), drainTimeoutMs);
      await readSide.close();
      ledgerPart?.idempotency.close();
      ledgerPart?.people.close();
      await store.close();
    },
  };
};
