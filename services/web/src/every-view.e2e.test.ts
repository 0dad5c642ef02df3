import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditMessages } from "./client/messages/audit.js";
import { deputyUnitMessages } from "./client/messages/deputy-unit.js";
import { livelihoodMessages } from "./client/messages/livelihood.js";
import { officeMessages } from "./client/messages/office.js";
import { stationMessages } from "./client/messages/station.js";
import { shellTables } from "./client/i18n.js";
import { navFor } from "./client/routes.js";
import { chromiumForTests, launchBrowser, waitView, watchPages, type TestBrowser } from "./browser.test-support.js";
import type { WebDemoIdentity } from "./demo-identity.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";

/**
 * Every view of every role, in Chinese and in English, shows strings, never a raw message key:
 * each feature's strings load with its pages (`shell/views.ts`), so a page showing a key of a
 * feature it does not load would show the key itself. Each view in a fresh load (no strings left
 * from the view before), and also a suggestion's page and the office's handling page, which no
 * menu lists.
 */

const missing = chromiumForTests();

const keys = [
  ...Object.keys(shellTables["zh-CN"]),
  ...[officeMessages, deputyUnitMessages, stationMessages, auditMessages, livelihoodMessages].flatMap((messages) => Object.keys(messages.zh)),
];
// Longest first, so a key that begins another is reported as the longer one.
const keyPattern = new RegExp(
  keys
    .sort((a, b) => b.length - a.length)
    .map((key) => key.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"))
    .join("|"),
  "g",
);

/** The raw keys the page shows: in its visible text, or in a placeholder, label or title. */
const rawKeys = async (page: Page): Promise<string[]> => {
  const text = await page.locator("body").innerText();
  const attributes = await page.$$eval("[placeholder], [aria-label], [title]", (elements) =>
    elements.flatMap((element) => ["placeholder", "aria-label", "title"].map((name) => element.getAttribute(name) ?? "")),
  );
  return [...new Set([text, ...attributes].flatMap((value) => value.match(keyPattern) ?? []))];
};

const roles: readonly WebDemoIdentity["role"][] = ["unit", "office", "deputy", "clerk", "auditor"];

describe.skipIf(missing !== null)("every view in both languages, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows no raw message key in any role's views, in Chinese and in English", async () => {
    const found: string[] = [];
    const suggestions: string[] = [];
    for (const role of roles) {
      const identity = demoIdentity(server, role);
      // A suggestion the role's own views link to (its page, and for the office the handling page).
      let suggestionId: string | null = null;
      for (const english of [false, true]) {
        const page = await open({ token: identity.token });
        // The language the page keeps (localStorage), set before the page's script reads it.
        await page.addInitScript(
          (language) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem("duty-ledger.language", language),
          english ? "en" : "zh-CN",
        );
        const views: string[] = navFor(identity.role).map((view) => `#/${view}`);
        const addSuggestion = (id: string): void => {
          views.push(`#/suggestion/${encodeURIComponent(id)}`);
          if (role === "office") views.push(`#/handle/${encodeURIComponent(id)}`);
        };
        if (suggestionId !== null) addSuggestion(suggestionId);
        for (const hash of views) {
          // Each view in a fresh load: no strings left from a view shown before it.
          const view = hash.slice(2).split(/[/?]/)[0] ?? "";
          await page.goto(`${server.url}/${hash}`);
          await page.reload();
          await waitView(page, view);
          expect(await page.getAttribute("html", "lang")).toBe(english ? "en" : "zh-CN");
          for (const key of await rawKeys(page)) found.push(`${role} ${english ? "en" : "zh-CN"} ${hash}: ${key}`);
          if (suggestionId === null) {
            suggestionId = await page.evaluate(() => {
              const link = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector("a[href^='#/suggestion/']");
              const href = link?.getAttribute("href") ?? null;
              return href === null ? null : decodeURIComponent(href.slice("#/suggestion/".length).split("?")[0] ?? "");
            });
            if (suggestionId !== null) {
              suggestions.push(`${role} ${suggestionId}`);
              addSuggestion(suggestionId);
            }
          }
        }
        await page.close();
      }
    }
    // The unit's, the office's and the deputy's views link to suggestions.
    expect(suggestions.map((line) => line.split(" ")[0])).toEqual(expect.arrayContaining(["unit", "office", "deputy"]));
    expect(found).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(policyViolations).toEqual([]);
  }, 300_000);
});
