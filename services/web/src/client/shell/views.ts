import { defineAsyncComponent, type Component } from "vue";
import type { MessageKey } from "../i18n.js";
import type { ViewName } from "../routes.js";
import { h, render } from "../dom.js";
import type { View } from "../view-context.js";
import { card } from "../views/common.js";

/**
 * Which component shows each view. A view ported to Vue is a page component (props:
 * `context: PageContext`) in `pageViews`, loaded when first shown (`defineAsyncComponent`); the
 * others are the old `View(ctx)` functions in `legacyViews`, loaded when first shown too and
 * hosted by `LegacyView`. Porting a view = adding it to `pageViews` and removing it from
 * `legacyViews`.
 */

const nothingView: View = async (ctx) => {
  render(ctx.root, card(null, h("p", { class: "muted", text: ctx.t("common.nothingForRole") })));
};

export const legacyViews: Partial<Readonly<Record<ViewName, () => Promise<View>>>> = {
  nothing: async () => nothingView,
};

export const pageViews: Partial<Readonly<Record<ViewName, Component>>> = {
  scores: defineAsyncComponent(() => import("../pages/ScoresPage.vue")),
  watch: defineAsyncComponent(() => import("../pages/WatchListPage.vue")),
  desk: defineAsyncComponent(() => import("../pages/DeskPage.vue")),
  rankings: defineAsyncComponent(() => import("../pages/RankingsPage.vue")),
  handle: defineAsyncComponent(() => import("../pages/HandlePage.vue")),
  "station-ranking": defineAsyncComponent(() => import("../pages/StationRankingPage.vue")),
  record: defineAsyncComponent(() => import("../pages/DeputyRecordPage.vue")),
  deputies: defineAsyncComponent(() => import("../pages/DeputyRecordPage.vue")),
  unit: defineAsyncComponent(() => import("../pages/UnitDeskPage.vue")),
  suggestion: defineAsyncComponent(() => import("../pages/SuggestionPage.vue")),
  "our-suggestions": defineAsyncComponent(() => import("../pages/OurSuggestionsPage.vue")),
  station: defineAsyncComponent(() => import("../pages/StationPage.vue")),
  audit: defineAsyncComponent(() => import("../pages/AuditPage.vue")),
  livelihood: defineAsyncComponent(() => import("../pages/LivelihoodPage.vue")),
};

export const navLabels: Readonly<Record<ViewName, MessageKey>> = {
  record: "nav.record",
  deputies: "nav.deputyLookup",
  scores: "nav.scores",
  watch: "nav.watch",
  unit: "nav.unit",
  suggestion: "suggestion.title",
  nothing: "app.title",
  "our-suggestions": "nav.ourSuggestions",
  desk: "office.nav.desk",
  rankings: "office.nav.rankings",
  handle: "office.actions.pageTitle",
  "station-ranking": "office.nav.stations",
  station: "station.nav",
  audit: "audit.nav",
  livelihood: "livelihood.nav",
};
