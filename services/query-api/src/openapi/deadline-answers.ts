import { idSchema, isoDateTimeSchema } from "@duty-ledger/domain";
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

/** The deadline fields the suggestion and the watch-list lines add to their flags. */
export const deadlineFields = {
  longOverdue: z.boolean().describe("owing a reply more than 30 days past the due date in force (the long-overdue tier)"),
  deadlines: z.array(suggestionDeadlineSchema).describe("the reply's, each co-unit's opinion's and each reply's publication deadline as of asOf"),
};
