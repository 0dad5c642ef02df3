import {
  coSignatureDecisionSchema,
  evaluationRatingSchema,
  handlingStepKindSchema,
  idSchema,
  isoDateTimeSchema,
  policyRefSchema,
  preReviewOutcomeSchema,
  recordedViaSchema,
  replyCategorySchema,
  suggestionPhaseSchema,
  suggestionStatuses,
} from "@duty-ledger/domain";
import { watchStatuses } from "@duty-ledger/projections";
import { z } from "zod";

/**
 * The suggestion view's answer (`GET /v1/suggestions/:id`) member by member, as
 * `packages/projections/src/suggestion-entries.ts` builds it: each entry is the event it
 * records (its data, less the suggestion's id) with where it came from. Precise enough that
 * the page's generated client types every field it shows; the contract test holds real
 * answers to it.
 */

const count = z.int().min(0);
const ids = z.array(idSchema);
const nullableTime = isoDateTimeSchema.nullable();

/** A suggestion's state as the view shows it (the decider's status; `null` while none counts). */
export const suggestionViewStateSchema = z.enum(suggestionStatuses).exclude(["none"]);

/** `status`: the deadline flag while a reply is owed, else the lifecycle state. */
export const suggestionAnswerStatusSchema = z.union([z.enum(watchStatuses), suggestionViewStateSchema.exclude(["assigned", "rehandling", "replied", "closed"])]);

const eventRef = {
  eventId: z.string(),
  position: count,
  recordedAt: isoDateTimeSchema.describe("when the ledger received the event"),
  backfilled: z.literal(true).optional().describe("present when the event was written under a backfill (trust.md)"),
};

const entry = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ ...eventRef, ...shape });

export const suggestionEntrySchemas = {
  submissions: z.array(
    entry({
      leadDeputyId: idSchema,
      coSignerIds: ids,
      title: z.string(),
      body: z.string(),
      phase: suggestionPhaseSchema,
      session: z.string(),
      submittedAt: isoDateTimeSchema,
      sourceOpinionIds: ids,
      confidential: z.boolean(),
    }),
  ),
  revisions: z.array(entry({ title: z.string(), body: z.string(), revisedAt: isoDateTimeSchema })),
  preReviews: z.array(entry({ outcome: preReviewOutcomeSchema, reason: z.string(), reviewedAt: isoDateTimeSchema })),
  assignments: z.array(
    entry({
      leadUnitId: idSchema,
      coUnitIds: ids,
      assignedAt: isoDateTimeSchema,
      complex: z.boolean(),
      leadingOfficial: z.string().nullable(),
      supervisingOfficial: z.string().nullable(),
      dueAt: isoDateTimeSchema,
      policy: policyRefSchema,
    }),
  ),
  steps: z.array(
    entry({
      unitId: idSchema,
      kind: handlingStepKindSchema,
      occurredAt: isoDateTimeSchema,
      recordedVia: recordedViaSchema,
      note: z.string().nullable(),
      deputyPresent: z.boolean().nullable(),
    }),
  ),
  replies: z.array(entry({ unitId: idSchema, category: replyCategorySchema, repliedAt: isoDateTimeSchema, text: z.string(), round: z.int().min(1) })),
  publications: z.array(entry({ publishedAt: isoDateTimeSchema, url: z.string().nullable(), round: z.int().min(1) })),
  extensions: z.array(entry({ previousDueAt: isoDateTimeSchema, newDueAt: isoDateTimeSchema, reason: z.string(), grantedAt: isoDateTimeSchema })),
  evaluations: z.array(
    entry({
      deputyId: idSchema,
      rating: evaluationRatingSchema,
      evaluatedAt: isoDateTimeSchema,
      comment: z.string().nullable(),
      round: z.int().min(1),
      rehandleDueAt: nullableTime,
    }),
  ),
  coSignatures: z.array(entry({ deputyId: idSchema, decision: coSignatureDecisionSchema, decidedAt: isoDateTimeSchema })),
  voided: z.array(
    entry({
      voidedEventId: z.string().describe("the voided event (`eventId`/`position` are the voiding's)"),
      voidedType: z.string(),
      reason: z.string(),
      voidedAt: isoDateTimeSchema,
    }),
  ),
};
