import { INDICATOR_KEYS } from "@duty-ledger/scoring/indicator-keys";
import type { SuggestionAnswer, UnitScoresAnswer } from "../../api-answers.js";
import { indexText, percent } from "../../format.js";
import type { Translate } from "../../i18n.js";

/** One figure of the unit's desk: its text and why it reads so (`data-figure`). */
export interface DeskFigure {
  readonly key: "index" | (typeof INDICATOR_KEYS)[number];
  readonly text: string;
  readonly label: string;
  /** `value`, `not-scored` (no denominator) or `not-yet-due` (nothing it counts was due yet). */
  readonly reading: "value" | "not-scored" | "not-yet-due";
}

/**
 * Whether none of the suggestions behind completion was due yet as of `asOf` and none has a
 * reply: completion (Ront ÷ |A|, docs/scoring.md) is then 0 % only because nothing could be
 * late or on time yet, so the desk says "not yet due" instead.
 */
export const nothingDueYet = (scores: UnitScoresAnswer, suggestions: readonly SuggestionAnswer[]): boolean => {
  const completion = scores.indicators.completion;
  if (completion.denominator === 0 || completion.numerator > 0) return completion.denominator === 0;
  const asOf = Date.parse(scores.asOf);
  const behind = new Set(completion.suggestionIds);
  const counted = suggestions.filter((s) => behind.has(s.suggestionId));
  return counted.length === behind.size && counted.every((s) => s.replies.length === 0 && s.dueAt !== null && Date.parse(s.dueAt) > asOf);
};

export const deskFigures = (t: Translate, scores: UnitScoresAnswer, suggestions: readonly SuggestionAnswer[]): DeskFigure[] => {
  const notDue = nothingDueYet(scores, suggestions);
  return [
    { key: "index", text: indexText(scores.index), label: t("scores.index"), reading: scores.index === null ? "not-scored" : "value" },
    ...INDICATOR_KEYS.map((key): DeskFigure => {
      const value = scores.indicators[key].value;
      if (key === "completion" && notDue) return { key, text: t("deputy-unit.notYetDue"), label: t(`indicator.${key}`), reading: "not-yet-due" };
      return { key, text: value === null ? t("common.notScored") : percent(value), label: t(`indicator.${key}`), reading: value === null ? "not-scored" : "value" };
    }),
  ];
};
