import { describe, expect, it } from "vitest";
import { buildScoresAnswer, buildUnitScoresAnswer } from "./answers.js";
import type { SuggestionFacts } from "./facts.js";
import { publication, reply, step, suggestion } from "./facts.test-support.js";
import { defaultRuleSet } from "./rule-set.js";

const ASOF = "2024-12-31T23:59:59+08:00";

/** A suggestion replied on time (A) and published; no steps, no evaluation. */
const perfect = (id: string, unitId: string): SuggestionFacts =>
  suggestion(id, {
    leadUnitId: unitId,
    replies: [reply(`${id}:r`, "2024-04-01T10:00:00+08:00", "A", unitId)],
    publications: [publication(`${id}:p`, "2024-04-02T10:00:00+08:00")],
  });
const unreplied = (id: string, unitId: string): SuggestionFacts => suggestion(id, { leadUnitId: unitId });
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

const facts = [
  ...times(5, (i) => perfect(`A${i}`, "U-A")),
  ...times(5, (i) => unreplied(`B${i}`, "U-B")),
  ...times(4, (i) => perfect(`C${i}`, "U-C")),
];

describe("buildScoresAnswer (GET /v1/scores)", () => {
  const answer = buildScoresAnswer(facts, { period: "2024", asOf: ASOF, ruleSet: defaultRuleSet, unitIds: ["U-D"] });

  it("names the rule set, period and asOf", () => {
    expect([answer.rules, answer.rulesVersion, answer.period, answer.asOf]).toEqual(["default-2024", 1, "2024", ASOF]);
  });

  it("ranks U-A then U-B; U-C (4 suggestions) and U-D (none) unranked with insufficientData", () => {
    expect(answer.units.map((u) => [u.unitId, u.rank, u.insufficientData, u.assigned])).toEqual([
      ["U-A", 1, false, 5],
      ["U-B", 2, false, 5],
      ["U-C", null, true, 4],
      ["U-D", null, true, 0],
    ]);
  });

  it("U-A: attention 0, completion 1, consultation 0, resolution 1, publication 1, satisfaction and digital null; index 100 × 45/70", () => {
    const a = answer.units[0];
    expect(a?.indicators).toEqual({
      attention: 0,
      completion: 1,
      consultation: 0,
      satisfaction: null,
      resolution: 1,
      publication: 1,
      digital: null,
    });
    // scored weights 10 + 20 + 15 + 20 + 5 = 70; Σ w·v = 0 + 20 + 0 + 20 + 5 = 45
    expect(a?.index).toBeCloseTo((100 * 45) / 70, 10);
    // U-B: attention 0, completion 0 over weights 30: index 0
    expect(answer.units[1]?.index).toBe(0);
    expect(answer.units[3]?.index).toBeNull();
  });
});

describe("buildUnitScoresAnswer (GET /v1/units/:id/scores)", () => {
  it("opens every indicator: value, numerator, denominator, suggestion and event ids", () => {
    const withStep = [
      ...facts,
      suggestion("A9", {
        leadUnitId: "U-A",
        steps: [step("A9:plan", "plan", "2024-03-02T10:00:00+08:00", { unitId: "U-A" })],
      }),
    ];
    const answer = buildUnitScoresAnswer(withStep, { unitId: "U-A", period: "2024", asOf: ASOF, ruleSet: defaultRuleSet });
    expect([answer.unitId, answer.rules, answer.assigned, answer.insufficientData]).toEqual(["U-A", "default-2024", 6, false]);
    // completion: A0..A4 on time, A9 not replied: 5/6
    expect(answer.indicators.completion).toMatchObject({
      numerator: 5,
      denominator: 6,
      value: 5 / 6,
      suggestionIds: ["A0", "A1", "A2", "A3", "A4", "A9"],
    });
    expect(answer.indicators.publication.eventIds).toEqual(
      ["A0:p", "A0:r", "A1:p", "A1:r", "A2:p", "A2:r", "A3:p", "A3:r", "A4:p", "A4:r"],
    );
    // attention: no head-led, no meeting, plans 1/6: 0.3 × 1/6 = 0.05
    expect(answer.indicators.attention.components).toEqual({ headLed: false, leadershipMeeting: false, planShare: 1 / 6 });
    expect(answer.indicators.attention.value).toBeCloseTo(0.05, 15);
    expect(answer.indicators.digital).toMatchObject({ numerator: 1, denominator: 1, suggestionIds: ["A9"], eventIds: ["A9:plan"] });
    expect(answer.effectiveWeights.satisfaction).toBeNull();
  });

  it("a unit with fewer than minSuggestions is flagged", () => {
    const answer = buildUnitScoresAnswer(facts, { unitId: "U-C", period: "2024", asOf: ASOF, ruleSet: defaultRuleSet });
    expect([answer.assigned, answer.insufficientData]).toEqual([4, true]);
  });

  it("the answer is plain JSON (survives a round trip unchanged)", () => {
    const answer = buildUnitScoresAnswer(facts, { unitId: "U-A", period: "2024", asOf: ASOF, ruleSet: defaultRuleSet });
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });
});
