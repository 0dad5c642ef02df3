import { extensionRequestedSchema, extensionRequestRefusedSchema, idSchema, returnRequestedSchema, supervisionRecordedSchema } from "@duty-ledger/domain";
import { z } from "zod";
import { assignmentBody } from "./request-bodies.js";

/**
 * The request bodies of 督办 and the lead unit's requests (design/voice-and-supervision.md),
 * strict as every write body; `at` is the claimed time of the act (the event's `requestedAt` or
 * `refusedAt`). A body may name the backfill it is written under (`backfillId`).
 */

const backfillShape = { backfillId: idSchema.optional() };

/** POST /v1/suggestions/:id/supervision (office) */
export const supervisionBody = supervisionRecordedSchema.omit({ suggestionId: true, supervisedAt: true }).extend({ at: supervisionRecordedSchema.shape.supervisedAt, ...backfillShape });

/** POST /v1/suggestions/:id/extension-request (lead unit) */
export const extensionRequestBody = z.strictObject({
  requestedDueAt: extensionRequestedSchema.shape.requestedDueAt,
  reason: extensionRequestedSchema.shape.reason,
  at: extensionRequestedSchema.shape.requestedAt,
  ...backfillShape,
});

/** POST /v1/suggestions/:id/extension-request/refusal and …/return-request/refusal (office) */
export const requestRefusalBody = z.strictObject({
  at: extensionRequestRefusedSchema.shape.refusedAt,
  reason: extensionRequestRefusedSchema.shape.reason,
  ...backfillShape,
});

/** POST /v1/suggestions/:id/return-request (lead unit, within 7 working days of the assignment) */
export const returnRequestBody = z.strictObject({
  reason: returnRequestedSchema.shape.reason,
  at: returnRequestedSchema.shape.requestedAt,
  ...backfillShape,
});

/** POST /v1/suggestions/:id/reassignment (office): the assignment's body. */
export const reassignmentBody = assignmentBody;

export type SupervisionBody = z.infer<typeof supervisionBody>;
export type ExtensionRequestBody = z.infer<typeof extensionRequestBody>;
export type RequestRefusalBody = z.infer<typeof requestRefusalBody>;
export type ReturnRequestBody = z.infer<typeof returnRequestBody>;
