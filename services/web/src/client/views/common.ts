import type { SuggestionStatus } from "../api-answers.js";
import { h, type Child } from "../dom.js";
import type { Translate } from "../i18n.js";
import { explain } from "../problems.js";

/**
 * An error as the reader should see it: what it means in their language (from the problem's
 * `code`, see `problems.ts`), the server's `detail`, and the failing fields.
 */
export const errorBox = (t: Translate, error: unknown): HTMLElement => {
  const explained = explain(t, error);
  const fields = Object.entries(explained.fields);
  return h(
    "div",
    { class: "error", role: "alert", data: explained.status > 0 ? { status: explained.status, ...(explained.code === undefined ? {} : { code: explained.code }) } : {} },
    h("strong", { text: explained.status > 0 ? t("error.status", { status: explained.status, title: explained.message }) : explained.message }),
    explained.detail === "" ? null : h("p", { class: "error-detail", text: explained.detail }),
    fields.length > 0 ? h("ul", {}, fields.map(([path, message]) => h("li", { text: t("error.field", { path, message }) }))) : null,
  );
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
