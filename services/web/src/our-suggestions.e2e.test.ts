import { shanghaiIsoOf } from "@duty-ledger/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attributes,
  chromiumForTests,
  launchBrowser,
  phone,
  screenshot,
  screenshotDirectory,
  waitReady,
  waitView,
  watchPages,
  type TestBrowser,
} from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";
import type { WebDemoIdentity } from "./demo-identity.js";

/**
 * A handling unit's own list in headless Chromium (本单位承办建议, `#/our-suggestions`) against
 * a server on a demo store: it is the unit's landing view, lists what
 * `GET /v1/units/<sub>/suggestions` lists — the suggestions it leads and those it co-handles,
 * never another unit's — pages with "more", filters by status, and opens a suggestion with
 * its handling forms. Screenshots as in web.e2e.test.ts (UPDATE_SCREENSHOTS=1: docs/screenshots).
 */

const missing = chromiumForTests();

const screenshotDir = screenshotDirectory();

const shanghaiIso = (ms: number): string => shanghaiIsoOf(ms, "second");
const shanghaiToday = (): string => shanghaiIso(Date.now()).slice(0, 10);


interface Item {
  readonly suggestionId: string;
  readonly status: string;
  readonly leadUnitId: string | null;
  readonly coUnitIds: readonly string[];
}

describe.skipIf(missing !== null)("a unit's own suggestions on the web page, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);
  /** Suggestions made in the test: led by the unit, co-handled by it, and another unit's alone. */
  const made = { lead: "", co: "", others: "" };

  const identity = (role: WebDemoIdentity["role"], nth = 0): WebDemoIdentity => demoIdentity(server, role, nth);

  const shot = (page: Page, name: string): Promise<void> => screenshot(screenshotDir, page, name);

  /** Every item of the unit's list for `status`, as the page asks for it (as of the end of today, 14 days), page by page. */
  const apiList = async (token: string, unitId: string, status: string): Promise<Item[]> => {
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `status=${status}&asOf=${encodeURIComponent(`${shanghaiToday()}T23:59:59+08:00`)}&dueWithinDays=14&limit=20${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const answer = await server.api<{ items: Item[]; nextCursor: string | null }>(token, `/v1/units/${encodeURIComponent(unitId)}/suggestions?${query}`);
      expect(answer.status).toBe(200);
      items.push(...answer.body.items);
      cursor = answer.body.nextCursor;
    } while (cursor !== null);
    return items;
  };

  /** Clicks "more" until the list is complete; the ids shown, in order. */
  const shownIds = async (page: Page): Promise<(string | null)[]> => {
    while ((await page.locator("ol.our-items").getAttribute("data-complete")) !== "true") {
      const before = await page.locator("ol.our-items > li").count();
      await page.click("button[data-action='more']");
      await expect.poll(() => page.locator("ol.our-items > li").count()).toBeGreaterThan(before);
    }
    return attributes(page, "ol.our-items > li", "data-suggestion-id");
  };

  /** Follows a link of the page to another view and waits until that view is loaded. */
  const follow = async (page: Page, selector: string, view: string): Promise<void> => {
    await page.evaluate(`document.querySelector("main")?.setAttribute("data-stale", "1")`);
    await page.click(selector);
    await page.waitForSelector(`html[data-ready='true'] main[data-view='${view}']:not([data-stale])`, { timeout: 30_000 });
  };

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const deputy = identity("deputy", 0);
    const office = identity("office");
    const unit = identity("unit", 0).sub;
    const other = identity("unit", 1).sub;
    const now = Date.now();
    const suggest = async (title: string, leadUnitId: string, coUnitIds: string[]): Promise<string> => {
      const submitted = await server.api<{ id: string }>(deputy.token, "/v1/suggestions", {
        leadDeputyId: deputy.sub,
        coSignerIds: [],
        title,
        body: `${title}：具体内容。`,
        phase: "recess",
        session: "闭会期间",
        submittedAt: shanghaiIso(now - 3 * 3_600_000),
      });
      expect(submitted.status).toBe(201);
      const id = submitted.body.id;
      expect((await server.api(office.token, `/v1/suggestions/${id}/pre-review`, { outcome: "accept", reason: "符合立案条件", reviewedAt: shanghaiIso(now - 170 * 60_000) })).status).toBe(201);
      expect((await server.api(office.token, `/v1/suggestions/${id}/assignment`, { leadUnitId, coUnitIds, assignedAt: shanghaiIso(now - 165 * 60_000), complex: false })).status).toBe(201);
      return id;
    };
    made.lead = await suggest("关于改善老旧小区停车的建议", unit, []);
    made.co = await suggest("关于加强河道保洁的建议", other, [unit]);
    made.others = await suggest("关于增加公交夜班线路的建议", other, []);
    // More than a page (20) of open ones for this unit, so that the list pages ("more").
    const topics = ["社区养老服务", "农村饮水安全", "中小学课后服务", "背街小巷照明", "农贸市场改造"];
    for (let i = 0; i < 20; i++) await suggest(`关于完善${topics[i % topics.length] ?? ""}的建议（${i + 1}）`, unit, []);
    // The read side has all three once the projection catches up.
    const deadline = Date.now() + 15_000;
    const projected = async (): Promise<boolean> =>
      (await apiList(office.token, other, "open")).filter((i) => i.suggestionId === made.co || i.suggestionId === made.others).length === 2;
    while (!(await projected())) {
      if (Date.now() > deadline) throw new Error("the projection did not catch up with the suggestions made for the test");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a unit signs in and lands on its own list: what the API lists, those it leads and co-handles, not another unit's", async () => {
    const unit = identity("unit", 0);
    const page = await open();
    await page.goto(server.url);
    await waitReady(page);
    await page.click(`button.identity[data-sub='${unit.sub}']`);
    await waitView(page, "our-suggestions");
    expect(page.url()).toContain("#/our-suggestions");
    expect(await attributes(page, "nav.tabs a", "data-nav")).toEqual(["our-suggestions", "unit", "livelihood"]);
    expect(await page.locator("main h1").textContent()).toContain("本单位承办建议");
    expect(await page.locator(".status-filter a[aria-current='true']").getAttribute("data-status")).toBe("open");

    const open_ = await apiList(unit.token, unit.sub, "open");
    expect(open_.length).toBeGreaterThan(0);
    expect(await shownIds(page)).toEqual(open_.map((i) => i.suggestionId));
    expect(await page.locator("[data-shown]").getAttribute("data-shown")).toBe(String(open_.length));
    // Its part in each, as the items say: led or co-handled, and the two made for the test.
    const expectedRoles = open_.map((i) => (i.leadUnitId === unit.sub ? "lead" : i.coUnitIds.includes(unit.sub) ? "co" : "none"));
    expect(expectedRoles).not.toContain("none");
    expect(await attributes(page, "ol.our-items > li", "data-role")).toEqual(expectedRoles);
    expect(await page.locator(`li[data-suggestion-id='${made.lead}']`).getAttribute("data-role")).toBe("lead");
    expect(await page.locator(`li[data-suggestion-id='${made.co}'] [data-unit-role='co']`).textContent()).toBe("会办");
    expect(await page.locator(`li[data-suggestion-id='${made.lead}'] [data-field='state']`).textContent()).toBe("已交办");
    // Units by their registered names (GET /v1/units), the id small beside: the unit itself in the
    // heading, and the lead unit of one it co-handles; not on those it leads.
    const other = identity("unit", 1).sub;
    const names = new Map((await server.api<{ units: { unitId: string; name: string }[] }>(unit.token, "/v1/units")).body.units.map((u) => [u.unitId, u.name]));
    expect(names.has(unit.sub) && names.has(other), "both units have a registered name").toBe(true);
    expect(await page.locator("main h1 .unit-name").innerText()).toBe(names.get(unit.sub));
    expect(await page.locator("main h1 .unit-id").innerText()).toBe(unit.sub);
    expect(await page.locator(`li[data-suggestion-id='${made.co}'] [data-field='leadUnit'] .unit-name`).innerText()).toBe(names.get(other));
    expect(await page.locator(`li[data-suggestion-id='${made.co}'] [data-field='leadUnit'] .unit-id`).innerText()).toBe(other);
    expect(await page.locator(`li[data-suggestion-id='${made.lead}'] [data-field='leadUnit']`).count()).toBe(0);
    // The lead deputy by name (GET /v1/deputies, a deputy's public fields), the id small beside.
    const deputy = identity("deputy", 0);
    expect(await page.locator(`li[data-suggestion-id='${made.lead}'] [data-field='leadDeputy'] .deputy-name-inline`).innerText()).toBe(deputy.label);
    expect(await page.locator(`li[data-suggestion-id='${made.lead}'] [data-field='leadDeputy'] .deputy-id`).innerText()).toBe(deputy.sub);
    // Another unit's own suggestion is not there; and the API refuses the other unit's list to this unit.
    expect(await page.locator(`li[data-suggestion-id='${made.others}']`).count()).toBe(0);
    expect((await server.api(unit.token, `/v1/units/${encodeURIComponent(identity("unit", 1).sub)}/suggestions`)).status).toBe(403);
    await page.evaluate(`document.querySelector("li[data-suggestion-id='${made.co}']").scrollIntoView({ block: "center" })`);
    await shot(page, "our-suggestions");

    // On a phone: one column, no horizontal scrolling.
    const mobile = await open({ viewport: phone, token: unit.token });
    await mobile.goto(`${server.url}/`);
    await waitView(mobile, "our-suggestions");
    expect((await mobile.evaluate("document.documentElement.scrollWidth")) as number).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "our-suggestions-phone");
    await mobile.close();
    await page.close();
  });

  it("filters by status, as the API lists each status", async () => {
    const unit = identity("unit", 0);
    const page = await open({ token: unit.token });
    await page.goto(`${server.url}/#/our-suggestions`);
    await waitView(page, "our-suggestions");
    for (const status of ["overdue", "closed", "replied", "due-soon", "open"]) {
      await follow(page, `.status-filter a[data-status='${status}']`, "our-suggestions");
      expect(page.url()).toContain(`status=${status}`);
      expect(await page.locator(".status-filter a[aria-current='true']").getAttribute("data-status")).toBe(status);
      const listed = await apiList(unit.token, unit.sub, status);
      console.info(`[web e2e] ${unit.sub}, ${status}: ${listed.length}`);
      // 20 at a time: the first page, and "more" while the API has a next cursor.
      expect(await page.locator("ol.our-items > li").count()).toBe(Math.min(20, listed.length));
      expect(await page.locator("button[data-action='more']").count()).toBe(listed.length > 20 ? 1 : 0);
      const shown = await shownIds(page);
      expect(shown).toEqual(listed.map((i) => i.suggestionId));
      const statuses = await attributes(page, "ol.our-items > li", "data-status");
      if (status === "open") expect(statuses.every((s) => s === "open" || s === "overdue" || s === "due-soon")).toBe(true);
      else expect(statuses.every((s) => s === status)).toBe(true);
      if (status !== "open") expect(shown).not.toContain(made.lead);
      if (listed.length === 0) expect(await page.locator("[data-empty]").count()).toBe(1);
    }
    // The seeded county's suggestions of this unit are past due or closed; with those made for the
    // test, more than a page are open (so "more" was used above).
    expect((await apiList(unit.token, unit.sub, "overdue")).length).toBeGreaterThan(0);
    expect((await apiList(unit.token, unit.sub, "closed")).length).toBeGreaterThan(0);
    expect((await apiList(unit.token, unit.sub, "open")).length).toBeGreaterThan(20);
    await page.close();
  });

  it("opens a suggestion it leads (step and reply forms) and one it co-handles (step form only); English", async () => {
    const unit = identity("unit", 0);
    const page = await open({ token: unit.token });
    await page.goto(`${server.url}/#/our-suggestions?status=open`);
    await waitView(page, "our-suggestions");
    await shownIds(page);
    await follow(page, `li[data-suggestion-id='${made.lead}'] a[data-open]`, "suggestion");
    expect(await page.locator("article.suggestion").getAttribute("data-suggestion-id")).toBe(made.lead);
    // Each form is folded in its panel, loaded when opened.
    expect(await page.locator("article.suggestion details[data-panel='step']").count()).toBe(1);
    expect(await page.locator("article.suggestion details[data-panel='reply']").count()).toBe(1);
    await page.click("article.suggestion details[data-panel='reply'] > summary");
    await page.locator("article.suggestion form[data-form='reply']").waitFor();

    await page.goBack();
    await page.waitForSelector("html[data-ready='true'] main[data-view='our-suggestions']");
    await shownIds(page);
    await follow(page, `li[data-suggestion-id='${made.co}'] a[data-open]`, "suggestion");
    expect(await page.locator("article.suggestion").getAttribute("data-suggestion-id")).toBe(made.co);
    expect(await page.locator("article.suggestion details[data-panel='step']").count()).toBe(1);
    expect(await page.locator("article.suggestion details[data-panel='reply']").count()).toBe(0);
    await page.click("article.suggestion details[data-panel='step'] > summary");
    await page.locator("article.suggestion form[data-form='step']").waitFor();

    // In English.
    await page.goto(`${server.url}/#/our-suggestions?status=open`);
    await waitView(page, "our-suggestions");
    await page.click("button[data-action='language']");
    await page.waitForSelector("html[lang='en'][data-ready='true'] main[data-view='our-suggestions']");
    expect(await page.locator("main h1").textContent()).toContain("Our suggestions");
    expect(await page.locator("nav.tabs a[data-nav='our-suggestions']").textContent()).toBe("Our suggestions");
    await shownIds(page);
    expect(await page.locator(`li[data-suggestion-id='${made.lead}'] [data-unit-role='lead']`).textContent()).toBe("Lead");
    expect(await page.locator(`li[data-suggestion-id='${made.co}'] [data-unit-role='co']`).textContent()).toBe("Co-handling");
    await page.click("button[data-action='language']");
    await page.waitForSelector("html[lang='zh-CN'][data-ready='true'] main[data-view='our-suggestions']");
    await page.close();
  });

  it("no page broke the Content-Security-Policy or threw", () => {
    expect(policyViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
