import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import express from "express";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "./create-http-app.js";

/**
 * `jsonBody` reads plain JSON bodies (Content-Length, uncompressed, UTF-8) itself and hands
 * everything else to body-parser: the same bytes must get the same answer either way. Each
 * body is sent twice, with a Content-Length (direct path) and chunked (body-parser).
 */
describe("jsonBody: the direct path answers as body-parser does", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const routes = express.Router();
    routes.post("/echo", (req, res) => {
      res.status(200).json({ body: req.body as unknown });
    });
    const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [routes], rateLimitPerIp: false, limitBytes: 1024, maxDepth: 4 });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
    });
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  interface Answer {
    readonly status: number;
    readonly type: string | undefined;
    readonly body: unknown;
    readonly errors?: unknown;
  }

  const send = (bytes: Buffer, contentType: string, framing: "length" | "chunked"): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { "content-type": contentType };
      if (framing === "length") headers["content-length"] = String(bytes.length);
      else headers["transfer-encoding"] = "chunked";
      const outgoing = request({ host: "127.0.0.1", port, method: "POST", path: "/echo", headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type?: string; body?: unknown; errors?: unknown };
          resolve({ status: response.statusCode ?? 0, type: parsed.type, body: parsed.body, ...(parsed.errors === undefined ? {} : { errors: parsed.errors }) });
        });
      });
      outgoing.on("error", reject);
      if (framing === "chunked" && bytes.length > 1) {
        // Two chunks, so body-parser really reassembles.
        outgoing.write(bytes.subarray(0, 1));
        outgoing.end(bytes.subarray(1));
      } else outgoing.end(bytes);
    });

  const bothWays = async (bytes: Buffer, contentType = "application/json"): Promise<Answer> => {
    const direct = await send(bytes, contentType, "length");
    const parsed = await send(bytes, contentType, "chunked");
    expect(direct).toEqual(parsed);
    return direct;
  };

  const utf8 = (text: string): Buffer => Buffer.from(text, "utf8");

  it("accepts objects and arrays, whitespace and a byte order mark before them", async () => {
    expect(await bothWays(utf8('{"a":"修路","n":[1,2]}'))).toMatchObject({ status: 200, body: { a: "修路", n: [1, 2] } });
    expect(await bothWays(utf8(" \r\n\t[1]"))).toMatchObject({ status: 200, body: [1] });
    expect(await bothWays(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"a":1}')]))).toMatchObject({ status: 200, body: { a: 1 } });
  });

  it("takes the Content-Type's case, spacing and a UTF-8 charset as body-parser does", async () => {
    for (const contentType of ["Application/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8", 'application/json; charset="utf-8"']) {
      expect(await bothWays(utf8('{"a":1}'), contentType)).toMatchObject({ status: 200, body: { a: 1 } });
    }
  });

  it("refuses what body-parser refuses, with the same problem", async () => {
    const refusals: [Buffer, string, number, string][] = [
      [utf8('"text"'), "application/json", 400, "/problems/validation"],
      [utf8("42"), "application/json", 400, "/problems/validation"],
      [utf8('{"a":'), "application/json", 400, "/problems/validation"],
      [utf8("   "), "application/json", 400, "/problems/validation"],
      [Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), "application/json", 400, "/problems/validation"],
      [utf8('{"a":[[[[1]]]]}'), "application/json", 400, "/problems/validation"],
      [utf8('{"a":{"constructor":1}}'), "application/json", 400, "/problems/validation"],
      [utf8(`{"a":"${"x".repeat(2000)}"}`), "application/json", 413, "/problems/payload-too-large"],
      [utf8('{"a":1}'), "application/json; charset=latin1", 415, "/problems/unsupported-media-type"],
      [utf8('{"a":1}'), "text/plain", 400, "/problems/validation"],
    ];
    for (const [bytes, contentType, status, type] of refusals) {
      const answer = await bothWays(bytes, contentType);
      expect({ status: answer.status, type: answer.type }, `${bytes.toString("utf8").slice(0, 20)} as ${contentType}`).toEqual({ status, type });
    }
  });

  it("refuses a key twice in one object at any depth (400 naming its path), either way; the same key in different objects is fine", async () => {
    const duplicates: [string, string][] = [
      ['{"a":1,"a":2}', "a"],
      ['{"a":1, "b":2 , "a" :1}', "a"],
      ['{"a":1,"\\u0061":2}', "a"],
      ['{"x":{"y":[1,{"k":"v","k":"w"}]}}', "x.y.1.k"],
      ['[{"a":1},{"b":1,"c":{"d":1,"d":1}}]', "1.c.d"],
      ['{"s":"\\"a\\":1","t":{"s":1,"u":{},"s":2}}', "t.s"],
    ];
    for (const [text, path] of duplicates) {
      const answer = await bothWays(utf8(text));
      expect(answer, text).toMatchObject({ status: 400, type: "/problems/validation", errors: [{ path, message: "duplicate key" }] });
    }
    for (const text of ['{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}', '{"a":"x:y","b":"\\":"}', '{"a:":1,"a":2}']) {
      expect(await bothWays(utf8(text)), text).toMatchObject({ status: 200, body: JSON.parse(text) as unknown });
    }
  });

  it("survives a client that sends half its body and hangs up, and serves the next request", async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
      });
      socket.on("error", reject);
      socket.on("close", () => resolve());
      socket.resume();
    });
    expect(await send(utf8('{"after":true}'), "application/json", "length")).toMatchObject({ status: 200, body: { after: true } });
  });
});
