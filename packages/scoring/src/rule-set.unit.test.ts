import { isLedgerErrorOf } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { createRuleSetRegistry } from "./rule-set-registry.js";
import { DEFAULT_RULE_SET_NAME, defaultRuleSet, parseRuleSet, strictRuleSet } from "./rule-set.js";

const weights = { attention: 10, completion: 20, consultation: 15, satisfaction: 20, resolution: 20, publication: 5, digital: 10 };

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("default-2024", () => {
  it("has the weights and options of scoring.md, and parses as itself", () => {
    expect(defaultRuleSet.name).toBe(DEFAULT_RULE_SET_NAME);
    expect(defaultRuleSet.weights).toEqual(weights);
    expect(defaultRuleSet.options).toEqual({ basicWeight: 1, resolvedCategories: ["A"], timelyDays: 2, minSuggestions: 5 });
    expect(parseRuleSet(JSON.parse(JSON.stringify(defaultRuleSet)))).toEqual(defaultRuleSet);
    expect(Object.values(defaultRuleSet.weights).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe("strict-2025", () => {
  it("is default-2024 but for basicWeight 0.8, the first evaluation scored and timelyDays 1 (scoring.md), and parses as itself", () => {
    expect(strictRuleSet.weights).toEqual(defaultRuleSet.weights);
    expect(strictRuleSet.options).toEqual({ ...defaultRuleSet.options, basicWeight: 0.8, evaluation: "first", timelyDays: 1 });
    expect(parseRuleSet(JSON.parse(JSON.stringify(strictRuleSet)))).toEqual(strictRuleSet);
    expect(createRuleSetRegistry().resolve("strict-2025")).toBe(strictRuleSet);
  });

  it("refuses an evaluation option other than latest or first", () => {
    expect(() => parseRuleSet({ name: "x", version: 1, weights: defaultRuleSet.weights, options: { evaluation: "best" } })).toThrow(/options\.evaluation/);
  });
});

describe("parseRuleSet", () => {
  it("fills every option from its default, from the value or from JSON text", () => {
    const fromValue = parseRuleSet({ name: "county-2025", version: 2, weights });
    expect(fromValue.options).toEqual({ basicWeight: 1, resolvedCategories: ["A"], timelyDays: 2, minSuggestions: 5 });
    const fromText = parseRuleSet(JSON.stringify({ name: "county-2025", version: 2, weights, options: { basicWeight: 0.5 } }));
    expect(fromText.options).toEqual({ basicWeight: 0.5, resolvedCategories: ["A"], timelyDays: 2, minSuggestions: 5 });
  });

  it("refuses unknown fields (a misspelt option), missing weights, bad values, with the failing paths", () => {
    const error = caught(() =>
      parseRuleSet({
        name: "x",
        version: 1,
        weights: { ...weights, digital: -1 },
        options: { basicWieght: 0.5, resolvedCategories: ["E"] },
      }),
    );
    expect(isLedgerErrorOf(error, "VALIDATION")).toBe(true);
    const paths = (error as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["weights.digital", "options", "options.resolvedCategories.0"]));

    const missing = caught(() => parseRuleSet({ name: "x", version: 1, weights: { attention: 1 } }));
    expect((missing as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain("weights.completion");
  });

  it("refuses all-zero weights, basicWeight above 1, a fractional version and broken JSON", () => {
    const zero = Object.fromEntries(Object.keys(weights).map((k) => [k, 0]));
    for (const input of [
      { name: "x", version: 1, weights: zero },
      { name: "x", version: 1, weights, options: { basicWeight: 1.5 } },
      { name: "x", version: 1.5, weights },
      "{not json",
    ]) {
      expect(isLedgerErrorOf(caught(() => parseRuleSet(input)), "VALIDATION")).toBe(true);
    }
  });
});

describe("createRuleSetRegistry", () => {
  const v1 = parseRuleSet({ name: "county", version: 1, weights });
  const v2 = parseRuleSet({ name: "county", version: 2, weights, options: { minSuggestions: 3 } });
  const registry = createRuleSetRegistry([v2, v1]);

  it("always holds default-2024 and resolves a missing reference to it", () => {
    expect(registry.resolve(undefined)).toBe(defaultRuleSet);
    expect(registry.get("default-2024@1")).toBe(defaultRuleSet);
  });

  it("resolves a name to its highest version, name@version exactly", () => {
    expect(registry.resolve("county")).toBe(v2);
    expect(registry.resolve("county@1")).toBe(v1);
    expect(registry.get("county@3")).toBeUndefined();
    expect(registry.list().map((r) => `${r.name}@${r.version}`)).toEqual(["county@1", "county@2", "default-2024@1", "strict-2025@1"]);
  });

  it("an unknown rule set is a ValidationError on `rules`", () => {
    const error = caught(() => registry.resolve("nope"));
    expect(isLedgerErrorOf(error, "VALIDATION")).toBe(true);
    expect((error as { errors: { path: string }[] }).errors[0]?.path).toBe("rules");
  });

  it("refuses the same name and version twice, including over the built-in", () => {
    expect(() => createRuleSetRegistry([v1, v1])).toThrow(/twice/);
    expect(() => createRuleSetRegistry([{ ...defaultRuleSet }])).toThrow(/twice/);
    expect(() => createRuleSetRegistry([], { defaultName: "county" })).toThrow(/not defined/);
    expect(createRuleSetRegistry([v1], { defaultName: "county" }).resolve(undefined)).toBe(v1);
  });
});
