import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import { answerOf, type Api } from "../api.js";
import type { IndicatorKey, ScoresAnswer, UnitScoresAnswer } from "../api-answers.js";
import { field, formValue, h, input, render, select } from "../dom.js";
import { currentShanghaiYear, endOfShanghaiDay, indexText, percent } from "../format.js";
import type { Translate } from "../i18n.js";
import type { ViewContext } from "../view-context.js";
import { card, errorBox, facts, loading, yearOptions } from "./common.js";
import { unitIdBeside, unitLabel, type UnitNames } from "./unit-names.js";

/**
 * 办理评分: the ranking of units for a period and rule set — the composite index and the seven
 * indicators — as a heat map and a table. Any figure opens the suggestions behind it: the
 * unit's `GET /v1/units/:id/scores`, the indicator's denominator (`suggestionIds`) with those
 * counted in the numerator marked. Units are shown by name (`GET /v1/units`, fetched once per
 * view, unit-names.ts) with the id small beside it; a unit without a registered name shows its id.
 */

type Target = IndicatorKey | "index";

const isTarget = (value: string | undefined): value is Target => value === "index" || (INDICATOR_KEYS as readonly string[]).includes(value ?? "");

interface ScoreQuery {
  readonly period: string;
  readonly rules: string | undefined;
  readonly asOf: string | undefined;
}

const queryOf = (q: ScoreQuery): Record<string, string | undefined> => ({ period: q.period, rules: q.rules, asOf: q.asOf === undefined ? undefined : endOfShanghaiDay(q.asOf) });

/** The latest of the recent years with a scored unit (the current year first). */
const latestScoredPeriod = async (api: Api, q: Omit<ScoreQuery, "period">): Promise<{ period: string; scores: ScoresAnswer }> => {
  const thisYear = currentShanghaiYear();
  let first: { period: string; scores: ScoresAnswer } | undefined;
  for (let year = thisYear; year > thisYear - 6; year--) {
    const scores = await answerOf(api.GET("/v1/scores", { params: { query: queryOf({ ...q, period: String(year) }) } }));
    first ??= { period: String(year), scores };
    if (scores.units.length > 0) return { period: String(year), scores };
  }
  return first ?? { period: String(thisYear), scores: await answerOf(api.GET("/v1/scores", { params: { query: queryOf({ ...q, period: String(thisYear) }) } })) };
};

const indicatorLabel = (t: Translate, key: IndicatorKey): string => t(`indicator.${key}`);

/** A drill-down heading: `text` (about the unit's name), then the id small beside it when there is a name. */
const drillHeading = (names: UnitNames, unitId: string, text: (unit: string) => string): HTMLElement => {
  const name = names.get(unitId);
  return h("h2", { text: text(name ?? unitId) }, name === undefined ? null : [" ", unitIdBeside(unitId)]);
};

/** The drill-down panel: a unit's figure opened. */
const drillPanel = (
  ctx: ViewContext,
  q: ScoreQuery,
  unitId: string,
  target: Target,
  names: UnitNames,
  cache: Map<string, Promise<UnitScoresAnswer>>,
  open: (unitId: string, target: Target) => void,
): HTMLElement => {
  const { t, api } = ctx;
  const panel = h("section", { class: "card drill", data: { drill: `${unitId}:${target}`, loaded: "false" }, attrs: { tabindex: -1 } }, loading(t));
  let answer = cache.get(unitId);
  if (answer === undefined) {
    answer = answerOf(api.GET("/v1/units/{id}/scores", { params: { path: { id: unitId }, query: queryOf(q) } }));
    cache.set(unitId, answer);
    answer.catch(() => cache.delete(unitId));
  }
  const close = h("button", { class: "secondary small", text: t("common.close"), attrs: { type: "button" } });
  close.addEventListener("click", () => {
    panel.remove();
    ctx.remember({ view: "scores", params: { ...ctx.route.params, period: q.period, unit: "", indicator: "" } });
  });
  answer
    .then((unit) => {
      if (target === "index") {
        render(
          panel,
          h("div", { class: "drill-head" }, drillHeading(names, unitId, (label) => t("scores.indexDrill", { unit: label, index: indexText(unit.index) })), close),
          h(
            "ul",
            { class: "indicator-list" },
            INDICATOR_KEYS.map((key) => {
              const ind = unit.indicators[key];
              return h(
                "li",
                {},
                h("button", { class: "link", text: indicatorLabel(t, key), attrs: { type: "button" }, data: { indicator: key }, onClick: () => open(unitId, key) }),
                h("span", { class: "figure", text: ind.value === null ? t("common.notScored") : percent(ind.value) }),
                h("span", { class: "muted", text: `${ind.numerator} / ${ind.denominator}` }),
              );
            }),
          ),
        );
      } else {
        const ind = unit.indicators[target];
        const counted = new Map((ind.contributions ?? []).map((c) => [c.suggestionId, c]));
        const rows: [string, string][] = [
          [t("scores.value"), ind.value === null ? t("common.notScored") : percent(ind.value)],
          [t("scores.numerator"), String(ind.numerator)],
          [t("scores.denominator"), String(ind.denominator)],
        ];
        if ("components" in ind) {
          const yesNo = (v: boolean): string => (v ? t("common.yes") : t("common.no"));
          const { components } = ind;
          rows.push(["", t("scores.components", { headLed: yesNo(components.headLed), meeting: yesNo(components.leadershipMeeting), share: percent(components.planShare) })]);
        }
        render(
          panel,
          h("div", { class: "drill-head" }, drillHeading(names, unitId, (label) => t("scores.drillTitle", { unit: label, indicator: indicatorLabel(t, target) })), close),
          facts(rows),
          h("h3", { text: t("scores.suggestionsBehind", { n: ind.suggestionIds.length }) }),
          h(
            "ul",
            { class: "drill-list" },
            ind.suggestionIds.map((id) => {
              const c = counted.get(id);
              const inNumerator = c !== undefined && c.numerator > 0;
              return h(
                "li",
                { data: { suggestionId: id, counted: String(inNumerator) } },
                h("a", { attrs: { href: `#/suggestion/${encodeURIComponent(id)}` }, text: id }),
                h("span", { class: inNumerator ? "tag tag-yes" : "tag", text: inNumerator ? t("scores.counted") : t("scores.notCounted") }),
                c !== undefined && (c.denominator !== 1 || (c.numerator !== 0 && c.numerator !== 1)) ? h("span", { class: "muted", text: `${c.numerator} / ${c.denominator}` }) : null,
              );
            }),
          ),
        );
      }
      panel.dataset["loaded"] = "true";
    })
    .catch((error: unknown) => {
      render(panel, h("div", { class: "drill-head" }, drillHeading(names, unitId, (label) => label), close), errorBox(t, error));
      panel.dataset["loaded"] = "error";
    });
  return panel;
};

export const scoresView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, route } = ctx;
  render(ctx.root, h("h1", { text: t("scores.title") }), loading(t));
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(route.params["asOf"] ?? "") ? route.params["asOf"] : undefined;
  const rules = route.params["rules"];
  const [ruleSets, names] = await Promise.all([answerOf(api.GET("/v1/rule-sets")), ctx.unitNames()]);
  let period = /^\d{4}$/.test(route.params["period"] ?? "") ? (route.params["period"] as string) : undefined;
  let scores: ScoresAnswer;
  if (period === undefined) {
    const found = await latestScoredPeriod(api, { rules, asOf });
    period = found.period;
    scores = found.scores;
    ctx.remember({ view: "scores", params: { ...route.params, period } });
  } else {
    scores = await answerOf(api.GET("/v1/scores", { params: { query: queryOf({ period, rules, asOf }) } }));
  }
  const q: ScoreQuery = { period, rules, asOf };
  const thisYear = currentShanghaiYear();

  const controls = h(
    "form",
    {
      class: "controls",
      data: { form: "scores" },
      onSubmit: (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        ctx.navigate({ view: "scores", params: { period: formValue(form, "period"), rules: formValue(form, "rules"), asOf: formValue(form, "asOf") } });
      },
    },
    field(t("common.period"), select("period", yearOptions(Math.min(Number(period), thisYear - 6), Math.max(thisYear, Number(period))), period)),
    field(
      t("common.rules"),
      select("rules", [["", ruleSets.default], ...ruleSets.ruleSets.map((r) => [`${r.name}@${r.version}`, `${r.name} v${r.version}`] as [string, string])], rules ?? ""),
    ),
    field(t("common.asOf"), input("asOf", "date", asOf ?? "")),
    h("button", { class: "primary", text: t("common.apply"), attrs: { type: "submit" } }),
  );

  const drillSlot = h("div", { class: "drill-slot" });
  const cache = new Map<string, Promise<UnitScoresAnswer>>();
  const open = (unitId: string, target: Target): void => {
    const panel = drillPanel(ctx, q, unitId, target, names, cache, open);
    render(drillSlot, panel);
    ctx.remember({ view: "scores", params: { ...route.params, period: q.period, unit: unitId, indicator: target } });
    panel.scrollIntoView({ block: "nearest" });
    panel.focus({ preventScroll: true });
  };

  if (scores.units.length === 0) {
    render(ctx.root, h("h1", { text: t("scores.title") }), card(null, controls), card(null, h("p", { class: "muted", text: t("scores.empty") })));
    return;
  }

  const figure = (unitId: string, target: Target, text: string): HTMLElement =>
    h("button", { class: "figure-button", text, attrs: { type: "button" }, data: { unit: unitId, indicator: target }, onClick: () => open(unitId, target) });

  const table = h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "ranking", data: { period: scores.period, rules: scores.rules } },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { text: t("scores.rank") }),
          h("th", { text: t("scores.unit") }),
          h("th", { text: t("scores.index") }),
          INDICATOR_KEYS.map((key) => h("th", { text: indicatorLabel(t, key) })),
          h("th", { text: t("scores.assigned") }),
        ),
      ),
      h(
        "tbody",
        {},
        scores.units.map((unit) =>
          h(
            "tr",
            { data: { unitId: unit.unitId }, class: unit.insufficientData === true ? "insufficient" : "" },
            h("td", { class: "rank", text: unit.rank === null ? "—" : String(unit.rank), title: unit.insufficientData === true ? t("scores.insufficient") : undefined }),
            h("th", { attrs: { scope: "row" }, class: "unit" }, unitLabel(names, unit.unitId)),
            h("td", {}, figure(unit.unitId, "index", indexText(unit.index))),
            INDICATOR_KEYS.map((key) => h("td", {}, figure(unit.unitId, key, percent(unit.indicators[key])))),
            h("td", { class: "num", text: unit.assigned === undefined ? "—" : String(unit.assigned) }),
          ),
        ),
      ),
    ),
  );

  const chartBox = h("div", { class: "chart", data: { chart: "indicators" } });
  render(
    ctx.root,
    h("h1", { text: t("scores.title") }),
    card(null, controls),
    card(t("scores.chartTitle"), chartBox),
    drillSlot,
    card(t("scores.tableTitle"), table, h("p", { class: "muted small", text: `${scores.rules} · ${scores.period} · ${t("common.asOf")} ${scores.asOf}` })),
  );

  const unit = route.params["unit"];
  const indicator = route.params["indicator"];
  if (unit !== undefined && isTarget(indicator)) open(unit, indicator);

  // The chart library is a separate chunk, fetched now; the table is already usable.
  try {
    const { renderIndicatorChart } = await import("./scores-chart.js");
    const chart = renderIndicatorChart(chartBox, {
      units: scores.units,
      unitName: (unitId) => names.get(unitId),
      indicatorLabel: (key) => indicatorLabel(t, key),
      notScored: t("common.notScored"),
      onPick: (unitId, key) => open(unitId, key),
    });
    ctx.onLeave(() => chart.dispose());
    chartBox.dataset["rendered"] = "true";
  } catch (error) {
    render(chartBox, errorBox(t, error));
  }
};
