import { buildOpenApiDocument, createHttpApp, createOpenApiRouter, listen } from "@duty-ledger/http-kit";
import { writeRouteDescriptions } from "@duty-ledger/ledger-api";
import { readRouteDescriptions } from "@duty-ledger/query-api";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissingReason, launchBrowser, type TestBrowser } from "../browser.test-support.js";
import { createApiReference } from "./api-reference.js";

/**
 * The API reference (`/docs`, issue 21) in Chromium: Swagger UI renders the document's
 * operations under the page's strict CSP without a single violation, and asks no other origin.
 */

const missing = chromiumMissingReason();

let browser: TestBrowser;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  if (missing !== null) return;
  const document = buildOpenApiDocument({ title: "duty-ledger API", version: "1", description: "test" }, [...writeRouteDescriptions, ...readRouteDescriptions], [
    { name: "writes", description: "writes" },
    { name: "reads", description: "reads" },
    { name: "meta", description: "meta" },
  ]);
  const app = createHttpApp({ logger: pino({ level: "silent" }), routes: [createOpenApiRouter(document), createApiReference()] });
  const listening = await listen(app, 0, "127.0.0.1");
  url = listening.url;
  browser = await launchBrowser();
  close = async () => {
    await browser.close();
    await listening.close();
  };
});

afterAll(async () => {
  await close?.();
});

describe.skipIf(missing !== null)("/docs in Chromium", () => {
  it("renders every operation of the document under its strict CSP, with no violation and no other origin asked", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    const foreign: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") violations.push(message.text());
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(url) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    // Runs in the page: every violation (Chromium also logs its own "Refused to …" error).
    await page.addInitScript({ content: 'document.addEventListener("securitypolicyviolation", (e) => console.error("CSP: " + e.violatedDirective + " " + e.blockedURI));' });
    await page.goto(`${url}/docs`);
    await page.waitForSelector(".opblock-summary", { timeout: 60_000 });
    const operations = await page.locator(".opblock").count();
    expect(operations).toBe(writeRouteDescriptions.length + readRouteDescriptions.length);
    await page.locator(".opblock-summary").first().click();
    await page.waitForSelector(".opblock-body", { timeout: 10_000 });
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
