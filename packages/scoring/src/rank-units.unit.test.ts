import { describe, expect, it } from "vitest";
import { INDICATOR_KEYS } from "./indicator-keys.js";
import { rankUnits } from "./rank-units.js";
import { defaultRuleSet, parseRuleSet } from "./rule-set.js";
import type { IndicatorScore, UnitScore } from "./unit-score.js";

const indicator = (value: number | null): IndicatorScore => ({
  value,
  numerator: value ?? 0,
  denominator: value === null ? 0 : 1,
  suggestionIds: [],
  eventIds: [],
  contributions: [],
});

/** A unit score with the given index, completion and |A| (other indicators are irrelevant to ranking). */
const unit = (unitId: string, index: number | null, completion: number | null, assigned = 10): UnitScore => ({
  unitId,
  period: "2024",
  asOf: "2024-12-31T23:59:59+08:00",
  rules: { name: defaultRuleSet.name, version: defaultRuleSet.version },
  assigned,
  index,
  indicators: {
    attention: { ...indicator(null), components: { headLed: false, leadershipMeeting: false, planShare: null } },
    completion: indicator(completion),
    consultation: indicator(null),
    satisfaction: indicator(null),
    resolution: indicator(null),
    publication: indicator(null),
    digital: indicator(null),
  },
  effectiveWeights: Object.fromEntries(INDICATOR_KEYS.map((k) => [k, null])) as UnitScore["effectiveWeights"],
});

const ranks = (scores: UnitScore[], ruleSet = defaultRuleSet) =>
  rankUnits(scores, ruleSet).map((u) => [u.unitId, u.rank, u.insufficientData]);

describe("rankUnits", () => {
  it("ranks by index descending, 1..n", () => {
    expect(ranks([unit("U-1", 50, 0.5), unit("U-2", 70, 0.1), unit("U-3", 60, 0.9)])).toEqual([
      ["U-2", 1, false],
      ["U-3", 2, false],
      ["U-1", 3, false],
    ]);
  });

  it("equal index: higher completion first; equal completion too: unit id ascending; no shared ranks", () => {
    expect(
      ranks([unit("U-b", 50, 0.5), unit("U-c", 50, 0.8), unit("U-a", 50, 0.5), unit("U-d", 40, 1)]),
    ).toEqual([
      ["U-c", 1, false], // 50, completion 0.8
      ["U-a", 2, false], // 50, 0.5, id a < b
      ["U-b", 3, false],
      ["U-d", 4, false],
    ]);
  });

  it("unit ids are compared by code unit, not locale", () => {
    expect(ranks([unit("u-1", 50, 0.5), unit("U-2", 50, 0.5)]).map((r) => r[0])).toEqual(["U-2", "u-1"]);
  });

  it("fewer than minSuggestions (5) assigned: rank null, insufficientData, listed after the ranked units", () => {
    expect(ranks([unit("U-1", 90, 1, 4), unit("U-2", 10, 0.1, 5), unit("U-3", 20, 0.2, 0)])).toEqual([
      ["U-2", 1, false],
      ["U-1", null, true],
      ["U-3", null, true],
    ]);
  });

  it("a rule set's minSuggestions applies (2: the unit with 4 is ranked)", () => {
    const small = parseRuleSet({ name: "small", version: 1, weights: defaultRuleSet.weights, options: { minSuggestions: 2 } });
    const scores = [unit("U-1", 90, 1, 4), unit("U-2", 10, 0.1, 1)].map((u) => ({ ...u, rules: { name: "small", version: 1 } }));
    expect(ranks(scores, small)).toEqual([
      ["U-1", 1, false],
      ["U-2", null, true],
    ]);
  });

  it("a null index is never ranked", () => {
    expect(ranks([unit("U-1", null, null, 6), unit("U-2", 0, 0)])).toEqual([
      ["U-2", 1, false],
      ["U-1", null, false],
    ]);
  });

  it("refuses scores of another rule set, mixed periods and duplicate units", () => {
    const other = { ...unit("U-1", 1, 1), rules: { name: "other", version: 1 } };
    expect(() => rankUnits([other], defaultRuleSet)).toThrow(/other@1/);
    expect(() => rankUnits([unit("U-1", 1, 1), { ...unit("U-2", 1, 1), period: "2023" }], defaultRuleSet)).toThrow(/period/);
    expect(() => rankUnits([unit("U-1", 1, 1), unit("U-1", 2, 1)], defaultRuleSet)).toThrow(/twice/);
  });
});
