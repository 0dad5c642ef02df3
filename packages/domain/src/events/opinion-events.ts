import { z } from "zod";
import { idSchema, isoDateTimeSchema, longTextSchema } from "../primitives.js";
import { defineEvent } from "./define-event.js";

/**
 * 转办: an opinion of a contact referred to a unit, answered by that unit, and the constituent's
 * feedback on the answer (有回应). Stream `contact-<id>`: the opinion is the contact's, so one
 * stream decides whether it exists, is referred, answered or re-opened.
 */

export const opinionOutcomes = ["resolved", "explained", "in-progress"] as const;
export type OpinionOutcome = (typeof opinionOutcomes)[number];
export const opinionOutcomeLabels: Readonly<Record<OpinionOutcome, string>> = { resolved: "已解决", explained: "已解释说明", "in-progress": "正在办理" };

export const opinionReferredSchema = z.strictObject({
  contactId: idSchema,
  opinionId: idSchema,
  unitId: idSchema,
  referredAt: isoDateTimeSchema,
  /** The body's, or 15 working days after `referredAt` (end of day, Asia/Shanghai). */
  dueAt: isoDateTimeSchema,
});

export const opinionAnsweredSchema = z.strictObject({
  contactId: idSchema,
  opinionId: idSchema,
  /** The unit that answered: the one referred to. */
  unitId: idSchema,
  answeredAt: isoDateTimeSchema,
  text: longTextSchema,
  outcome: z.enum(opinionOutcomes),
});

export const constituentFeedbackRecordedSchema = z.strictObject({
  contactId: idSchema,
  opinionId: idSchema,
  /** The body's `at`: when the constituent gave it. */
  feedbackAt: isoDateTimeSchema,
  satisfied: z.boolean(),
  /** Unsatisfied: the referral re-opens, due 10 working days after `feedbackAt`. */
  reopenedDueAt: isoDateTimeSchema.optional(),
});

export const opinionEventDefinitions = [
  defineEvent({
    type: "OpinionReferred",
    stream: "contact",
    schema: opinionReferredSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.referredAt,
    summary: (d) => `群众意见 ${d.opinionId} 转交 ${d.unitId} 办理 / Opinion ${d.opinionId} referred to ${d.unitId}`,
  }),
  defineEvent({
    type: "OpinionAnswered",
    stream: "contact",
    schema: opinionAnsweredSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.answeredAt,
    summary: (d) => `${d.unitId} 答复群众意见 ${d.opinionId}（${opinionOutcomeLabels[d.outcome]}） / Opinion ${d.opinionId} answered by ${d.unitId} (${d.outcome})`,
  }),
  defineEvent({
    type: "ConstituentFeedbackRecorded",
    stream: "contact",
    schema: constituentFeedbackRecordedSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.feedbackAt,
    summary: (d) =>
      d.satisfied
        ? `群众对意见 ${d.opinionId} 的答复满意 / Constituent satisfied with the answer to ${d.opinionId}`
        : `群众对意见 ${d.opinionId} 的答复不满意，重新办理 / Constituent unsatisfied with the answer to ${d.opinionId}: re-opened`,
  }),
] as const;
