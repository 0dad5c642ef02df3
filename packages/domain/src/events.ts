import { z } from "zod";
import { ValidationError, type FieldError } from "./errors.js";
import {
  boundedText,
  idSchema,
  isoDateTimeSchema,
  longTextSchema,
  MAX_TEXT,
  nameSchema,
  titleSchema,
  uniqueList,
  urlSchema,
} from "./primitives.js";

/**
 * Every event of duty-ledger: a zod schema for its `data`, the inferred types, the
 * discriminated union `DutyEvent`, and the stream each one belongs to.
 * Events are immutable facts, named in the past tense. Each `data` carries the id of its
 * entity and the time the fact occurred (named as in api-v1.md).
 */

// ---------------------------------------------------------------- enumerations

export const deputyLevels = ["national", "provincial", "municipal", "county", "township"] as const;
export const contactChannels = ["station", "visit", "online", "hotline", "survey"] as const;
export const suggestionPhases = ["session", "recess"] as const;
export const preReviewOutcomes = ["accept", "revise", "return"] as const;
export const handlingStepKinds = [
  "plan",
  "head-led",
  "leadership-meeting",
  "consultation",
  "site-visit",
  "progress",
  "co-unit-opinion",
] as const;
export const recordedVias = ["online", "backfill"] as const;
export const replyCategories = ["A", "B", "C", "D"] as const;
export const evaluationRatings = ["satisfied", "basically-satisfied", "unsatisfied"] as const;

export const deputyLevelSchema = z.enum(deputyLevels);
export const contactChannelSchema = z.enum(contactChannels);
export const suggestionPhaseSchema = z.enum(suggestionPhases);
export const preReviewOutcomeSchema = z.enum(preReviewOutcomes);
export const handlingStepKindSchema = z.enum(handlingStepKinds);
export const recordedViaSchema = z.enum(recordedVias);
export const replyCategorySchema = z.enum(replyCategories);
export const evaluationRatingSchema = z.enum(evaluationRatings);

export type DeputyLevel = z.infer<typeof deputyLevelSchema>;
export type ContactChannel = z.infer<typeof contactChannelSchema>;
export type SuggestionPhase = z.infer<typeof suggestionPhaseSchema>;
export type PreReviewOutcome = z.infer<typeof preReviewOutcomeSchema>;
export type HandlingStepKind = z.infer<typeof handlingStepKindSchema>;
export type RecordedVia = z.infer<typeof recordedViaSchema>;
export type ReplyCategory = z.infer<typeof replyCategorySchema>;
export type EvaluationRating = z.infer<typeof evaluationRatingSchema>;

/** A session label, e.g. `"2024"` or `"14th-2"`. */
export const sessionSchema = boundedText(32);
/** A term label, e.g. `"14th"` or `"2023-2028"`. */
export const termSchema = boundedText(64);
export const reasonSchema = boundedText(MAX_TEXT);

/** Which deadline policy computed a due date: the name and version stored in the event. */
export const policyRefSchema = z.strictObject({
  name: idSchema,
  version: z.int().min(1),
});
export type PolicyRef = z.infer<typeof policyRefSchema>;

export const opinionSchema = z.strictObject({
  opinionId: idSchema,
  text: longTextSchema,
});
export type Opinion = z.infer<typeof opinionSchema>;

// ---------------------------------------------------------------- registries

export const deputyRegisteredSchema = z.strictObject({
  deputyId: idSchema,
  name: nameSchema,
  level: deputyLevelSchema,
  term: termSchema,
  constituency: nameSchema,
  stationId: idSchema.optional(),
  registeredAt: isoDateTimeSchema,
});

/** A correction of a registry entry: only the fields given change; `stationId: null` clears it. */
export const deputyCorrectedSchema = z.strictObject({
  deputyId: idSchema,
  name: nameSchema.optional(),
  level: deputyLevelSchema.optional(),
  term: termSchema.optional(),
  constituency: nameSchema.optional(),
  stationId: idSchema.nullable().optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

export const unitRegisteredSchema = z.strictObject({
  unitId: idSchema,
  name: nameSchema,
  registeredAt: isoDateTimeSchema,
});

export const unitCorrectedSchema = z.strictObject({
  unitId: idSchema,
  name: nameSchema.optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

export const stationRegisteredSchema = z.strictObject({
  stationId: idSchema,
  name: nameSchema,
  region: nameSchema,
  registeredAt: isoDateTimeSchema,
});

export const stationCorrectedSchema = z.strictObject({
  stationId: idSchema,
  name: nameSchema.optional(),
  region: nameSchema.optional(),
  reason: reasonSchema,
  correctedAt: isoDateTimeSchema,
});

// ---------------------------------------------------------------- contacts

export const contactRecordedSchema = z.strictObject({
  contactId: idSchema,
  deputyIds: uniqueList(idSchema, { min: 1, max: 200 }),
  stationId: idSchema.optional(),
  channel: contactChannelSchema,
  occurredAt: isoDateTimeSchema,
  constituents: z.int().min(0).max(1_000_000),
  topic: titleSchema,
  summary: longTextSchema,
  opinions: z
    .array(opinionSchema)
    .max(1_000)
    .refine((list) => new Set(list.map((o) => o.opinionId)).size === list.length, "opinionIds must be unique"),
});

export const contactFeedbackGivenSchema = z.strictObject({
  contactId: idSchema,
  opinionIds: uniqueList(idSchema, { min: 1 }),
  feedbackAt: isoDateTimeSchema,
  text: longTextSchema,
});

// ---------------------------------------------------------------- suggestions

export const suggestionSubmittedSchema = z.strictObject({
  suggestionId: idSchema,
  leadDeputyId: idSchema,
  coSignerIds: uniqueList(idSchema, { max: 500 }),
  title: titleSchema,
  body: longTextSchema,
  phase: suggestionPhaseSchema,
  session: sessionSchema,
  submittedAt: isoDateTimeSchema,
  sourceOpinionIds: uniqueList(idSchema),
  confidential: z.boolean(),
});

/** The lead deputy re-submits after a `revise` pre-review. */
export const suggestionRevisedSchema = z.strictObject({
  suggestionId: idSchema,
  title: titleSchema,
  body: longTextSchema,
  revisedAt: isoDateTimeSchema,
});

export const suggestionPreReviewedSchema = z.strictObject({
  suggestionId: idSchema,
  outcome: preReviewOutcomeSchema,
  reason: reasonSchema,
  reviewedAt: isoDateTimeSchema,
});

export const suggestionAssignedSchema = z.strictObject({
  suggestionId: idSchema,
  leadUnitId: idSchema,
  coUnitIds: uniqueList(idSchema, { max: 100 }),
  assignedAt: isoDateTimeSchema,
  complex: z.boolean(),
  leadingOfficial: nameSchema.optional(),
  supervisingOfficial: nameSchema.optional(),
  /** End of the due calendar day, computed by `policy` when the assignment was recorded. */
  dueAt: isoDateTimeSchema,
  policy: policyRefSchema,
});

export const handlingStepRecordedSchema = z.strictObject({
  suggestionId: idSchema,
  unitId: idSchema,
  kind: handlingStepKindSchema,
  occurredAt: isoDateTimeSchema,
  recordedVia: recordedViaSchema,
  note: longTextSchema.optional(),
  deputyPresent: z.boolean().optional(),
});

export const suggestionRepliedSchema = z.strictObject({
  suggestionId: idSchema,
  unitId: idSchema,
  category: replyCategorySchema,
  repliedAt: isoDateTimeSchema,
  text: longTextSchema,
  /** 1 for the first reply, 2 after one re-handling, … */
  round: z.int().min(1),
});

export const replyPublishedSchema = z.strictObject({
  suggestionId: idSchema,
  publishedAt: isoDateTimeSchema,
  url: urlSchema.optional(),
  /** The reply round that was published. */
  round: z.int().min(1),
});

export const deadlineExtendedSchema = z.strictObject({
  suggestionId: idSchema,
  previousDueAt: isoDateTimeSchema,
  newDueAt: isoDateTimeSchema,
  reason: reasonSchema,
  grantedAt: isoDateTimeSchema,
});

export const suggestionEvaluatedSchema = z
  .strictObject({
    suggestionId: idSchema,
    deputyId: idSchema,
    rating: evaluationRatingSchema,
    evaluatedAt: isoDateTimeSchema,
    comment: longTextSchema.optional(),
    /** The reply round evaluated. */
    round: z.int().min(1),
    /** Only when `unsatisfied`: the due date of the re-handling reply, and the policy that set it. */
    rehandleDueAt: isoDateTimeSchema.optional(),
    policy: policyRefSchema.optional(),
  })
  .refine(
    (data) =>
      data.rating === "unsatisfied"
        ? data.rehandleDueAt !== undefined && data.policy !== undefined
        : data.rehandleDueAt === undefined && data.policy === undefined,
    { message: "rehandleDueAt and policy are present exactly when the rating is unsatisfied", path: ["rehandleDueAt"] },
  );

// ---------------------------------------------------------------- voiding

/**
 * Voids a mistaken event of the same stream: projections and deciders stop counting it.
 * Appended to the stream of the voided event; `streamId` names it (and so the entity).
 */
export const eventVoidedSchema = z.strictObject({
  streamId: z.string().min(1).max(80),
  eventId: z.string().min(1).max(128),
  voidedType: z.string().min(1).max(64),
  reason: reasonSchema,
  voidedAt: isoDateTimeSchema,
});

// ---------------------------------------------------------------- the union

/** Event type -> schema of its `data`. */
export const eventSchemas = {
  DeputyRegistered: deputyRegisteredSchema,
  DeputyCorrected: deputyCorrectedSchema,
  UnitRegistered: unitRegisteredSchema,
  UnitCorrected: unitCorrectedSchema,
  StationRegistered: stationRegisteredSchema,
  StationCorrected: stationCorrectedSchema,
  ContactRecorded: contactRecordedSchema,
  ContactFeedbackGiven: contactFeedbackGivenSchema,
  SuggestionSubmitted: suggestionSubmittedSchema,
  SuggestionRevised: suggestionRevisedSchema,
  SuggestionPreReviewed: suggestionPreReviewedSchema,
  SuggestionAssigned: suggestionAssignedSchema,
  HandlingStepRecorded: handlingStepRecordedSchema,
  SuggestionReplied: suggestionRepliedSchema,
  ReplyPublished: replyPublishedSchema,
  DeadlineExtended: deadlineExtendedSchema,
  SuggestionEvaluated: suggestionEvaluatedSchema,
  EventVoided: eventVoidedSchema,
} as const;

export type EventSchemas = typeof eventSchemas;
export type DutyEventType = keyof EventSchemas;
export const dutyEventTypes = Object.keys(eventSchemas) as DutyEventType[];

export type EventData<T extends DutyEventType> = z.infer<EventSchemas[T]>;
export type DutyEvent = { [T in DutyEventType]: { readonly type: T; readonly data: EventData<T> } }[DutyEventType];
export type EventOf<T extends DutyEventType> = Extract<DutyEvent, { type: T }>;

export type DeputyRegistered = EventOf<"DeputyRegistered">;
export type DeputyCorrected = EventOf<"DeputyCorrected">;
export type UnitRegistered = EventOf<"UnitRegistered">;
export type UnitCorrected = EventOf<"UnitCorrected">;
export type StationRegistered = EventOf<"StationRegistered">;
export type StationCorrected = EventOf<"StationCorrected">;
export type ContactRecorded = EventOf<"ContactRecorded">;
export type ContactFeedbackGiven = EventOf<"ContactFeedbackGiven">;
export type SuggestionSubmitted = EventOf<"SuggestionSubmitted">;
export type SuggestionRevised = EventOf<"SuggestionRevised">;
export type SuggestionPreReviewed = EventOf<"SuggestionPreReviewed">;
export type SuggestionAssigned = EventOf<"SuggestionAssigned">;
export type HandlingStepRecorded = EventOf<"HandlingStepRecorded">;
export type SuggestionReplied = EventOf<"SuggestionReplied">;
export type ReplyPublished = EventOf<"ReplyPublished">;
export type DeadlineExtended = EventOf<"DeadlineExtended">;
export type SuggestionEvaluated = EventOf<"SuggestionEvaluated">;
export type EventVoided = EventOf<"EventVoided">;

/** Events of one family, by stream category. */
export type DeputyEvent = DeputyRegistered | DeputyCorrected | EventVoided;
export type UnitEvent = UnitRegistered | UnitCorrected | EventVoided;
export type StationEvent = StationRegistered | StationCorrected | EventVoided;
export type ContactEvent = ContactRecorded | ContactFeedbackGiven | EventVoided;
export type SuggestionEvent =
  | SuggestionSubmitted
  | SuggestionRevised
  | SuggestionPreReviewed
  | SuggestionAssigned
  | HandlingStepRecorded
  | SuggestionReplied
  | ReplyPublished
  | DeadlineExtended
  | SuggestionEvaluated
  | EventVoided;

/** The whole event `{type, data}` as one zod discriminated union. */
const variant = <T extends DutyEventType>(type: T) => z.strictObject({ type: z.literal(type), data: eventSchemas[type] });

/** The whole event `{type, data}` as one zod discriminated union. */
export const dutyEventSchema = z.discriminatedUnion("type", [
  variant("DeputyRegistered"),
  variant("DeputyCorrected"),
  variant("UnitRegistered"),
  variant("UnitCorrected"),
  variant("StationRegistered"),
  variant("StationCorrected"),
  variant("ContactRecorded"),
  variant("ContactFeedbackGiven"),
  variant("SuggestionSubmitted"),
  variant("SuggestionRevised"),
  variant("SuggestionPreReviewed"),
  variant("SuggestionAssigned"),
  variant("HandlingStepRecorded"),
  variant("SuggestionReplied"),
  variant("ReplyPublished"),
  variant("DeadlineExtended"),
  variant("SuggestionEvaluated"),
  variant("EventVoided"),
]);

export const isDutyEventType = (type: string): type is DutyEventType => Object.hasOwn(eventSchemas, type);

const fieldErrorsOf = (issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[], prefix: string): FieldError[] =>
  issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== "").join("."),
    message: issue.message,
  }));

export type ParseEventResult = { readonly success: true; readonly event: DutyEvent } | { readonly success: false; readonly error: ValidationError };

/** Validates an event's type and data; never throws. */
export const safeParseEvent = (type: string, data: unknown): ParseEventResult => {
  if (!isDutyEventType(type)) {
    return { success: false, error: new ValidationError(`unknown event type ${JSON.stringify(type)}`, { errors: [{ path: "type", message: "unknown event type" }] }) };
  }
  const result = eventSchemas[type].safeParse(data);
  if (!result.success) {
    return { success: false, error: new ValidationError(`invalid ${type} data`, { errors: fieldErrorsOf(result.error.issues, "data") }) };
  }
  return { success: true, event: { type, data: result.data } as DutyEvent };
};

/** Validates an event's type and data; throws `ValidationError` (code VALIDATION). */
export const parseEvent = (type: string, data: unknown): DutyEvent => {
  const result = safeParseEvent(type, data);
  if (!result.success) throw result.error;
  return result.event;
};

// ---------------------------------------------------------------- streams

export const streamCategories = ["deputy", "unit", "station", "contact", "suggestion"] as const;
export type StreamCategory = (typeof streamCategories)[number];

/** Stream ids: `deputy-<id>`, `unit-<id>`, `station-<id>`, `contact-<id>`, `suggestion-<id>`. */
export const streamIdOf = {
  deputy: (deputyId: string): string => `deputy-${deputyId}`,
  unit: (unitId: string): string => `unit-${unitId}`,
  station: (stationId: string): string => `station-${stationId}`,
  contact: (contactId: string): string => `contact-${contactId}`,
  suggestion: (suggestionId: string): string => `suggestion-${suggestionId}`,
} as const satisfies Record<StreamCategory, (id: string) => string>;

/** Splits a stream id into its category and entity id; `null` when it is not one of ours. */
export const parseStreamId = (streamId: string): { category: StreamCategory; id: string } | null => {
  for (const category of streamCategories) {
    const prefix = `${category}-`;
    if (streamId.startsWith(prefix) && streamId.length > prefix.length) return { category, id: streamId.slice(prefix.length) };
  }
  return null;
};

/** The stream an event belongs to, from its data. */
export const streamIdOfEvent = (event: DutyEvent): string => {
  switch (event.type) {
    case "DeputyRegistered":
    case "DeputyCorrected":
      return streamIdOf.deputy(event.data.deputyId);
    case "UnitRegistered":
    case "UnitCorrected":
      return streamIdOf.unit(event.data.unitId);
    case "StationRegistered":
    case "StationCorrected":
      return streamIdOf.station(event.data.stationId);
    case "ContactRecorded":
    case "ContactFeedbackGiven":
      return streamIdOf.contact(event.data.contactId);
    case "SuggestionSubmitted":
    case "SuggestionRevised":
    case "SuggestionPreReviewed":
    case "SuggestionAssigned":
    case "HandlingStepRecorded":
    case "SuggestionReplied":
    case "ReplyPublished":
    case "DeadlineExtended":
    case "SuggestionEvaluated":
      return streamIdOf.suggestion(event.data.suggestionId);
    case "EventVoided":
      return event.data.streamId;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(_exhaustive)}`);
    }
  }
};
