import { answerOf, type Api } from "../api.js";
import type { QueryOf, WatchListAnswer, WatchListItem } from "../api-answers.js";
import { field, formValue, h, input, render } from "../dom.js";
import { dateOf, endOfShanghaiDay, todayInShanghai } from "../format.js";
import type { Translate } from "../i18n.js";
import type { ViewContext } from "../view-context.js";
import { card, loading, statusBadge } from "./common.js";
import { unitIdBeside, unitLabel, type UnitNames } from "./unit-names.js";

/**
 * 督办预警: the suggestions overdue and due soon as of a chosen date (the end of that day,
 * Shanghai), grouped by lead unit. Figures come from `GET /v1/suggestions?status=…&asOf=`.
 * Units are shown by name (`GET /v1/units`, once per render) with the id small beside it.
 */

const PAGE = 500;
/** Most items fetched per status (the list says when it stops there). */
const MAX_ITEMS = 3000;
const DEFAULT_DAYS = 14;

const fetchAll = async (api: Api, query: QueryOf<"/v1/suggestions">): Promise<{ items: WatchListItem[]; truncated: boolean }> => {
  const items: WatchListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: WatchListAnswer = await answerOf(api.GET("/v1/suggestions", { params: { query: { ...query, limit: String(PAGE), cursor: cursor ?? undefined } } }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < MAX_ITEMS);
  return { items, truncated: cursor !== null };
};

interface UnitGroup {
  readonly unitId: string;
  readonly overdue: WatchListItem[];
  readonly dueSoon: WatchListItem[];
}

const groupByUnit = (overdue: readonly WatchListItem[], dueSoon: readonly WatchListItem[]): UnitGroup[] => {
  const groups = new Map<string, UnitGroup>();
  const groupOf = (item: WatchListItem): UnitGroup => {
    const unitId = item.leadUnitId ?? "—";
    let group = groups.get(unitId);
    if (group === undefined) {
      group = { unitId, overdue: [], dueSoon: [] };
      groups.set(unitId, group);
    }
    return group;
  };
  for (const item of overdue) groupOf(item).overdue.push(item);
  for (const item of dueSoon) groupOf(item).dueSoon.push(item);
  return [...groups.values()].sort((a, b) => b.overdue.length - a.overdue.length || b.dueSoon.length - a.dueSoon.length || a.unitId.localeCompare(b.unitId));
};

const itemRow = (t: Translate, item: WatchListItem): HTMLElement =>
  h(
    "li",
    { data: { suggestionId: item.suggestionId, status: item.status } },
    statusBadge(t, item.status),
    h("a", { attrs: { href: `#/suggestion/${encodeURIComponent(item.suggestionId)}` }, text: item.title ?? item.suggestionId }),
    h(
      "span",
      { class: "muted" },
      `${t("suggestion.dueAt")} ${dateOf(item.dueAt)}`,
      item.daysToDue === null ? "" : ` · ${item.daysToDue < 0 ? t("suggestion.daysOverdue", { n: -item.daysToDue }) : t("suggestion.daysToDue", { n: item.daysToDue })}`,
      item.leadDeputyId === null ? "" : ` · ${item.leadDeputyId}`,
    ),
  );

/**
 * The units the filter suggests as the user types: each option's value is the unit id (what the
 * filter takes), its label the registered name, so typing part of a name finds the unit.
 * Nothing when the names cannot be read (the filter then takes an id as typed).
 */
const unitChoices = (names: UnitNames): HTMLElement | null =>
  names.size === 0
    ? null
    : h(
        "datalist",
        { attrs: { id: "watch-units" } },
        [...names].map(([id, name]) => h("option", { attrs: { value: id, label: name } })),
      );

export const watchListView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, route } = ctx;
  render(ctx.root, h("h1", { text: t("watch.title") }), loading(t));
  const asOfDate = /^\d{4}-\d{2}-\d{2}$/.test(route.params["asOf"] ?? "") ? (route.params["asOf"] as string) : todayInShanghai();
  const askedDays = Number(route.params["days"]);
  const days = Number.isInteger(askedDays) && askedDays >= 0 && askedDays <= 3660 ? askedDays : DEFAULT_DAYS;
  const unitId = route.params["unit"];
  const query = { asOf: endOfShanghaiDay(asOfDate), dueWithinDays: String(days), unitId };
  const [overdue, dueSoon, names] = await Promise.all([
    fetchAll(api, { ...query, status: "overdue" }),
    fetchAll(api, { ...query, status: "due-soon" }),
    ctx.unitNames(),
  ]);
  const groups = groupByUnit(overdue.items, dueSoon.items);

  const controls = h(
    "form",
    {
      class: "controls",
      data: { form: "watch" },
      onSubmit: (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        ctx.navigate({ view: "watch", params: { asOf: formValue(form, "asOf"), days: formValue(form, "days"), unit: formValue(form, "unit").trim() } });
      },
    },
    field(t("common.asOf"), input("asOf", "date", asOfDate, { required: true })),
    field(t("watch.dueWithinDays"), input("days", "number", String(days), { min: 0, max: 3660, required: true })),
    names.size === 0
      ? field(t("watch.unitFilter"), input("unit", "text", unitId ?? "", { autocomplete: "off" }))
      : field(t("watch.unitFilter"), input("unit", "text", unitId ?? "", { autocomplete: "off", list: "watch-units", placeholder: t("watch.unitHint") })),
    unitChoices(names),
    h("button", { class: "primary", text: t("common.apply"), attrs: { type: "submit" } }),
  );

  const summary = h(
    "div",
    { class: "stats" },
    h("div", { class: "stat stat-alert", data: { stat: "overdue" } }, h("span", { class: "stat-value", text: String(overdue.items.length) }), h("span", { class: "stat-label", text: t("watch.overdue") })),
    h("div", { class: "stat stat-warn", data: { stat: "dueSoon" } }, h("span", { class: "stat-value", text: String(dueSoon.items.length) }), h("span", { class: "stat-label", text: t("watch.dueSoon", { n: days }) })),
  );

  const byUnit =
    groups.length === 0
      ? h("p", { class: "muted", text: t("watch.empty") })
      : h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "watch-table" },
            h("thead", {}, h("tr", {}, h("th", { text: t("common.unit") }), h("th", { class: "num", text: t("watch.overdue") }), h("th", { class: "num", text: t("watch.dueSoon", { n: days }) }))),
            h(
              "tbody",
              {},
              groups.map((g) =>
                h(
                  "tr",
                  { data: { unitId: g.unitId } },
                  h(
                    "th",
                    { attrs: { scope: "row" }, class: "unit" },
                    h(
                      "a",
                      {
                        attrs: { href: `#unit-${encodeURIComponent(g.unitId)}` },
                        onClick: (e) => {
                          e.preventDefault();
                          document.getElementById(`watch-${g.unitId}`)?.scrollIntoView({ block: "start" });
                        },
                      },
                      unitLabel(names, g.unitId),
                    ),
                  ),
                  h("td", { class: g.overdue.length > 0 ? "num overdue" : "num", text: String(g.overdue.length) }),
                  h("td", { class: "num", text: String(g.dueSoon.length) }),
                ),
              ),
            ),
          ),
        );

  render(
    ctx.root,
    h("h1", { text: t("watch.title") }),
    card(null, controls),
    card(t("watch.byUnit"), summary, byUnit, overdue.truncated || dueSoon.truncated ? h("p", { class: "muted", text: t("watch.truncated", { n: MAX_ITEMS }) }) : null),
    groups.map((g) =>
      h(
        "section",
        { class: "card", id: `watch-${g.unitId}`, data: { watchUnit: g.unitId } },
        h("h2", { text: names.get(g.unitId) ?? g.unitId }, names.has(g.unitId) ? [" ", unitIdBeside(g.unitId)] : null),
        h("ul", { class: "watch-items" }, [...g.overdue, ...g.dueSoon].map((item) => itemRow(t, item))),
      ),
    ),
  );
};
