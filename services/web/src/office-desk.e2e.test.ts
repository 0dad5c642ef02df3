import { shanghaiIsoOf } from "@duty-ledger/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributes, chromiumForTests, goHash, launchBrowser, phone, screenshot, screenshotDirectory, waitView, watchPages, type TestBrowser, fieldError } from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";

/**
 * The office's daily work on the page, in headless Chromium against a demo store (a generated
 * county): the deadline watch by unit (overdue, long overdue, due soon), the registries (units
 * listed and searched by name; units, deputies and stations registered), the acts on a
 * suggestion (pre-review, assignment by unit name, supervision, extension; refusals at their
 * field) and publishing a ranking after confirmation. Screenshots as web.e2e.test.ts.
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();
const DAY_MS = 86_400_000;

interface WatchLine {
  readonly suggestionId: string;
  readonly dueAt: string | null;
  readonly assignedAt: string | null;
  readonly longOverdue: boolean;
}

describe.skipIf(missing !== null)("the office's desk on a demo store, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);
  const office = () => demoIdentity(server, "office");
  const shot = (page: Page, name: string, scrolled = false): Promise<void> => screenshot(screenshotDir, page, name, scrolled);
  const unitNames = async (): Promise<Map<string, string>> =>
    new Map((await server.api<{ units: { unitId: string; name: string }[] }>(office().token, "/v1/units")).body.units.map((u) => [u.unitId, u.name]));

  /** Every line of the watch list of `status` (as of `asOf`, ISO with offset; now when undefined). */
  const watchLines = async (status: string, asOf?: string, days = 30): Promise<WatchLine[]> => {
    const lines: WatchLine[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `status=${status}${asOf === undefined ? "" : `&asOf=${encodeURIComponent(asOf)}`}&dueWithinDays=${days}&limit=500${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const answer = await server.api<{ items: WatchLine[]; nextCursor: string | null }>(office().token, `/v1/suggestions?${query}`);
      expect(answer.status).toBe(200);
      lines.push(...answer.body.items);
      cursor = answer.body.nextCursor;
    } while (cursor !== null);
    return lines;
  };

  /**
   * A day (YYYY-MM-DD, Shanghai) on which the watch list has both overdue and due-soon lines
   * within 30 days: from the due dates of the suggestions still owing a reply, the latest day
   * one of them falls due while another, assigned by then, falls due within the 30 days after.
   */
  const dayWithBothTiers = async (): Promise<string> => {
    const owing = (await watchLines("open")).filter((line) => line.dueAt !== null);
    const days = [...new Set(owing.map((line) => (line.dueAt as string).slice(0, 10)))].sort().reverse();
    for (const day of days) {
      const end = Date.parse(`${day}T23:59:59+08:00`);
      const overdue = owing.some((line) => Date.parse(line.dueAt as string) < end);
      const dueSoon = owing.some((line) => line.assignedAt !== null && Date.parse(line.assignedAt) <= end && Date.parse(line.dueAt as string) >= end && Date.parse(line.dueAt as string) <= end + 30 * DAY_MS);
      if (overdue && dueSoon) return day;
    }
    throw new Error("no day of the generated history has both overdue and due-soon suggestions");
  };

  /** Picks `label` in an Element Plus select (`select`: its wrapper), typing `typed` to filter first when given. */
  const pick = async (page: Page, select: string, popper: string, label: string, typed?: string): Promise<void> => {
    await page.click(`${select} .el-select__wrapper`);
    if (typed !== undefined) await page.keyboard.type(typed);
    await page.locator(`.${popper} .el-select-dropdown__item:visible`, { hasText: label }).first().click();
  };

  /** The error shown at a form's field (Element Plus's `.el-form-item__error`). */

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the office sees the overdue, long-overdue and due-soon suggestions by unit, as the API lists them", async () => {
    const page = await open({ token: office().token });
    const unitListReads: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/v1/units") unitListReads.push(request.url());
    });
    const day = await dayWithBothTiers();
    const asOf = `${day}T23:59:59+08:00`;
    await page.goto(`${server.url}/#/watch?asOf=${day}&days=30`);
    await waitView(page, "watch");
    const overdue = (await watchLines("overdue", asOf)).map((line) => line.suggestionId);
    const dueSoon = (await watchLines("due-soon", asOf)).map((line) => line.suggestionId);
    const longOverdue = (await watchLines("long-overdue", asOf)).map((line) => line.suggestionId);
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(await page.locator("[data-stat='overdue'] .stat-value").textContent()).toBe(String(overdue.length));
    expect(await page.locator("[data-stat='dueSoon'] .stat-value").textContent()).toBe(String(dueSoon.length));
    expect(await page.locator("[data-stat='longOverdue'] .stat-value").textContent()).toBe(String(longOverdue.length));
    expect((await attributes(page, ".watch-items li[data-status='overdue']", "data-suggestion-id")).sort()).toEqual([...overdue].sort());
    expect((await attributes(page, ".watch-items li[data-status='due-soon']", "data-suggestion-id")).sort()).toEqual([...dueSoon].sort());
    expect((await attributes(page, ".watch-items li[data-long-overdue='true']", "data-suggestion-id")).sort()).toEqual([...longOverdue].sort());
    await shot(page, "watch-list");

    // Units by their registered names, the id small beside: in the table and the unit's heading.
    const names = await unitNames();
    const tableUnits = await attributes(page, ".watch-table .el-table__body .unit-cell", "data-unit-id");
    const groupUnit = tableUnits.find((id) => id !== null && names.has(id));
    if (groupUnit === undefined || groupUnit === null) throw new Error("no unit of the watch list has a registered name");
    const cell = `.watch-table .el-table__body .unit-cell[data-unit-id='${groupUnit}']`;
    expect(await page.locator(`${cell} .unit-name`).innerText()).toBe(names.get(groupUnit));
    expect(await page.locator(`${cell} .unit-id`).innerText()).toBe(groupUnit);
    expect(await page.locator(`[data-watch-unit='${groupUnit}'] h2`).innerText()).toContain(names.get(groupUnit));
    expect(await page.locator(`[data-watch-unit='${groupUnit}'] h2 .unit-id`).innerText()).toBe(groupUnit);
    // Most overdue first; sortable by name.
    const overdueCounts = (await page.locator(".watch-table .el-table__body [data-count='overdue']").allTextContents()).map(Number);
    expect(overdueCounts).toEqual([...overdueCounts].sort((a, b) => b - a));
    await page.click(".watch-table .el-table__header th:first-child .cell");
    const byName = await page.locator(".watch-table .el-table__body .unit-cell .unit-name").allTextContents();
    expect(byName).toEqual([...byName].sort(new Intl.Collator("zh-CN").compare));

    // The unit filter: a select over every registered unit, found by typing part of its name.
    const name = names.get(groupUnit) as string;
    await page.click("[data-field='unit'] .el-select__wrapper");
    expect(await page.locator(".watch-unit-options .el-select-dropdown__item").count()).toBe(names.size);
    await page.keyboard.type(name.slice(0, Math.max(2, name.length - 1)));
    await page.locator(`.watch-unit-options .el-select-dropdown__item:visible[data-unit-id='${groupUnit}']`).click();
    await page.evaluate(`document.querySelector("main")?.setAttribute("data-stale", "1")`);
    await page.click("form[data-form='watch'] button[type='submit']");
    await page.waitForSelector("html[data-ready='true'] main[data-view='watch']:not([data-stale])", { timeout: 30_000 });
    expect(await attributes(page, ".watch-table .el-table__body .unit-cell", "data-unit-id")).toEqual([groupUnit]);
    const ofUnit = await attributes(page, ".watch-items li[data-suggestion-id]", "data-suggestion-id");
    expect(ofUnit.length).toBeGreaterThan(0);
    expect(ofUnit.every((id) => overdue.includes(id ?? "") || dueSoon.includes(id ?? ""))).toBe(true);

    // A line opens the office's acts on it.
    const watched = await page.locator(`[data-watch-unit='${groupUnit}'] li[data-suggestion-id]`).first().getAttribute("data-suggestion-id");
    await page.evaluate(`document.querySelector("main")?.setAttribute("data-stale", "1")`);
    await page.click(`[data-watch-unit='${groupUnit}'] li[data-suggestion-id='${watched}'] [data-action='handle']`);
    await page.waitForSelector(`html[data-ready='true'] main[data-view='handle']:not([data-stale]) [data-office-actions='${watched}'] .office-facts`, { timeout: 30_000 });
    expect(await page.locator("[data-office-actions] [data-field='leadUnit']").getAttribute("data-unit-id")).toBe(groupUnit);
    // Three views with unit names: the list was read once.
    expect(unitListReads).toHaveLength(1);
    await page.close();

    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/watch?asOf=${day}&days=30`);
    await waitView(mobile, "watch");
    expect(await mobile.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "watch-list-phone");
    await mobile.close();
  });

  it("registries: units listed and found by name; a unit, a deputy and a station registered, a taken id refused at the id", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/desk?tab=units`);
    await waitView(page, "desk");
    const names = await unitNames();
    expect(await page.locator("[data-registry='units'] .el-table__body .unit-name").count()).toBe(names.size);
    const [someId, someName] = [...names][0] as [string, string];
    await page.fill("[data-registry='units'] input[name='search']", someName);
    expect(await attributes(page, "[data-registry='units'] .el-table__body .unit-name", "data-unit-id")).toContain(someId);
    await shot(page, "office-desk");

    await page.fill("form[data-form='unit'] [data-field='name'] input", "县乡村振兴局");
    await page.fill("form[data-form='unit'] [data-field='unitId'] input", "U-E2E-1");
    await page.click("form[data-form='unit'] button[type='submit']");
    await page.waitForSelector("[data-saved][data-id='U-E2E-1']");
    await page.fill("[data-registry='units'] input[name='search']", "乡村振兴");
    expect(await attributes(page, "[data-registry='units'] .el-table__body .unit-name", "data-unit-id")).toContain("U-E2E-1");
    // The same id again: refused at the id, the form kept.
    await page.fill("form[data-form='unit'] [data-field='name'] input", "县乡村振兴局（重复）");
    await page.fill("form[data-form='unit'] [data-field='unitId'] input", "U-E2E-1");
    await page.click("form[data-form='unit'] button[type='submit']");
    await expect.poll(() => fieldError(page, "unit", "unitId").count()).toBe(1);
    expect(await page.locator("form[data-form='unit'] [data-field='name'] input").inputValue()).toBe("县乡村振兴局（重复）");

    await page.click("#tab-deputies");
    // The deputies listed by name (GET /v1/deputies), searched on the server.
    const deputies = await server.api<{ deputies: { deputyId: string; name: string }[] }>(office().token, "/v1/deputies?limit=100");
    const firstDeputy = deputies.body.deputies[0] as { deputyId: string; name: string };
    await expect.poll(() => attributes(page, "[data-registry='deputies'] .el-table__body .deputy-name", "data-deputy-id")).toEqual(deputies.body.deputies.map((d) => d.deputyId));
    await page.fill("[data-registry='deputies'] input[name='search']", firstDeputy.name);
    await expect.poll(() => page.locator(`[data-registry='deputies'] .deputy-name[data-deputy-id='${firstDeputy.deputyId}']`).innerText()).toBe(firstDeputy.name);
    await page.fill("[data-registry='deputies'] input[name='search']", "");
    const deputy = { name: "王晓梅", term: "第十八届", constituency: "城关镇第三选区" };
    await page.fill("form[data-form='deputy'] [data-field='name'] input", deputy.name);
    await page.fill("form[data-form='deputy'] [data-field='term'] input", deputy.term);
    await page.fill("form[data-form='deputy'] [data-field='constituency'] input", deputy.constituency);
    await page.fill("form[data-form='deputy'] [data-field='deputyId'] input", "D-E2E-1");
    // The station chosen by name among the registered ones.
    const someStation = (await server.api<{ stations: { stationId: string; name: string }[] }>(office().token, "/v1/stations")).body.stations[0] as { stationId: string; name: string };
    await pick(page, "form[data-form='deputy'] [data-field='stationId']", "deputy-station-options", someStation.stationId, someStation.name);
    await page.click("form[data-form='deputy'] button[type='submit']");
    await page.waitForSelector("[data-saved][data-id='D-E2E-1']");
    const registered = await server.api<{ deputies: { deputyId: string; stationId: string | null }[] }>(office().token, "/v1/deputies?q=D-E2E-1");
    expect(registered.body.deputies).toMatchObject([{ deputyId: "D-E2E-1", stationId: someStation.stationId }]);
    // The list read again: the new deputy found by name.
    await page.fill("[data-registry='deputies'] input[name='search']", deputy.name);
    await expect.poll(() => page.locator("[data-registry='deputies'] .deputy-name[data-deputy-id='D-E2E-1']").innerText()).toBe(deputy.name);
    await page.fill("form[data-form='deputy'] [data-field='name'] input", deputy.name);
    await page.fill("form[data-form='deputy'] [data-field='constituency'] input", deputy.constituency);
    await page.fill("form[data-form='deputy'] [data-field='deputyId'] input", "D-E2E-1");
    await page.click("form[data-form='deputy'] button[type='submit']");
    await expect.poll(() => fieldError(page, "deputy", "deputyId").count()).toBe(1);

    await page.click("#tab-stations");
    const stations = await server.api<{ stations: { stationId: string; name: string }[] }>(office().token, "/v1/stations");
    expect(stations.body.stations.length).toBeGreaterThan(0);
    expect((await attributes(page, "[data-registry='stations'] .el-table__body .station-name", "data-station-id")).sort()).toEqual(stations.body.stations.map((st) => st.stationId).sort());
    await page.fill("form[data-form='station'] [data-field='name'] input", "城关镇人大代表联络站");
    await page.fill("form[data-form='station'] [data-field='region'] input", "城关镇");
    await page.fill("form[data-form='station'] [data-field='stationId'] input", "ST-E2E-1");
    await page.click("form[data-form='station'] button[type='submit']");
    await page.waitForSelector("[data-saved][data-id='ST-E2E-1']");
    await expect.poll(() => page.locator("[data-registry='stations'] .station-name[data-station-id='ST-E2E-1']").count()).toBe(1);
    expect(await page.locator("[data-registry='stations'] .station-name[data-station-id='ST-E2E-1']").innerText()).toBe("城关镇人大代表联络站");
    await page.fill("form[data-form='station'] [data-field='name'] input", "城关镇人大代表联络站");
    await page.fill("form[data-form='station'] [data-field='region'] input", "城关镇");
    await page.fill("form[data-form='station'] [data-field='stationId'] input", "ST-E2E-1");
    await page.click("form[data-form='station'] button[type='submit']");
    await expect.poll(() => fieldError(page, "station", "stationId").count()).toBe(1);
    await page.close();

    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/desk`);
    await waitView(mobile, "desk");
    expect(await mobile.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "office-desk-phone");
    await mobile.close();
  });

  it("the office pre-reviews, assigns by unit name, supervises and extends a suggestion; refusals at their field", async () => {
    const deputy = demoIdentity(server, "deputy");
    const now = Date.now();
    const submitted = await server.api<{ id: string }>(deputy.token, "/v1/suggestions", {
      leadDeputyId: deputy.sub,
      coSignerIds: [],
      title: "关于城关镇老旧小区加装电梯的建议",
      body: "建议对城关镇六层以下老旧小区统一规划加装电梯，方便老年居民出行。",
      phase: "recess",
      session: "闭会期间",
      submittedAt: shanghaiIsoOf(now - 3 * 3_600_000, "second"),
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const page = await open({ token: office().token });
    // The desk opens on the pre-review queue (待预审), oldest first as the API lists it; the line opens the office's actions.
    await page.goto(`${server.url}/#/desk`);
    await waitView(page, "desk");
    await page.waitForSelector(`[data-queue='pre-review'] li[data-suggestion-id='${id}']`);
    const queue = (await watchLines("submitted")).map((line) => line.suggestionId);
    expect(await attributes(page, "[data-queue='pre-review'] li", "data-suggestion-id")).toEqual(queue.slice(0, 100));
    await shot(page, "office-queue");
    await page.click(`[data-queue='pre-review'] li[data-suggestion-id='${id}'] [data-action='pre-review']`);
    await waitView(page, "handle");
    await page.waitForSelector(`[data-office-actions='${id}'][data-state='submitted'] form[data-form='pre-review']`);

    // Pre-review without a reason: refused at the reason; with one, accepted.
    await page.click("form[data-form='pre-review'] button[type='submit']");
    await expect.poll(() => fieldError(page, "pre-review", "reason").count()).toBe(1);
    await page.fill("form[data-form='pre-review'] [data-field='reason'] textarea", "符合立案条件，予以立案。");
    await page.click("form[data-form='pre-review'] button[type='submit']");
    await page.waitForSelector(`[data-office-actions='${id}'][data-state='accepted'] form[data-form='assignment']`);
    expect((await watchLines("submitted")).map((line) => line.suggestionId)).not.toContain(id);

    // Assignment: the lead and a co-unit chosen by name, the policy's terms shown.
    const names = [...(await unitNames())].filter(([unitId]) => !unitId.includes("E2E"));
    const [leadId, leadName] = names[0] as [string, string];
    const [coId, coName] = names[1] as [string, string];
    expect(await page.locator("form[data-form='assignment'] [data-policy-terms]").count()).toBe(1);
    await page.click("form[data-form='assignment'] button[type='submit']");
    await expect.poll(() => fieldError(page, "assignment", "leadUnitId").count()).toBe(1);
    await pick(page, "form[data-form='assignment'] [data-field='leadUnitId']", "lead-unit-options", leadName, leadName);
    await pick(page, "form[data-form='assignment'] [data-field='coUnitIds']", "co-unit-options", coName, coName);
    await page.keyboard.press("Escape");
    await page.click("form[data-form='assignment'] button[type='submit']");
    await page.waitForSelector(`[data-office-actions='${id}'][data-state='assigned'] [data-field='leadUnit'][data-unit-id='${leadId}']`);
    const assigned = await server.api<{ units: { leadUnitId: string; coUnitIds: string[] }; dueAt: string }>(office().token, `/v1/suggestions/${id}`);
    expect(assigned.body.units).toEqual({ leadUnitId: leadId, coUnitIds: [coId] });
    await shot(page, "office-handle");

    // Supervision: a warning, listed and shown.
    await page.click("#tab-supervision");
    await page.fill("form[data-form='supervision'] [data-field='by'] input", "县人大常委会选工委");
    await page.fill("form[data-form='supervision'] [data-field='note'] textarea", "请抓紧制定办理方案并与领衔代表沟通。");
    await page.click("form[data-form='supervision'] button[type='submit']");
    await page.waitForSelector("[data-supervisions] li[data-kind='warning']");
    await page.waitForSelector("[data-office-actions] .office-facts [data-warning]");

    // Extension: a later due date, granted today.
    await page.click("#tab-extension");
    const newDue = new Date(Date.parse(assigned.body.dueAt) + 60 * DAY_MS).toISOString().slice(0, 10);
    await page.fill("form[data-form='extension'] [data-field='newDueAt'] input", newDue);
    await page.keyboard.press("Enter");
    await page.fill("form[data-form='extension'] [data-field='reason'] textarea", "涉及规划调整，需延期办理。");
    await page.click("form[data-form='extension'] button[type='submit']");
    await expect.poll(async () => (await server.api<{ dueAt: string }>(office().token, `/v1/suggestions/${id}`)).body.dueAt.slice(0, 10)).toBe(newDue);
    await page.waitForSelector(`[data-office-actions] [data-field='dueAt']:has-text('${newDue}')`);

    // No request waits: no answer to one is offered. The lead unit asks for more time: its request
    // shows with the refusal form; refused without a reason at the reason, then with one: the form goes.
    expect(await page.locator("#tab-extension-request").count()).toBe(0);
    expect(await page.locator("#tab-return-request").count()).toBe(0);
    const lead = await server.token("unit", leadId);
    const asked = await server.api(lead, `/v1/suggestions/${id}/extension-request`, {
      requestedDueAt: `${new Date(Date.parse(`${newDue}T00:00:00+08:00`) + 30 * DAY_MS).toISOString().slice(0, 10)}T23:59:59+08:00`,
      reason: "需与规划部门会商。",
      at: shanghaiIsoOf(Date.now(), "second"),
    });
    expect(asked.status).toBe(201);
    await page.reload();
    await waitView(page, "handle");
    await page.click("#tab-extension-request");
    expect(await page.locator("[data-pending-request='extension']").innerText()).toContain(leadName);
    await page.click("form[data-form='extension-request-refusal'] button[type='submit']");
    await expect.poll(() => fieldError(page, "extension-request-refusal", "reason").count()).toBe(1);
    await page.fill("form[data-form='extension-request-refusal'] [data-field='reason'] textarea", "期限内可以办结。");
    await page.click("form[data-form='extension-request-refusal'] button[type='submit']");
    await expect.poll(() => page.locator("#tab-extension-request").count()).toBe(0);
    expect((await server.api<{ pendingRequests: { extension: unknown } }>(office().token, `/v1/suggestions/${id}`)).body.pendingRequests.extension).toBeNull();
    await page.close();

    // An extension of a suggestion already past its due date: refused (extension-after-due) at the day of the grant.
    const late = (await watchLines("overdue"))[0];
    if (late === undefined) throw new Error("no overdue suggestion in the demo store");
    const again = await open({ token: office().token });
    await again.goto(`${server.url}/#/handle/${encodeURIComponent(late.suggestionId)}`);
    await waitView(again, "handle");
    await again.waitForSelector(`[data-office-actions='${late.suggestionId}'] form[data-form='extension']`);
    await again.fill("form[data-form='extension'] [data-field='newDueAt'] input", new Date(now + 90 * DAY_MS).toISOString().slice(0, 10));
    await again.keyboard.press("Enter");
    await again.fill("form[data-form='extension'] [data-field='reason'] textarea", "情况复杂。");
    await again.click("form[data-form='extension'] button[type='submit']");
    await expect.poll(() => fieldError(again, "extension", "grantedAt").textContent()).toBe("办理期限已过，不能再延期。");
    await again.close();

    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/handle/${encodeURIComponent(id)}`);
    await waitView(mobile, "handle");
    await mobile.waitForSelector("[data-office-actions] .office-tabs");
    expect(await mobile.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "office-handle-phone");
    await mobile.close();
  });

  it("publishes a ranking after confirmation, opens it by id, and refuses an id already published at the id", async () => {
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/rankings`);
    await waitView(page, "rankings");
    const publish = async (rankingId: string, confirm: boolean): Promise<void> => {
      await page.fill("form[data-form='ranking'] [data-field='rankingId'] input", rankingId);
      await page.click("form[data-form='ranking'] button[type='submit']");
      await page.waitForSelector(".ranking-confirm");
      await page.click(confirm ? ".ranking-confirm .el-button--primary" : ".ranking-confirm .el-message-box__btns .el-button:not(.el-button--primary)");
      await page.waitForSelector(".ranking-confirm", { state: "hidden" });
    };
    // The latest year with a ranked unit (the generated history ends in a past year).
    let year = new Date().getFullYear() - 1;
    for (; year > 2000; year--) {
      const scores = await server.api<{ units: { rank: number | null }[] }>(office().token, `/v1/scores?period=${year}`);
      if (scores.body.units.some((unit) => unit.rank !== null)) break;
    }
    await pick(page, "form[data-form='ranking'] [data-field='period']", "ranking-period-options", String(year));
    expect(await page.locator("form[data-form='ranking'] [data-field='asOf'] input").inputValue()).toBe(`${year}-12-31`);
    // Cancelled: nothing published.
    await publish("RK-E2E-0", false);
    expect((await server.api(office().token, "/v1/rankings/RK-E2E-0")).status).toBe(404);

    await publish("RK-E2E-1", true);
    // Publishing computes the ranking of the whole period: it may take a while on a loaded machine.
    await page.waitForSelector(".published-ranking[data-ranking-id='RK-E2E-1']", { timeout: 90_000 });
    const published = await server.api<{ answer: { units: { unitId: string; rank: number | null }[] }; answerDigest: string }>(office().token, "/v1/rankings/RK-E2E-1");
    expect(published.status).toBe(200);
    expect(await page.locator(".published-ranking [data-digest]").innerText()).toBe(published.body.answerDigest);
    const ranked = published.body.answer.units.filter((u) => u.rank !== null).map((u) => u.unitId);
    expect(ranked.length).toBeGreaterThan(0);
    expect(await attributes(page, ".published-ranking .el-table__body .unit-name", "data-unit-id")).toEqual(ranked);
    // Every published ranking listed, newest first, as GET /v1/rankings gives them.
    const list = await server.api<{ rankings: { rankingId: string }[] }>(office().token, "/v1/rankings");
    await expect.poll(() => attributes(page, "[data-published] li", "data-ranking-id")).toEqual(list.body.rankings.map((r) => r.rankingId));
    expect(list.body.rankings[0]?.rankingId).toBe("RK-E2E-1");
    await shot(page, "rankings");

    await publish("RK-E2E-1", true);
    await expect.poll(() => fieldError(page, "ranking", "rankingId").count()).toBe(1);
    await page.close();

    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/rankings/RK-E2E-1`);
    await waitView(mobile, "rankings");
    await mobile.waitForSelector(".published-ranking[data-ranking-id='RK-E2E-1']");
    expect(await mobile.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "rankings-phone");
    await mobile.close();
  });

  it("ranks the contact stations of a year by their records, as the API gives them", async () => {
    const stationIds = new Set<string>();
    let latest = "";
    let cursor: string | null = null;
    do {
      const query: string = `limit=1000${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page = await server.api<{ items: { stationId: string | null; referredAt: string }[]; nextCursor: string | null }>(office().token, `/v1/opinions?${query}`);
      for (const item of page.body.items) {
        if (item.stationId !== null) stationIds.add(item.stationId);
        if (item.referredAt > latest) latest = item.referredAt;
      }
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(stationIds.size).toBeGreaterThan(0);
    const year = latest.slice(0, 4);
    const page = await open({ token: office().token });
    await page.goto(`${server.url}/#/station-ranking?year=${year}`);
    await waitView(page, "station-ranking");
    // Every registered station (GET /v1/stations), shown by name; those that referred opinions among them.
    const registered = (await server.api<{ stations: { stationId: string; name: string }[] }>(office().token, "/v1/stations")).body.stations;
    const shown = await attributes(page, ".station-ranking .el-table__body .station-cell", "data-station-id");
    expect([...shown].sort()).toEqual(registered.map((st) => st.stationId).sort());
    for (const id of stationIds) expect(shown).toContain(id);
    const firstName = registered.find((st) => st.stationId === shown[0])?.name;
    expect(await page.locator(".station-ranking .el-table__body tr:first-child .station-cell").innerText()).toBe(firstName);
    // Ranked first: the highest on-time answer rate, as the station's record gives it.
    const records = await Promise.all(
      shown.map(async (id) => (await server.api<{ stationId: string; onTimeAnswerRate: number | null }>(office().token, `/v1/stations/${id}/record?year=${year}`)).body),
    );
    const best = Math.max(...records.map((r) => r.onTimeAnswerRate ?? -1));
    const first = records.find((r) => r.stationId === shown[0]);
    expect(first?.onTimeAnswerRate ?? -1).toBe(best);
    expect(await page.locator(".station-ranking .el-table__body tr:first-child [data-figure='onTimeAnswerRate']").innerText()).toBe(best < 0 ? "—" : `${(best * 100).toFixed(1)}%`);
    await shot(page, "station-ranking");
    await page.close();

    const mobile = await open({ viewport: phone, token: office().token });
    await mobile.goto(`${server.url}/#/station-ranking?year=${year}`);
    await waitView(mobile, "station-ranking");
    expect(await mobile.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "station-ranking-phone");
    await mobile.close();
  });

  it("had no script errors and no refusals of the page's security policy", () => {
    expect(pageErrors).toEqual([]);
    expect(policyViolations).toEqual([]);
  });
});
