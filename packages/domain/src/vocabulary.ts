/**
 * The closed vocabularies of the events' data — deputy levels, contact channels, phases,
 * pre-review outcomes, handling-step kinds, reply categories, ratings — each stated once, with
 * the Chinese label the timeline shows. Zod-free and dependency-free, so the web client can
 * import it at run time (`@duty-ledger/domain/vocabulary`) without bundling zod; the events'
 * schemas (`z.enum(...)`) are built from these lists.
 */

export const deputyLevels = ["national", "provincial", "municipal", "county", "township"] as const;
export const contactChannels = ["station", "visit", "online", "hotline", "survey"] as const;
export const suggestionPhases = ["session", "recess"] as const;
export const preReviewOutcomes = ["accept", "revise", "return"] as const;
export const recordedVias = ["online", "backfill"] as const;
export const replyCategories = ["A", "B", "C", "D"] as const;
export const evaluationRatings = ["satisfied", "basically-satisfied", "unsatisfied"] as const;

export type DeputyLevel = (typeof deputyLevels)[number];
export type ContactChannel = (typeof contactChannels)[number];
export type SuggestionPhase = (typeof suggestionPhases)[number];
export type PreReviewOutcome = (typeof preReviewOutcomes)[number];
export type RecordedVia = (typeof recordedVias)[number];
export type ReplyCategory = (typeof replyCategories)[number];
export type EvaluationRating = (typeof evaluationRatings)[number];

// ---------------------------------------------------------------- handling-step kinds

/** What the ledger knows of a kind of handling step besides its name. */
export interface HandlingStepKindAttributes {
  /** The timeline's Chinese label. */
  readonly label: string;
  /** Counts for the unit's attention (单位重视) in scoring: a plan, head-led handling, a leadership meeting. */
  readonly attention: boolean;
  /** Only a co-unit records it, never the lead unit. */
  readonly coUnitOnly: boolean;
}

/** Every kind of handling step (办理环节), in the order forms list them: the one table of kinds. */
export const handlingStepKindTable = {
  plan: { label: "制定办理方案", attention: true, coUnitOnly: false },
  "head-led": { label: "一把手领办", attention: true, coUnitOnly: false },
  "leadership-meeting": { label: "班子会议听取办理情况", attention: true, coUnitOnly: false },
  consultation: { label: "面商", attention: false, coUnitOnly: false },
  "site-visit": { label: "实地察看", attention: false, coUnitOnly: false },
  progress: { label: "办理进展", attention: false, coUnitOnly: false },
  "co-unit-opinion": { label: "会办单位意见", attention: false, coUnitOnly: true },
} as const satisfies Record<string, HandlingStepKindAttributes>;

type StepKindTable = typeof handlingStepKindTable;
export type HandlingStepKind = keyof StepKindTable;
/** The kinds that count for attention (单位重视). */
export type AttentionStepKind = { [K in HandlingStepKind]: StepKindTable[K]["attention"] extends true ? K : never }[HandlingStepKind];

const kindsWhere = (attribute: "attention" | "coUnitOnly"): HandlingStepKind[] =>
  (Object.keys(handlingStepKindTable) as HandlingStepKind[]).filter((kind) => handlingStepKindTable[kind][attribute]);

export const handlingStepKinds = Object.keys(handlingStepKindTable) as [HandlingStepKind, ...HandlingStepKind[]];
export const attentionStepKinds = kindsWhere("attention") as readonly AttentionStepKind[];
export const coUnitOnlyStepKinds: readonly HandlingStepKind[] = kindsWhere("coUnitOnly");

// ---------------------------------------------------------------- labels

/** The Chinese labels of the timeline's summaries. */
export const deputyLevelLabels: Readonly<Record<DeputyLevel, string>> = { national: "全国", provincial: "省级", municipal: "市级", county: "县级", township: "乡镇" };
export const contactChannelLabels: Readonly<Record<ContactChannel, string>> = {
  station: "进站接待",
  visit: "走访",
  online: "网上联络站",
  hotline: "12345 热线",
  survey: "调研",
};
export const preReviewOutcomeLabels: Readonly<Record<PreReviewOutcome, string>> = { accept: "预审通过", revise: "退回修改", return: "不予立案" };
export const evaluationRatingLabels: Readonly<Record<EvaluationRating, string>> = { satisfied: "满意", "basically-satisfied": "基本满意", unsatisfied: "不满意" };
export const handlingStepKindLabels: Readonly<Record<HandlingStepKind, string>> = Object.fromEntries(
  Object.entries(handlingStepKindTable).map(([kind, attributes]) => [kind, attributes.label]),
) as Record<HandlingStepKind, string>;

/** A value's label; the value itself when it has none (data folded without validation). */
export const labelOf = <K extends string>(labels: Readonly<Record<K, string>>, value: K): string => (labels as Readonly<Record<string, string | undefined>>)[value] ?? value;

/** The roles of the ledger's principals (the JWT's `role`). */
export const roles = ["office", "deputy", "unit", "clerk", "auditor"] as const;
export type Role = (typeof roles)[number];
