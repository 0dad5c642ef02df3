import type { SuggestionAnswer, SuggestionStatus } from "../../api-answers.js";
import { dateOf, isoWithOffset, todayInShanghai } from "../../format.js";
import type { Translate } from "../../i18n.js";

/** What the suggestion pages show of a suggestion, computed from `GET /v1/suggestions/:id`. */

export const isHandling = (s: SuggestionAnswer): boolean => s.state === "assigned" || s.state === "rehandling";

/** The due date, with the days left or overdue while the suggestion is owed a reply. */
export const dueText = (t: Translate, s: SuggestionAnswer): string => {
  if (s.dueAt === null) return "—";
  if (!isHandling(s) || s.daysToDue === null) return dateOf(s.dueAt);
  return `${dateOf(s.dueAt)}（${s.daysToDue < 0 ? t("suggestion.daysOverdue", { n: -s.daysToDue }) : t("suggestion.daysToDue", { n: s.daysToDue })}）`;
};

/** The desk's order: those in handling first, then replied, then the rest; the nearest due date first. */
export const deskOrder = (a: SuggestionAnswer, b: SuggestionAnswer): number => {
  const rank = (s: SuggestionAnswer): number => (isHandling(s) ? 0 : s.state === "replied" ? 1 : 2);
  return rank(a) - rank(b) || (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.suggestionId.localeCompare(b.suggestionId);
};

/** The latest text of the suggestion (a revision's, else the submission's). */
export const latestBody = (s: SuggestionAnswer): string | undefined => s.revisions[s.revisions.length - 1]?.body ?? s.submissions[s.submissions.length - 1]?.body;

/**
 * The instant a form sends for a day picked as `YYYY-MM-DD` (Asia/Shanghai): now when it is today
 * (a claimed time may not lie in the future), else noon of that day.
 */
export const instantOfDay = (day: string, now = new Date()): string => (day === "" ? "" : day === todayInShanghai(now) ? isoWithOffset(now) : `${day}T12:00:00+08:00`);

/** The end of a day picked as `YYYY-MM-DD` (a due date asked for). */
export const endOfDay = (day: string): string => (day === "" ? "" : `${day}T23:59:59+08:00`);

export const statusClass = (status: SuggestionStatus): string => `badge badge-${status}`;

/** Steps and replies in date order (earliest first), as they happened. */
export const byTime = <T>(items: readonly T[], at: (item: T) => string): T[] => [...items].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)));
