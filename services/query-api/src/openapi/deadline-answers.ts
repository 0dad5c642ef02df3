import { idSchema, isoDateTimeSchema, supervisionKinds } from "@duty-ledger/domain";
import { deadlineKinds } from "@duty-ledger/projections";
import { z } from "zod";

/** One deadline of a suggestion as of `asOf` (`deadlinesOf`, packages/projections/src/suggestion-deadlines.ts). */
export const suggestionDeadlineSchema = z.strictObject({
  kind: z.enum(deadlineKinds).describe("the lead unit's reply, a co-unit's opinion, a reply's publication"),
  unitId: idSchema.describe("who owes it"),
  round: z.int().min(1).nullable().describe("the reply round (reply, publication); null for a co-unit's opinion"),
  dueAt: isoDateTimeSchema,
  metAt: isoDateTimeSchema.nullable().describe("when the act that meets it occurred, by asOf"),
  overdue: z.boolean(),
  longOverdue: z.boolean().describe("not met more than 30 days past due"),
  daysToDue: z.int(),
});

/** The office's warning on the lead unit's desk until its next step (`warningOf`). */
export const supervisionWarningSchema = z.strictObject({ supervisionId: idSchema, supervisedAt: isoDateTimeSchema, by: z.string(), note: z.string() });

/** A supervision act of the view (督办). */
export const supervisionEntrySchema = z.looseObject({
  eventId: z.string(),
  position: z.int().min(0),
  supervisionId: idSchema,
  kind: z.enum(supervisionKinds),
  supervisedAt: isoDateTimeSchema,
  by: z.string(),
  note: z.string(),
});

/** A request of the lead unit (more time, hand back) or the office's refusal of one. */
export const requestEntrySchema = z.looseObject({
  eventId: z.string(),
  position: z.int().min(0),
  request: z.enum(["extension", "return"]),
  act: z.enum(["requested", "refused"]),
  unitId: idSchema.nullable(),
  requestedDueAt: isoDateTimeSchema.nullable(),
  reason: z.string(),
  at: isoDateTimeSchema,
});

/** What the suggestion's answer adds beside its entries: the supervision acts, the unit's requests and those waiting. */
export const supervisionFields = {
  supervisions: z.array(supervisionEntrySchema).describe("the office's supervision acts (督办)"),
  requests: z.array(requestEntrySchema).describe("the lead unit's requests (more time, hand back) and the office's refusals, in log order"),
  pendingRequests: z
    .strictObject({ extension: requestEntrySchema.nullable(), return: requestEntrySchema.nullable() })
    .describe("the lead unit's requests waiting for the office's answer (a grant, a reassignment or a refusal)"),
};

/** The deadline fields the suggestion and the watch-list lines add to their flags. */
export const deadlineFields = {
  longOverdue: z.boolean().describe("owing a reply more than 30 days past the due date in force (the long-overdue tier)"),
  deadlines: z.array(suggestionDeadlineSchema).describe("the reply's, each co-unit's opinion's and each reply's publication deadline as of asOf"),
  warning: supervisionWarningSchema.nullable().describe("the office's latest warning, shown until the lead unit's next step (a handling step or its reply) as of asOf"),
};
