import { mkdtempSync, rmSync } from "node:fs";
import { request, type ClientRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createSqliteReadModelStore, readModelProjections, readModelsPath } from "@duty-ledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureStopped,
  freePort,
  postJson,
  processToken,
  spawnLedger,
  waitUntilServing,
  type LedgerProcess,
} from "./ledger-process.test-support.js";

/**
 * Graceful stop (issue 5, point 2): SIGTERM to the real `duty-ledger start` while requests are
 * in flight. It stops accepting connections at once, finishes the requests it has begun (here:
 * bodies still uploading when the signal arrives, and a burst of POSTs racing the signal),
 * flushes the projector's checkpoint to the head of the log, and exits 0 within its bound
 * (main.ts: 10 s).
 */

const stopBoundMs = 10_000;
const slowCount = 30;
const burstCount = 60;
const t0 = "2024-03-01T09:00:00+08:00";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let ledger: LedgerProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "duty-ledger-stop-"));
});

afterAll(async () => {
  await ensureStopped(ledger);
  rmSync(dataDir, { recursive: true, force: true });
});

const contactBody = (marker: string) => ({ deputyIds: ["D-1"], channel: "visit", occurredAt: t0, constituents: 3, topic: "出行", summary: marker });

interface Answer {
  readonly status: number | null;
  readonly body: string;
  readonly error: string | null;
}

/** A POST on its own connection (no keep-alive), written by the caller: `finish()` sends the rest of the body. */
const openUpload = (port: number, token: string, body: string): { req: ClientRequest; connected: Promise<void>; finish(): void; answer: Promise<Answer> } => {
  const bytes = Buffer.from(body, "utf8");
  const half = Math.floor(bytes.length / 2);
  const req = request({
    host: "127.0.0.1",
    port,
    method: "POST",
    path: "/v1/contacts",
    agent: false,
    headers: { "content-type": "application/json", "content-length": String(bytes.length), authorization: `Bearer ${token}` },
  });
  const answer = new Promise<Answer>((resolve) => {
    req.once("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.once("end", () => resolve({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8"), error: null }));
    });
    req.once("error", (error: NodeJS.ErrnoException) => resolve({ status: null, body: "", error: error.code ?? error.message }));
  });
  const connected = new Promise<void>((resolve) => {
    req.once("socket", (socket) => {
      if (!socket.connecting) resolve();
      else socket.once("connect", () => resolve());
    });
    req.once("error", () => resolve());
  });
  req.flushHeaders();
  req.write(bytes.subarray(0, half));
  return { req, connected, finish: () => req.end(bytes.subarray(half)), answer };
};

/** Whether a new TCP connection to the port is refused. */
const connectionRefused = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

describe("SIGTERM with requests in flight", () => {
  it(
    "refuses new connections, finishes what it began, flushes the projector's checkpoint, exits 0 in time",
    async () => {
      const port = await freePort();
      const started = spawnLedger({ dataDir, port });
      ledger = started;
      await waitUntilServing(started);
      // Wait for the banner: the web page is bundled, start-up work is over.
      const bannerLimit = Date.now() + 60_000;
      while (!started.output().includes("is listening on") && Date.now() < bannerLimit) await sleep(50);
      const office = await processToken("office", "OFFICE-1");
      const deputy = await processToken("deputy", "D-1");
      for (const [path, body] of [
        ["/v1/stations", { stationId: "ST-1", name: "城关联络站", region: "城关镇" }],
        ["/v1/deputies", { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" }],
      ] as const) {
        expect((await postJson(`${started.url}${path}`, office, body)).status).toBe(201);
      }
      // An idle keep-alive connection must not hold the stop up.
      const idle = await fetch(`${started.url}/v1/health`);
      await idle.body?.cancel();

      // Requests begun before the signal: headers and half the body sent.
      const slow = Array.from({ length: slowCount }, (_, i) => ({ marker: `slow-${i}`, upload: openUpload(port, deputy, JSON.stringify(contactBody(`slow-${i}`))) }));
      await Promise.all(slow.map((s) => s.upload.connected));
      await sleep(1_500);

      // A burst racing the signal: each is either answered in full or refused a connection.
      const burst = Array.from({ length: burstCount }, (_, i) => {
        const marker = `burst-${i}`;
        const upload = openUpload(port, office, JSON.stringify(contactBody(marker)));
        upload.finish();
        return { marker, upload };
      });
      await sleep(5);
      const signalledAt = Date.now();
      started.child.kill("SIGTERM");

      // Soon after the signal the port refuses connections, while the process waits for the uploads.
      let refused = "";
      const refusedLimit = Date.now() + 5_000;
      do {
        await sleep(100);
        refused = await connectionRefused(port);
      } while (refused !== "ECONNREFUSED" && Date.now() < refusedLimit);
      expect(refused, "a new connection after SIGTERM").toBe("ECONNREFUSED");
      expect(started.child.exitCode, "still running: it waits for the requests it began").toBeNull();

      for (const s of slow) s.upload.finish();
      const slowAnswers = await Promise.all(slow.map((s) => s.upload.answer));
      const burstAnswers = await Promise.all(burst.map((b) => b.upload.answer));
      const exit = await started.exited;
      const stopMs = Date.now() - signalledAt;

      expect(slowAnswers.map((a) => a.status), JSON.stringify(slowAnswers.find((a) => a.status !== 201))).toEqual(slowAnswers.map(() => 201));
      for (const answer of burstAnswers) {
        // Answered (201), or never accepted: refused or reset before the server took the connection.
        if (answer.status !== null) expect(answer.status, answer.body).toBe(201);
        else expect(["ECONNREFUSED", "ECONNRESET", "EPIPE"]).toContain(answer.error);
      }
      expect(exit, started.output()).toEqual({ code: 0, signal: null });
      expect(stopMs).toBeLessThan(stopBoundMs);

      // The log: every answered request once; nothing of a request that was refused.
      const store = createSqliteEventStore({ path: join(dataDir, "events.sqlite"), durability: "normal" });
      const markers = new Map<string, number>();
      let head = 0;
      try {
        for await (const event of store.readAll()) {
          head = event.position;
          const summary = (event.data as { summary?: unknown }).summary;
          if (typeof summary === "string") markers.set(summary, (markers.get(summary) ?? 0) + 1);
        }
      } finally {
        await store.close();
      }
      for (const s of slow) expect(markers.get(s.marker), s.marker).toBe(1);
      burst.forEach((b, i) => expect(markers.get(b.marker) ?? 0, b.marker).toBe(burstAnswers[i]?.status === 201 ? 1 : 0));
      const answered = burstAnswers.filter((a) => a.status === 201).length;
      expect(head, "the set-up (2 events) and one event per answered request").toBe(2 + slowCount + answered);

      // The projector flushed its checkpoint: every projection is at the head of the log.
      const readModels = createSqliteReadModelStore({ path: readModelsPath(dataDir), readonly: true });
      try {
        const checkpoints = await readModels.checkpoints();
        expect(checkpoints.map((c) => c.projection)).toEqual(expect.arrayContaining([...readModelProjections]));
        expect(checkpoints.map((c) => [c.projection, c.position])).toEqual(checkpoints.map((c) => [c.projection, head]));
      } finally {
        await readModels.close();
      }
      console.info(`graceful stop: ${slowCount} uploads finished, ${answered} of ${burstCount} racing POSTs answered, exit 0 after ${stopMs} ms`);
    },
    180_000,
  );
});
