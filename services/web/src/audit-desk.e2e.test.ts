import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, launchBrowser, phone, screenshot, screenshotDirectory, waitView, watchPages, type TestBrowser, phoneOverflow, poll, fieldError, fillField, submitForm } from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";

/**
 * The auditor's desk (审计核验台, `#/audit`) in headless Chromium against a demo store: the
 * signed tree head as the API gives it, a range of the log exported as a JSON Lines file, the
 * log verified, an inclusion proof recomputed to the signed root (a size past the head refused
 * at the size), a ranking published in the test reproduced (digest and every unit; an unknown
 * id refused at the id), the scores read as of and as known at a day (a bad period refused at
 * the period). Screenshots: UPDATE_SCREENSHOTS=1.
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();

describe.skipIf(missing !== null)("the auditor's desk on the web page, in headless Chromium", () => {
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

  it("exports, verifies, proves inclusion, reproduces a published ranking and reads scores as known then", async () => {
    const auditor = demoIdentity(server, "auditor");
    const office = demoIdentity(server, "office");
    const head = (await server.api<{ treeSize: number; rootHash: string }>(auditor.token, "/v1/audit/tree-head")).body;
    const page = await open({ token: auditor.token });
    await page.goto(`${server.url}/#/audit`);
    await waitView(page, "audit");
    expect(Number(await page.locator("[data-section='tree-head']").getAttribute("data-tree-size"))).toBeGreaterThanOrEqual(head.treeSize);
    await screenshot(screenshotDir, page, "audit");

    // Export positions 1-50 as a file, one event a line.
    await fillField(page, "export", "to", "50");
    const [download] = await Promise.all([page.waitForEvent("download"), submitForm(page, "export")]);
    expect(download.suggestedFilename()).toBe("duty-ledger-events-1-50.jsonl");
    const lines = readFileSync(await download.path(), "utf8").trim().split("\n");
    expect(lines).toHaveLength(50);
    expect((JSON.parse(lines[0] as string) as { position: number }).position).toBe(1);
    expect((JSON.parse(lines[49] as string) as { position: number }).position).toBe(50);

    // Verify the whole log.
    await submitForm(page, "verify");
    await page.waitForSelector("[data-form='verify'] .verify-report[data-ok='true']", { timeout: 60_000 });

    // An inclusion proof against a size past the head: refused at the size; then one that checks.
    await fillField(page, "inclusion", "position", "7");
    await fillField(page, "inclusion", "treeSize", String(head.treeSize + 100_000));
    await submitForm(page, "inclusion");
    await poll(() => fieldError(page, "inclusion", "treeSize").count()).toBe(1);
    expect(await page.locator("[data-form='inclusion'] .error[role='alert']").getAttribute("data-status")).toBe("404");
    await fillField(page, "inclusion", "treeSize", String(head.treeSize));
    await submitForm(page, "inclusion");
    await page.waitForSelector("[data-form='inclusion'] .proof[data-matches='true']");
    await fillField(page, "consistency", "from", "10");
    await fillField(page, "consistency", "to", String(head.treeSize));
    await submitForm(page, "consistency");
    await page.waitForSelector("[data-form='consistency'] .proof");

    // A ranking published now (by the office, through the API), reproduced on the page.
    const year = new Date().getFullYear() - 1;
    const published = await server.api(office.token, "/v1/rankings", { rankingId: "R-AUDIT-E2E", period: String(year), rules: "default-2024", asOf: `${year}-12-31T23:59:59+08:00` });
    expect(published.status).toBe(201);
    await fillField(page, "ranking", "rankingId", "R-NOT-PUBLISHED");
    await submitForm(page, "ranking");
    await poll(() => fieldError(page, "ranking", "rankingId").count()).toBe(1);
    await fillField(page, "ranking", "rankingId", "R-AUDIT-E2E");
    await submitForm(page, "ranking");
    const check = page.locator("[data-form='ranking'] .ranking-check");
    await check.waitFor();
    expect(await check.getAttribute("data-digest-ok")).toBe("true");
    expect(await check.getAttribute("data-differing")).toBe("0");

    // Scores as of a day, as known then: a malformed period is refused at the period.
    await fillField(page, "replay", "period", "20x");
    await submitForm(page, "replay");
    await poll(() => fieldError(page, "replay", "period").count()).toBe(1);
    await fillField(page, "replay", "period", String(year));
    await submitForm(page, "replay");
    await page.waitForSelector(`[data-form='replay'] .replay-result[data-period='${year}']`);
    await page.close();
  });

  it("fits a phone's width", async () => {
    const page = await open({ token: demoIdentity(server, "auditor").token, viewport: phone });
    expect(await phoneOverflow(page, `${server.url}/#/audit`, "audit", screenshotDir, "audit-phone")).toBeLessThanOrEqual(0);
  });

  it("raised no script error and no Content Security Policy violation", () => {
    expect(pageErrors).toEqual([]);
    expect(policyViolations).toEqual([]);
  });
});
