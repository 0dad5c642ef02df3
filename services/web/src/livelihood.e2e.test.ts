import { shanghaiIsoOf } from "@duty-ledger/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, launchBrowser, phone, screenshot, screenshotDirectory, waitView, watchPages, type TestBrowser, phoneOverflow, poll, formItem, fieldError, fillField, submitForm } from "./browser.test-support.js";
import { demoIdentity, startDemoServer, type DemoServer } from "./demo-server.test-support.js";

/**
 * 民生实事项目票决 on the page (`#/livelihood`) in headless Chromium against a demo store: the
 * office opens a programme (refused at the title first, the form kept), adds a candidate with
 * its unit chosen by name (refused without the unit), shortlists (refused without a reason),
 * records attendance (refused without deputies), counts a ballot box as teller (a tally over
 * the ballots refused at the ballots), closes the vote after confirming, and the result shows
 * as a chart; opens an evaluation round; the responsible unit reports progress (refused without
 * a percentage) and the board shows it, sets a milestone (refused without a title); a deputy
 * evaluates after confirming (a second time refused). Screenshots:
 * UPDATE_SCREENSHOTS=1.
 */

const missing = chromiumForTests();
const screenshotDir = screenshotDirectory();
const today = (): string => shanghaiIsoOf(Date.now(), "second").slice(0, 10);
const inDays = (days: number): string => shanghaiIsoOf(Date.now() + days * 86_400_000, "second").slice(0, 10);

describe.skipIf(missing !== null)("the livelihood programme on the web page, in headless Chromium", () => {
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

  const pick = async (page: Page, form: string, field: string, text: string, type = false): Promise<void> => {
    await formItem(page, form, field).locator(".el-select__wrapper").click();
    if (type) await page.keyboard.type(text);
    await page.locator(".el-select-dropdown__item:visible", { hasText: text }).first().click();
    await page.click(`[data-form='${form}'] h2`);
  };
  const confirm = async (page: Page): Promise<void> => {
    await page.locator(".el-message-box__btns .el-button--primary").click();
  };

  it("runs a programme from opening to evaluation", async () => {
    const office = demoIdentity(server, "office");
    const unit = demoIdentity(server, "unit");
    const deputies = [demoIdentity(server, "deputy", 0), demoIdentity(server, "deputy", 1)];
    const units = (await server.api<{ units: { unitId: string; name: string }[] }>(office.token, "/v1/units")).body.units;
    const unitName = units.find((u) => u.unitId === unit.sub)?.name as string;

    const page = await open({ token: office.token });
    await page.goto(`${server.url}/#/livelihood`);
    await waitView(page, "livelihood");

    // Open: refused without a title (kept), then opened.
    await fillField(page, "programme", "session", "县十八届人大五次会议");
    await fillField(page, "programme", "slots", "2");
    await fillField(page, "programme", "electorateSize", "3");
    await fillField(page, "programme", "collectUntil", inDays(20));
    await submitForm(page, "programme");
    await poll(() => fieldError(page, "programme", "title").count()).toBe(1);
    expect(await formItem(page, "programme", "session").locator("input").inputValue()).toBe("县十八届人大五次会议");
    await fillField(page, "programme", "title", "2027年县级民生实事项目票决");
    await submitForm(page, "programme");
    await page.waitForSelector("[data-section='programme'][data-stage='collecting']");
    const programmeId = (await page.locator("[data-section='programme']").getAttribute("data-programme")) as string;
    // The programme select shows the programme's title and year, its id only as the label's title.
    const chosen = page.locator("[data-section='programme'] [data-field='programme'] .programme-label");
    await poll(() => chosen.textContent()).toContain("2027年县级民生实事项目票决");
    expect(await chosen.textContent()).not.toContain(programmeId);
    expect(await chosen.getAttribute("title")).toBe(programmeId);

    // A candidate: refused without its unit, then added with the unit chosen by name.
    await fillField(page, "candidate", "title", "城区老旧小区加装电梯");
    await fillField(page, "candidate", "description", "为城区六个老旧小区加装电梯。");
    await fillField(page, "candidate", "estimatedBudgetYuan", "3200000");
    await submitForm(page, "candidate");
    await poll(() => fieldError(page, "candidate", "responsibleUnitId").count()).toBe(1);
    await pick(page, "candidate", "responsibleUnitId", unitName, true);
    await submitForm(page, "candidate");
    await page.locator("[data-section='candidates'] tr", { hasText: "城区老旧小区加装电梯" }).waitFor();
    for (const [candidateId, title] of [["LC-B", "乡村学校食堂改造"], ["LC-C", "农贸市场提质改造"]] as const) {
      const added = await server.api(office.token, `/v1/livelihood/programmes/${programmeId}/candidates`, { candidateId, title, description: title, proposedBy: { kind: "public" }, estimatedBudgetYuan: 1_000_000, responsibleUnitId: unit.sub });
      expect(added.status).toBe(201);
    }
    await page.reload();
    await waitView(page, "livelihood");
    const candidateA = (await page.locator("[data-section='candidates'] tr", { hasText: "城区老旧小区加装电梯" }).getAttribute("data-candidate")) as string;

    // Shortlist: refused without a reason, then all three (more than the two slots).
    for (const title of ["城区老旧小区加装电梯", "乡村学校食堂改造", "农贸市场提质改造"]) await pick(page, "shortlist", "candidateIds", title);
    await submitForm(page, "shortlist");
    await poll(() => fieldError(page, "shortlist", "reason").count()).toBe(1);
    await fillField(page, "shortlist", "reason", "经主任会议研究，三个项目提交大会票决。");
    await submitForm(page, "shortlist");
    await page.waitForSelector("[data-section='programme'][data-stage='screened']");

    // Attendance: refused without deputies, then the two present.
    await submitForm(page, "attendance");
    await poll(() => fieldError(page, "attendance", "deputyIds").count()).toBe(1);
    for (const deputy of deputies) {
      await formItem(page, "attendance", "deputyIds").locator(".el-select__wrapper").click();
      await page.keyboard.type(deputy.sub);
      await page.keyboard.press("Enter");
    }
    await page.click("[data-form='attendance'] h2");
    await submitForm(page, "attendance");
    await poll(async () => (await server.api<{ attendance: number }>(office.token, `/v1/livelihood/programmes/${programmeId}`)).body.attendance).toBe(2);

    // A ballot box: a tally over the ballots refused at the ballots, then counted.
    await fillField(page, "ballot-box", "ballots", "2");
    await fillField(page, "ballot-box", `yes.${candidateA}`, "3");
    await submitForm(page, "ballot-box");
    await poll(() => fieldError(page, "ballot-box", "ballots").count()).toBe(1);
    await fillField(page, "ballot-box", `yes.${candidateA}`, "2");
    await fillField(page, "ballot-box", "yes.LC-B", "2");
    await fillField(page, "ballot-box", "yes.LC-C", "0");
    await fillField(page, "ballot-box", "no.LC-C", "2");
    await submitForm(page, "ballot-box");
    await poll(async () => (await server.api<{ boxes: unknown[] }>(office.token, `/v1/livelihood/programmes/${programmeId}`)).body.boxes.length).toBe(1);

    // Close after confirming: the result and its chart.
    await page.waitForSelector("[data-form='close-vote']");
    await submitForm(page, "close-vote");
    await confirm(page);
    await page.waitForSelector("[data-section='result'] [data-chart='livelihood-result'][data-rendered='true']");
    expect((await page.locator("[data-section='result']").getAttribute("data-adopted"))?.split(" ").sort()).toEqual([candidateA, "LC-B"].sort());
    await screenshot(screenshotDir, page, "livelihood");

    // An evaluation round: refused without its end, then opened.
    await submitForm(page, "round");
    await poll(() => fieldError(page, "round", "closesAt").count()).toBe(1);
    await fillField(page, "round", "closesAt", inDays(30));
    await submitForm(page, "round");
    await poll(async () => (await server.api<{ rounds: unknown[] }>(office.token, `/v1/livelihood/programmes/${programmeId}`)).body.rounds.length).toBe(1);
    await page.close();

    // The responsible unit reports progress: refused without a percentage, then shown on the board.
    const unitPage = await open({ token: unit.token });
    await unitPage.goto(`${server.url}/#/livelihood?programme=${programmeId}`);
    await waitView(unitPage, "livelihood");
    await pick(unitPage, "progress", "project", "城区老旧小区加装电梯");
    await fillField(unitPage, "progress", "spentYuan", "800000");
    await fillField(unitPage, "progress", "note", "已完成两个小区的电梯井道施工。");
    await submitForm(unitPage, "progress");
    await poll(() => fieldError(unitPage, "progress", "percent").count()).toBe(1);
    await fillField(unitPage, "progress", "percent", "30");
    await submitForm(unitPage, "progress");
    await unitPage.waitForSelector(`[data-project='${candidateA}'][data-percent='30']`);
    // A milestone: refused without its title, then listed on the board.
    await pick(unitPage, "milestone", "project", "城区老旧小区加装电梯");
    await fillField(unitPage, "milestone", "dueAt", inDays(60));
    await submitForm(unitPage, "milestone");
    await poll(() => fieldError(unitPage, "milestone", "title").count()).toBe(1);
    await fillField(unitPage, "milestone", "title", "完成全部电梯安装并通过验收");
    await submitForm(unitPage, "milestone");
    await unitPage.locator(`[data-project='${candidateA}'] [data-milestone]`, { hasText: "完成全部电梯安装并通过验收" }).waitFor();
    await unitPage.close();

    // A deputy evaluates, after confirming.
    const deputyPage = await open({ token: deputies[0]?.token as string });
    await deputyPage.goto(`${server.url}/#/livelihood?programme=${programmeId}&year=${today().slice(0, 4)}`);
    await waitView(deputyPage, "livelihood");
    await pick(deputyPage, "evaluate", "project", "城区老旧小区加装电梯");
    await submitForm(deputyPage, "evaluate");
    await confirm(deputyPage);
    await deputyPage.waitForSelector(`[data-project='${candidateA}'] [data-round]`);
    // Once per deputy and round: a second evaluation is refused, shown in the form.
    await pick(deputyPage, "evaluate", "project", "城区老旧小区加装电梯");
    await submitForm(deputyPage, "evaluate");
    await confirm(deputyPage);
    await deputyPage.locator("[data-form='evaluate'] .error[role='alert']").waitFor();
    await deputyPage.close();
  });

  it("fits a phone's width", async () => {
    const page = await open({ token: demoIdentity(server, "office").token, viewport: phone });
    expect(await phoneOverflow(page, `${server.url}/#/livelihood`, "livelihood", screenshotDir, "livelihood-phone")).toBeLessThanOrEqual(0);
  });

  it("raised no script error and no Content Security Policy violation", () => {
    expect(pageErrors).toEqual([]);
    expect(policyViolations).toEqual([]);
  });
});
