import { z } from "zod";
import { idSchema, isoDateTimeSchema, longTextSchema, titleSchema, uniqueList } from "../primitives.js";
import { contactChannelLabels, labelOf } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import { contactChannelSchema, opinionSchema, sealedPeopleSchema } from "./event-fields.js";

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
  /**
   * The named deputies whose participation counts only once they confirm it (a contact a deputy
   * recorded naming others: everyone but the recorder). Absent when every named deputy counts at
   * once (recorded by a clerk of its station, or by the office).
   */
  unconfirmedDeputyIds: uniqueList(idSchema, { min: 1, max: 200 }).optional(),
  /** The people the contact names (sealed, personal-data.md); absent when it names none. */
  people: sealedPeopleSchema.optional(),
});

/** Feedback given back to the constituents (有回应) on opinions of the contact. */
export const contactFeedbackGivenSchema = z.strictObject({
  contactId: idSchema,
  opinionIds: uniqueList(idSchema, { min: 1 }),
  feedbackAt: isoDateTimeSchema,
  text: longTextSchema,
});

/** A named deputy confirms they took part in a contact a deputy recorded: from now on it counts in their record. */
export const contactParticipationConfirmedSchema = z.strictObject({
  contactId: idSchema,
  deputyId: idSchema,
  confirmedAt: isoDateTimeSchema,
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
  defineEvent({
    type: "ContactParticipationConfirmed",
    stream: "contact",
    schema: contactParticipationConfirmedSchema,
    entityId: (d) => d.contactId,
    occurredAt: (d) => d.confirmedAt,
    summary: (d) => `${d.deputyId} 确认参加联系群众活动 / Participation confirmed by ${d.deputyId}`,
  }),
] as const;
