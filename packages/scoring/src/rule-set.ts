import { z } from "zod";
import { ValidationError } from "@duty-ledger/domain";

const weight = z.number().finite().nonnegative();

export const ruleSetWeightsSchema = z
  .strictObject({
    attention: weight,
    completion: weight,
    consultation: weight,
    satisfaction: weight,
    resolution: weight,
    publication: weight,
    digital: weight,
  })
  .refine((w) => Object.values(w).some((v) => v > 0), "at least one weight must be positive");

export const ruleSetOptionsSchema = z.strictObject({
  /** Weight of a `basically-satisfied` evaluation in the satisfaction numerator. */
  basicWeight: z.number().min(0).max(1).default(1),
  /** Latest-reply categories that count as resolved. */
  resolvedCategories: z
    .array(z.enum(["A", "B", "C", "D"]))
    .min(1)
    .refine((list) => new Set(list).size === list.length, "categories must be unique")
    .default(["A"]),
  /** A step recorded online within `timelyDays` × 24 h of its occurrence is timely. */
  timelyDays: z.number().finite().positive().default(2),
  /** Units with fewer assigned suggestions are not ranked. */
  minSuggestions: z.number().int().nonnegative().default(5),
  /**
   * Which evaluation of a suggestion 满意率 scores: `latest` (absent: `latest`), or `first`,
   * so that re-handling after an unsatisfied evaluation does not erase it.
   */
  evaluation: z.enum(["latest", "first"]).optional(),
});

/**
 * A rule set: named, versioned data. The formulas are fixed (scoring.md); a rule set
 * chooses the weights and the options. Unknown fields are refused so a misspelt option
 * is never silently ignored.
 */
export const ruleSetSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 characters of A-Z a-z 0-9 . _ - (not starting with . _ -)"),
  version: z.number().int().min(1),
  description: z.string().max(2_000).optional(),
  weights: ruleSetWeightsSchema,
  options: ruleSetOptionsSchema.prefault({}),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type RuleSetWeights = RuleSet["weights"];
export type RuleSetOptions = RuleSet["options"];

export const DEFAULT_RULE_SET_NAME = "default-2024";

/** The built-in rule set `default-2024` (scoring.md). */
export const defaultRuleSet: RuleSet = Object.freeze({
  name: DEFAULT_RULE_SET_NAME,
  version: 1,
  description: "Seven-indicator handling score, default weights (scoring.md)",
  weights: Object.freeze({
    attention: 10,
    completion: 20,
    consultation: 15,
    satisfaction: 20,
    resolution: 20,
    publication: 5,
    digital: 10,
  }),
  options: Object.freeze({
    basicWeight: 1,
    resolvedCategories: Object.freeze(["A"]) as RuleSet["options"]["resolvedCategories"],
    timelyDays: 2,
    minSuggestions: 5,
  }),
});

export const STRICT_RULE_SET_NAME = "strict-2025";

/**
 * The second built-in rule set, `strict-2025` (scoring.md): the weights and options of
 * `default-2024` except a basically-satisfied evaluation worth 0.8, each suggestion's first
 * evaluation scored, and steps timely only when recorded within a day.
 */
export const strictRuleSet: RuleSet = Object.freeze({
  name: STRICT_RULE_SET_NAME,
  version: 1,
  description: "Seven-indicator handling score that separates units on satisfaction: basically-satisfied 0.8, first evaluation, timely within 1 day (scoring.md)",
  weights: defaultRuleSet.weights,
  options: Object.freeze({ ...defaultRuleSet.options, basicWeight: 0.8, timelyDays: 1, evaluation: "first" as const }),
});

/** The rule sets shipped with the code; a deployment adds its own as files (`loadRuleSets`). */
export const builtInRuleSets: readonly RuleSet[] = Object.freeze([defaultRuleSet, strictRuleSet]);

/**
 * Parses a rule set: `input` is either the parsed JSON value or the JSON text.
 * Throws a ValidationError listing the failing fields.
 */
export const parseRuleSet = (input: unknown, source = "rule set"): RuleSet => {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input) as unknown;
    } catch (cause) {
      throw new ValidationError(`${source}: not valid JSON`, { errors: [{ path: "", message: "not valid JSON" }], cause });
    }
  }
  const result = ruleSetSchema.safeParse(value);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
    throw new ValidationError(`${source}: invalid rule set (${errors.map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ")})`, {
      errors,
    });
  }
  return result.data;
};
