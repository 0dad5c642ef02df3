import { z } from "zod";
import { idSchema, isoDateTimeSchema, longTextSchema, titleSchema, uniqueList } from "../primitives.js";
import { contactChannelLabels, labelOf } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import { contactChannelSchema, opinionSchema } from "./event-fields.js";

/** The events of a contact with constituents (联系群众), stream `contact-<id>`. */

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

/** Feedback given back to the constituents (有回应) on opinions of the contact. */
export const contactFeedbackGivenSchema = z.strictObject({
  contactId: idSchema,
  opinionIds: uniqueList(idSchema, { min: 1 }),
  feedbackAt: isoDateTimeSchema,
  text: longTextSchema,
});

export const contactEventDefinitions = [
  defineEvent({
    type: "ContactRecorded",
    stream: "contact",
    schema: contactRecordedSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.occurredAt,
    summary: (d) =>
      `${labelOf(contactChannelLabels, d.channel)}：${d.topic}（群众 ${d.constituents} 人，意见 ${d.opinions.length} 条） / Contact (${d.channel}): ${d.constituents} constituents, ${d.opinions.length} opinions`,
  }),
  defineEvent({
    type: "ContactFeedbackGiven",
    stream: "contact",
    schema: contactFeedbackGivenSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.feedbackAt,
    summary: (d) => `向群众反馈意见 ${d.opinionIds.length} 条 / Feedback given on ${d.opinionIds.length} opinion(s)`,
  }),
] as const;
