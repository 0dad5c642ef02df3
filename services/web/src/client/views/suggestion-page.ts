import { answerOf } from "../api.js";
import { h, render } from "../dom.js";
import type { ViewContext } from "../view-context.js";
import { card, loading } from "./common.js";
import { suggestionCard } from "./suggestion-card.js";

/** One suggestion, everything unfolded (`#/suggestion/<id>`); the API decides who may read it. Units by name where the reader may list them. */
export const suggestionPageView = async (ctx: ViewContext): Promise<void> => {
  const { t, api, claims, route } = ctx;
  const back = h("button", { class: "secondary small", text: `← ${t("common.back")}`, attrs: { type: "button" }, onClick: () => history.back() });
  const heading = h("div", { class: "page-head" }, back, h("h1", { text: t("suggestion.title") }));
  render(ctx.root, heading, loading(t));
  const id = route.id ?? "";
  const [suggestion, unitNames] = await Promise.all([answerOf(api.GET("/v1/suggestions/{id}", { params: { path: { id } } })), ctx.unitNames()]);
  const reader =
    claims.role === "deputy" ? { role: "deputy" as const, id: claims.sub } : claims.role === "unit" ? { role: "unit" as const, id: claims.sub } : { role: "overseer" as const, id: claims.sub };
  render(ctx.root, heading, card(null, suggestionCard({ api, t, reader, forms: claims.role === "deputy" || claims.role === "unit", full: true, unitNames }, suggestion)));
};
