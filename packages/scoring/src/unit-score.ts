import type { IndicatorKey } from "./indicator-keys.js";

/** One suggestion's share of an indicator's numerator and denominator, with its events. */
export interface Contribution {
  readonly suggestionId: string;
  readonly numerator: number;
  readonly denominator: number;
  /** The events that put this suggestion (or its steps) into the figures, sorted. */
  readonly eventIds: readonly string[];
  /** Present (`true`) when one of `eventIds` was written under a backfill (trust.md). */
  readonly backfilled?: true;
}

/**
 * One indicator: `value = numerator / denominator` (attention excepted, see AttentionScore),
 * `null` when the denominator is 0. Nothing is rounded.
 */
export interface IndicatorScore {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
  /** The suggestions behind the denominator, sorted (those counted in the numerator are the contributions with numerator > 0). */
  readonly suggestionIds: readonly string[];
  /** Every event behind the numerator and the denominator, sorted and unique. */
  readonly eventIds: readonly string[];
  /** Per suggestion, sorted by suggestion id. */
  readonly contributions: readonly Contribution[];
}

/**
 * Attention is not a plain ratio: `value = 0.4 × headLed + 0.3 × leadershipMeeting
 * + 0.3 × planShare`, where `numerator / denominator` is the plan share (suggestions in A
 * with a plan step ÷ A).
 */
export interface AttentionScore extends IndicatorScore {
  readonly components: {
    readonly headLed: boolean;
    readonly leadershipMeeting: boolean;
    readonly planShare: number | null;
  };
}

export type IndicatorScores = { readonly attention: AttentionScore } & {
  readonly [K in Exclude<IndicatorKey, "attention">]: IndicatorScore;
};

/** The score of one unit for one period, as of one instant, under one rule set. */
export interface UnitScore {
  readonly unitId: string;
  readonly period: string;
  readonly asOf: string;
  readonly rules: { readonly name: string; readonly version: number };
  /** |A|: the suggestions assigned to the unit as lead in the period, at or before asOf. */
  readonly assigned: number;
  /** 100 × Σ w·v ÷ Σ w over the scored indicators; null when none is scored (or all scored weigh 0). */
  readonly index: number | null;
  readonly indicators: IndicatorScores;
  /** Each scored indicator's weight ÷ Σ weights of the scored indicators; null when not scored. */
  readonly effectiveWeights: { readonly [K in IndicatorKey]: number | null };
}
