import { ValidationError } from "@duty-ledger/domain";
import { compareIds } from "./instant.js";
import type { RuleSet } from "./rule-set.js";
import type { UnitScore } from "./unit-score.js";

export interface RankedUnitScore extends UnitScore {
  /** 1..n among the ranked units; null when not ranked. */
  readonly rank: number | null;
  /** Fewer than `minSuggestions` assigned suggestions: not ranked. */
  readonly insufficientData: boolean;
}

/** Higher first; null last. */
const descNullsLast = (a: number | null, b: number | null): number => {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
};

/** Index desc, then completion desc, then unit id asc (scoring.md). */
export const compareUnitScores = (a: UnitScore, b: UnitScore): number =>
  descNullsLast(a.index, b.index) ||
  descNullsLast(a.indicators.completion.value, b.indicators.completion.value) ||
  compareIds(a.unitId, b.unitId);

/**
 * Ranks units by index (ties: higher completion, then unit id), 1..n without shared ranks.
 * A unit with fewer than `minSuggestions` assigned suggestions gets `rank: null,
 * insufficientData: true`; a unit whose index is null (nothing scored) gets `rank: null`.
 * Ranked units come first in rank order, then the unranked ones in the same order.
 * All scores must come from the same rule set, period and asOf.
 */
export const rankUnits = (scores: readonly UnitScore[], ruleSet: RuleSet): RankedUnitScore[] => {
  const seen = new Set<string>();
  for (const score of scores) {
    if (score.rules.name !== ruleSet.name || score.rules.version !== ruleSet.version) {
      throw new ValidationError(
        `unit ${score.unitId} was scored with ${score.rules.name}@${score.rules.version}, not ${ruleSet.name}@${ruleSet.version}`,
        { errors: [{ path: "rules", message: "scores come from another rule set" }] },
      );
    }
    const first = scores[0];
    if (first !== undefined && (score.period !== first.period || score.asOf !== first.asOf)) {
      throw new ValidationError("scores of different periods or asOf cannot be ranked together", {
        errors: [{ path: "period", message: "mixed periods or asOf" }],
      });
    }
    if (seen.has(score.unitId)) {
      throw new ValidationError(`unit ${score.unitId} appears twice`, {
        errors: [{ path: "unitId", message: "duplicate unit" }],
      });
    }
    seen.add(score.unitId);
  }

  const sorted = [...scores].sort(compareUnitScores);
  const ranked: RankedUnitScore[] = [];
  const unranked: RankedUnitScore[] = [];
  for (const score of sorted) {
    const insufficientData = score.assigned < ruleSet.options.minSuggestions;
    if (insufficientData || score.index === null) {
      unranked.push({ ...score, rank: null, insufficientData });
    } else {
      ranked.push({ ...score, rank: ranked.length + 1, insufficientData });
    }
  }
  return [...ranked, ...unranked];
};
