import { z } from "zod";
import { idSchema, isoDateTimeSchema, longTextSchema, nameSchema, titleSchema, uniqueList, urlSchema } from "../primitives.js";
import { evaluationRatingLabels, handlingStepKindLabels, labelOf, preReviewOutcomeLabels } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import {
  evaluationRatingSchema,
  handlingStepKindSchema,
  policyRefSchema,
  preReviewOutcomeSchema,
  reasonSchema,
  recordedViaSchema,
  replyCategorySchema,
  sessionSchema,
  suggestionPhaseSchema,
  coSignatureDecisionSchema,
} from "./event-fields.js";

/** The events of a suggestion (代表建议) and its handling, stream `suggestion-<id>`. */

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

/** A listed co-signer accepts or declines co-signing; only an accepted co-signature counts (`coSigned`). */
export const coSignatureDecidedSchema = z.strictObject({
  suggestionId: idSchema,
  deputyId: idSchema,
  decision: coSignatureDecisionSchema,
  /** When the co-signer decided (the body's `at`). */
  decidedAt: isoDateTimeSchema,
});

const ofSuggestion = (d: { readonly suggestionId: string }): string => d.suggestionId;

export const suggestionEventDefinitions = [
  defineEvent({
    type: "SuggestionSubmitted",
    stream: "suggestion",
    schema: suggestionSubmittedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.submittedAt,
    summary: (d) => `提出建议：${d.title} / Suggestion submitted`,
  }),
  defineEvent({
    type: "SuggestionRevised",
    stream: "suggestion",
    schema: suggestionRevisedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.revisedAt,
    summary: (d) => `修改建议：${d.title} / Suggestion revised`,
  }),
  defineEvent({
    type: "SuggestionPreReviewed",
    stream: "suggestion",
    schema: suggestionPreReviewedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.reviewedAt,
    summary: (d) => `建议${labelOf(preReviewOutcomeLabels, d.outcome)} / Pre-review: ${d.outcome}`,
  }),
  defineEvent({
    type: "SuggestionAssigned",
    stream: "suggestion",
    schema: suggestionAssignedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.assignedAt,
    summary: (d) => `建议交办至 ${d.leadUnitId}${d.coUnitIds.length > 0 ? ` 等 ${d.coUnitIds.length + 1} 个单位` : ""} / Assigned to ${d.leadUnitId}`,
  }),
  defineEvent({
    type: "HandlingStepRecorded",
    stream: "suggestion",
    schema: handlingStepRecordedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.occurredAt,
    summary: (d) => `${d.unitId}：${labelOf(handlingStepKindLabels, d.kind)} / Handling step: ${d.kind}`,
  }),
  defineEvent({
    type: "SuggestionReplied",
    stream: "suggestion",
    schema: suggestionRepliedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.repliedAt,
    summary: (d) => `${d.unitId} 答复（${d.category} 类，第 ${d.round} 轮） / Reply, category ${d.category}`,
  }),
  defineEvent({
    type: "ReplyPublished",
    stream: "suggestion",
    schema: replyPublishedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.publishedAt,
    summary: () => `答复已上网公开 / Reply published online`,
  }),
  defineEvent({
    type: "DeadlineExtended",
    stream: "suggestion",
    schema: deadlineExtendedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.grantedAt,
    summary: () => `办理期限延长 / Deadline extended`,
  }),
  defineEvent({
    type: "SuggestionEvaluated",
    stream: "suggestion",
    schema: suggestionEvaluatedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.evaluatedAt,
    summary: (d) => `评价答复：${labelOf(evaluationRatingLabels, d.rating)} / Reply evaluated: ${d.rating}`,
  }),
  defineEvent({
    type: "CoSignatureDecided",
    stream: "suggestion",
    schema: coSignatureDecidedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.decidedAt,
    summary: (d) => `${d.deputyId}${d.decision === "accept" ? "同意附议" : "拒绝附议"} / Co-signature ${d.decision === "accept" ? "accepted" : "declined"} by ${d.deputyId}`,
  }),
] as const;
