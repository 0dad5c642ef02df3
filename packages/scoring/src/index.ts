export type {
  EvaluationFact,
  EvaluationRating,
  ExtensionFact,
  PublicationFact,
  RecordedVia,
  ReplyCategory,
  ReplyFact,
  StepFact,
  StepKind,
  SuggestionFacts,
} from "./facts.js";
export { INDICATOR_KEYS, type IndicatorKey } from "./indicator-keys.js";
export { compareIds, toInstant } from "./instant.js";
export { assertPeriod, isPeriod, periodOf } from "./period.js";
export {
  builtInRuleSets,
  DEFAULT_RULE_SET_NAME,
  defaultRuleSet,
  STRICT_RULE_SET_NAME,
  strictRuleSet,
  parseRuleSet,
  ruleSetOptionsSchema,
  ruleSetSchema,
  ruleSetWeightsSchema,
  type RuleSet,
  type RuleSetInput,
  type RuleSetOptions,
  type RuleSetWeights,
} from "./rule-set.js";
export { createRuleSetRegistry, type RuleSetRegistry } from "./rule-set-registry.js";
export { loadRuleSets } from "./load-rule-sets.js";
export type { AttentionScore, Contribution, IndicatorScore, IndicatorScores, UnitScore } from "./unit-score.js";
export { scoreUnit, scoreUnits, type ScoreUnitOptions, type ScoreUnitsOptions } from "./score-unit.js";
export { compareUnitScores, rankUnits, type RankedUnitScore } from "./rank-units.js";
export {
  buildScoresAnswer,
  buildUnitScoresAnswer,
  type AnswerOptions,
  type ScoresAnswer,
  type ScoresAnswerUnit,
  type UnitAttentionAnswer,
  type UnitIndicatorAnswer,
  type UnitScoresAnswer,
} from "./answers.js";
