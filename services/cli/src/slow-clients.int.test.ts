import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";

/**
 * Slow clients through the all-in-one server of `pnpm start` on real sockets (issue 20, point
 * 7): a head or a body trickled in is cut after its timeout, an idle keep-alive connection is
 * closed, connections beyond the cap are closed as soon as accepted. Node's own defaults cut a
 * trickled head after 60-90 s, a body after 300 s, and never capped connections.
 */

let server: AllInOne | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

interface Connection {
  readonly socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves with the ms from `since` to the socket's close; rejects after `timeoutMs`. */
  closedWithin(timeoutMs: number): Promise<number>;
  /** Resolves once `text` was received (rejects if the socket closes first, or after 5 s). */
  receive(text: string): Promise<void>;
}

const open = (url: string): Promise<Connection> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    sockets.push(socket);
    let data = "";
    let closed = false;
    const closedAt = new Promise<number>((done) => socket.once("close", () => done(performance.now())));
    void closedAt.then(() => (closed = true));
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
    socket.on("error", () => undefined); // a reset is a close, for these tests
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => data,
        closedWithin: async (timeoutMs) => {
          const since = performance.now();
          const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`still open after ${timeoutMs} ms; received ${JSON.stringify(data)}`)), timeoutMs).unref());
          return (await Promise.race([closedAt, timeout])) - since;
        },
        receive: async (text) => {
          const deadline = performance.now() + 5_000;
          while (!data.includes(text)) {
            if (closed) throw new Error(`closed before ${JSON.stringify(text)}; received ${JSON.stringify(data)}`);
            if (performance.now() > deadline) throw new Error(`no ${JSON.stringify(text)} within 5 s; received ${JSON.stringify(data)}`);
            await sleep(10);
          }
        },
      }),
    );
    socket.once("error", reject);
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `chunks` one every `everyMs` until the socket closes (or they run out). */
const trickle = async (socket: Socket, chunks: readonly string[], everyMs: number): Promise<void> => {
  for (const chunk of chunks) {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(chunk);
    await sleep(everyMs);
  }
};

const healthRequest = "GET /v1/health HTTP/1.1\r\nHost: ledger\r\n\r\n";

describe("slow clients", () => {
  it("cuts a head trickled in after DUTY_LEDGER_HEADERS_TIMEOUT_MS (408), a body after DUTY_LEDGER_REQUEST_TIMEOUT_MS", async () => {
    server = await startAllInOne({ DUTY_LEDGER_HEADERS_TIMEOUT_MS: "600", DUTY_LEDGER_REQUEST_TIMEOUT_MS: "1500" });

    const head = await open(server.url);
    const started = performance.now();
    void trickle(head.socket, ["GET /v1/health HTTP/1.1\r\n", ...Array.from({ length: 100 }, (_, i) => `X-Slow-${i}: a\r\n`)], 100);
    await head.closedWithin(5_000);
    const headCutMs = performance.now() - started;
    expect(head.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(headCutMs).toBeGreaterThanOrEqual(550);
    expect(headCutMs).toBeLessThan(1_600);

    const body = await open(server.url);
    const bodyStarted = performance.now();
    const office = await server.token("office", "OFFICE-1");
    const requestHead = `POST /v1/units HTTP/1.1\r\nHost: ledger\r\nAuthorization: Bearer ${office}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n`;
    void trickle(body.socket, [requestHead, ...Array.from({ length: 100 }, () => " ")], 100);
    await body.closedWithin(5_000);
    const bodyCutMs = performance.now() - bodyStarted;
    expect(body.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyCutMs).toBeGreaterThanOrEqual(1_400);
    expect(bodyCutMs).toBeLessThan(2_800);
    expect(await server.store.headPosition()).toBe(0);
    console.info(`slow clients: head cut after ${Math.round(headCutMs)} ms (timeout 600), body after ${Math.round(bodyCutMs)} ms (timeout 1500)`);
  });

  it("closes an idle keep-alive connection after DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS", async () => {
    server = await startAllInOne({ DUTY_LEDGER_KEEPALIVE_TIMEOUT_MS: "400" });
    const connection = await open(server.url);
    connection.socket.write(healthRequest);
    await connection.receive("\r\n\r\n");
    const idleMs = await connection.closedWithin(3_000);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(idleMs).toBeGreaterThanOrEqual(300);
    expect(idleMs).toBeLessThan(1_500);
  });

  it("refuses connections beyond DUTY_LEDGER_MAX_CONNECTIONS; one closed makes room", async () => {
    server = await startAllInOne({ DUTY_LEDGER_MAX_CONNECTIONS: "3", DUTY_LEDGER_RATE_LIMIT_PER_IP: "0" });
    const held = await Promise.all([0, 1, 2].map(() => open(server!.url)));
    for (const connection of held) {
      connection.socket.write(healthRequest);
      await connection.receive("HTTP/1.1 200");
    }

    const beyond = await open(server.url);
    beyond.socket.write(healthRequest);
    await beyond.closedWithin(2_000);
    expect(beyond.received(), "a connection beyond the cap is closed unanswered").toBe("");

    held[0]?.socket.destroy();
    await sleep(200);
    const room = await open(server.url);
    room.socket.write(healthRequest);
    await room.receive("HTTP/1.1 200");
    // Under the cap again, plain clients (fetch) are served as before.
    for (const connection of [...held, room]) connection.socket.destroy();
    await sleep(200);
    expect((await fetch(`${server.url}/v1/health`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
  });

  it("has the documented defaults: headers 10 s, request 30 s, keep-alive 5 s, 1024 connections", async () => {
    const { parseConfig } = await import("@duty-ledger/http-kit");
    const { configSchema } = await import("./config.js");
    expect(parseConfig(configSchema, {}).serverLimits).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_024 });
    expect(() => parseConfig(configSchema, { DUTY_LEDGER_HEADERS_TIMEOUT_MS: "40000" })).toThrow(/DUTY_LEDGER_HEADERS_TIMEOUT_MS: must not exceed DUTY_LEDGER_REQUEST_TIMEOUT_MS/);
    expect(() => parseConfig(configSchema, { DUTY_LEDGER_MAX_CONNECTIONS: "0" })).toThrow(/DUTY_LEDGER_MAX_CONNECTIONS/);
  });
});
