/**
 * The server side of the read-load benchmark, in its own process so the load generator has
 * the other core. It serves a prepared data folder the way the all-in-one `pnpm start` does:
 * the SQLite event store, the projector in this process (`createProjector`, caught up at start)
 * and the real `createQueryApi` and `createVoiceQueryApi` (the opinions list, the station
 * records) inside `createHttpApp` — security headers, request ids, one
 * pino line per request (at `BENCH_LOG_LEVEL`, default info, to `<data-dir>/server.log`, which
 * each start empties: a kept `BENCH_READ_DATA_DIR` would otherwise gather every run's lines),
 * problem+json. The limits per IP and per subject are off: the load comes from one IP and one
 * token on purpose. Besides the API it serves `GET /bench/static`, a constant 200 JSON answer
 * through the same app (the floor of the HTTP stack).
 *
 * Usage: tsx --conditions=source read-load-server.ts <data-dir>; prints one JSON line
 * `{url, token, position}` once it listens; on SIGUSR2 prints `{cpuMs, loopDelayMaxMs}` (CPU time
 * so far; the longest event-loop delay since the previous SIGUSR2); stops on SIGTERM.
 */
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createSqliteEventStore, EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { createHttpApp, createTokenVerifier, signToken } from "@duty-ledger/http-kit";
import { createProjector } from "@duty-ledger/projector";
import { createRuleSetRegistry } from "@duty-ledger/scoring";
import { Router } from "express";
import { pino } from "pino";
import { createQueryApi } from "../src/query-api.js";
import { createVoiceQueryApi } from "../src/voice-reads.js";
import { READ_LOAD_SECRET } from "./read-load-data.js";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: read-load-server.ts <data-dir>");
const secret = READ_LOAD_SECRET;
const logger = pino({ level: process.env["BENCH_LOG_LEVEL"] ?? "info" }, pino.destination({ dest: join(dataDir, "server.log"), sync: false, append: false }));

const store = createSqliteEventStore({ path: join(dataDir, EVENTS_FILE_NAME), durability: "normal" });
const projector = createProjector({ store, dataDir, logger });
await projector.start();
const head = await store.headPosition();
if (!(await projector.engine.waitFor(head, 600_000))) throw new Error("the projector did not catch up");

const staticRoute = Router();
staticRoute.get("/bench/static", (_req, res) => {
  res.setHeader("Cache-Control", "no-store");
  res.json({ status: "ok" });
});

const app = createHttpApp({
  logger,
  rateLimitPerIp: false,
  routes: [
    staticRoute,
    createQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier: createTokenVerifier({ secret }), ruleSets: createRuleSetRegistry() }),
    createVoiceQueryApi({ readModels: projector.readModels, projector: projector.engine, verifier: createTokenVerifier({ secret }) }),
  ],
});
const server = app.listen(0, "127.0.0.1", () => {
  void signToken({ secret, sub: "BENCH-OFFICE", role: "office", expiresIn: "2h" }).then((token) => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, token, position: head })}\n`);
  });
});
// How long the event loop could not run (GC pauses, being descheduled, long work), since the last report.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.on("SIGUSR2", () => {
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, loopDelayMaxMs: loopDelay.max / 1e6 })}\n`);
  loopDelay.reset();
});
process.once("SIGTERM", () => {
  server.close(() => {
    void projector
      .stop()
      .then(() => store.close())
      .then(() => {
        logger.flush();
        process.exit(0);
      });
  });
  server.closeAllConnections();
});
