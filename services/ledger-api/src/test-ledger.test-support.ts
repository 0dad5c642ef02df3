import type { PolicyRegistry } from "@duty-ledger/domain";
// A real ledger-api for the integration tests (excluded from the build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, EVENTS_FILE_NAME, type SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, listen, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import type { ApiTarget } from "@duty-ledger/testing";
import type { Router } from "express";
import { pino } from "pino";
import { createLedgerApi } from "./ledger-api.js";
import { createPeopleKeyStore, type PeopleKeyStore } from "./people/key-store.js";
import { loadOrCreateMasterKey } from "./people/master-key.js";
import { createPeopleApi } from "./people/people-api.js";
import { createVoiceApi } from "./voice-api.js";

export const testSecret = "test-secret-of-at-least-thirty-two-bytes!";

export interface TestLedgerOptions {
  /** The HS256 secret of its tokens. Default `testSecret`. */
  readonly secret?: string;
  /** Carried by the tokens of `token()` and enforced by the ledger when given. */
  readonly issuer?: string;
  readonly audience?: string;
  readonly clock?: () => Date;
  readonly limitBytes?: number;
  /**
   * The recording grace (ms). Default `FIXTURE_RECORDING_GRACE_MS`: the fixtures claim times of
   * 2024 against the real clock; the tests of the grace itself pass the real default (`P3D`).
   */
  readonly recordingGraceMs?: number;
  /** The deadline policies an assignment may name (default: the built-in ones). */
  readonly policies?: PolicyRegistry;
}

/** A grace wide enough for the fixtures' 2024 times (ten years). */
export const FIXTURE_RECORDING_GRACE_MS = 10 * 366 * 24 * 60 * 60_000;

export interface TestLedger extends ApiTarget {
  readonly store: SqliteEventStore;
  readonly dataDir: string;
  readonly router: Router;
  /** `createVoiceApi`'s router (转办, duty activities), served beside `router`. */
  readonly voiceRouter: Router;
  /** The people's key store (master key generated in the data folder). */
  readonly keys: PeopleKeyStore;
  /** A token signed with the ledger's secret (and its issuer and audience), valid for an hour. */
  token(role: PrincipalRole, sub: string, stationId?: string): Promise<string>;
  close(): Promise<void>;
}

/** `createLedgerApi` on 127.0.0.1 over a real SQLite store in a temporary folder, no rate limit. */
export const startTestLedger = async (options: TestLedgerOptions = {}): Promise<TestLedger> => {
  const { secret = testSecret, issuer, audience } = options;
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-api-"));
  const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal" });
  const idempotency = createSqliteIdempotencyStore({ dataDir });
  const verifier = createTokenVerifier({ secret, issuer, audience });
  const keys = createPeopleKeyStore({ dataDir, masterKey: loadOrCreateMasterKey({ dataDir }) });
  const router = createLedgerApi({
    store,
    verifier,
    idempotency,
    people: keys,
    recordingGraceMs: options.recordingGraceMs ?? FIXTURE_RECORDING_GRACE_MS,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  });
  const peopleRouter = createPeopleApi({ store, verifier, idempotency, keys, recordingGraceMs: options.recordingGraceMs ?? FIXTURE_RECORDING_GRACE_MS, ...(options.clock ? { clock: options.clock } : {}) });
  const voiceRouter = createVoiceApi({ store, verifier, idempotency, recordingGraceMs: options.recordingGraceMs ?? FIXTURE_RECORDING_GRACE_MS, ...(options.clock ? { clock: options.clock } : {}) });
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [router, peopleRouter, voiceRouter], rateLimitPerIp: false, ...(options.limitBytes ? { limitBytes: options.limitBytes } : {}) });
  const listening = await listen(app, 0, "127.0.0.1");
  return {
    baseUrl: listening.url,
    store,
    dataDir,
    router,
    voiceRouter,
    keys,
    headPosition: () => store.headPosition(),
    token: (role, sub, stationId) => signToken({ secret, role, sub, stationId, expiresIn: "1h", issuer, audience }),
    async close() {
      listening.server.closeAllConnections();
      await listening.close();
      idempotency.close();
      keys.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
