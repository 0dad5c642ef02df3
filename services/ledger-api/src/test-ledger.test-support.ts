import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore, type SqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, signToken, type PrincipalRole } from "@duty-ledger/http-kit";
import type { ApiTarget } from "@duty-ledger/testing";
import { pino } from "pino";
import { createLedgerApi } from "./ledger-api.js";

export const testSecret = "test-secret-of-at-least-thirty-two-bytes!";

export interface TestLedger extends ApiTarget {
  readonly store: SqliteEventStore;
  readonly dataDir: string;
  token(role: PrincipalRole, sub: string, stationId?: string): Promise<string>;
  close(): Promise<void>;
}

/** A real ledger-api on 127.0.0.1 over a real SQLite store in a temporary folder. */
export const startTestLedger = async (options: { clock?: () => Date; limitBytes?: number } = {}): Promise<TestLedger> => {
  const dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-api-"));
  const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal" });
  const idempotency = createSqliteIdempotencyStore({ dataDir });
  const logger = pino({ level: "silent" });
  const api = createLedgerApi({ store, verifier: createTokenVerifier({ secret: testSecret }), idempotency, ...(options.clock ? { clock: options.clock } : {}) });
  const app = createHttpApp({ logger, routes: [api], rateLimitPerIp: false, ...(options.limitBytes ? { limitBytes: options.limitBytes } : {}) });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    dataDir,
    headPosition: () => store.headPosition(),
    token: (role, sub, stationId) => signToken({ secret: testSecret, role, sub, stationId, expiresIn: "1h" }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      idempotency.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
