import { createApi } from "./api.js";
import { readAppConfig, type AppConfig } from "./app-config.js";
import { h, render } from "./dom.js";
import { translator, type Language, type MessageKey, type Translate } from "./i18n.js";
import { completeOidcSignIn } from "./oidc.js";
import { homeOf, mayOpen, navFor, parseRoute, routeHash, type Route, type ViewName } from "./routes.js";
import { forgetToken, storedLanguage, storedToken, storeLanguage, storeToken } from "./session.js";
import { isExpired, readClaims, type Claims } from "./token.js";
import type { View, ViewContext } from "./view-context.js";
import { card, errorBox } from "./views/common.js";
import { deputyRecordView } from "./views/deputy-record.js";
import { ourSuggestionsView } from "./views/our-suggestions.js";
import { scoresView } from "./views/scores.js";
import { signInView } from "./views/sign-in.js";
import { suggestionPageView } from "./views/suggestion-page.js";
import { unitDeskView } from "./views/unit-desk.js";
import { createUnitNamesSource, type UnitNamesSource } from "./views/unit-names.js";
import { watchListView } from "./views/watch-list.js";

/**
 * The page's client: signs the reader in, shows the sections their role may read (from the
 * token's `role`, decoded here; the API enforces it) and renders the view the address names.
 * `<html data-ready>` is `false` while a view loads, then `true` (or `error`): the browser
 * tests and the time-to-interactive measure wait for it.
 */

const nothingView: View = async (ctx) => {
  render(ctx.root, card(null, h("p", { class: "muted", text: ctx.t("common.nothingForRole") })));
};

const views: Readonly<Record<ViewName, View>> = {
  record: deputyRecordView,
  deputies: deputyRecordView,
  scores: scoresView,
  watch: watchListView,
  unit: unitDeskView,
  suggestion: suggestionPageView,
  nothing: nothingView,
  "our-suggestions": ourSuggestionsView,
};

const navLabels: Readonly<Record<ViewName, MessageKey>> = {
  record: "nav.record",
  deputies: "nav.deputyLookup",
  scores: "nav.scores",
  watch: "nav.watch",
  unit: "nav.unit",
  suggestion: "suggestion.title",
  nothing: "app.title",
  "our-suggestions": "nav.ourSuggestions",
};

/** How long the views share one read of the unit names (a unit renamed shows after this, or on reload). */
const UNIT_NAMES_MAX_AGE_MS = 5 * 60_000;

interface AppState {
  readonly root: HTMLElement;
  readonly config: AppConfig;
  language: Language;
  generation: number;
  leaving: (() => void)[];
  /** Shown on the sign-in page once (why the reader is there). */
  message: string | undefined;
  readonly unitNames: UnitNamesSource;
}

/** The first time a view is ready is marked `duty-ledger:ready` (time to interactive, from navigation start). */
const setReady = (value: "true" | "false" | "error"): void => {
  document.documentElement.dataset["ready"] = value;
  if (value === "true" && performance.getEntriesByName("duty-ledger:ready").length === 0) performance.mark("duty-ledger:ready");
};

const header = (state: AppState, t: Translate, claims: Claims | null, show: () => void): HTMLElement => {
  const switchLanguage = h("button", {
    class: "ghost",
    text: t("lang.switch"),
    attrs: { type: "button", lang: state.language === "en" ? "zh-CN" : "en" },
    aria: { label: t("lang.switchLabel") },
    data: { action: "language" },
    onClick: () => {
      state.language = state.language === "en" ? "zh-CN" : "en";
      storeLanguage(state.language);
      show();
    },
  });
  const signOut =
    claims === null
      ? null
      : h("button", {
          class: "ghost",
          text: t("auth.signOut"),
          attrs: { type: "button" },
          data: { action: "sign-out" },
          onClick: () => {
            forgetToken();
            history.replaceState(null, "", "/");
            show();
          },
        });
  return h(
    "header",
    { class: "topbar" },
    h("div", { class: "brand" }, h("span", { class: "logo", aria: { hidden: "true" } }), h("span", { class: "brand-text" }, h("strong", { text: t("app.title") }), h("small", { text: t("app.subtitle") }))),
    h(
      "div",
      { class: "topbar-actions" },
      claims === null ? null : h("span", { class: "who", data: { role: claims.role, sub: claims.sub }, text: t("auth.signedInAs", { role: t(`role.${claims.role}`), sub: claims.sub }) }),
      switchLanguage,
      signOut,
    ),
  );
};

const nav = (t: Translate, claims: Claims, current: ViewName): HTMLElement | null => {
  const items = navFor(claims.role);
  if (items.length === 0) return null;
  return h(
    "nav",
    { class: "tabs", aria: { label: t("nav.main") } },
    items.map((view) =>
      h("a", { attrs: { href: routeHash({ view, params: {} }), "aria-current": view === current ? "page" : undefined }, data: { nav: view }, text: t(navLabels[view]) }),
    ),
  );
};

const show = async (state: AppState): Promise<void> => {
  const generation = ++state.generation;
  for (const leave of state.leaving.splice(0)) {
    try {
      leave();
    } catch {
      // A view's clean-up failing must not stop the next view.
    }
  }
  setReady("false");
  const t = translator(state.language);
  const again = (): void => void show(state);
  document.documentElement.lang = state.language;
  document.title = `${t("app.title")} · duty-ledger`;

  const token = storedToken();
  const read = token === null ? null : readClaims(token);
  const claims = read !== null && read.ok && !isExpired(read.claims, Date.now()) ? read.claims : null;
  if (token === null || claims === null) {
    if (token !== null) {
      forgetToken();
      state.message ??= t("auth.expired");
    }
    const main = h("main", { id: "view", class: "narrow" });
    render(state.root, header(state, t, null, again), main);
    const message = state.message;
    state.message = undefined;
    await signInView({
      root: main,
      t,
      config: state.config,
      message,
      onToken: (newToken) => {
        storeToken(newToken);
        const signedIn = readClaims(newToken);
        const home = signedIn.ok ? routeHash(homeOf(signedIn.claims.role)) : "";
        if (home !== "" && location.hash !== home) location.hash = home;
        else again();
      },
    });
    if (generation === state.generation) setReady("true");
    return;
  }

  let route: Route | null = parseRoute(location.hash);
  if (route === null || !mayOpen(claims.role, route.view)) {
    route = homeOf(claims.role);
    history.replaceState(null, "", routeHash(route));
  }
  const main = h("main", { id: "view", data: { view: route.view } });
  render(state.root, header(state, t, claims, again), nav(t, claims, route.view), main);
  const api = createApi({
    token,
    onUnauthorized: () => {
      if (generation !== state.generation) return;
      forgetToken();
      state.message = t("error.unauthorized");
      again();
    },
  });
  const context: ViewContext = {
    api,
    t,
    english: state.language === "en",
    claims,
    route,
    config: state.config,
    root: main,
    navigate: (next) => {
      const hash = routeHash(next);
      if (location.hash === hash) again();
      else location.hash = hash;
    },
    remember: (next) => history.replaceState(null, "", routeHash(next)),
    onLeave: (cleanup) => state.leaving.push(cleanup),
    unitNames: () => state.unitNames.names(api, claims.role, token),
  };
  try {
    await views[route.view](context);
    if (generation === state.generation) setReady("true");
  } catch (error) {
    if (generation !== state.generation) return;
    for (const placeholder of main.querySelectorAll(".loading")) placeholder.remove();
    main.appendChild(errorBox(t, error));
    setReady("error");
  }
};

const start = async (): Promise<void> => {
  const root = document.getElementById("app");
  if (root === null) return;
  const state: AppState = { root, config: readAppConfig(document), language: storedLanguage(), generation: 0, leaving: [], message: undefined, unitNames: createUnitNamesSource(UNIT_NAMES_MAX_AGE_MS) };
  const oidc = state.config.oidc;
  if (oidc !== null) {
    try {
      const token = await completeOidcSignIn(oidc, new URL(location.href));
      if (token !== null) {
        storeToken(token);
        history.replaceState(null, "", "/");
      }
    } catch (error) {
      state.message = translator(state.language)("auth.oidcFailed", { reason: error instanceof Error ? error.message : String(error) });
      history.replaceState(null, "", "/");
    }
  }
  window.addEventListener("hashchange", () => void show(state));
  await show(state);
};

void start();
