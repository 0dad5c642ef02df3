import { contactChannels, idSchema, isoDateTimeSchema, opinionOutcomes } from "@duty-ledger/domain";
import type { RouteDescription } from "@duty-ledger/http-kit";
import { opinionStatuses } from "@duty-ledger/projections";
import { z } from "zod";
import { opinionsQuery, stationRecordQuery } from "../voice-reads.js";

/**
 * The OpenAPI descriptions of `createVoiceQueryApi`'s reads (听民意, design/voice-and-supervision.md),
 * with their answers as zod schemas (`opinions-view.ts` of the projections builds them).
 */

const count = z.int().min(0);

const opinionItem = z.strictObject({
  contactId: idSchema,
  opinionId: idSchema,
  text: z.string(),
  stationId: idSchema.nullable(),
  channel: z.enum(contactChannels),
  occurredAt: isoDateTimeSchema,
  unitId: idSchema,
  referredAt: isoDateTimeSchema,
  dueAt: isoDateTimeSchema.describe("the due date in force as of asOf (a re-opening's after an unsatisfied constituent)"),
  status: z.enum(opinionStatuses),
  answer: z.strictObject({ answeredAt: isoDateTimeSchema, outcome: z.enum(opinionOutcomes), text: z.string() }).nullable(),
  feedback: z.strictObject({ feedbackAt: isoDateTimeSchema, satisfied: z.boolean() }).nullable(),
  reopened: count,
});

/** GET /v1/opinions */
export const opinionsAnswerSchema = z.strictObject({
  asOf: isoDateTimeSchema,
  status: z.enum(opinionStatuses).nullable(),
  unitId: idSchema.optional(),
  stationId: idSchema.optional(),
  items: z.array(opinionItem).describe("by due date in force, then contact and opinion id"),
  nextCursor: z.string().nullable().describe("pass as `cursor` for the next page"),
});

/** GET /v1/stations/:id/record */
export const stationRecordAnswerSchema = z.strictObject({
  stationId: idSchema,
  year: z.int(),
  receptions: count.describe("contacts at the station in the year, every channel (接待)"),
  constituentsReceived: count.describe("constituents received (人次)"),
  opinions: count,
  referred: count,
  answered: count,
  resolved: count,
  feedbackSatisfied: count,
  onTimeAnswerRate: z.number().min(0).max(1).nullable().describe("first answers by the due date, over the referrals answered or past due; null when none"),
  deputiesActive: count,
  byChannel: z.record(z.string(), count),
  asOf: isoDateTimeSchema,
});

export const voiceReadRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "get",
    path: "/v1/opinions",
    tag: "voice",
    summary: "Opinions referred to units (转办) and their status as of asOf (office; a unit its own; a clerk its station's)",
    roles: ["office", "unit", "clerk"],
    query: opinionsQuery,
    answers: { 200: { description: "A page of referred opinions", schema: opinionsAnswerSchema } },
    refusals: [400, 403, 503],
  },
  {
    method: "get",
    path: "/v1/stations/:id/record",
    tag: "voice",
    summary: "A station's year: receptions, constituents, opinions referred, answered, resolved, satisfied, on time (office, auditor, that station's clerk)",
    roles: ["office", "auditor", "clerk"],
    query: stationRecordQuery,
    answers: { 200: { description: "The station's record", schema: stationRecordAnswerSchema } },
    refusals: [400, 403, 404, 503],
  },
];
