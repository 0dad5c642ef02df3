import { answerOf, mapLimited } from "../api.js";
import { contactChannels, replyCategories, suggestionPhases } from "@duty-ledger/domain/vocabulary";
import type { DeputyRecord, TimelineAnswer } from "../api-answers.js";
import { field, formValue, h, input, render, select } from "../dom.js";
import { currentShanghaiYear, dateTimeOf, summaryIn } from "../format.js";
import type { ViewContext } from "../view-context.js";
import { bars, card, errorBox, facts, loading, stat, yearOptions } from "./common.js";
import { suggestionCard } from "./suggestion-card.js";

/**
 * 我的履职档案: a deputy's record for a year — contacts by channel, constituents, opinions
 * answered back, suggestions and how each is going — and the timeline, paged. A deputy sees
 * only their own (the token's `sub`, whatever the address says); the office and the auditor
 * may open any deputy's (`#/deputies?deputy=<id>`).
 */

const TIMELINE_PAGE = 20;


const lookupForm = (ctx: ViewContext, deputyId: string | undefined): HTMLElement => {
  const { t } = ctx;
  return h(
    "form",
    {
      class: "controls",
      data: { form: "lookup" },
      onSubmit: (event) => {
        event.preventDefault();
        const id = formValue(event.target as HTMLFormElement, "deputy").trim();
        if (id !== "") ctx.navigate({ view: "deputies", params: { deputy: id } });
      },
    },
    field(t("record.deputyId"), input("deputy", "text", deputyId ?? "", { required: true, autocomplete: "off", placeholder: "D-K001-0001" }), t("record.lookupHint")),
    h("button", { class: "primary", text: t("record.lookup"), attrs: { type: "submit" } }),
  );
};

const timelineCard = (ctx: ViewContext, deputyId: string, first: TimelineAnswer): HTMLElement => {
  const { t, api, english } = ctx;
  const list = h("ol", { class: "timeline", data: { timeline: deputyId } });
  const more = h("button", { class: "secondary", text: t("common.more"), attrs: { type: "button" } });
  const status = h("div");
  let cursor = first.nextCursor;
  const add = (page: TimelineAnswer): void => {
    for (const entry of page.entries) {
      list.appendChild(
        h(
          "li",
          { class: entry.voided === true ? "voided" : "", data: { position: entry.position, type: entry.type } },
          h("time", { text: dateTimeOf(entry.occurredAt) }),
          h("span", { class: "timeline-text", text: summaryIn(entry.summary, english) }),
          entry.voided === true ? h("span", { class: "tag", text: t("record.voided") }) : null,
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = cursor === null;
  };
  add(first);
  more.addEventListener("click", () => {
    if (cursor === null) return;
    more.disabled = true;
    render(status);
    answerOf(api.GET("/v1/deputies/{id}/timeline", { params: { path: { id: deputyId }, query: { cursor, limit: String(TIMELINE_PAGE) } } }))
      .then(add)
      .catch((error: unknown) => render(status, errorBox(t, error)))
      .finally(() => {
        more.disabled = false;
      });
  });
  return card(t("record.timeline"), first.entries.length === 0 ? h("p", { class: "muted", text: t("record.noTimeline") }) : list, status, h("div", { class: "more" }, more));
};

const recordCards = (ctx: ViewContext, record: DeputyRecord): HTMLElement[] => {
  const { t } = ctx;
  const d = record.deputy;
  const c = record.contacts;
  const s = record.suggestions;
  return [
    card(
      null,
      h("div", { class: "profile" }, h("h2", { class: "deputy-name", text: d.name, data: { deputyId: d.deputyId } }), h("code", { class: "id", text: d.deputyId })),
      facts([
        [t("record.level"), t(`level.${d.level}`)],
        [t("record.term"), d.term],
        [t("record.constituency"), d.constituency],
        [t("record.station"), d.stationId ?? "—"],
      ]),
      h("p", { class: "muted", text: record.served === null ? t("record.notServed") : t("record.served", { ...record.served }) }),
    ),
    card(
      t("record.contacts"),
      h(
        "div",
        { class: "stats" },
        stat(t("record.contactsTotal"), c.total, "contacts"),
        stat(t("record.constituents"), c.constituents, "constituents"),
        stat(t("record.opinions"), c.opinions, "opinions"),
        stat(t("record.answeredBack"), c.opinionsAnsweredBack, "answeredBack"),
      ),
      h("h3", { text: t("record.byChannel") }),
      bars(contactChannels.map((ch) => [t(`channel.${ch}`), c.byChannel[ch]] as const), "channel"),
    ),
    card(
      t("record.suggestions"),
      h(
        "div",
        { class: "stats" },
        stat(t("record.led"), s.led, "led"),
        stat(t("record.coSigned"), s.coSigned, "coSigned"),
        stat(t("record.evaluated"), s.evaluated, "evaluated"),
        stat(t("record.consultations"), record.consultations, "consultations"),
      ),
      h(
        "div",
        { class: "two-columns" },
        h("div", {}, h("h3", { text: t("record.byPhase") }), bars(suggestionPhases.map((p) => [t(`phase.${p}`), s.byPhase[p]] as const), "phase")),
        h("div", {}, h("h3", { text: t("record.byCategory") }), bars(replyCategories.map((k) => [t(`category.${k}`), s.byCategory[k]] as const), "category")),
      ),
    ),
    card(
      t("record.loop"),
      bars(
        [
          [t("record.loopOpinions"), record.loop.opinions],
          [t("record.loopSuggested"), record.loop.suggested],
          [t("record.loopReplied"), record.loop.replied],
          [t("record.loopAnsweredBack"), record.loop.answeredBack],
        ],
        "loop",
      ),
    ),
  ];
};

export const deputyRecordView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, claims, route } = ctx;
  const own = claims.role === "deputy";
  // A deputy reads their own record only: the address cannot name another deputy.
  const deputyId = own ? claims.sub : route.params["deputy"];
  const heading = h("h1", { text: own ? t("record.title") : t("record.lookupTitle") });
  if (deputyId === undefined) {
    render(ctx.root, heading, card(null, lookupForm(ctx, undefined)));
    return;
  }
  render(ctx.root, heading, loading(t));

  const timeline = await answerOf(api.GET("/v1/deputies/{id}/timeline", { params: { path: { id: deputyId }, query: { limit: String(TIMELINE_PAGE) } } }));
  const thisYear = currentShanghaiYear();
  const latest = timeline.entries[0]?.occurredAt;
  const asked = Number(route.params["year"]);
  const year = Number.isInteger(asked) && asked >= 1949 ? asked : latest === undefined ? thisYear : Number(latest.slice(0, 4));
  const record = await answerOf(api.GET("/v1/deputies/{id}/record", { params: { path: { id: deputyId }, query: { year: String(year) } } }));
  const firstYear = Math.min(year, Number(record.deputy.registeredAt.slice(0, 4)));

  const suggestions = await mapLimited(record.sources.suggestionIds, 6, (id) => answerOf(api.GET("/v1/suggestions/{id}", { params: { path: { id } } })));
  const reader = { role: own ? ("deputy" as const) : ("overseer" as const), id: deputyId };

  const yearSelect = select("year", yearOptions(firstYear, Math.max(thisYear, year)), String(year));
  yearSelect.addEventListener("change", () => {
    ctx.navigate({ view: route.view, params: { ...route.params, year: yearSelect.value } });
  });

  render(
    ctx.root,
    heading,
    own ? null : card(null, lookupForm(ctx, deputyId)),
    h("div", { class: "controls inline" }, field(t("common.year"), yearSelect)),
    h("div", { class: "record", data: { deputyId, year } }, recordCards(ctx, record)),
    card(
      t("record.suggestionList"),
      suggestions.length === 0
        ? h("p", { class: "muted", text: t("record.noSuggestions") })
        : h("div", { class: "suggestion-list" }, suggestions.map((s) => suggestionCard({ api, t, reader, forms: own }, s))),
    ),
    timelineCard(ctx, deputyId, timeline),
  );
};
