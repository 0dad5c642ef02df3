import { contactChannels, idSchema, isoDateTimeSchema, opinionOutcomes } from "@duty-ledger/domain";
import type { RouteDescription } from "@duty-ledger/http-kit";
import { opinionStatuses } from "@duty-ledger/projections";
import { z } from "zod";
import { gatheredOpinionsQuery } from "../gathered-opinions-reads.js";
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

const gatheredOpinion = z.strictObject({
  contactId: idSchema,
  opinionId: idSchema,
  text: z.string(),
  occurredAt: isoDateTimeSchema.describe("the contact's time"),
  channel: z.enum(contactChannels),
  stationId: idSchema.nullable(),
  referral: z
    .strictObject({ unitId: idSchema, referredAt: isoDateTimeSchema, dueAt: isoDateTimeSchema.describe("the due date in force as of asOf"), status: z.enum(opinionStatuses) })
    .nullable()
    .describe("null: not referred to a unit as of asOf"),
});

const gatheredOpinionsAnswer = (scope: z.ZodRawShape) =>
  z.strictObject({
    ...scope,
    year: z.int(),
    asOf: isoDateTimeSchema,
    referred: z.boolean().nullable().describe("the filter asked; null: both"),
    items: z.array(gatheredOpinion).describe("the year's contacts newest first, then contact id, then the contact's own order of opinions"),
    nextCursor: z.string().nullable().describe("pass as `cursor` for the next page"),
  });

/** GET /v1/stations/:id/opinions */
export const stationOpinionsAnswerSchema = gatheredOpinionsAnswer({ stationId: idSchema });
/** GET /v1/deputies/:id/opinions */
export const deputyOpinionsAnswerSchema = gatheredOpinionsAnswer({ deputyId: idSchema });

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
  {
    method: "get",
    path: "/v1/stations/:id/opinions",
    tag: "voice",
    summary: "The opinions gathered at a station's contacts in a year, referred or not (office; that station's clerk): those to refer",
    roles: ["office", "clerk"],
    query: gatheredOpinionsQuery,
    answers: { 200: { description: "A page of the station's opinions", schema: stationOpinionsAnswerSchema } },
    refusals: [400, 403, 404, 503],
  },
  {
    method: "get",
    path: "/v1/deputies/:id/opinions",
    tag: "voice",
    summary: "The opinions gathered at the contacts where a deputy's part counts, in a year (office; the deputy itself): those a suggestion may cite",
    roles: ["office", "deputy"],
    query: gatheredOpinionsQuery,
    answers: { 200: { description: "A page of the deputy's opinions", schema: deputyOpinionsAnswerSchema } },
    refusals: [400, 403, 404, 503],
  },
];
