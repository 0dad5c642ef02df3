import { answerOf, type Api } from "../api.js";
import type { QueryOf, SuggestionStatus, WatchListAnswer, WatchListItem } from "../api-answers.js";
import { field, formValue, h, input, render } from "../dom.js";
import { dateOf, endOfShanghaiDay, todayInShanghai } from "../format.js";
import type { Translate } from "../i18n.js";
import { routeHash, type Route } from "../routes.js";
import type { ViewContext } from "../view-context.js";
import { card, errorBox, loading, statusBadge } from "./common.js";
import { unitLabel, type UnitNames } from "./unit-names.js";

/**
 * 本单位承办建议: a signed-in unit's own list, `GET /v1/units/<sub>/suggestions` — the
 * suggestions it leads or co-handles, by status (as the API defines them), due date first,
 * 20 at a time ("more" follows `nextCursor`). Each row opens the suggestion's page, where the
 * unit records a step or the reply. The unit's landing view. The unit (in the heading) and the
 * lead unit of those it co-handles are shown by name (`GET /v1/units`, once per render).
 */

const PAGE = 20;
const DEFAULT_DAYS = 14;

/** The statuses of the watch list (api-v1.md), in the order the filter shows them. */
export const unitListStatuses = ["overdue", "due-soon", "open", "replied", "closed"] as const satisfies readonly SuggestionStatus[];
export type UnitListStatus = (typeof unitListStatuses)[number];

const isUnitListStatus = (value: string | undefined): value is UnitListStatus => (unitListStatuses as readonly string[]).includes(value ?? "");

export type UnitRole = "lead" | "co";

/** The unit's part in an item, when the item says so (`leadUnitId`, `coUnitIds`). */
export const unitRoleOf = (item: WatchListItem, unitId: string): UnitRole | null =>
  item.leadUnitId === unitId ? "lead" : (item.coUnitIds ?? []).includes(unitId) ? "co" : null;

const dueText = (t: Translate, item: WatchListItem): string => {
  const date = `${t("suggestion.dueAt")} ${dateOf(item.dueAt)}`;
  const owing = item.status === "overdue" || item.status === "due-soon" || item.status === "open";
  if (!owing || item.daysToDue === null) return date;
  return `${date} · ${item.daysToDue < 0 ? t("suggestion.daysOverdue", { n: -item.daysToDue }) : t("suggestion.daysToDue", { n: item.daysToDue })}`;
};

const itemRow = (t: Translate, names: UnitNames, unitId: string, item: WatchListItem): HTMLElement => {
  const role = unitRoleOf(item, unitId);
  const href = routeHash({ view: "suggestion", id: item.suggestionId, params: {} });
  return h(
    "li",
    { class: "our-item", data: { suggestionId: item.suggestionId, status: item.status, role: role ?? "none", state: item.state ?? "none" } },
    h(
      "div",
      { class: "our-item-title" },
      h("a", { attrs: { href }, data: { open: item.suggestionId }, text: item.title ?? item.suggestionId }),
      " ",
      h("code", { class: "id", text: item.suggestionId }),
    ),
    h(
      "div",
      { class: "our-item-tags" },
      statusBadge(t, item.status),
      role === null ? null : h("span", { class: `tag tag-${role}`, data: { unitRole: role }, text: t(role === "lead" ? "ours.role.lead" : "ours.role.co") }),
      item.state === null ? null : h("span", { class: "tag", data: { field: "state" }, title: t("ours.state"), text: t(`lifecycle.${item.state}`) }),
    ),
    h("div", { class: item.overdue ? "our-item-due overdue" : "our-item-due", data: { field: "dueAt" }, text: dueText(t, item) }),
    h(
      "div",
      { class: "our-item-meta muted" },
      item.leadDeputyId === null ? "" : `${t("suggestion.lead")} ${item.leadDeputyId}`,
      item.round > 1 ? ` · ${t("suggestion.round", { n: item.round })}` : "",
      role === "co" && item.leadUnitId !== null
        ? h("span", { data: { field: "leadUnit", unitId: item.leadUnitId } }, `${item.leadDeputyId === null && item.round <= 1 ? "" : " · "}${t("suggestion.leadUnit")} `, unitLabel(names, item.leadUnitId))
        : null,
    ),
  );
};

const fetchPage = (api: Api, unitId: string, query: QueryOf<"/v1/units/{id}/suggestions">, cursor: string | null): Promise<WatchListAnswer> =>
  answerOf(api.GET("/v1/units/{id}/suggestions", { params: { path: { id: unitId }, query: { ...query, limit: String(PAGE), cursor: cursor ?? undefined } } }));

export const ourSuggestionsView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, claims, route } = ctx;
  const unitId = claims.sub;
  const heading = h("h1", { text: t("ours.title") }, " ", h("code", { class: "id", text: unitId }));
  render(ctx.root, heading, loading(t));

  const asked = route.params["status"];
  const status: UnitListStatus = isUnitListStatus(asked) ? asked : "open";
  const asOfDate = /^\d{4}-\d{2}-\d{2}$/.test(route.params["asOf"] ?? "") ? (route.params["asOf"] as string) : todayInShanghai();
  const askedDays = Number(route.params["days"]);
  const days = Number.isInteger(askedDays) && askedDays >= 0 && askedDays <= 3660 ? askedDays : DEFAULT_DAYS;
  const query = { status, asOf: endOfShanghaiDay(asOfDate), dueWithinDays: String(days) };
  const [first, names] = await Promise.all([fetchPage(api, unitId, query, null), ctx.unitNames()]);
  render(heading, t("ours.title"), " ", unitLabel(names, unitId, h("code", { class: "id", text: unitId })));

  // The filter keeps the chosen date and days; only what differs from the defaults goes in the address.
  const routeFor = (next: { status?: string; asOf?: string; days?: string }): Route => ({
    view: "our-suggestions",
    params: {
      status: next.status ?? status,
      asOf: next.asOf ?? (route.params["asOf"] === undefined ? "" : asOfDate),
      days: next.days ?? (route.params["days"] === undefined ? "" : String(days)),
    },
  });

  const filter = h(
    "nav",
    { class: "status-filter", aria: { label: t("ours.statusFilter") }, data: { filter: "status" } },
    unitListStatuses.map((s) =>
      h("a", { class: `chip chip-${s}`, attrs: { href: routeHash(routeFor({ status: s })), "aria-current": s === status ? "true" : undefined }, data: { status: s }, text: t(`status.${s}`) }),
    ),
  );

  const controls = h(
    "form",
    {
      class: "controls",
      data: { form: "our-suggestions" },
      onSubmit: (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        ctx.navigate(routeFor({ asOf: formValue(form, "asOf"), days: formValue(form, "days") }));
      },
    },
    field(t("common.asOf"), input("asOf", "date", asOfDate, { required: true })),
    field(t("watch.dueWithinDays"), input("days", "number", String(days), { min: 0, max: 3660, required: true })),
    h("button", { class: "primary", text: t("common.apply"), attrs: { type: "submit" } }),
  );

  const list = h("ol", { class: "our-items", data: { unitId, status } });
  const shown = h("span", { class: "muted small", data: { shown: "" } });
  const more = h("div", { class: "more" });
  let count = 0;
  let cursor: string | null = null;
  const add = (answer: WatchListAnswer): void => {
    for (const item of answer.items) list.appendChild(itemRow(t, names, unitId, item));
    count += answer.items.length;
    cursor = answer.nextCursor;
    shown.textContent = t("ours.shown", { n: count });
    shown.dataset["shown"] = String(count);
    list.dataset["complete"] = String(cursor === null);
    if (cursor === null) render(more);
  };
  const moreButton = h("button", {
    class: "secondary wide",
    text: t("common.more"),
    attrs: { type: "button" },
    data: { action: "more" },
    onClick: () => {
      const from = cursor;
      if (from === null) return;
      moreButton.disabled = true;
      fetchPage(api, unitId, query, from)
        .then(add)
        .catch((error: unknown) => {
          more.appendChild(errorBox(t, error));
        })
        .finally(() => {
          moreButton.disabled = false;
        });
    },
  });
  render(more, moreButton);
  add(first);

  render(
    ctx.root,
    heading,
    card(null, filter, h("p", { class: "muted small", data: { hint: status }, text: t(`ours.hint.${status}`) }), controls),
    card(
      null,
      h("div", { class: "our-head" }, h("h2", { text: t(`status.${status}`) }), shown),
      count === 0 ? h("p", { class: "muted", data: { empty: "" }, text: t("ours.empty") }) : null,
      list,
      more,
    ),
    h("p", { class: "small" }, h("a", { attrs: { href: routeHash({ view: "unit", params: {} }) }, data: { nav: "desk" }, text: t("ours.desk") })),
  );
};
