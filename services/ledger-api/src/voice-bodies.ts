import { activityRecordedSchema, constituentFeedbackRecordedSchema, idSchema, isoDateTimeSchema, opinionAnsweredSchema, opinionReferredSchema, activityParticipationConfirmedSchema } from "@duty-ledger/domain";
import { z } from "zod";

/**
 * The request bodies of 转办 and of the duty activities (design/voice-and-supervision.md;
 * strict: unknown fields are 400): each its event's data less the path's ids and what the
 * server decides. A body with a claimed time may name the backfill it is written under.
 */

const backfillShape = { backfillId: idSchema.optional() };

/** POST /v1/contacts/:id/opinions/:opinionId/referral — `dueAt` defaults to 15 working days on. */
export const opinionReferralBody = opinionReferredSchema.pick({ unitId: true, referredAt: true }).extend({ dueAt: isoDateTimeSchema.optional(), ...backfillShape });
/** POST /v1/contacts/:id/opinions/:opinionId/answer — the answering unit is the token's. */
export const opinionAnswerBody = opinionAnsweredSchema.pick({ answeredAt: true, text: true, outcome: true }).extend(backfillShape);
/** POST /v1/contacts/:id/opinions/:opinionId/constituent-feedback — `at`: when the constituent gave it. */
export const constituentFeedbackBody = z.strictObject({ at: isoDateTimeSchema, satisfied: constituentFeedbackRecordedSchema.shape.satisfied, ...backfillShape });
/** POST /v1/activities — `at`: when the activity took place. */
export const activityBody = activityRecordedSchema.pick({ activityId: true, kind: true, deputyIds: true, title: true, hours: true }).extend({ at: isoDateTimeSchema, ...backfillShape });
/** POST /v1/activities/:id/confirmation — the confirming deputy is the token's. */
export const activityConfirmationBody = activityParticipationConfirmedSchema.pick({ confirmedAt: true }).extend(backfillShape);
