/**
 * The server side of the HTTP append benchmark, run in its own process so the load generator
 * has the other core: the real ledger-api on a SQLite store with durability `full`, logging one
 * line per request at `BENCH_HTTP_LOG_LEVEL` (default `info`, as in production) into
 * `<data-dir>/ledger-api.log` with pino's synchronous destination (what pino does on stdout).
 * Usage: tsx [--conditions=source] http-append-server.ts <data-dir>. Prints one JSON line
 * `{url, token}` when it listens; on SIGUSR2 one line `{cpuMs, stats}` (the process's CPU time
 * so far and the store's group-commit counters, for CPU per append); stops on SIGTERM.
 */
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createHttpApp, createSqliteIdempotencyStore, createTokenVerifier, signToken } from "@duty-ledger/http-kit";
import { createLedgerApi } from "@duty-ledger/ledger-api";
import { pino } from "pino";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: http-append-server.ts <data-dir>");
const secret = "bench-secret-of-at-least-thirty-two-bytes";
const logger = pino(
  { level: process.env["BENCH_HTTP_LOG_LEVEL"] ?? "info", base: { service: "ledger-api" } },
  pino.destination({ dest: join(dataDir, "ledger-api.log"), sync: true }),
);
const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "full" });
const idempotency = createSqliteIdempotencyStore({ dataDir });
const api = createLedgerApi({ store, verifier: createTokenVerifier({ secret }), idempotency });
const app = createHttpApp({ logger, routes: [api], rateLimitPerIp: false });
const server = app.listen(0, "127.0.0.1", () => {
  void signToken({ secret, sub: "BENCH-OFFICE", role: "office", expiresIn: "1h" }).then((token) => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, token })}\n`);
  });
});
process.on("SIGUSR2", () => {
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, stats: store.stats() })}\n`);
});
process.once("SIGTERM", () => {
  server.close(() => {
    idempotency.close();
    void store.close().then(() => process.exit(0));
  });
  server.closeAllConnections();
});
