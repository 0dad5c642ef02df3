import { contactChannels, deputyLevelSchema, idSchema, isoDateTimeSchema, rankingAnswerSchema, replyCategories, sha256HexSchema, suggestionPhases } from "@duty-ledger/domain";
import { watchStatuses } from "@duty-ledger/projections";
import { INDICATOR_KEYS, ruleSetSchema, type IndicatorKey } from "@duty-ledger/scoring";
import { z } from "zod";
import { deadlineFields, supervisionFields } from "./deadline-answers.js";
import { suggestionAnswerStatusSchema, suggestionEntrySchemas, suggestionViewStateSchema } from "./suggestion-view-answer.js";

/**
 * The answers of the read routes as zod schemas, for the OpenAPI document (issue 21). The
 * answers are built from the read models' types; these schemas describe them for integrators
 * and the contract test checks real answers against them. Objects are open (`looseObject`)
 * where the read model may grow a member; the members named are always there.
 */

const count = z.int().min(0);
const ids = z.array(idSchema);
const nullableTime = isoDateTimeSchema.nullable();
/** A count for each of `keys`: every key is there. */
const countsBy = <K extends string>(keys: readonly [K, ...K[]]) => z.strictObject(Object.fromEntries(keys.map((key) => [key, count])) as Record<K, typeof count>);

/** GET /v1/health */
export const healthAnswerSchema = z.strictObject({
  status: z.enum(["ok", "catching-up", "starting", "stopped", "failed"]),
  position: z.int().nullable().describe("the position every read model has reached"),
  lag: z.int().nullable().describe("events appended but not yet projected"),
  phase: z.string().optional(),
});

/** GET /v1/deputies/:id/record: a deputy's duty record of a year. */
export const dutyRecordSchema = z.looseObject({
  deputyId: idSchema,
  year: z.int(),
  deputy: z.looseObject({
    deputyId: idSchema,
    name: z.string(),
    level: deputyLevelSchema,
    term: z.string(),
    constituency: z.string(),
    stationId: idSchema.nullable(),
    registeredAt: isoDateTimeSchema,
    registrationEventId: z.string(),
    correctionEventIds: z.array(z.string()),
  }),
  served: z.strictObject({ from: z.string(), to: z.string(), days: count }).nullable(),
  contacts: z.looseObject({ total: count, byChannel: countsBy(contactChannels), constituents: count, opinions: count, opinionsAnsweredBack: count }),
  suggestions: z.looseObject({ led: count, coSigned: count, byPhase: countsBy(suggestionPhases), byCategory: countsBy(replyCategories), evaluated: count }),
  consultations: count,
  livelihood: z
    .strictObject({ votesAttended: count, inspections: count, evaluations: count, candidatesProposed: count, programmeIds: ids, projectIds: ids })
    .describe("民生实事: programmes whose vote the deputy attended, project inspections and evaluations, candidates proposed (and the programmes and projects behind them)"),
  activities: z
    .strictObject({ total: count, byKind: z.record(z.string(), count), hours: z.number().min(0), activityIds: ids, pendingConfirmationIds: ids })
    .describe("other duty activities (视察、调研、培训、列席、听证、述职) by kind, the hours told, and those awaiting the deputy's confirmation"),
  loop: z.strictObject({ opinions: count, suggested: count, replied: count, answeredBack: count }),
  sources: z.strictObject({ contactIds: ids, suggestionIds: ids }),
  pendingConfirmation: z.strictObject({ contacts: count, contactIds: ids, coSignatures: count, suggestionIds: ids }),
  backfilled: z.strictObject({ contactIds: ids, suggestionIds: ids }),
});

/** GET /v1/deputies/:id/timeline */
export const timelineAnswerSchema = z.strictObject({
  deputyId: idSchema,
  entries: z.array(
    z.looseObject({
      position: count,
      eventId: z.string(),
      type: z.string(),
      occurredAt: isoDateTimeSchema,
      summary: z.string().describe("bilingual"),
      voided: z.boolean().describe("voided later: it no longer counts (the voiding is its own entry)"),
      voidedBy: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable().describe("pass as `cursor` for the next (older) page"),
});

/** GET /v1/scores: the ranking of the units (the answer a published ranking freezes). */
export const scoresAnswerSchema = rankingAnswerSchema;

const indicatorAnswer = z.strictObject({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  suggestionIds: ids,
  eventIds: z.array(z.string()),
  contributions: z.array(
    z.strictObject({ suggestionId: idSchema, numerator: z.number(), denominator: z.number(), eventIds: z.array(z.string()), backfilled: z.literal(true).optional() }),
  ),
});

/** The seven indicators (scoring.md); 单位重视 (attention) with the components it is made of. */
const indicatorAnswers = z.strictObject({
  attention: indicatorAnswer.extend({ components: z.strictObject({ headLed: z.boolean(), leadershipMeeting: z.boolean(), planShare: z.number().nullable() }) }),
  completion: indicatorAnswer,
  consultation: indicatorAnswer,
  satisfaction: indicatorAnswer,
  resolution: indicatorAnswer,
  publication: indicatorAnswer,
  digital: indicatorAnswer,
}) satisfies z.ZodType<Record<IndicatorKey, unknown>>;

/** A weight per indicator, `null` for one not scored. */
const effectiveWeights = z.strictObject(Object.fromEntries(INDICATOR_KEYS.map((key) => [key, z.number().nullable()])) as Record<IndicatorKey, z.ZodNullable<z.ZodNumber>>);

/** GET /v1/units/:id/scores: one unit's scores, each indicator with the suggestions and events behind it. */
export const unitScoresAnswerSchema = z.looseObject({
  unitId: idSchema,
  rules: z.string(),
  rulesVersion: z.int().min(1),
  period: z.string(),
  asOf: isoDateTimeSchema,
  knownAt: isoDateTimeSchema,
  index: z.number().nullable(),
  assigned: count,
  insufficientData: z.boolean(),
  effectiveWeights,
  indicators: indicatorAnswers,
});

const deadlineFlags = {
  status: suggestionAnswerStatusSchema.describe("`overdue`, `due-soon`, `open` while a reply is owed; else the lifecycle state"),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  daysToDue: z.int().nullable(),
  ...deadlineFields,
};

const suggestionSummary = {
  state: suggestionViewStateSchema.nullable(),
  title: z.string().nullable(),
  leadDeputyId: idSchema.nullable(),
  coSignerIds: ids,
  assignedAt: nullableTime,
  dueAt: nullableTime,
  dueAtEventId: z.string().nullable(),
  round: count,
  confidential: z.boolean(),
};

/** GET /v1/suggestions/:id: the whole view with its deadline flags as of `asOf`, as known at `knownAt`. */
export const suggestionViewSchema = z.looseObject({
  suggestionId: idSchema,
  ...suggestionSummary,
  phase: z.enum(suggestionPhases).nullable(),
  session: z.string().nullable(),
  submittedAt: nullableTime,
  sourceOpinionIds: ids,
  units: z.strictObject({ leadUnitId: idSchema, coUnitIds: ids }).nullable(),
  lastPosition: count,
  ...suggestionEntrySchemas,
  ...deadlineFlags,
  ...supervisionFields,
  asOf: isoDateTimeSchema,
  knownAt: isoDateTimeSchema,
  dueWithinDays: count,
});

/** One line of the watch list. */
export const watchListItemSchema = z.strictObject({
  suggestionId: idSchema,
  ...suggestionSummary,
  submittedAt: nullableTime,
  ...deadlineFlags,
  leadUnitId: idSchema.nullable(),
  coUnitIds: ids,
  replies: count,
  lastPosition: count,
});

/** GET /v1/suggestions and GET /v1/units/:id/suggestions */
export const watchListSchema = z.strictObject({
  status: z.enum(watchStatuses),
  asOf: isoDateTimeSchema,
  knownAt: isoDateTimeSchema,
  dueWithinDays: count,
  unitId: idSchema.nullable(),
  items: z.array(watchListItemSchema),
  nextCursor: z.string().nullable(),
});

/** GET /v1/units */
export const unitsAnswerSchema = z.strictObject({
  units: z.array(z.strictObject({ unitId: idSchema, name: z.string(), registeredAt: isoDateTimeSchema, correctedAt: nullableTime })),
});

/** GET /v1/rankings/:id: a published ranking, its answer byte for byte as published (RFC 8785). */
export const publishedRankingSchema = z.strictObject({
  rankingId: idSchema,
  answer: rankingAnswerSchema,
  treeSize: count,
  rootHash: sha256HexSchema,
  answerDigest: sha256HexSchema,
});

/** GET /v1/rule-sets */
export const ruleSetsAnswerSchema = z.strictObject({ default: z.string(), ruleSets: z.array(ruleSetSchema) });
