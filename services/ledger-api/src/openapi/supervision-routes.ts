import { DEFAULT_POLICY, deadlinePolicySchema, isoDateTimeSchema, type PolicyRegistry } from "@duty-ledger/domain";
import { writeAnswer, writeAnswerSchema, type PrincipalRole, type RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { extensionRequestBody, reassignmentBody, requestRefusalBody, returnRequestBody, supervisionBody } from "../supervision-bodies.js";

/**
 * The OpenAPI descriptions of 督办 and the lead unit's requests (design/voice-and-supervision.md),
 * served by `createLedgerApi`, and of `GET /v1/deadline-policies`.
 */

const write = (path: string, summary: string, roles: readonly PrincipalRole[], body: z.ZodType, answer = writeAnswer()): RouteDescription => ({
  method: "post",
  path,
  tag: "writes",
  summary,
  roles,
  body,
  idempotent: true,
  answers: { 201: answer },
  refusals: [400, 404, 409, 413, 422],
});

const reassignmentAnswer = writeAnswerSchema.extend({
  dueAt: isoDateTimeSchema.describe("the due date the deadline policy computed from the new assignment"),
  policy: z.unknown().describe("the deadline policy applied"),
});

/** Who reads the deadline policies: those who assign, handle, propose and audit (not a clerk). */
export const deadlinePolicyReaders: readonly PrincipalRole[] = ["office", "auditor", "unit", "deputy"];

export const deadlinePoliciesAnswerSchema = z.object({
  default: z.string().describe("the policy an assignment naming none applies"),
  policies: z.array(deadlinePolicySchema).describe("every policy an assignment may name, each version (the latest applies when named)"),
});

/** The answer of `GET /v1/deadline-policies` for a registry. */
export const deadlinePoliciesAnswer = (registry: PolicyRegistry): z.infer<typeof deadlinePoliciesAnswerSchema> => ({ default: DEFAULT_POLICY.name, policies: [...registry] });

export const supervisionRouteDescriptions: readonly RouteDescription[] = [
  write("/v1/suggestions/:id/supervision", "Record a supervision act (督办: warning, leader's supervision, site review, interview)", ["office"], supervisionBody),
  write("/v1/suggestions/:id/extension-request", "Ask for a later due date (the lead unit)", ["unit"], extensionRequestBody),
  write("/v1/suggestions/:id/extension-request/refusal", "Refuse the lead unit's extension request (grant it with …/extension)", ["office"], requestRefusalBody),
  write("/v1/suggestions/:id/return-request", "Ask to hand the suggestion back (退回/改办), within 7 working days of the assignment", ["unit"], returnRequestBody),
  write("/v1/suggestions/:id/return-request/refusal", "Refuse the lead unit's return request", ["office"], requestRefusalBody),
  write("/v1/suggestions/:id/reassignment", "Reassign the suggestion (改办) in answer to a return request: a new due date", ["office"], reassignmentBody, { ...writeAnswer(), schema: reassignmentAnswer }),
  {
    method: "get",
    path: "/v1/deadline-policies",
    tag: "reads",
    summary: "The deadline policies an assignment may name (built-in and the deployment's), and the default",
    roles: deadlinePolicyReaders,
    answers: { 200: { description: "The deadline policies", schema: deadlinePoliciesAnswerSchema } },
    refusals: [400],
  },
];
