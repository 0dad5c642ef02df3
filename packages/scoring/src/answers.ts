import type { SuggestionFacts } from "./facts.js";
import type { IndicatorKey } from "./indicator-keys.js";
import { rankUnits } from "./rank-units.js";
import type { RuleSet } from "./rule-set.js";
import { scoreUnit, scoreUnits } from "./score-unit.js";
import type { AttentionScore, Contribution, IndicatorScore } from "./unit-score.js";

/** `GET /v1/scores`: one row per unit. Numbers are raw (unrounded). */
export interface ScoresAnswerUnit {
  readonly unitId: string;
  readonly rank: number | null;
  readonly index: number | null;
  readonly indicators: { readonly [K in IndicatorKey]: number | null };
  readonly insufficientData: boolean;
  /** |A| for the period. */
  readonly assigned: number;
}

export interface ScoresAnswer {
  /** The rule set's name, as a query's `rules=` names it. */
  readonly rules: string;
  readonly rulesVersion: number;
  readonly period: string;
  readonly asOf: string;
  /** Only events recorded at or before it counted (trust.md, "Known-at"); absent from an answer computed without one. */
  readonly knownAt?: string;
  readonly units: readonly ScoresAnswerUnit[];
}

export interface UnitIndicatorAnswer {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  readonly suggestionIds: readonly string[];
  readonly eventIds: readonly string[];
  readonly contributions: readonly Contribution[];
}

export interface UnitAttentionAnswer extends UnitIndicatorAnswer {
  readonly components: AttentionScore["components"];
}

/** `GET /v1/units/:id/scores`. Numbers are raw (unrounded). */
export interface UnitScoresAnswer {
  readonly unitId: string;
  readonly rules: string;
  readonly rulesVersion: number;
  readonly period: string;
  readonly asOf: string;
  /** As in `ScoresAnswer`. */
  readonly knownAt?: string;
  readonly index: number | null;
  readonly assigned: number;
  readonly insufficientData: boolean;
  readonly effectiveWeights: { readonly [K in IndicatorKey]: number | null };
  readonly indicators: { readonly attention: UnitAttentionAnswer } & {
    readonly [K in Exclude<IndicatorKey, "attention">]: UnitIndicatorAnswer;
  };
}

export interface AnswerOptions {
  readonly period: string;
  readonly asOf: string;
  /**
   * The answer echoes it (after `asOf`). Scoring does not filter by it: the facts given must
   * already be those known then (the read models' `listFacts(…, { knownAt })`, a log prefix).
   */
  readonly knownAt?: string;
  readonly ruleSet: RuleSet;
}

const knownAtOf = (options: AnswerOptions): { readonly knownAt?: string } => (options.knownAt === undefined ? {} : { knownAt: options.knownAt });

const indicatorAnswer = (score: IndicatorScore): UnitIndicatorAnswer => ({
  value: score.value,
  numerator: score.numerator,
  denominator: score.denominator,
  suggestionIds: score.suggestionIds,
  eventIds: score.eventIds,
  contributions: score.contributions,
});

/**
 * The answer of `GET /v1/scores?period=&rules=&asOf=`: every unit leading a counted suggestion
 * in the period (and every unit of `unitIds`), ranked.
 */
export const buildScoresAnswer = (
  facts: readonly SuggestionFacts[],
  options: AnswerOptions & { readonly unitIds?: readonly string[] },
): ScoresAnswer => {
  const ranked = rankUnits(scoreUnits(facts, options), options.ruleSet);
  return {
    rules: options.ruleSet.name,
    rulesVersion: options.ruleSet.version,
    period: options.period,
    asOf: options.asOf,
    ...knownAtOf(options),
    units: ranked.map((u) => ({
      unitId: u.unitId,
      rank: u.rank,
      index: u.index,
      indicators: {
        attention: u.indicators.attention.value,
        completion: u.indicators.completion.value,
        consultation: u.indicators.consultation.value,
        satisfaction: u.indicators.satisfaction.value,
        resolution: u.indicators.resolution.value,
        publication: u.indicators.publication.value,
        digital: u.indicators.digital.value,
      },
      insufficientData: u.insufficientData,
      assigned: u.assigned,
    })),
  };
};

/** The answer of `GET /v1/units/:id/scores?period=&rules=&asOf=`: one unit, every figure opened. */
export const buildUnitScoresAnswer = (
  facts: readonly SuggestionFacts[],
  options: AnswerOptions & { readonly unitId: string },
): UnitScoresAnswer => {
  const score = scoreUnit(facts, options);
  const { indicators } = score;
  return {
    unitId: score.unitId,
    rules: options.ruleSet.name,
    rulesVersion: options.ruleSet.version,
    period: score.period,
    asOf: score.asOf,
    ...knownAtOf(options),
    index: score.index,
    assigned: score.assigned,
    insufficientData: score.assigned < options.ruleSet.options.minSuggestions,
    effectiveWeights: score.effectiveWeights,
    indicators: {
      attention: { ...indicatorAnswer(indicators.attention), components: indicators.attention.components },
      completion: indicatorAnswer(indicators.completion),
      consultation: indicatorAnswer(indicators.consultation),
      satisfaction: indicatorAnswer(indicators.satisfaction),
      resolution: indicatorAnswer(indicators.resolution),
      publication: indicatorAnswer(indicators.publication),
      digital: indicatorAnswer(indicators.digital),
    },
  };
};
