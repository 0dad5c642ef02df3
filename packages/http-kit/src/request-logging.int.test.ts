import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "./create-http-app.js";

interface Line {
  level: number;
  msg: string;
  req?: { id?: string; method?: string; url?: string; remoteAddress?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string };
}

describe("requestLogging: one line per request", () => {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  let server: Server;
  let base: string;
  let port: number;

  beforeAll(async () => {
    const routes = express.Router();
    routes.get("/ok", (_req, res) => {
      res.json({ ok: true });
    });
    routes.get("/boom", () => {
      throw new Error("kaput");
    });
    routes.get("/hang", () => {
      // Never answers: the client hangs up.
    });
    const app = createHttpApp({ logger, routes: [routes], rateLimitPerIp: false });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const logged = (id: string): Line[] =>
    lines.map((line) => JSON.parse(line) as Line).filter((line) => line.req?.id === id);

  const eventually = async (check: () => void): Promise<void> => {
    for (let i = 0; ; i++) {
      try {
        check();
        return;
      } catch (error) {
        if (i > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };

  it("redacts every query string value, keeping the names (security review: ?access_token= reached the log)", async () => {
    const response = await fetch(`${base}/ok?access_token=s3cr3t-t0ken&limit=5&flag&code=a%3Db&access_token=again`, { headers: { "x-request-id": "log-query-1" } });
    expect(response.status).toBe(200);
    await eventually(() => expect(logged("log-query-1")).toHaveLength(1));
    const [line] = logged("log-query-1");
    expect(line?.req?.url).toBe("/ok?access_token=[redacted]&limit=[redacted]&flag&code=[redacted]&access_token=[redacted]");
    const all = lines.join("\n");
    expect(all).not.toContain("s3cr3t-t0ken");
    expect(all).not.toContain("again");
  });

  it("redacts the query string of an error's request log too", async () => {
    const response = await fetch(`${base}/boom?access_token=b00m-secret`, { headers: { "x-request-id": "log-query-2" } });
    expect(response.status).toBe(500);
    await eventually(() => expect(logged("log-query-2").length).toBeGreaterThan(0));
    expect(lines.join("\n")).not.toContain("b00m-secret");
    for (const line of logged("log-query-2")) expect(line.req?.url).toBe("/boom?access_token=[redacted]");
  });

  it("logs a completed request at info with id, method, url, address, status and time", async () => {
    const response = await fetch(`${base}/ok?x=1`, { headers: { "x-request-id": "log-ok-1" } });
    expect(response.headers.get("x-request-id")).toBe("log-ok-1");
    await eventually(() => expect(logged("log-ok-1")).toHaveLength(1));
    const [line] = logged("log-ok-1");
    expect(line).toMatchObject({ level: 30, msg: "request completed", req: { method: "GET", url: "/ok?x=[redacted]", remoteAddress: "127.0.0.1" }, res: { statusCode: 200 } });
    expect(line?.responseTime).toBeGreaterThanOrEqual(0);
  });

  it("logs 4xx at warn, and 5xx at error next to the error handler's line, which carries the request", async () => {
    await fetch(`${base}/nowhere`, { headers: { "x-request-id": "log-404" } });
    await fetch(`${base}/boom`, { headers: { "x-request-id": "log-500" } });
    await eventually(() => expect(logged("log-500")).toHaveLength(2));
    expect(logged("log-404")).toEqual([expect.objectContaining({ level: 40, msg: "request completed", res: { statusCode: 404 } })]);
    const failure = logged("log-500");
    expect(failure.find((line) => line.msg === "request failed with an unexpected error")).toMatchObject({ level: 50, err: { message: "kaput" } });
    expect(failure.find((line) => line.msg === "request errored")).toMatchObject({ level: 50, res: { statusCode: 500 } });
  });

  it("logs a request whose client hung up before the answer as aborted", async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write("GET /hang HTTP/1.1\r\nHost: x\r\nX-Request-Id: log-hang\r\n\r\n");
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on("error", reject);
      socket.on("close", () => resolve());
    });
    await eventually(() => expect(logged("log-hang")).toEqual([expect.objectContaining({ msg: "request aborted", req: expect.objectContaining({ url: "/hang" }) })]));
  });

  it("writes nothing below the logger's level", async () => {
    const quiet: string[] = [];
    const app = createHttpApp({ logger: pino({ level: "error" }, { write: (line: string) => void quiet.push(line) }), rateLimitPerIp: false });
    const other = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/nowhere`);
      expect(response.status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(quiet).toEqual([]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
