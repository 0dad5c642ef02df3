import { isApiError } from "../api.js";
import type { SuggestionStatus } from "../api-answers.js";
import { h, type Child } from "../dom.js";
import type { Translate } from "../i18n.js";

/** An error as the reader should see it: the problem's title and `detail`, and the failing fields. */
export const errorBox = (t: Translate, error: unknown): HTMLElement => {
  if (isApiError(error)) {
    if (error.status === 0) return h("div", { class: "error", role: "alert" }, h("p", { text: t("error.network", { detail: error.message }) }));
    const problem = error.problem;
    const title = problem?.title ?? t("error.title");
    return h(
      "div",
      { class: "error", role: "alert", data: { status: error.status } },
      h("strong", { text: t("error.status", { status: error.status, title }) }),
      h("p", { class: "error-detail", text: problem?.detail ?? error.message }),
      problem?.errors !== undefined && problem.errors.length > 0
        ? h("ul", {}, problem.errors.map((e) => h("li", { text: t("error.field", { path: e.path, message: e.message }) })))
        : null,
    );
  }
  return h("div", { class: "error", role: "alert" }, h("strong", { text: t("error.title") }), h("p", { text: error instanceof Error ? error.message : String(error) }));
};

export const loading = (t: Translate): HTMLElement => h("p", { class: "loading", text: t("common.loading") });

export const card = (title: string | null, ...children: Child[]): HTMLElement =>
  h("section", { class: "card" }, title === null ? null : h("h2", { text: title }), children);

export const stat = (label: string, value: number | string, name?: string): HTMLElement =>
  h("div", { class: "stat", data: name === undefined ? {} : { stat: name } }, h("span", { class: "stat-value", text: String(value) }), h("span", { class: "stat-label", text: label }));

/** Horizontal bars of counts (plain CSS, no chart library). */
export const bars = (rows: readonly (readonly [label: string, value: number])[], name?: string): HTMLElement => {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  return h(
    "ul",
    { class: "bars", data: name === undefined ? {} : { bars: name } },
    rows.map(([label, value]) => {
      const fill = h("span", { class: "bar-fill" });
      fill.style.width = `${(value / max) * 100}%`;
      return h("li", {}, h("span", { class: "bar-label", text: label }), h("span", { class: "bar-track" }, fill), h("span", { class: "bar-value", text: String(value) }));
    }),
  );
};

export const statusBadge = (t: Translate, status: SuggestionStatus): HTMLElement =>
  h("span", { class: `badge badge-${status}`, text: t(`status.${status}`), data: { status } });

export const yearOptions = (from: number, to: number): [string, string][] => {
  const years: [string, string][] = [];
  for (let y = to; y >= from; y--) years.push([String(y), String(y)]);
  return years;
};

/** A definition list of label → value pairs. */
export const facts = (rows: readonly (readonly [label: string, value: Child])[]): HTMLElement =>
  h("dl", { class: "facts" }, rows.map(([label, value]) => [h("dt", { text: label }), h("dd", {}, value)]));
