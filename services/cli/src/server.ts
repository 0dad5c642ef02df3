import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EventStore } from "@duty-ledger/event-store";
import {
  createHttpApp,
  createSqliteIdempotencyStore,
  createTokenVerifier,
  rateLimitBySubject,
  type TokenVerifierConfig,
} from "@duty-ledger/http-kit";
import { createLedgerApi } from "@duty-ledger/ledger-api";
import type { Logger } from "pino";
import type { Config } from "./config.js";

export interface RunningServer {
  readonly url: string;
  readonly store: EventStore;
  /** Stops accepting requests, finishes those in flight, then closes the stores. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly store: EventStore;
  readonly verifierConfig: TokenVerifierConfig;
}

/** The all-in-one ledger of `pnpm start`: write and read APIs on one port, projector in-process. */
export const startServer = async ({ config, logger, store, verifierConfig }: StartServerOptions): Promise<RunningServer> => {
  const idempotency = createSqliteIdempotencyStore({ dataDir: config.dataDir });
  const verifier = createTokenVerifier(verifierConfig);
  const ledgerApi = createLedgerApi({ store, verifier, idempotency, afterAuth: [rateLimitBySubject()] });
  const app = createHttpApp({ logger, routes: [ledgerApi] });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;

  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      idempotency.close();
      await store.close();
    },
  };
};
