import { writeAnswer, writeAnswerSchema, type PrincipalRole, type RouteDescription } from "@duty-ledger/http-kit";
import { isoDateTimeSchema } from "@duty-ledger/domain";
import type { z } from "zod";
import { activityBody, activityConfirmationBody, constituentFeedbackBody, opinionAnswerBody, opinionReferralBody } from "../voice-bodies.js";

/** The OpenAPI descriptions of `createVoiceApi`'s write routes (转办 and the duty activities, design/voice-and-supervision.md). */

const write = (path: string, summary: string, roles: readonly PrincipalRole[], body: z.ZodType, answer = writeAnswer()): RouteDescription => ({
  method: "post",
  path,
  tag: "voice",
  summary,
  roles,
  body,
  idempotent: true,
  answers: { 201: answer },
  refusals: [400, 404, 409, 413, 422],
});

const opinion = "/v1/contacts/:id/opinions/:opinionId";

export const voiceRouteDescriptions: readonly RouteDescription[] = [
  write(
    `${opinion}/referral`,
    "Refer a contact's opinion to a unit (转办); due 15 working days on unless dueAt is given",
    ["office", "clerk", "deputy"],
    opinionReferralBody,
    { description: "Referred: the write's answer and the due date", schema: writeAnswerSchema.extend({ dueAt: isoDateTimeSchema }) },
  ),
  write(`${opinion}/answer`, "Answer an opinion referred to the token's unit", ["unit"], opinionAnswerBody),
  write(
    `${opinion}/constituent-feedback`,
    "Record the constituent's feedback on the answer (有回应); unsatisfied re-opens it, due 10 working days on",
    ["clerk", "deputy"],
    constituentFeedbackBody,
    { description: "Recorded: the write's answer, and the new due date when re-opened", schema: writeAnswerSchema.extend({ reopenedDueAt: isoDateTimeSchema.optional() }) },
  ),
  write("/v1/activities", "Record a duty activity (视察、调研、培训、列席、听证、述职); a deputy's own counts for the others named once they confirm", ["office", "clerk", "deputy"], activityBody),
  write("/v1/activities/:id/confirmation", "Confirm taking part in a duty activity another deputy recorded (the deputy is the token's)", ["deputy"], activityConfirmationBody),
];
