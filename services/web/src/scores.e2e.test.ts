import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attributes,
  chromiumForTests,
  goHash,
  launchBrowser,
  phone,
  screenshot,
  screenshotDirectory,
  texts,
  waitView,
  watchPages,
  type TestBrowser,
} from "./browser.test-support.js";
import type { WebDemoIdentity } from "./demo-identity.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";

/**
 * The ranking page (办理评分, `pages/ScoresPage.vue`) in headless Chromium on a demo store: the
 * ranked units in the API's order and the unranked apart with the reason; a figure and a heat-map
 * cell open the suggestions behind them (titles, why each counts); sorting, the rule set chosen,
 * the opening period, the export to `.xlsx`; on a phone; in English.
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();

interface RankedUnit {
  unitId: string;
  rank: number | null;
  index: number | null;
  assigned: number;
  insufficientData: boolean;
  indicators: Record<string, number | null>;
}
interface Ranking {
  period: string;
  rules: string;
  units: RankedUnit[];
}
interface UnitIndicator {
  suggestionIds: string[];
  contributions: { suggestionId: string; numerator: number }[];
  numerator: number;
}

describe.skipIf(missing !== null)("the ranking page on a demo store, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);
  const identity = (role: WebDemoIdentity["role"], nth = 0): WebDemoIdentity => demoIdentity(server, role, nth);
  const office = (): WebDemoIdentity => identity("office");
  const shot = (page: Page, name: string, scrolled = false): Promise<void> => screenshot(screenshotDir, page, name, scrolled);
  const ranking = async (query: string): Promise<Ranking> => (await server.api<Ranking>(office().token, `/v1/scores?${query}`)).body;
  const rowIds = (page: Page, table: string): Promise<(string | null)[]> => attributes(page, `${table} .el-table__body tr .unit-cell`, "data-unit-id");

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("opens on the last full year with a ranking: the ranked units in the API's order, the unranked apart with the reason", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/scores`);
    await waitView(page, "scores");
    // The last full year with a ranked unit (not the current year, whatever it holds).
    const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
    let expected: string | undefined;
    for (let year = thisYear - 1; year > thisYear - 7 && expected === undefined; year--) {
      if ((await ranking(`period=${year}`)).units.some((u) => u.rank !== null)) expected = String(year);
    }
    const period = await page.locator(".ranking").getAttribute("data-period");
    expect(period).toBe(expected);
    expect(page.url()).toContain(`period=${period}`);

    const api = await ranking(`period=${period}`);
    const ranked = api.units.filter((u) => u.rank !== null);
    const unranked = api.units.filter((u) => u.rank === null);
    expect(ranked.length).toBeGreaterThan(0);
    expect(unranked.length).toBeGreaterThan(0);
    expect(await rowIds(page, ".ranking")).toEqual(ranked.map((u) => u.unitId));
    expect(await rowIds(page, ".unranked-table")).toEqual(unranked.map((u) => u.unitId));
    // Each unranked unit says why: fewer assigned than the rule set's minimum (5 by default).
    const reasons = await texts(page, ".unranked-table .el-table__body tr .reason");
    unranked.forEach((u, i) => expect(reasons[i]).toContain(u.insufficientData ? `交办 ${u.assigned} 件` : "无法计分"));
    // Units by registered name, the id small beside.
    const names = new Map((await server.api<{ units: { unitId: string; name: string }[] }>(office().token, "/v1/units")).body.units.map((u) => [u.unitId, u.name]));
    const first = ranked[0] as RankedUnit;
    expect(await page.locator(`.ranking .unit-cell[data-unit-id='${first.unitId}'] .unit-name`).innerText()).toBe(names.get(first.unitId));
    expect(await page.locator(`.ranking .unit-cell[data-unit-id='${first.unitId}'] .unit-id`).innerText()).toBe(first.unitId);
    await shot(page, "scores");

    // Sorting by a column: completion ascending puts the lowest first (not scored last).
    await page.locator(".ranking .el-table__header th", { hasText: "办结率" }).locator(".sort-caret.ascending").click();
    const byCompletion = [...ranked].sort((a, b) => (a.indicators["completion"] ?? -1) - (b.indicators["completion"] ?? -1)).map((u) => u.indicators["completion"]);
    const shown = (await attributes(page, ".ranking .el-table__body tr [data-indicator='completion']", "data-unit")).map((id) => ranked.find((u) => u.unitId === id)?.indicators["completion"]);
    expect(shown).toEqual(byCompletion);
    await page.close();
  });

  it("a figure opens the suggestions behind it, with their titles and why each counts; the heat map's cells too", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/scores`);
    await waitView(page, "scores");
    const period = await page.locator(".ranking").getAttribute("data-period");
    const ranked = (await ranking(`period=${period}`)).units.filter((u) => u.rank !== null);
    const unit = ranked.find((u) => u.assigned >= 5) ?? (ranked[0] as RankedUnit);
    await page.click(`.ranking button.figure-button[data-unit='${unit.unitId}'][data-indicator='completion']`);
    await page.waitForSelector(`.drill[data-drill='${unit.unitId}:completion'][data-loaded='true']`);
    const detail = (await server.api<{ indicators: Record<string, UnitIndicator> }>(office().token, `/v1/units/${unit.unitId}/scores?period=${period}`)).body;
    const completion = detail.indicators["completion"] as UnitIndicator;
    expect(await attributes(page, ".drill li[data-suggestion-id]", "data-suggestion-id")).toEqual(completion.suggestionIds);
    const counted = completion.contributions.filter((c) => c.numerator > 0).map((c) => c.suggestionId);
    expect(await attributes(page, ".drill li[data-counted='true']", "data-suggestion-id")).toEqual(counted);
    expect(counted.length).toBe(completion.numerator);
    // Titles as the API gives them, and why each counts (on time / late / not replied).
    const firstId = completion.suggestionIds[0] as string;
    const suggestion = (await server.api<{ title: string }>(office().token, `/v1/suggestions/${firstId}`)).body;
    await expect.poll(() => page.locator(`.drill li[data-suggestion-id='${firstId}'] .drill-title`).innerText()).toBe(suggestion.title);
    for (const why of await texts(page, ".drill li .why")) expect(why).toMatch(/按期办结|晚于期限|未答复/);
    expect(page.url()).toContain(`unit=${unit.unitId}`);
    await shot(page, "scores-drill-down", true);

    // 单位重视 is a weighted score: a percentage with its components, never a fraction of suggestions.
    await page.click(`.ranking button.figure-button[data-unit='${unit.unitId}'][data-indicator='attention']`);
    await page.waitForSelector(`.drill[data-drill='${unit.unitId}:attention'][data-loaded='true']`);
    expect(await page.locator(".drill .facts").innerText()).not.toContain("分子");

    // The heat map (its own tab, loaded when shown): the ranked units only, rank 1 at the top.
    await page.click("#tab-chart");
    await page.waitForSelector("[data-chart='indicators'][data-rendered='true'] canvas");
    expect(page.url()).toContain("show=chart");
    const top = ranked[0] as RankedUnit;
    await page.evaluate(`document.querySelector("[data-chart='indicators']").scrollIntoView({ block: "start" })`);
    const canvas = await page.locator("[data-chart='indicators'] canvas").first().boundingBox();
    const [gridTop = 0, gridRight = 0, gridBottom = 0, gridLeft = 0] = ((await page.locator("[data-chart='indicators']").getAttribute("data-grid")) ?? "").split(" ").map(Number);
    if (canvas === null) throw new Error("no chart");
    const cellWidth = (canvas.width - gridLeft - gridRight) / 7;
    const cellHeight = (canvas.height - gridTop - gridBottom) / ranked.length;
    await page.mouse.click(canvas.x + gridLeft + cellWidth / 2, canvas.y + gridTop + cellHeight / 2);
    await page.waitForSelector(`.drill[data-drill='${top.unitId}:attention'][data-loaded='true']`);
    await page.evaluate(`document.querySelector("[data-chart='indicators']").scrollIntoView({ block: "start" })`);
    const moved = (await page.locator("[data-chart='indicators'] canvas").first().boundingBox()) ?? canvas;
    await page.mouse.move(moved.x + gridLeft + cellWidth / 2 + 3, moved.y + gridTop + cellHeight / 2 + 2);
    await expect.poll(() => page.locator("[data-chart='indicators']").innerText()).toContain(top.unitId);
    await shot(page, "scores-heat-map", true);
    const attention = (await server.api<{ indicators: Record<string, UnitIndicator> }>(office().token, `/v1/units/${top.unitId}/scores?period=${period}`)).body.indicators["attention"];
    expect(await attributes(page, ".drill li[data-suggestion-id]", "data-suggestion-id")).toEqual(attention?.suggestionIds);

    // A suggestion behind the figure opens.
    const suggestionId = attention?.suggestionIds[0];
    if (suggestionId !== undefined) {
      await page.click(`.drill li[data-suggestion-id='${suggestionId}'] a`);
      await waitView(page, "suggestion");
      expect(await page.locator("article.suggestion").getAttribute("data-suggestion-id")).toBe(suggestionId);
    }
    await page.close();
  });

  it("ranks by the rule set chosen, and exports the ranking to a spreadsheet", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/scores`);
    await waitView(page, "scores");
    const period = await page.locator(".ranking").getAttribute("data-period");
    expect(await page.locator(".ranking").getAttribute("data-rules")).toBe("default-2024");
    await page.click(".control-rules");
    await page.locator(".el-select-dropdown__item:visible", { hasText: "strict-2025" }).click();
    await page.evaluate(`document.querySelector("main")?.setAttribute("data-stale", "1")`);
    await page.click("form[data-form='scores'] button[type='submit']");
    await page.waitForSelector("html[data-ready='true'] main[data-view='scores']:not([data-stale])");
    expect(await page.locator(".ranking").getAttribute("data-rules")).toBe("strict-2025");
    const strict = await ranking(`period=${period}&rules=strict-2025`);
    expect(await rowIds(page, ".ranking")).toEqual(strict.units.filter((u) => u.rank !== null).map((u) => u.unitId));

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button[data-action='export']")]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${period}-strict-2025\\.xlsx$`));
    const path = await download.path();
    const bytes = readFileSync(path);
    // An .xlsx is a zip archive.
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    await page.close();
  });

  it("on a phone: the table scrolls sideways inside its card, the page does not; the heat map fits", async () => {
    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/scores`);
    await waitView(mobile, "scores");
    const widths = (await mobile.evaluate(`(() => {
      const body = document.querySelector(".ranking .el-table__body-wrapper .el-scrollbar__wrap") ?? document.querySelector(".ranking .el-table__body-wrapper");
      return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, table: body.scrollWidth, shown: body.clientWidth };
    })()`)) as { page: number; viewport: number; table: number; shown: number };
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.table).toBeGreaterThan(widths.shown);
    await shot(mobile, "scores-phone");
    await goHash(mobile, `#/scores?period=${await mobile.locator(".ranking").getAttribute("data-period")}&show=chart`, "scores");
    await mobile.waitForSelector("[data-chart='indicators'][data-rendered='true'] canvas");
    expect(await mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await mobile.evaluate(`document.querySelector("[data-chart='indicators']").scrollIntoView({ block: "start" })`);
    await shot(mobile, "scores-heat-map-phone", true);
    await mobile.close();
  });

  it("in English", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/scores`);
    await waitView(page, "scores");
    await page.click("button[data-action='language']");
    await page.waitForSelector("html[lang='en'][data-ready='true'] main[data-view='scores']");
    expect(await page.locator("main h1").textContent()).toBe("Handling scores");
    expect(await page.locator(".unranked h2").innerText()).toContain("Units not ranked");
    await shot(page, "scores-english");
    await page.click("button[data-action='language']");
    await page.waitForSelector("html[lang='zh-CN'][data-ready='true'] main[data-view='scores']");
    expect(await page.locator("main h1").textContent()).toBe("办理评分");
    await page.close();
  });

  it("no page broke the Content-Security-Policy or threw", () => {
    expect(policyViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
