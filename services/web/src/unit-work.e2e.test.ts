import { shanghaiIsoOf } from "@duty-ledger/domain";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, launchBrowser, phone, screenshot, screenshotDirectory, waitView, watchPages, type TestBrowser } from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";
import type { WebDemoIdentity } from "./demo-identity.js";
import { chooseRadio, confirmDialog, fillDate } from "./element-plus.test-support.js";

/**
 * A handling unit's work on the page, in headless Chromium against a server on a demo store:
 * on a suggestion it leads, a reply refused at its field then sent (after the confirmation), its
 * publication recorded; a request for more time refused at its field then sent; a suggestion
 * returned as not its own; and the opinions referred to it (转办), answered from its inbox. Each
 * write is checked on the screen after the page reads again, and in the API.
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();
const shanghaiIso = (ms: number): string => shanghaiIsoOf(ms, "second");

describe.skipIf(missing !== null)("a unit's forms on the web page, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);
  const made = { replied: "", extended: "", returned: "", contact: "" };
  const identity = (role: WebDemoIdentity["role"], nth = 0): WebDemoIdentity => demoIdentity(server, role, nth);
  const shot = (page: Page, name: string): Promise<void> => screenshot(screenshotDir, page, name);

  /** The form's item whose error Element Plus shows under the field `name`. */
  const fieldError = (form: Locator, name: string): Locator => form.locator(`.el-form-item:has([name='${name}']) .el-form-item__error`);

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    // The page's first answer waits for the client's build (in memory when its sources changed): not a page's timeout.
    await fetch(`${server.url}/`);
    const deputy = identity("deputy", 0);
    const office = identity("office");
    const unit = identity("unit", 0).sub;
    const now = Date.now();
    const suggest = async (title: string): Promise<string> => {
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
      expect((await server.api(office.token, `/v1/suggestions/${id}/assignment`, { leadUnitId: unit, coUnitIds: [], assignedAt: shanghaiIso(now - 165 * 60_000), complex: false })).status).toBe(201);
      return id;
    };
    made.replied = await suggest("关于改造城区排水管网的建议");
    made.extended = await suggest("关于新建乡镇污水处理站的建议");
    made.returned = await suggest("关于调整高速公路收费标准的建议");
    // An opinion heard by the deputy, referred to the unit (转办).
    const contact = await server.api<{ id: string }>(office.token, "/v1/contacts", {
      deputyIds: [deputy.sub],
      channel: "visit",
      occurredAt: shanghaiIso(now - 5 * 3_600_000),
      constituents: 3,
      topic: "村道破损",
      summary: "走访村民，反映村道破损。",
      opinions: [{ opinionId: "O-1", text: "村口道路坑洼，雨天积水，希望尽快修补。" }],
    });
    expect(contact.status).toBe(201);
    made.contact = contact.body.id;
    expect((await server.api(office.token, `/v1/contacts/${made.contact}/opinions/O-1/referral`, { unitId: unit, referredAt: shanghaiIso(now - 4 * 3_600_000) })).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("replies (refused at the field when empty; asked to confirm), then records the reply's publication", async () => {
    const unit = identity("unit", 0);
    const page = await open({ token: unit.token });
    await page.goto(`${server.url}/#/suggestion/${made.replied}`);
    await waitView(page, "suggestion");
    const card = page.locator(`article.suggestion[data-suggestion-id='${made.replied}']`);
    // The unit reads the lead deputy by name (the id small beside).
    expect(await card.locator("[data-field='lead'] .deputy-name-inline").innerText()).toBe(identity("deputy", 0).label);
    await card.locator("details[data-panel='reply'] > summary").click();
    const form = card.locator("form[data-form='reply']");
    await chooseRadio(form, "B");
    // No text: the API refuses it, and says so under the text; the form stays, the category kept.
    await form.locator("button[type='submit']").click();
    await confirmDialog(page);
    await expect.poll(() => fieldError(form, "text").count()).toBe(1);
    // In the reader's language, from the refusal (the server's own words are English).
    expect(await fieldError(form, "text").textContent()).toBe("此项必填");
    expect(await form.locator("input[value='B']").isChecked()).toBe(true);
    expect((await server.api<{ replies: unknown[] }>(unit.token, `/v1/suggestions/${made.replied}`)).body.replies).toEqual([]);

    await form.locator("textarea[name='text']").fill("经研究，排水管网改造已列入明年计划，预算 800 万元。");
    await form.locator("button[type='submit']").click();
    await confirmDialog(page);
    await page.waitForSelector(`article.suggestion[data-state='replied'] [data-field='reply'][data-category='B']`);
    expect(await page.locator(".notice").textContent()).toBe("答复已提交。");

    // Now published: recorded (asked to confirm), shown on the page once read again.
    expect(await page.locator("[data-field='published']").textContent()).toBe("否");
    await card.locator("details[data-panel='publication'] > summary").click();
    await card.locator("form[data-form='publication'] input[name='url']").fill("https://example.org/replies/1");
    await shot(page, "unit-suggestion");
    await card.locator("form[data-form='publication'] button[type='submit']").click();
    await confirmDialog(page);
    await expect.poll(() => page.locator("[data-field='published']").textContent()).toBe(shanghaiIso(Date.now()).slice(0, 10));
    const answer = await server.api<{ publications: { url: string | null }[] }>(unit.token, `/v1/suggestions/${made.replied}`);
    expect(answer.body.publications.map((p) => p.url)).toEqual(["https://example.org/replies/1"]);
    await page.close();
  });

  it("asks for more time (refused at the field without a date) and returns a suggestion that is not its own", async () => {
    const unit = identity("unit", 0);
    // The office's warning (督办) shows on the card until the unit's next step.
    const warned = await server.api(identity("office").token, `/v1/suggestions/${made.extended}/supervision`, {
      supervisionId: "SV-W3-1",
      kind: "warning",
      by: "县人大常委会选工委",
      note: "请抓紧制定办理方案。",
      at: shanghaiIso(Date.now() - 60_000),
    });
    expect(warned.status).toBe(201);
    await expect.poll(async () => (await server.api<{ warning: unknown }>(unit.token, `/v1/suggestions/${made.extended}`)).body.warning).not.toBeNull();
    const page = await open({ token: unit.token });
    await page.goto(`${server.url}/#/suggestion/${made.extended}`);
    await waitView(page, "suggestion");
    const card = page.locator("article.suggestion");
    expect(await card.locator("[data-field='warning']").textContent()).toContain("请抓紧制定办理方案。");
    expect(await card.locator("ol.supervisions li[data-kind='warning']").count()).toBe(1);
    await card.locator("details[data-panel='extension-request'] > summary").click();
    const form = card.locator("form[data-form='extension-request']");
    await form.locator("textarea[name='reason']").fill("涉及跨部门立项，需延期两个月。");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => fieldError(form, "requestedDueAt").count()).toBe(1);
    expect(await form.locator("textarea[name='reason']").inputValue()).toBe("涉及跨部门立项，需延期两个月。");
    const later = shanghaiIso(Date.now() + 120 * 86_400_000).slice(0, 10);
    await fillDate(form, "requestedDueAt", later);
    await form.locator("button[type='submit']").click();
    await page.waitForSelector(".notice");
    expect(await page.locator(".notice").textContent()).toBe("延期申请已提交，等待人大常委会办公室审核。");
    await expect.poll(() => fieldError(form, "requestedDueAt").count()).toBe(0);

    // On a phone, the suggestion's page with a form open: one column, no horizontal scrolling.
    const mobile = await open({ viewport: phone, token: unit.token });
    await mobile.goto(`${server.url}/#/suggestion/${made.extended}`);
    await waitView(mobile, "suggestion");
    await mobile.click("details[data-panel='step'] > summary");
    await mobile.locator("form[data-form='step']").waitFor();
    expect((await mobile.evaluate("document.documentElement.scrollWidth")) as number).toBeLessThanOrEqual(phone.width);
    await mobile.evaluate(`document.querySelector("details[data-panel='step']").scrollIntoView({ block: "start" })`);
    await screenshot(screenshotDir, mobile, "unit-suggestion-phone", true);
    await mobile.close();

    await page.goto(`${server.url}/#/suggestion/${made.returned}`);
    await waitView(page, "suggestion");
    const other = page.locator("article.suggestion");
    await other.locator("details[data-panel='return-request'] > summary").click();
    await other.locator("form[data-form='return-request'] textarea[name='reason']").fill("收费标准由省级部门制定，不属本单位职责。");
    await other.locator("form[data-form='return-request'] button[type='submit']").click();
    await confirmDialog(page);
    await page.waitForSelector(".notice");
    expect(await page.locator(".notice").textContent()).toBe("退回申请已提交，等待人大常委会办公室审核。");
    await page.close();
  });

  it("answers an opinion referred to it from its inbox (refused at the field when empty)", async () => {
    const unit = identity("unit", 0);
    const page = await open({ token: unit.token });
    await page.goto(`${server.url}/#/our-suggestions?tab=opinions`);
    await waitView(page, "our-suggestions");
    const line = page.locator(`li[data-opinion='${made.contact}/O-1']`);
    await line.waitFor();
    expect(await line.getAttribute("data-status")).toBe("open");
    await line.locator("button[data-action='answer']").click();
    const form = line.locator("form[data-form='answer']");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => fieldError(form, "text").count()).toBe(1);
    await chooseRadio(form, "resolved");
    await form.locator("textarea[name='text']").fill("已安排施工队修补村口道路，本周内完工。");
    await shot(page, "unit-opinions");
    await form.locator("button[type='submit']").click();
    // Answered, it leaves the list of those to answer (the default) for the answered ones.
    await expect.poll(() => line.count()).toBe(0);
    expect(await page.locator(".opinion-inbox .notice").textContent()).toBe("答复已提交。");
    await page.click(".status-filter button[data-status='answered']");
    await expect.poll(() => line.getAttribute("data-status")).toBe("answered");
    expect(await line.textContent()).toContain("已安排施工队修补村口道路");
    const answered = await server.api<{ items: { contactId: string; answer: { outcome: string } | null }[] }>(unit.token, "/v1/opinions?status=answered&limit=1000");
    expect(answered.body.items.find((o) => o.contactId === made.contact)?.answer?.outcome).toBe("resolved");

    const mobile = await open({ viewport: phone, token: unit.token });
    await mobile.goto(`${server.url}/#/our-suggestions?tab=opinions`);
    await waitView(mobile, "our-suggestions");
    await mobile.click(".status-filter button[data-status='answered']");
    await mobile.locator(`li[data-opinion='${made.contact}/O-1']`).waitFor();
    expect((await mobile.evaluate("document.documentElement.scrollWidth")) as number).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "unit-opinions-phone");
    await mobile.close();
    await page.close();
  });

  it("a new unit whose only suggestion is not yet due reads 未到期 for 办结率, not 0 %", async () => {
    const office = identity("office");
    const deputy = identity("deputy", 0);
    const unitId = "U-W3-NEW";
    expect((await server.api(office.token, "/v1/units", { unitId, name: "县数据资源局" })).status).toBe(201);
    const now = Date.now();
    const submitted = await server.api<{ id: string }>(deputy.token, "/v1/suggestions", {
      leadDeputyId: deputy.sub,
      coSignerIds: [],
      title: "关于推进政务数据共享的建议",
      body: "建议打通部门间政务数据。",
      phase: "recess",
      session: "闭会期间",
      submittedAt: shanghaiIso(now - 3 * 3_600_000),
    });
    const id = submitted.body.id;
    expect((await server.api(office.token, `/v1/suggestions/${id}/pre-review`, { outcome: "accept", reason: "符合立案条件", reviewedAt: shanghaiIso(now - 170 * 60_000) })).status).toBe(201);
    const assigned = await server.api<{ position: number }>(office.token, `/v1/suggestions/${id}/assignment`, { leadUnitId: unitId, coUnitIds: [], assignedAt: shanghaiIso(now - 165 * 60_000), complex: false });
    expect(assigned.status).toBe(201);
    const token = await server.token("unit", unitId);
    const scores = await server.api<{ indicators: { completion: { value: number | null; denominator: number } } }>(
      token,
      `/v1/units/${unitId}/scores?period=${shanghaiIso(now).slice(0, 4)}&minPosition=${assigned.body.position}`,
    );
    // The API counts it (|A| = 1, none on time yet: 0); the page says why.
    expect(scores.body.indicators.completion).toMatchObject({ value: 0, denominator: 1 });

    const page = await open({ token });
    await page.goto(`${server.url}/#/unit`);
    await waitView(page, "unit");
    await page.waitForSelector(`article.suggestion[data-suggestion-id='${id}']`);
    expect(await page.locator("[data-stat='completion']").getAttribute("data-figure")).toBe("not-yet-due");
    expect(await page.locator("[data-stat='completion'] .stat-value").textContent()).toBe("未到期");
    expect(await page.locator("main h1 .unit-name").textContent()).toBe("县数据资源局");
    await page.close();
  });

  it("no page broke the Content-Security-Policy or threw", () => {
    expect(policyViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
