import { createRuleSetRegistry, parseRuleSet } from "@duty-ledger/scoring";
import { ApiSpecification } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * GET /v1/scores and GET /v1/units/:id/scores over a hand-made history: U-1 leads five
 * suggestions (S-1 is replied on 2024-04-20), U-2 one. The figures are predicted by hand
 * from scoring.md, before and after the reply.
 */

let side: TestQuerySide;
let office: string;
let u1: string;

const hourAfter = (iso: string): string => new Date(Date.parse(iso) + 3_600_000).toISOString();
/** Writes with the ledger's clock one hour after the event's time (so online steps are timely). */
const writeAt = async (at: string, path: string, token: string, body: unknown) => {
  side.setNow(hourAfter(at));
  return side.write(path, token, body);
};

const before = "2024-04-15T00:00:00+08:00";
const after = "2024-06-01T00:00:00+08:00";
const q = (iso: string): string => encodeURIComponent(iso);

beforeAll(async () => {
  const lenient = parseRuleSet({
    name: "lenient",
    version: 1,
    description: "basically satisfied at half weight",
    weights: { attention: 10, completion: 20, consultation: 15, satisfaction: 20, resolution: 20, publication: 5, digital: 10 },
    options: { basicWeight: 0.5 },
  });
  side = await startTestQuerySide({ now: "2024-01-02T10:00:00+08:00", ruleSets: createRuleSetRegistry([lenient]) });
  office = await side.token("office", "OFFICE-1");
  u1 = await side.token("unit", "U-1");
  const d1 = await side.token("deputy", "D-1");
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/units", office, { unitId: "U-2", name: "县住建局" });
  for (let i = 1; i <= 6; i++) {
    const id = `S-${i}`;
    await writeAt("2024-03-01T09:00:00+08:00", "/v1/suggestions", d1, {
      suggestionId: id,
      leadDeputyId: "D-1",
      coSignerIds: [],
      title: `建议 ${id}`,
      body: "建议内容。",
      phase: "session",
      session: "2024",
      submittedAt: "2024-03-01T09:00:00+08:00",
    });
    await writeAt("2024-03-02T09:00:00+08:00", `/v1/suggestions/${id}/pre-review`, office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
    await writeAt("2024-03-05T09:00:00+08:00", `/v1/suggestions/${id}/assignment`, office, {
      leadUnitId: i === 6 ? "U-2" : "U-1",
      coUnitIds: [],
      assignedAt: "2024-03-05T09:00:00+08:00",
      complex: false,
    });
  }
  await writeAt("2024-03-10T09:00:00+08:00", "/v1/suggestions/S-1/steps", u1, { unitId: "U-1", kind: "plan", occurredAt: "2024-03-10T09:00:00+08:00", recordedVia: "online" });
  await writeAt("2024-03-12T09:00:00+08:00", "/v1/suggestions/S-2/steps", u1, { unitId: "U-1", kind: "head-led", occurredAt: "2024-03-12T09:00:00+08:00", recordedVia: "backfill" });
  await writeAt("2024-04-10T09:00:00+08:00", "/v1/suggestions/S-1/steps", u1, {
    unitId: "U-1",
    kind: "consultation",
    occurredAt: "2024-04-10T09:00:00+08:00",
    recordedVia: "online",
    deputyPresent: true,
  });
  await writeAt("2024-04-20T09:00:00+08:00", "/v1/suggestions/S-1/reply", u1, { unitId: "U-1", category: "A", repliedAt: "2024-04-20T09:00:00+08:00", text: "已解决。" });
  await writeAt("2024-04-25T09:00:00+08:00", "/v1/suggestions/S-1/publication", u1, { publishedAt: "2024-04-25T09:00:00+08:00" });
  await writeAt("2024-05-01T09:00:00+08:00", "/v1/suggestions/S-1/evaluation", d1, { rating: "basically-satisfied", evaluatedAt: "2024-05-01T09:00:00+08:00" });
  side.setNow("2024-12-20T12:00:00+08:00");
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const getOk = async (path: string, token = office): Promise<Record<string, any>> => {
  const response = await side.get(path, token);
  expect(response.status, response.text).toBe(200);
  return response.body as Record<string, any>;
};

const attention = 0.4 * 1 + 0.3 * 0 + 0.3 * (1 / 5);

describe("GET /v1/units/:id/scores", () => {
  it("before the reply: nothing replied, consultation/satisfaction/resolution/publication not scored", async () => {
    const answer = await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q(before)}`, u1);
    expect(answer).toMatchObject({ unitId: "U-1", rules: "default-2024", rulesVersion: 1, period: "2024", asOf: before, assigned: 5, insufficientData: false });
    const { indicators } = answer;
    expect(indicators.completion).toMatchObject({ value: 0, numerator: 0, denominator: 5, suggestionIds: ["S-1", "S-2", "S-3", "S-4", "S-5"] });
    for (const key of ["consultation", "satisfaction", "resolution", "publication"]) {
      expect(indicators[key], key).toMatchObject({ value: null, numerator: 0, denominator: 0, suggestionIds: [] });
    }
    expect(indicators.attention.value).toBeCloseTo(attention, 12);
    expect(indicators.attention.components).toMatchObject({ headLed: true, leadershipMeeting: false });
    // The plan and the consultation were recorded online within the hour; the head-led step was backfilled.
    expect(indicators.digital).toMatchObject({ numerator: 2, denominator: 3 });
    expect(indicators.digital.value).toBe(2 / 3); // raw, not rounded
    expect(answer["index"]).toBeCloseTo((100 * (10 * attention + 20 * 0 + 10 * (2 / 3))) / 40, 10);
  });

  it("after the reply: completion, consultation, satisfaction, resolution and publication change accordingly", async () => {
    const answer = await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q(after)}`);
    const { indicators } = answer;
    expect(indicators.completion).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    expect(indicators.consultation).toMatchObject({ value: 1, numerator: 1, denominator: 1, suggestionIds: ["S-1"] });
    expect(indicators.satisfaction).toMatchObject({ value: 1, numerator: 1, denominator: 1, suggestionIds: ["S-1"] });
    expect(indicators.resolution).toMatchObject({ value: 1, numerator: 1, denominator: 1, suggestionIds: ["S-1"] });
    expect(indicators.publication).toMatchObject({ value: 1, numerator: 1, denominator: 1, suggestionIds: ["S-1"] });
    expect(indicators.completion.eventIds.length).toBeGreaterThan(0);
    const expected = (100 * (10 * attention + 20 * 0.2 + 15 * 1 + 20 * 1 + 20 * 1 + 5 * 1 + 10 * (2 / 3))) / 100;
    expect(answer["index"]).toBeCloseTo(expected, 10);
  });

  it("names the rule set it used: name@version, the highest version by name, and a custom one", async () => {
    expect(await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q(after)}&rules=default-2024%401`)).toMatchObject({ rules: "default-2024", rulesVersion: 1 });
    const lenient = await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q(after)}&rules=lenient`);
    expect(lenient).toMatchObject({ rules: "lenient", rulesVersion: 1, indicators: { satisfaction: { value: 0.5, numerator: 0.5, denominator: 1 } } });
    expect(await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q(after)}&rules=strict-2025`)).toMatchObject({ rules: "strict-2025", rulesVersion: 1, indicators: { satisfaction: { numerator: 0.8, denominator: 1 } } });
  });

  it("asOf before the assignments: nothing assigned yet; default asOf is the server's clock, in Shanghai time", async () => {
    expect(await getOk(`/v1/units/U-1/scores?period=2024&asOf=${q("2024-03-01T00:00:00+08:00")}`)).toMatchObject({ assigned: 0, index: null, insufficientData: true });
    const now = await getOk("/v1/units/U-1/scores");
    expect(now).toMatchObject({ asOf: "2024-12-20T12:00:00.000+08:00", period: "2024", assigned: 5 });
  });
});

describe("GET /v1/scores", () => {
  it("ranks the units with facts in the period; fewer than 5 suggestions is insufficientData, unranked", async () => {
    const answer = await getOk(`/v1/scores?period=2024&asOf=${q(after)}`);
    expect(answer).toMatchObject({ rules: "default-2024", rulesVersion: 1, period: "2024", asOf: after });
    expect(answer["units"]).toMatchObject([
      { unitId: "U-1", rank: 1, assigned: 5, insufficientData: false, indicators: { completion: 0.2, consultation: 1, digital: 2 / 3 } },
      { unitId: "U-2", rank: null, assigned: 1, insufficientData: true, indicators: { completion: 0, consultation: null } },
    ]);
    const beforeReply = await getOk(`/v1/scores?period=2024&asOf=${q(before)}`);
    expect(beforeReply["units"][0]).toMatchObject({ unitId: "U-1", indicators: { completion: 0, consultation: null } });
    expect((await getOk("/v1/scores?period=2023"))["units"]).toEqual([]);
  });

  it("refuses unknown rule sets, bad periods and times without offset with 400 naming the parameter", async () => {
    const spec = ApiSpecification.for(side);
    const cases: [string, string][] = [
      ["rules=nope", "rules"],
      ["rules=default-2024%407", "rules"],
      ["rules=a%20b", "rules"],
      ["period=24", "period"],
      ["period=2024-01", "period"],
      ["asOf=2024-06-01", "asOf"],
      ["asOf=2024-06-01T00:00:00", "asOf"],
      ["asOf=2024-06-01T00:00:00+08:00", "asOf"], // an unencoded "+" is a space
      ["asOf=2024-02-30T00:00:00Z", "asOf"],
      ["unitId=U-1", "unitId"],
    ];
    for (const [query, field] of cases) {
      await spec.when({ path: `/v1/scores?${query}`, token: office }).thenRefused(400, { fields: [field] });
      await spec.when({ path: `/v1/units/U-1/scores?${query}`, token: office }).thenRefused(400, { fields: [field] });
    }
  });
});
