import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpApp } from "@duty-ledger/http-kit";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleClient, type ClientBundle } from "./client-bundle.js";
import { CONFIG_ELEMENT_ID } from "./page-html.js";
import { createWebApp, type WebAppOptions } from "./web-app.js";

/** The web app's HTTP answers on a real server (no browser needed): the page, its assets, the demo identities. */

let bundle: Promise<ClientBundle>;
const servers: Server[] = [];

const serve = async (options: WebAppOptions): Promise<string> => {
  const web = createWebApp({ ...options, bundle });
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [web] });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  await web.ready;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const configIn = (html: string): unknown => {
  const match = new RegExp(`<script type="application/json" id="${CONFIG_ELEMENT_ID}">(.*?)</script>`, "s").exec(html);
  return match?.[1] === undefined ? undefined : JSON.parse(match[1]);
};

beforeAll(() => {
  bundle = bundleClient();
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe("createWebApp", () => {
  let url: string;
  let html: string;
  beforeAll(async () => {
    url = await serve({ oidc: { issuer: "https://login.example.org/realms/npc", clientId: "duty-ledger</script><script>alert(1)</script>" } });
    html = await (await fetch(`${url}/`)).text();
  });

  it("serves the page with its own Content-Security-Policy and the configuration as an inert JSON block", async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self' https://login.example.org;");
    expect(policy).not.toContain("unsafe-eval");
    expect(configIn(html)).toEqual({ demo: false, oidc: { issuer: "https://login.example.org/realms/npc", clientId: "duty-ledger</script><script>alert(1)</script>" } });
    // The closing tag in the client id cannot end the data block.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it("answers a current copy with 304, and HEAD without a body", async () => {
    const first = await fetch(`${url}/`);
    const etag = first.headers.get("etag") ?? "";
    expect(first.headers.get("cache-control")).toBe("no-cache");
    expect((await fetch(`${url}/`, { headers: { "If-None-Match": `W/${etag}` } })).status).toBe(304);
    const head = await fetch(`${url}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("serves each asset in the best coding the client accepts, cached for good", async () => {
    const script = /src="\/assets\/(app-[\w-]+\.js)"/.exec(html)?.[1] ?? "";
    const built = await bundle;
    const asset = built.assets.get(script);
    if (asset === undefined) throw new Error(`no asset ${script}`);
    const get = (acceptEncoding: string): Promise<Response> => fetch(`${url}/assets/${script}`, { headers: { "Accept-Encoding": acceptEncoding } });
    const brotli = await get("gzip, deflate, br");
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(brotli.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(brotli.headers.get("vary")).toBe("Accept-Encoding");
    expect(Buffer.from(await brotli.arrayBuffer()).equals(asset.body)).toBe(true);
    expect(Number(brotli.headers.get("content-length"))).toBe(asset.brotli?.byteLength);
    const gzip = await get("gzip;q=1, br;q=0");
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    const plain = await get("identity");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Number(plain.headers.get("content-length"))).toBe(asset.body.byteLength);
    expect((await fetch(`${url}/assets/app-missing.js`)).status).toBe(404);
  });

  it("has no demo identities unless given them", async () => {
    const answer = await fetch(`${url}/v1/demo/identities`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists the demo identities when given, and says so to the page", async () => {
    const identities = [{ label: "薛嘉明", role: "deputy", sub: "D-1", token: "a.b.c" }, { label: "站", role: "clerk", sub: "C-1", stationId: "ST-1", token: "d.e.f" }] as const;
    const demo = await serve({ demoIdentities: identities });
    const answer = await fetch(`${demo}/v1/demo/identities`);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(await answer.json()).toEqual({ identities });
    expect(configIn(await (await fetch(`${demo}/`)).text())).toEqual({ demo: true, oidc: null });
  });
});
