import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import { answerOf, type Api } from "../../api.js";
import type { IndicatorKey, RuleSetsAnswer, ScoresAnswer, ScoresAnswerUnit } from "../../api-answers.js";
import { currentShanghaiYear, endOfShanghaiDay } from "../../format.js";
import type { Translate } from "../../i18n.js";

/**
 * What the ranking page reads and how it splits it: the query of `GET /v1/scores`, the period
 * it opens on (the last full assessment year), ranked and unranked units (and why a unit is
 * not ranked), the rule sets to choose from.
 */

export type Target = IndicatorKey | "index";

export const isTarget = (value: string | undefined): value is Target => value === "index" || (INDICATOR_KEYS as readonly string[]).includes(value ?? "");

export interface ScoreQuery {
  readonly period: string;
  /** `name` or `name@version`; undefined: the API's default. */
  readonly rules: string | undefined;
  /** `YYYY-MM-DD` (end of that day in Shanghai); undefined: now. */
  readonly asOf: string | undefined;
}

export const queryOf = (q: ScoreQuery): { period: string; rules?: string; asOf?: string } => ({
  period: q.period,
  ...(q.rules === undefined ? {} : { rules: q.rules }),
  ...(q.asOf === undefined ? {} : { asOf: endOfShanghaiDay(q.asOf) }),
});

export const readScores = (api: Api, q: ScoreQuery): Promise<ScoresAnswer> => answerOf(api.GET("/v1/scores", { params: { query: queryOf(q) } }));

/** How many recent years the period select offers, and the page looks back for a ranking. */
export const YEARS_BACK = 6;

/**
 * The period the page opens on: the last full assessment year with a ranked unit (last year,
 * then the years before), not the current year, whose few assigned suggestions would rank a
 * handful of units on almost nothing. The current year only when no full year has a ranking.
 */
export const openingPeriod = async (api: Api, q: Omit<ScoreQuery, "period">, now = new Date()): Promise<{ period: string; scores: ScoresAnswer }> => {
  const thisYear = currentShanghaiYear(now);
  const years = [...Array.from({ length: YEARS_BACK }, (_, i) => thisYear - 1 - i), thisYear];
  // The three most recent full years at once (one round trip in the usual case), then the rest.
  const read = async (batch: readonly number[]): Promise<{ period: string; scores: ScoresAnswer }[]> =>
    Promise.all(batch.map(async (year) => ({ period: String(year), scores: await readScores(api, { ...q, period: String(year) }) })));
  const answers = await read(years.slice(0, 3));
  const ranked = (list: readonly { period: string; scores: ScoresAnswer }[]) => list.find((a) => a.scores.units.some((unit) => unit.rank !== null));
  const found = ranked(answers) ?? ranked(await read(years.slice(3)));
  return found ?? (answers[0] as { period: string; scores: ScoresAnswer });
};

export interface Split {
  /** Ranked units, in rank order (the API's order). A new array (the table sorts it). */
  readonly ranked: ScoresAnswerUnit[];
  /** Units without a rank, in the API's order. */
  readonly unranked: ScoresAnswerUnit[];
}

export const splitRanking = (units: readonly ScoresAnswerUnit[]): Split => ({
  ranked: units.filter((unit) => unit.rank !== null),
  unranked: units.filter((unit) => unit.rank === null),
});

type RuleSet = RuleSetsAnswer["ruleSets"][number];

/** The rule set an answer was scored with (by its name and version), if listed. */
export const ruleSetOf = (ruleSets: RuleSetsAnswer, scores: Pick<ScoresAnswer, "rules" | "rulesVersion">): RuleSet | undefined =>
  ruleSets.ruleSets.find((r) => r.name === scores.rules && r.version === scores.rulesVersion);

/** Why a unit has no rank (docs/scoring.md: fewer than `minSuggestions` assigned, or no index). */
export const unrankedReason = (t: Translate, unit: ScoresAnswerUnit, ruleSet: RuleSet | undefined): string =>
  unit.insufficientData
    ? t("scores.reasonTooFew", { assigned: unit.assigned, min: ruleSet?.options.minSuggestions ?? "—" })
    : t("scores.reasonNoIndex");

/** The choices of the rule-set select: the API's default first (value ""), then each listed rule set and version. */
export const ruleChoices = (t: Translate, ruleSets: RuleSetsAnswer): { value: string; label: string }[] => [
  { value: "", label: t("scores.ruleDefault", { name: ruleSets.default }) },
  ...ruleSets.ruleSets.map((r) => ({ value: `${r.name}@${r.version}`, label: t("scores.ruleOption", { name: r.name, version: r.version }) })),
];

/** The periods offered: this year and the years before (and the shown one, if older). */
export const periodChoices = (shown: string, now = new Date()): string[] => {
  const thisYear = currentShanghaiYear(now);
  const from = Math.min(Number(shown), thisYear - YEARS_BACK);
  const years: string[] = [];
  for (let y = Math.max(thisYear, Number(shown)); y >= from; y--) years.push(String(y));
  return years;
};
