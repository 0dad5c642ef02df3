import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import { answerOf, mapLimited, type Api } from "../api.js";
import type { SuggestionAnswer, UnitScoresAnswer } from "../api-answers.js";
import { field, h, render, select } from "../dom.js";
import { currentShanghaiYear, indexText, percent } from "../format.js";
import type { ViewContext } from "../view-context.js";
import { card, loading, yearOptions } from "./common.js";
import { suggestionCard } from "./suggestion-card.js";
import { unitLabel } from "./unit-names.js";

/**
 * 承办单位: the suggestions the unit leads in a year (the denominator of its `completion`,
 * from `GET /v1/units/:id/scores`), with due dates, and forms to record a handling step and
 * the reply. Open ones first, the nearest due date first. Units by name (`GET /v1/units`, once
 * per render) with the id small beside it.
 */

const unitScores = (api: Api, unitId: string, year: number): Promise<UnitScoresAnswer> =>
  answerOf(api.GET("/v1/units/{id}/scores", { params: { path: { id: unitId }, query: { period: String(year) } } }));

const order = (s: SuggestionAnswer): number => (s.state === "assigned" || s.state === "rehandling" ? 0 : s.state === "replied" ? 1 : 2);

export const unitDeskView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, claims, route } = ctx;
  const unitId = claims.sub;
  const heading = h("h1", { text: t("unit.title") }, " ", h("code", { class: "id", text: unitId }));
  render(ctx.root, heading, loading(t));
  const names = ctx.unitNames();
  const thisYear = currentShanghaiYear();
  const asked = Number(route.params["year"]);
  let year = Number.isInteger(asked) && asked >= 1949 ? asked : thisYear;
  let scores = await unitScores(api, unitId, year);
  if (route.params["year"] === undefined) {
    // The latest recent year with a suggestion assigned to this unit.
    for (let y = thisYear - 1; scores.indicators.completion.suggestionIds.length === 0 && y > thisYear - 6; y--) {
      const earlier = await unitScores(api, unitId, y);
      if (earlier.indicators.completion.suggestionIds.length > 0) {
        year = y;
        scores = earlier;
      }
    }
  }
  const ids = scores.indicators.completion.suggestionIds;
  const unitNames = await names;
  render(heading, t("unit.title"), " ", unitLabel(unitNames, unitId, h("code", { class: "id", text: unitId })));
  const suggestions = await mapLimited(ids, 6, (id) => answerOf(api.GET("/v1/suggestions/{id}", { params: { path: { id } } })));
  suggestions.sort((a, b) => order(a) - order(b) || (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.suggestionId.localeCompare(b.suggestionId));

  const yearSelect = select("year", yearOptions(Math.min(year, thisYear - 6), Math.max(thisYear, year)), String(year));
  yearSelect.addEventListener("change", () => ctx.navigate({ view: "unit", params: { year: yearSelect.value } }));

  const reader = { role: "unit" as const, id: unitId };
  render(
    ctx.root,
    heading,
    h("div", { class: "controls inline" }, field(t("common.year"), yearSelect)),
    card(
      t("unit.score"),
      h(
        "div",
        { class: "stats" },
        h("div", { class: "stat", data: { stat: "index" } }, h("span", { class: "stat-value", text: indexText(scores.index) }), h("span", { class: "stat-label", text: t("scores.index") })),
        INDICATOR_KEYS.map((key) =>
          h(
            "div",
            { class: "stat", data: { stat: key } },
            h("span", { class: "stat-value", text: percent(scores.indicators[key].value) }),
            h("span", { class: "stat-label", text: t(`indicator.${key}`) }),
          ),
        ),
      ),
    ),
    card(
      t("unit.assigned", { n: suggestions.length }),
      suggestions.length === 0
        ? h("p", { class: "muted", text: t("unit.empty") })
        : h("div", { class: "suggestion-list", data: { unitId, year } }, suggestions.map((s) => suggestionCard({ api, t, reader, forms: true, unitNames }, s))),
    ),
  );
};
