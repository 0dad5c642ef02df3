import { idSchema, isoDateTimeSchema, voteResultSchema } from "@duty-ledger/domain";
import type { RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { livelihoodProgrammeQuery, livelihoodProgrammesQuery, unitLivelihoodProjectsQuery } from "../livelihood-reads.js";

/**
 * The OpenAPI descriptions of `createLivelihoodQueryApi`'s reads (民生实事项目票决,
 * design/livelihood.md), with their answers as zod schemas (`programmeViewOf` of the projections
 * builds them). No answer names a deputy present or voting.
 */

const count = z.int().min(0);
const stage = z.enum(["collecting", "screened", "voting", "closed"]);
const roundEvaluation = z.strictObject({ satisfied: count, basicallySatisfied: count, unsatisfied: count, rate: z.number().nullable(), rectification: z.boolean() });

export const livelihoodProgrammeAnswerSchema = z.strictObject({
  programmeId: idSchema,
  title: z.string(),
  year: z.int(),
  session: z.string(),
  slots: count,
  electorateSize: count,
  collectUntil: isoDateTimeSchema,
  stage,
  asOf: isoDateTimeSchema,
  candidates: z.array(
    z.strictObject({
      candidateId: idSchema,
      title: z.string(),
      description: z.string(),
      proposedBy: z.strictObject({ kind: z.enum(["deputy", "station", "unit", "public"]), id: idSchema.optional() }),
      estimatedBudgetYuan: count,
      responsibleUnitId: idSchema,
      proposedAt: isoDateTimeSchema,
    }),
  ),
  shortlist: z.strictObject({ candidateIds: z.array(idSchema), decidedAt: isoDateTimeSchema, reason: z.string() }).nullable(),
  attendance: count,
  boxes: z.array(z.strictObject({ boxId: idSchema, countedAt: isoDateTimeSchema, ballots: count, invalid: count })),
  result: voteResultSchema.extend({ closedAt: isoDateTimeSchema, recountMatches: z.boolean() }).nullable(),
  rounds: z.array(z.strictObject({ roundId: idSchema, opensAt: isoDateTimeSchema, closesAt: isoDateTimeSchema })),
  projects: z.array(
    z.strictObject({
      projectId: idSchema,
      title: z.string(),
      responsibleUnitId: z.string(),
      milestones: z.array(z.strictObject({ milestoneId: idSchema, title: z.string(), dueAt: isoDateTimeSchema, overdue: z.boolean() })),
      progress: z.strictObject({ percent: z.number(), spentYuan: count, note: z.string(), reportedAt: isoDateTimeSchema }).nullable(),
      overdueMilestones: count,
      inspections: count,
      evaluation: z.record(idSchema, roundEvaluation),
    }),
  ),
});

const projectAnswer = z.strictObject({
  projectId: idSchema,
  title: z.string(),
  responsibleUnitId: z.string(),
  milestones: z.array(z.strictObject({ milestoneId: idSchema, title: z.string(), dueAt: isoDateTimeSchema, overdue: z.boolean() })),
  progress: z.strictObject({ percent: z.number(), spentYuan: count, note: z.string(), reportedAt: isoDateTimeSchema }).nullable(),
  overdueMilestones: count,
  inspections: count,
  evaluation: z.record(idSchema, roundEvaluation),
});

/** GET /v1/units/:id/livelihood-projects: the projects a unit is responsible for. */
export const unitLivelihoodProjectsAnswerSchema = z.strictObject({
  unitId: idSchema,
  asOf: isoDateTimeSchema,
  projects: z.array(projectAnswer.extend({ programmeId: idSchema, programmeTitle: z.string(), year: z.int(), estimatedBudgetYuan: count })),
});

export const livelihoodProgrammesAnswerSchema = z.strictObject({
  year: z.int(),
  programmes: z.array(z.strictObject({ programmeId: idSchema, title: z.string(), year: z.int(), session: z.string(), stage, slots: count, adopted: z.array(idSchema) })),
});

const allRoles = ["office", "deputy", "unit", "clerk", "auditor"] as const;

export const livelihoodReadRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "get",
    path: "/v1/livelihood/programmes/:id",
    tag: "livelihood",
    summary: "A livelihood programme: its result, and its projects as of asOf",
    roles: allRoles,
    query: livelihoodProgrammeQuery,
    answers: { 200: { description: "The programme", schema: livelihoodProgrammeAnswerSchema } },
    refusals: [400, 404, 503],
  },
  {
    method: "get",
    path: "/v1/livelihood/programmes",
    tag: "livelihood",
    summary: "The livelihood programmes of a year",
    roles: allRoles,
    query: livelihoodProgrammesQuery,
    answers: { 200: { description: "The programmes", schema: livelihoodProgrammesAnswerSchema } },
    refusals: [400, 503],
  },
  {
    method: "get",
    path: "/v1/units/:id/livelihood-projects",
    tag: "livelihood",
    summary: "The livelihood projects a unit is responsible for, as of asOf (its own: office, auditor, that unit)",
    roles: ["office", "auditor", "unit"],
    query: unitLivelihoodProjectsQuery,
    answers: { 200: { description: "The unit's projects", schema: unitLivelihoodProjectsAnswerSchema } },
    refusals: [400, 403, 503],
  },
];
