import { z } from "zod";
import { idSchema, isoDateTimeSchema, titleSchema, uniqueList } from "../primitives.js";
import { defineEvent } from "./define-event.js";

/** Other duty activities (视察、调研、培训、列席、听证、述职), stream `activity-<id>`. */

export const activityKinds = ["inspection", "survey", "training", "attendance", "hearing", "report", "other"] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKindLabels: Readonly<Record<ActivityKind, string>> = {
  inspection: "视察",
  survey: "调研",
  training: "培训",
  attendance: "列席",
  hearing: "听证",
  report: "述职",
  other: "其他履职活动",
};

export const activityRecordedSchema = z.strictObject({
  activityId: idSchema,
  kind: z.enum(activityKinds),
  deputyIds: uniqueList(idSchema, { min: 1, max: 500 }),
  /** The body's `at`: when the activity took place. */
  occurredAt: isoDateTimeSchema,
  title: titleSchema,
  /** Hours spent, when told (at most a week's worth). */
  hours: z.number().positive().max(168).optional(),
  /** Named deputies whose participation counts only once they confirm it (a deputy recorded it naming others). */
  unconfirmedDeputyIds: uniqueList(idSchema, { min: 1, max: 500 }).optional(),
});

export const activityParticipationConfirmedSchema = z.strictObject({
  activityId: idSchema,
  deputyId: idSchema,
  confirmedAt: isoDateTimeSchema,
});

export const activityEventDefinitions = [
  defineEvent({
    type: "ActivityRecorded",
    stream: "activity",
    schema: activityRecordedSchema,
    entityId: (d) => d.activityId,
    occurredAt: (d) => d.occurredAt,
    summary: (d) => `${activityKindLabels[d.kind]}：${d.title} / Duty activity (${d.kind}): ${d.title}`,
  }),
  defineEvent({
    type: "ActivityParticipationConfirmed",
    stream: "activity",
    schema: activityParticipationConfirmedSchema,
    entityId: (d) => d.activityId,
    occurredAt: (d) => d.confirmedAt,
    summary: (d) => `${d.deputyId} 确认参加履职活动 / Participation in a duty activity confirmed by ${d.deputyId}`,
  }),
] as const;
