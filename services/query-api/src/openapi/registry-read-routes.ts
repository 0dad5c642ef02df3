import { deputyLevelSchema, idSchema, isoDateTimeSchema, sha256HexSchema } from "@duty-ledger/domain";
import type { RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { meQuery } from "../me-read.js";
import { deputiesQuery, rankingsQuery, stationsQuery } from "../registry-reads.js";

const count = z.int().min(0);

/** GET /v1/deputies */
export const deputiesAnswerSchema = z.strictObject({
  deputies: z.array(
    z.strictObject({
      deputyId: idSchema,
      name: z.string(),
      level: deputyLevelSchema,
      term: z.string().optional().describe("office and auditor only"),
      constituency: z.string().optional().describe("office and auditor only"),
      stationId: idSchema.nullable(),
      registeredAt: isoDateTimeSchema.optional().describe("office and auditor only"),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** GET /v1/stations */
export const stationsAnswerSchema = z.strictObject({
  stations: z.array(z.strictObject({ stationId: idSchema, name: z.string(), region: z.string() })),
});

/** GET /v1/rankings */
export const rankingsAnswerSchema = z.strictObject({
  period: z.string().nullable(),
  rankings: z.array(
    z.strictObject({
      rankingId: idSchema,
      period: z.string(),
      rules: z.string(),
      asOf: isoDateTimeSchema,
      publishedAt: isoDateTimeSchema.describe("the server's clock when it was published (its knownAt)"),
      treeSize: count,
      answerDigest: sha256HexSchema,
      position: count,
    }),
  ),
});

const read = (route: Omit<RouteDescription, "method" | "tag" | "refusals">): RouteDescription => ({ method: "get", tag: "reads", ...route, refusals: [503] });

/** The OpenAPI descriptions of `addRegistryReads`'s routes. */
export const registryReadRouteDescriptions: readonly RouteDescription[] = [
  read({
    path: "/v1/deputies",
    summary: "The registered deputies, searchable by name, by deputy id, paged (a deputy, a clerk or a unit sees each one's id, name, level and station only)",
    roles: ["office", "auditor", "deputy", "clerk", "unit"],
    query: deputiesQuery,
    answers: { 200: { description: "A page of deputies", schema: deputiesAnswerSchema } },
  }),
  read({
    path: "/v1/stations",
    summary: "The registered contact stations, searchable by name",
    roles: ["office", "auditor"],
    query: stationsQuery,
    answers: { 200: { description: "The stations", schema: stationsAnswerSchema } },
  }),
  read({
    path: "/v1/rankings",
    summary: "The published rankings, newest first",
    roles: ["office", "auditor"],
    query: rankingsQuery,
    answers: { 200: { description: "The rankings published (without their answers)", schema: rankingsAnswerSchema } },
  }),
];

/** GET /v1/me */
export const meAnswerSchema = z.strictObject({
  role: z.enum(["office", "deputy", "unit", "clerk", "auditor"]),
  id: z.string().describe("the token's sub"),
  name: z.string().nullable().describe("the deputy's or the unit's registered name; null for the other roles, or when not registered"),
  level: deputyLevelSchema.nullable().describe("a deputy's level; null otherwise"),
  stationId: idSchema.nullable().describe("the clerk's station (its token's), a deputy's (the registry's); null otherwise"),
  stationName: z.string().nullable().describe("that station's registered name; null when none"),
});

/** The OpenAPI description of `addMeRead`'s route. */
export const meReadRouteDescription: RouteDescription = read({
  path: "/v1/me",
  summary: "Who the token names, by name (every role; the office and the auditor by their role alone)",
  roles: ["office", "deputy", "unit", "clerk", "auditor"],
  query: meQuery,
  answers: { 200: { description: "The caller", schema: meAnswerSchema } },
});
