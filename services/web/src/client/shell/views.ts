import { defineAsyncComponent, type Component } from "vue";
import type { FeatureMessages, ShellKey } from "../i18n.js";
import type { ViewName } from "../routes.js";
import { h, render } from "../dom.js";
import type { View } from "../view-context.js";
import { card } from "../views/common.js";

/**
 * Which component shows each view. A view ported to Vue is a page component (props:
 * `context: PageContext`) in `pages` (with the features whose strings it shows), loaded when
 * first shown (`defineAsyncComponent`); the others are the old `View(ctx)` functions in
 * `legacyViews`, loaded when first shown too and hosted by `LegacyView`. Porting a view =
 * adding it to `pages` and removing it from `legacyViews`.
 */

const nothingView: View = async (ctx) => {
  render(ctx.root, card(null, h("p", { class: "muted", text: ctx.t("common.nothingForRole") })));
};

export const legacyViews: Partial<Readonly<Record<ViewName, () => Promise<View>>>> = {
  nothing: async () => nothingView,
};

/** Each feature's strings (`messages/<feature>.ts`), loaded with the first page that needs them. */
const features = {
  office: () => import("../messages/office.js").then((m) => m.officeMessages),
  "deputy-unit": () => import("../messages/deputy-unit.js").then((m) => m.deputyUnitMessages),
  station: () => import("../messages/station.js").then((m) => m.stationMessages),
  audit: () => import("../messages/audit.js").then((m) => m.auditMessages),
  livelihood: () => import("../messages/livelihood.js").then((m) => m.livelihoodMessages),
} satisfies Readonly<Record<string, () => Promise<FeatureMessages>>>;

export type Feature = keyof typeof features;

/**
 * Each page and the features whose strings it shows (its components' included): the page's
 * code and those strings load side by side, and the strings are in the i18n instance before
 * the page renders. A page showing a key of a feature not listed here shows the raw key
 * (`every-view.e2e.test.ts` walks every view in both languages and fails on one).
 */
const pages: Partial<Readonly<Record<ViewName, { readonly load: () => Promise<{ default: Component }>; readonly features: readonly Feature[] }>>> = {
  scores: { load: () => import("../pages/ScoresPage.vue"), features: [] },
  watch: { load: () => import("../pages/WatchListPage.vue"), features: ["office"] },
  desk: { load: () => import("../pages/DeskPage.vue"), features: ["office", "station"] },
  rankings: { load: () => import("../pages/RankingsPage.vue"), features: ["office"] },
  handle: { load: () => import("../pages/HandlePage.vue"), features: ["office"] },
  "station-ranking": { load: () => import("../pages/StationRankingPage.vue"), features: ["office"] },
  record: { load: () => import("../pages/DeputyRecordPage.vue"), features: ["deputy-unit", "office"] },
  deputies: { load: () => import("../pages/DeputyRecordPage.vue"), features: ["deputy-unit", "office"] },
  unit: { load: () => import("../pages/UnitDeskPage.vue"), features: ["deputy-unit", "office"] },
  suggestion: { load: () => import("../pages/SuggestionPage.vue"), features: ["office", "deputy-unit"] },
  "our-suggestions": { load: () => import("../pages/OurSuggestionsPage.vue"), features: ["deputy-unit"] },
  station: { load: () => import("../pages/StationPage.vue"), features: ["station"] },
  audit: { load: () => import("../pages/AuditPage.vue"), features: ["audit"] },
  livelihood: { load: () => import("../pages/LivelihoodPage.vue"), features: ["livelihood"] },
};

/** The page components, each loaded when first shown, its features' strings given to `addMessages` first. */
export const createPageViews = (addMessages: (messages: FeatureMessages) => void): Partial<Readonly<Record<ViewName, Component>>> =>
  Object.fromEntries(
    Object.entries(pages).map(([view, page]) => [
      view,
      defineAsyncComponent(async () => {
        const [module, ...strings] = await Promise.all([page.load(), ...page.features.map((feature) => features[feature]())]);
        for (const messages of strings) addMessages(messages);
        return module;
      }),
    ]),
  );

/** The menu's entries: shell strings, shown before any feature's strings are loaded. */
export const navLabels: Readonly<Record<ViewName, ShellKey>> = {
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
