import type { SuggestionEntryItem, VoidedEntry } from "./suggestion-entries.js";
import { initSuggestionView, withItem, type SuggestionView } from "./suggestion-view-projection.js";

/**
 * A point in time of the read side (trust.md, "Known-at"): `asOf` — as things stood then, only
 * what occurred (the fact's own claimed time) at or before it; `knownAt` — as the ledger knew it
 * then, only what was recorded (`recordedAt`) at or before it. Epoch ms; `Infinity`: no cut.
 */
export interface PointInTime {
  readonly asOfMs: number;
  readonly knownAtMs: number;
}

/** The claimed time of an entry: when its fact occurred. */
export const occurredAtOfEntry = (item: SuggestionEntryItem): string => {
  switch (item.type) {
    case "SuggestionSubmitted":
      return item.data.submittedAt;
    case "SuggestionRevised":
      return item.data.revisedAt;
    case "SuggestionPreReviewed":
      return item.data.reviewedAt;
    case "SuggestionAssigned":
      return item.data.assignedAt;
    case "HandlingStepRecorded":
      return item.data.occurredAt;
    case "SuggestionReplied":
      return item.data.repliedAt;
    case "ReplyPublished":
      return item.data.publishedAt;
    case "DeadlineExtended":
      return item.data.grantedAt;
    case "SuggestionEvaluated":
      return item.data.evaluatedAt;
    case "CoSignatureDecided":
      return item.data.decidedAt;
    case "SupervisionRecorded":
      return item.data.supervisedAt;
    case "ExtensionRequested":
    case "ExtensionRequestRefused":
    case "ReturnRequested":
    case "ReturnRequestRefused":
      return item.data.at;
    default: {
      const _exhaustive: never = item;
      throw new Error(`unknown entry ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const requestTypes = {
  extension: { requested: "ExtensionRequested", refused: "ExtensionRequestRefused" },
  return: { requested: "ReturnRequested", refused: "ReturnRequestRefused" },
} as const;

/** Every entry of the view as the event it records. */
const itemsOf = (view: SuggestionView): SuggestionEntryItem[] => [
  ...view.submissions.map((data): SuggestionEntryItem => ({ type: "SuggestionSubmitted", data })),
  ...view.revisions.map((data): SuggestionEntryItem => ({ type: "SuggestionRevised", data })),
  ...view.preReviews.map((data): SuggestionEntryItem => ({ type: "SuggestionPreReviewed", data })),
  ...view.assignments.map((data): SuggestionEntryItem => ({ type: "SuggestionAssigned", data })),
  ...view.steps.map((data): SuggestionEntryItem => ({ type: "HandlingStepRecorded", data })),
  ...view.replies.map((data): SuggestionEntryItem => ({ type: "SuggestionReplied", data })),
  ...view.publications.map((data): SuggestionEntryItem => ({ type: "ReplyPublished", data })),
  ...view.extensions.map((data): SuggestionEntryItem => ({ type: "DeadlineExtended", data })),
  ...view.evaluations.map((data): SuggestionEntryItem => ({ type: "SuggestionEvaluated", data })),
  ...view.coSignatures.map((data): SuggestionEntryItem => ({ type: "CoSignatureDecided", data })),
  ...view.supervisions.map((data): SuggestionEntryItem => ({ type: "SupervisionRecorded", data })),
  ...(view.requests ?? []).map((data): SuggestionEntryItem => ({ type: requestTypes[data.request][data.act], data })),
];

/**
 * The suggestion view at a point in time: the entries recorded by `knownAt` (a voided one too,
 * when its voiding was recorded after `knownAt`) whose facts occurred by `asOf`, folded again in
 * log order — so state, due date in force and round are those of that moment (a suggestion
 * replied after `asOf` is not replied as of `asOf`). The voidings listed are those recorded by
 * `knownAt`. `null` when no submission counts then (the suggestion did not exist yet).
 */
export const suggestionViewAt = (view: SuggestionView, at: PointInTime): SuggestionView | null => {
  const recordedBy = (iso: string): boolean => Date.parse(iso) <= at.knownAtMs;
  const voidings: VoidedEntry[] = [];
  const restored: SuggestionEntryItem[] = [];
  for (const voiding of view.voided) {
    if (recordedBy(voiding.recordedAt)) voidings.push(voiding);
    else if (voiding.voidedEntry !== undefined) restored.push(voiding.voidedEntry);
  }
  const items = [...itemsOf(view), ...restored]
    .filter((item) => recordedBy(item.data.recordedAt) && Date.parse(occurredAtOfEntry(item)) <= at.asOfMs)
    .sort((a, b) => a.data.position - b.data.position);
  let folded = initSuggestionView(view.suggestionId);
  // The entries are already marked `backfilled` where they were.
  for (const item of items) folded = withItem(folded, item, item.data.position, false);
  if (folded.state === null) return null;
  const lastPosition = Math.max(folded.lastPosition, ...voidings.map((voiding) => voiding.position));
  return { ...folded, lastPosition, voided: voidings };
};
