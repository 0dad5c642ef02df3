import type { PrincipalRole, RouteDescription } from "@duty-ledger/http-kit";
import { writeAnswer, writeAnswerSchema } from "@duty-ledger/http-kit";
import { isoDateTimeSchema } from "@duty-ledger/domain";
import { z } from "zod";
import { requestBodySchemas } from "../request-bodies.js";
import { supervisionRouteDescriptions } from "./supervision-routes.js";

/**
 * The OpenAPI descriptions of the routes of `createLedgerApi` (api-v1.md, trust.md): each
 * body is the schema the route parses (`requestBodySchemas`), each answer the write's 201; and
 * those of 督办 and the unit's requests and the deadline policies (`supervision-routes.ts`).
 */

type WritePath = Exclude<keyof typeof requestBodySchemas, "POST /v1/people/:id/erasure">;

interface WriteText {
  readonly summary: string;
  readonly roles: readonly PrincipalRole[];
  readonly answer?: z.ZodType;
}

const assignmentAnswer = writeAnswerSchema.extend({ dueAt: isoDateTimeSchema.describe("the due date the deadline policy computed"), policy: z.unknown().describe("the deadline policy applied") });
const evaluationAnswer = writeAnswerSchema.extend({ rehandleDueAt: isoDateTimeSchema.optional().describe("the re-handling's due date, after an unsatisfied rating") });

const writes: Readonly<Record<WritePath, WriteText>> = {
  "POST /v1/deputies": { summary: "Register a deputy", roles: ["office"] },
  "POST /v1/deputies/:id/corrections": { summary: "Correct a deputy's registration", roles: ["office"] },
  "POST /v1/units": { summary: "Register a handling unit", roles: ["office"] },
  "POST /v1/units/:id/corrections": { summary: "Correct a unit's registration", roles: ["office"] },
  "POST /v1/stations": { summary: "Register a contact station", roles: ["office"] },
  "POST /v1/stations/:id/corrections": { summary: "Correct a station's registration", roles: ["office"] },
  "POST /v1/contacts": { summary: "Record a contact with constituents (people sealed per person)", roles: ["deputy", "clerk", "office"] },
  "POST /v1/contacts/:id/feedback": { summary: "Record feedback given to constituents on their opinions", roles: ["deputy", "clerk", "office"] },
  "POST /v1/contacts/:id/confirmation": { summary: "Confirm one's participation in a contact", roles: ["deputy"] },
  "POST /v1/suggestions": { summary: "Submit a suggestion", roles: ["deputy", "office"] },
  "POST /v1/suggestions/:id/co-signature": { summary: "Accept or decline co-signing a suggestion", roles: ["deputy"] },
  "POST /v1/suggestions/:id/revision": { summary: "Re-submit a suggestion after a `revise` pre-review", roles: ["deputy", "office"] },
  "POST /v1/suggestions/:id/pre-review": { summary: "Pre-review a suggestion (accept, revise, return)", roles: ["office"] },
  "POST /v1/suggestions/:id/assignment": { summary: "Assign a suggestion to a lead unit and co-units", roles: ["office"], answer: assignmentAnswer },
  "POST /v1/suggestions/:id/steps": { summary: "Record a handling step", roles: ["unit"] },
  "POST /v1/suggestions/:id/reply": { summary: "Reply to a suggestion", roles: ["unit"] },
  "POST /v1/suggestions/:id/publication": { summary: "Publish the reply", roles: ["unit", "office"] },
  "POST /v1/suggestions/:id/evaluation": { summary: "Evaluate the reply", roles: ["deputy"], answer: evaluationAnswer },
  "POST /v1/suggestions/:id/extension": { summary: "Extend a suggestion's deadline", roles: ["office"] },
  "POST /v1/backfills": { summary: "Grant a backfill window for late records", roles: ["office"] },
  "POST /v1/events:void": { summary: "Void an event (it stays in the log)", roles: ["office"] },
};

/** The write routes' descriptions (`path` as Express mounts it: `/v1/events\\:void`). */
export const writeRouteDescriptions: readonly RouteDescription[] = [...Object.entries(writes).map(([key, text]): RouteDescription => {
  const path = key.slice("POST ".length);
  return {
    method: "post",
    path: path.replace("events:void", "events\\:void"),
    tag: "writes",
    summary: text.summary,
    roles: text.roles,
    body: requestBodySchemas[key as WritePath],
    idempotent: true,
    answers: { 201: text.answer === undefined ? writeAnswer() : { ...writeAnswer(), schema: text.answer } },
    refusals: [400, 404, 409, 413, 422],
  };
}), ...supervisionRouteDescriptions];
