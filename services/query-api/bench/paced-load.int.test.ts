import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pacedLoad } from "./paced-load.js";

/** The read-load bench's open-loop generator against a real node:http server on loopback. */

let server: Server | undefined;

const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> => {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("pacedLoad", () => {
  it("sends rate × seconds GETs with the headers and paths asked, and reads bodies spread over many reads", async () => {
    const body = Buffer.alloc(300 * 1024, "x"); // over the 256 KiB read buffer
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.setHeader("content-length", body.length);
      // the head and the body in several writes
      res.write(body.subarray(0, 10));
      setImmediate(() => res.end(body.subarray(10)));
    });
    let n = 0;
    const result = await pacedLoad({ url, path: () => `/item/${n++}`, headers: { authorization: "Bearer t" }, connections: 3, rate: 200, seconds: 0.5 });
    expect(result.requests).toBe(100);
    expect(result.errors).toBe(0);
    expect(result.times).toHaveLength(100);
    expect(result.times.every((ms) => ms >= 0 && ms < 5_000)).toBe(true);
    expect(seen).toHaveLength(100);
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `GET /item/${i} Bearer t`)));
    expect(result.seconds).toBeGreaterThanOrEqual(0.49);
  });

  it("times from each request's due time: a slow server's queue counts (an open loop)", async () => {
    // 2 connections, 50 ms an answer: at most 40 answers a second, asked for 100.
    const url = await serve((_req, res) => setTimeout(() => res.end("{}"), 50));
    const result = await pacedLoad({ url, path: () => "/", headers: {}, connections: 2, rate: 100, seconds: 0.4 });
    expect(result.errors).toBe(0);
    const sorted = [...result.times].sort((a, b) => a - b);
    expect(sorted).toHaveLength(40);
    expect(sorted[0]).toBeGreaterThanOrEqual(45);
    // the 40th request was due at 390 ms and answered at ~20 × 50 = 1000 ms: ~600 ms late, not ~50
    expect(sorted[39]).toBeGreaterThan(400);
  });

  it("counts non-2xx answers and bodies it cannot frame as errors, by kind, and goes on", async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      const i = n++;
      if (i % 4 === 1) {
        res.statusCode = 429;
        res.end("slow down");
      } else if (i % 4 === 2) {
        res.write("chunked"); // no Content-Length: Transfer-Encoding: chunked
        res.end();
      } else res.end("ok");
    });
    const result = await pacedLoad({ url, path: () => "/", headers: {}, connections: 2, rate: 100, seconds: 0.4 });
    expect(result.requests).toBe(40);
    expect(result.times).toHaveLength(20);
    expect(result.errors).toBe(20);
    expect(Object.fromEntries(result.errorKinds)).toEqual({ "HTTP 429": 10, "malformed response: a Transfer-Encoding body": 10 });
  });

  it("counts a connection the server drops as an error and goes on with a new one", async () => {
    let n = 0;
    const url = await serve((req, res) => {
      if (n++ === 3) req.socket.destroy();
      else res.end("ok");
    });
    const result = await pacedLoad({ url, path: () => "/", headers: {}, connections: 1, rate: 100, seconds: 0.1 });
    expect(result.requests).toBe(10);
    expect(result.times).toHaveLength(9);
    expect(result.errors).toBe(1);
    expect([...result.errorKinds.values()]).toEqual([1]); // closed, or reset: whichever the socket saw first
  });
});
