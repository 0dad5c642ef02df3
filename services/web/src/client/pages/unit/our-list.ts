import type { SuggestionStatus, WatchListItem } from "../../api-answers.js";
import { dateOf } from "../../format.js";
import type { Translate } from "../../i18n.js";

/** The statuses of a unit's list (api-v1.md's watch list), in the order the filter shows them. */
export const unitListStatuses = ["overdue", "due-soon", "open", "replied", "closed"] as const satisfies readonly SuggestionStatus[];
export type UnitListStatus = (typeof unitListStatuses)[number];

export const isUnitListStatus = (value: string | undefined): value is UnitListStatus => (unitListStatuses as readonly string[]).includes(value ?? "");

export type UnitRole = "lead" | "co";

/** The unit's part in an item, when the item says so (`leadUnitId`, `coUnitIds`). */
export const unitRoleOf = (item: WatchListItem, unitId: string): UnitRole | null =>
  item.leadUnitId === unitId ? "lead" : (item.coUnitIds ?? []).includes(unitId) ? "co" : null;

/** The due date, with the days left or overdue while a reply is owed. */
export const itemDueText = (t: Translate, item: WatchListItem): string => {
  const date = `${t("suggestion.dueAt")} ${dateOf(item.dueAt)}`;
  const owing = item.status === "overdue" || item.status === "due-soon" || item.status === "open";
  if (!owing || item.daysToDue === null) return date;
  return `${date} · ${item.daysToDue < 0 ? t("suggestion.daysOverdue", { n: -item.daysToDue }) : t("suggestion.daysToDue", { n: item.daysToDue })}`;
};
