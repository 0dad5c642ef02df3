import { answerOf } from "../../api.js";
import type { RuleSetsAnswer, ScoresAnswer } from "../../api-answers.js";
import type { PageContext } from "../../shell/page-context.js";
import type { UnitNames } from "../../views/unit-names.js";
import { openingPeriod, readScores, type ScoreQuery } from "./scores-model.js";

/** What the ranking shows first: the rule sets, the unit names, and the scores of the period the address names (or the opening period, then recorded in the address). */
export interface RankingData {
  readonly ruleSets: RuleSetsAnswer;
  readonly names: UnitNames;
  readonly scores: ScoresAnswer;
  readonly query: ScoreQuery;
}

export const loadRanking = async (context: PageContext): Promise<RankingData> => {
  const { route, api } = context;
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(route.params["asOf"] ?? "") ? route.params["asOf"] : undefined;
  const rules = route.params["rules"];
  const named = /^\d{4}$/.test(route.params["period"] ?? "") ? route.params["period"] : undefined;
  const [ruleSets, names, found] = await Promise.all([
    answerOf(api.GET("/v1/rule-sets")),
    context.unitNames(),
    named === undefined ? openingPeriod(api, { rules, asOf }) : readScores(api, { period: named, rules, asOf }).then((scores) => ({ period: named, scores })),
  ]);
  if (named === undefined) context.remember({ view: "scores", params: { ...route.params, period: found.period } });
  return { ruleSets, names, scores: found.scores, query: { period: found.period, rules, asOf } };
};
