import { shanghaiIsoOf } from "@duty-ledger/domain";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributes, chromiumForTests, goHash, launchBrowser, phone, screenshot, screenshotDirectory, waitView, watchPages, type TestBrowser } from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";
import type { WebDemoIdentity } from "./demo-identity.js";
import { confirmDialog } from "./element-plus.test-support.js";

/**
 * A deputy's work on the page, in headless Chromium against a server on a demo store: a contact
 * with constituents and a suggestion with a co-signer, each refused at its field first, then
 * accepted and counted in the record once read again; the co-signer confirms taking part; an
 * evaluation asks to confirm (cancelled: nothing is sent).
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();
const shanghaiIso = (ms: number): string => shanghaiIsoOf(ms, "second");
const year = (): string => shanghaiIso(Date.now()).slice(0, 4);

interface Record {
  contacts: { total: number };
  suggestions: { led: number };
  sources: { suggestionIds: string[] };
  pendingConfirmation: { suggestionIds: string[]; contactIds: string[] };
}

describe.skipIf(missing !== null)("a deputy's forms on the web page, in headless Chromium", () => {
  let server: DemoServer;
  let browser: TestBrowser;
  const { open, pageErrors, policyViolations } = watchPages(() => browser);
  const identity = (role: WebDemoIdentity["role"], nth = 0): WebDemoIdentity => demoIdentity(server, role, nth);
  const shot = (page: Page, name: string): Promise<void> => screenshot(screenshotDir, page, name);
  const fieldError = (form: Locator, name: string): Locator => form.locator(`.el-form-item:has([name='${name}']) .el-form-item__error`);
  const record = async (who: WebDemoIdentity): Promise<Record> => (await server.api<Record>(who.token, `/v1/deputies/${who.sub}/record?year=${year()}`)).body;
  const stat = (page: Page, name: string): Promise<string | null> => page.locator(`[data-stat='${name}'] .stat-value`).textContent();

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    // The page's first answer waits for the client's build (in memory when its sources changed): not a page's timeout.
    await fetch(`${server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("records a contact: refused at the topic when empty, then counted in the record and first in the timeline", async () => {
    const me = identity("deputy", 0);
    const page = await open({ token: me.token });
    await page.goto(`${server.url}/#/record?year=${year()}`);
    await waitView(page, "record");
    const before = await record(me);
    expect(await stat(page, "contacts")).toBe(String(before.contacts.total));
    // The top bar names the deputy, the id only as secondary text.
    await expect.poll(() => page.locator(".who").getAttribute("data-name")).toBe(me.label);
    expect(await page.locator(".who").textContent()).toContain(me.label);
    expect(await page.locator(".who").textContent()).not.toContain(me.sub);
    expect(await page.locator(".who").getAttribute("title")).toBe(me.sub);

    await page.click("details[data-panel='contact'] > summary");
    const form = page.locator("form[data-form='contact']");
    await form.locator("textarea[name='summary']").fill("走访社区，听取居民对菜市场改造的意见。");
    await form.locator("input[name='opinion-0']").fill("菜市场地面湿滑，希望改造排水。");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => fieldError(form, "topic").count()).toBe(1);
    expect(await form.locator("textarea[name='summary']").inputValue()).toBe("走访社区，听取居民对菜市场改造的意见。");

    await form.locator("input[name='topic']").fill("菜市场改造");
    await form.locator("input[name='constituents']").fill("6");
    await shot(page, "deputy-contact");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => stat(page, "contacts")).toBe(String(before.contacts.total + 1));
    expect((await record(me)).contacts.total).toBe(before.contacts.total + 1);
    expect(await page.locator("ol.timeline > li").first().textContent()).toContain("菜市场改造");
    await page.close();
  });

  it("submits a suggestion with a co-signer: refused at the title when empty, then listed; the co-signer confirms taking part", async () => {
    const me = identity("deputy", 0);
    const coSigner = identity("deputy", 1);
    const page = await open({ token: me.token });
    await page.goto(`${server.url}/#/record?year=${year()}`);
    await waitView(page, "record");
    const before = await record(me);

    await page.click("details[data-panel='suggest'] > summary");
    const form = page.locator("form[data-form='suggest']");
    await form.locator("textarea[name='body']").fill("建议对城区老旧菜市场分批改造，完善排水和通风设施。");
    // The co-signer chosen by name (the registry searched as one types), shown by name.
    const coSigners = form.locator("[data-field='coSignerIds']");
    await coSigners.locator(".el-select__wrapper").click();
    await page.keyboard.type(coSigner.label);
    await page.locator(".co-signer-options .el-select-dropdown__item:visible", { hasText: coSigner.sub }).first().click();
    await expect.poll(() => coSigners.locator(".el-tag").allTextContents()).toEqual([coSigner.label]);
    await page.keyboard.press("Escape");
    // The source opinion chosen by its text among those of the deputy's contacts (the contact recorded above).
    const sources = form.locator("[data-field='sourceOpinionIds']");
    await sources.locator(".el-select__wrapper").click();
    await page.keyboard.type("菜市场地面湿滑");
    await page.locator(".source-opinion-options .el-select-dropdown__item:visible", { hasText: "菜市场地面湿滑" }).first().click();
    await expect.poll(() => sources.locator(".el-tag").allTextContents()).toEqual([expect.stringContaining("菜市场地面湿滑，希望改造排水。")]);
    await page.keyboard.press("Escape");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => fieldError(form, "title").count()).toBe(1);
    await form.locator("input[name='title']").fill("关于改造城区老旧菜市场的建议");
    await form.locator("button[type='submit']").click();
    await expect.poll(() => stat(page, "led")).toBe(String(before.suggestions.led + 1));
    const after = await record(me);
    const made = after.sources.suggestionIds.find((id) => !before.sources.suggestionIds.includes(id));
    if (made === undefined) throw new Error("the new suggestion is not in the record");
    expect(await attributes(page, "article.suggestion", "data-suggestion-id")).toContain(made);
    const answer = await server.api<{ coSignerIds: string[]; title: string; sourceOpinionIds: string[] }>(me.token, `/v1/suggestions/${made}`);
    expect(answer.body).toMatchObject({ coSignerIds: [coSigner.sub], title: "关于改造城区老旧菜市场的建议" });
    const gathered = await server.api<{ items: { opinionId: string; text: string }[] }>(me.token, `/v1/deputies/${me.sub}/opinions?year=${year()}`);
    const cited = gathered.body.items.find((item) => item.text === "菜市场地面湿滑，希望改造排水。");
    expect(answer.body.sourceOpinionIds).toEqual([cited?.opinionId]);

    // The co-signer sees it waiting for their decision, and co-signs.
    const theirs = await open({ token: coSigner.token });
    await theirs.goto(`${server.url}/#/suggestion/${made}`);
    await waitView(theirs, "suggestion");
    await theirs.click("[data-panel='co-sign'] button[data-action='co-sign-accept']");
    await theirs.waitForSelector(".notice");
    expect(await theirs.locator("[data-panel='co-sign']").count()).toBe(0);
    const signed = await server.api<{ coSignatures: { deputyId: string; decision: string }[] }>(coSigner.token, `/v1/suggestions/${made}`);
    expect(signed.body.coSignatures.map((c) => [c.deputyId, c.decision])).toEqual([[coSigner.sub, "accept"]]);
    await theirs.close();

    // The office reads the deputies by name on the suggestion's page (the id small beside).
    const office = await open({ token: identity("office").token });
    await office.goto(`${server.url}/#/suggestion/${made}`);
    await waitView(office, "suggestion");
    expect(await office.locator("[data-field='lead'] .deputy-name-inline").textContent()).toBe(me.label);
    expect(await office.locator("[data-field='lead'] .deputy-id").textContent()).toBe(me.sub);
    expect(await office.locator("[data-field='coSigners'] .deputy-name-inline").allTextContents()).toEqual([coSigner.label]);
    await office.close();

    const mobile = await open({ viewport: phone, token: me.token });
    await mobile.goto(`${server.url}/#/record?year=${year()}`);
    await waitView(mobile, "record");
    await mobile.click("details[data-panel='suggest'] > summary");
    await mobile.locator("form[data-form='suggest']").waitFor();
    expect((await mobile.evaluate("document.documentElement.scrollWidth")) as number).toBeLessThanOrEqual(phone.width);
    await shot(mobile, "deputy-suggest-phone");
    await mobile.close();
    await page.close();
  });

  it("confirms taking part in a contact another deputy recorded naming them; it then counts", async () => {
    const recorder = identity("deputy", 0);
    const me = identity("deputy", 1);
    const contact = await server.api<{ id: string }>(recorder.token, "/v1/contacts", {
      deputyIds: [recorder.sub, me.sub],
      channel: "visit",
      occurredAt: shanghaiIso(Date.now() - 2 * 3_600_000),
      constituents: 4,
      topic: "校门口交通",
      summary: "两位代表一同走访学校周边。",
    });
    expect(contact.status).toBe(201);
    await expect.poll(async () => (await record(me)).pendingConfirmation.contactIds).toContain(contact.body.id);
    const before = await record(me);

    const page = await open({ token: me.token });
    await page.goto(`${server.url}/#/record?year=${year()}`);
    await waitView(page, "record");
    const line = page.locator(`[data-pending] li[data-pending-kind='contact'][data-id='${contact.body.id}']`);
    await line.locator("button[data-action='confirm']").click();
    // Read again at the confirmation's position: no longer waiting, and counted.
    await expect.poll(() => page.locator(`[data-pending] li[data-id='${contact.body.id}']`).count()).toBe(0);
    expect(await stat(page, "contacts")).toBe(String(before.contacts.total + 1));
    expect((await record(me)).pendingConfirmation.contactIds).not.toContain(contact.body.id);
    await page.close();
  });

  it("an evaluation asks to confirm first: cancelled, nothing is sent", async () => {
    const me = identity("deputy", 0);
    const office = identity("office");
    const unit = identity("unit", 0);
    const now = Date.now();
    const submitted = await server.api<{ id: string }>(me.token, "/v1/suggestions", {
      leadDeputyId: me.sub,
      coSignerIds: [],
      title: "关于增加社区健身设施的建议",
      body: "建议在各社区增设健身设施。",
      phase: "recess",
      session: "闭会期间",
      submittedAt: shanghaiIso(now - 3 * 3_600_000),
    });
    const id = submitted.body.id;
    expect((await server.api(office.token, `/v1/suggestions/${id}/pre-review`, { outcome: "accept", reason: "符合立案条件", reviewedAt: shanghaiIso(now - 170 * 60_000) })).status).toBe(201);
    expect((await server.api(office.token, `/v1/suggestions/${id}/assignment`, { leadUnitId: unit.sub, coUnitIds: [], assignedAt: shanghaiIso(now - 165 * 60_000), complex: false })).status).toBe(201);
    const replied = await server.api<{ position: number }>(unit.token, `/v1/suggestions/${id}/reply`, { unitId: unit.sub, category: "A", repliedAt: shanghaiIso(now - 60_000), text: "已在五个社区增设健身器材。" });
    expect(replied.status).toBe(201);

    const page = await open({ token: me.token });
    await page.goto(`${server.url}/#/suggestion/${id}`);
    await waitView(page, "suggestion");
    await page.waitForSelector("article.suggestion[data-state='replied']");
    await page.click("details[data-panel='evaluate'] > summary");
    await page.click("form[data-form='evaluate'] button[type='submit']");
    await page.locator(".el-message-box").waitFor();
    expect(await page.locator(".el-message-box").textContent()).toContain("不能修改");
    await page.locator(".el-message-box .el-message-box__btns .el-button:not(.el-button--primary)").click();
    await page.locator(".el-message-box").waitFor({ state: "hidden" });
    expect((await server.api<{ evaluations: unknown[] }>(me.token, `/v1/suggestions/${id}`)).body.evaluations).toEqual([]);
    await page.click("form[data-form='evaluate'] button[type='submit']");
    await confirmDialog(page);
    await page.waitForSelector("article.suggestion[data-state='closed'] [data-field='evaluation'][data-rating='satisfied']");
    await goHash(page, `#/record?year=${year()}`, "record");
    await page.close();
  });

  it("the office finds a deputy's record by name", async () => {
    const office = identity("office");
    const someone = identity("deputy", 1);
    const page = await open({ token: office.token });
    await page.goto(`${server.url}/#/deputies`);
    await waitView(page, "deputies");
    const select = page.locator("form[data-form='lookup'] [data-field='deputy']");
    await select.locator(".el-select__wrapper").click();
    await page.keyboard.type(someone.label);
    await page.locator(".el-select-dropdown__item:visible", { hasText: someone.sub }).first().click();
    await page.waitForSelector(`html[data-ready='true'] main[data-view='deputies'] [data-timeline='${someone.sub}']`);
    expect(page.url()).toContain(`deputy=${someone.sub}`);
    expect(await page.locator(".deputy-name").textContent()).toBe(someone.label);
    await page.close();
  });

  it("no page broke the Content-Security-Policy or threw", () => {
    expect(policyViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
