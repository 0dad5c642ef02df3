// Helpers of the query API's integration tests (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, EVENTS_FILE_NAME, type SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, listen, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import { createLedgerApi, createLivelihoodApi, createRankingApi, createVoiceApi } from "@duty-ledger/ledger-api";
import {
  allProjections,
  createProjectionEngine,
  createReadModels,
  createSqliteReadModelStore,
  type ProjectionEngine,
  type ReadModels,
  type SqliteReadModelStore,
} from "@duty-ledger/projections";
import type { RuleSetRegistry } from "@duty-ledger/scoring";
import { sendApiRequest, type ApiRequest, type ApiResponse, type ApiTarget } from "@duty-ledger/testing";
import { pino } from "pino";
import { expect } from "vitest";
import { readModelsProjectorView, type ProjectorView } from "./projector-view.js";
import { createQueryApi } from "./query-api.js";
import { createRankingComputer } from "./ranking-computer.js";
import { createVoiceQueryApi } from "./voice-reads.js";
import { createLivelihoodQueryApi } from "./livelihood-reads.js";

export const testSecret = "query-api-test-secret-of-at-least-32-bytes";
export const otherSecret = "another-secret-that-the-services-do-not-know";

export interface TestQuerySideOptions {
  /** The clock of the ledger, the event store and the query API; settable through `setNow`. Default 2024-12-20 12:00 Shanghai. */
  readonly now?: string;
  readonly minPositionTimeoutMs?: number;
  /** `engine`: the in-process engine's `waitFor`; `polling`: the read-model store polled, as with a projector in another process. */
  readonly projector?: "engine" | "polling";
  /** Start the projection engine now (default) or later with `startEngine()`. */
  readonly startEngine?: boolean;
  readonly ruleSets?: RuleSetRegistry;
}

export interface WriteResult {
  readonly id: string;
  readonly eventIds: readonly string[];
  readonly position: number;
  readonly [extra: string]: unknown;
}

export interface TestQuerySide extends ApiTarget {
  readonly store: SqliteEventStore;
  readonly readModelStore: SqliteReadModelStore;
  readonly readModels: ReadModels;
  readonly engine: ProjectionEngine;
  readonly projector: ProjectorView;
  token(role: PrincipalRole, sub: string, stationId?: string): Promise<string>;
  /** Sets the shared clock. */
  setNow(iso: string): void;
  /** POSTs through the real ledger-api; fails the test unless 201. */
  write(path: string, token: string, body: unknown): Promise<WriteResult>;
  get(path: string, token?: string): Promise<ApiResponse>;
  send(request: ApiRequest): Promise<ApiResponse>;
  startEngine(): Promise<void>;
  /** Waits until the projections hold the whole log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The ledger's write and read sides on one real HTTP server (127.0.0.1, a free port): the real
 * ledger-api appending to a real SQLite event store, the real projection engine writing a
 * real SQLite read-model store, and the query API reading it — all in a temporary folder.
 */
export const startTestQuerySide = async (options: TestQuerySideOptions = {}): Promise<TestQuerySide> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-query-"));
  let now = new Date(options.now ?? "2024-12-20T12:00:00+08:00");
  const clock = (): Date => new Date(now.getTime());
  const logger = pino({ level: "silent" });
  const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal", pollIntervalMs: 20, now: clock });
  const readModelStore = createSqliteReadModelStore({ path: join(dataDir, "read-models.sqlite") });
  const engine = createProjectionEngine({ store, readModels: readModelStore, projections: allProjections, logger, maxBatchWaitMs: 5 });
  const mode = options.projector ?? "engine";
  const readModels = createReadModels(readModelStore, mode === "engine" ? { waitFor: engine.waitFor } : { pollIntervalMs: 10 });
  const projector: ProjectorView = mode === "engine" ? engine : readModelsProjectorView(readModels, () => store.headPosition());
  const verifier = createTokenVerifier({ secret: testSecret });
  const idempotency = createSqliteIdempotencyStore({ dataDir });
  // The tests write histories of 2024 at a clock they set: no recording grace (ten years).
  const ledgerApi = createLedgerApi({ store, verifier, idempotency, clock, recordingGraceMs: 10 * 366 * 24 * 60 * 60_000 });
  const queryApi = createQueryApi({
    readModels,
    projector,
    verifier,
    clock,
    ...(options.ruleSets === undefined ? {} : { ruleSets: options.ruleSets }),
    ...(options.minPositionTimeoutMs === undefined ? {} : { minPositionTimeoutMs: options.minPositionTimeoutMs }),
  });
  const rankingApi = createRankingApi({
    store,
    verifier,
    idempotency,
    clock,
    computeRanking: createRankingComputer({ store, readModels, waitFor: (position, timeoutMs) => projector.waitFor(position, timeoutMs), ...(options.ruleSets === undefined ? {} : { ruleSets: options.ruleSets }) }),
  });
  // 转办 and duty activities, written and read (design/voice-and-supervision.md).
  const voiceApi = createVoiceApi({ store, verifier, idempotency, clock, recordingGraceMs: 10 * 366 * 24 * 60 * 60_000 });
  const voiceQueryApi = createVoiceQueryApi({ readModels, projector, verifier, clock, ...(options.minPositionTimeoutMs === undefined ? {} : { minPositionTimeoutMs: options.minPositionTimeoutMs }) });
  // 民生实事 programmes, written and read (design/livelihood.md).
  const livelihoodApi = createLivelihoodApi({ store, verifier, idempotency, clock, recordingGraceMs: 10 * 366 * 24 * 60 * 60_000 });
  const livelihoodQueryApi = createLivelihoodQueryApi({ readModels, projector, verifier, clock, ...(options.minPositionTimeoutMs === undefined ? {} : { minPositionTimeoutMs: options.minPositionTimeoutMs }) });
  const app = createHttpApp({ logger, routes: [ledgerApi, rankingApi, queryApi, voiceApi, voiceQueryApi, livelihoodApi, livelihoodQueryApi], rateLimitPerIp: false });
  const listening = await listen(app, 0, "127.0.0.1");
  if (options.startEngine ?? true) await engine.start();

  const target: ApiTarget = { baseUrl: listening.url, headPosition: () => store.headPosition() };
  const send = (request: ApiRequest): Promise<ApiResponse> => sendApiRequest(target, request);

  return {
    ...target,
    store,
    readModelStore,
    readModels,
    engine,
    projector,
    token: (role, sub, stationId) => signToken({ secret: testSecret, role, sub, stationId, expiresIn: "1h" }),
    setNow: (iso) => {
      now = new Date(iso);
    },
    async write(path, token, body) {
      const response = await send({ path, token, body });
      expect(response.status, `POST ${path}: ${response.text}`).toBe(201);
      return response.body as WriteResult;
    },
    get: (path, token) => send({ path, token }),
    send,
    startEngine: () => engine.start(),
    async settle() {
      const head = await store.headPosition();
      expect(await engine.waitFor(head, 10_000), `projections reach ${head}`).toBe(true);
    },
    async close() {
      listening.server.closeAllConnections();
      await listening.close();
      await engine.stop();
      idempotency.close();
      await readModelStore.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

