import type { SuggestionView } from "./suggestion-view-projection.js";

/**
 * A warning of the office (督办提醒, a supervision act of kind `warning`) shows on the lead
 * unit's desk until the unit's next step: a handling step of the lead unit, or its reply, that
 * occurred after the warning. All as of `asOf`, computed when asked (never stored).
 */

export interface SupervisionWarning {
  readonly supervisionId: string;
  readonly supervisedAt: string;
  readonly by: string;
  readonly note: string;
}

/** The latest warning by `asOf` that the lead unit has not answered with a step since, else `null`. */
export const warningOf = (view: SuggestionView, asOfMs: number): SupervisionWarning | null => {
  const lead = view.assignments.at(-1)?.leadUnitId;
  if (lead === undefined) return null;
  const by = (iso: string): boolean => Date.parse(iso) <= asOfMs;
  let latest: SuggestionView["supervisions"][number] | undefined;
  for (const act of view.supervisions) {
    if (act.kind === "warning" && by(act.supervisedAt) && (latest === undefined || Date.parse(act.supervisedAt) >= Date.parse(latest.supervisedAt))) latest = act;
  }
  if (latest === undefined) return null;
  const since = Date.parse(latest.supervisedAt);
  const after = (iso: string): boolean => Date.parse(iso) > since && by(iso);
  const stepped = view.steps.some((s) => s.unitId === lead && after(s.occurredAt)) || view.replies.some((r) => r.unitId === lead && after(r.repliedAt));
  return stepped ? null : { supervisionId: latest.supervisionId, supervisedAt: latest.supervisedAt, by: latest.by, note: latest.note };
};
