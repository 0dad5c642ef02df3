import type { RouteDescription } from "@duty-ledger/http-kit";
import { minPositionOnlyQuery, recordQuery, scoresQuery, suggestionQuery, timelineQuery, unitWatchListQuery, watchListQuery } from "../read-queries.js";
import {
  dutyRecordSchema,
  healthAnswerSchema,
  publishedRankingSchema,
  ruleSetsAnswerSchema,
  scoresAnswerSchema,
  suggestionViewSchema,
  timelineAnswerSchema,
  unitScoresAnswerSchema,
  unitsAnswerSchema,
  watchListSchema,
} from "./read-answers.js";
import { meReadRouteDescription, registryReadRouteDescriptions } from "./registry-read-routes.js";

/**
 * The OpenAPI descriptions of `createQueryApi`'s routes. Every authenticated read takes
 * `minPosition` and answers 503 (`/problems/projection-lag`) when the read models do not reach
 * it in time.
 */

const read = (route: Omit<RouteDescription, "method" | "tag" | "refusals"> & { readonly refusals?: readonly number[] }): RouteDescription => ({
  method: "get",
  tag: "reads",
  ...route,
  refusals: [...(route.refusals ?? []), 503],
});

export const readRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "get",
    path: "/v1/health",
    tag: "meta",
    summary: "Whether the read models are serving, and how far behind the log",
    roles: "anyone",
    answers: { 200: { description: "Serving (`ok` or `catching-up`)", schema: healthAnswerSchema }, 503: { description: "Not serving (`starting`, `stopped`, `failed`)", schema: healthAnswerSchema } },
  },
  read({
    path: "/v1/deputies/:id/record",
    summary: "A deputy's duty record of a year",
    roles: ["office", "auditor", "deputy"],
    query: recordQuery,
    answers: { 200: { description: "The duty record, with the entities behind each figure", schema: dutyRecordSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/deputies/:id/timeline",
    summary: "A deputy's timeline, newest first, paged",
    roles: ["office", "auditor", "deputy"],
    query: timelineQuery,
    answers: { 200: { description: "A page of the timeline", schema: timelineAnswerSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/scores",
    summary: "The units' scores and ranking of a period",
    roles: ["office", "auditor"],
    query: scoresQuery,
    answers: { 200: { description: "The ranking (keys in RFC 8785 order)", schema: scoresAnswerSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/units/:id/scores",
    summary: "One unit's scores, each indicator with the suggestions and events behind it",
    roles: ["office", "auditor", "unit"],
    query: scoresQuery,
    answers: { 200: { description: "The unit's scores", schema: unitScoresAnswerSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/suggestions/:id",
    summary: "A suggestion as of `asOf`, as the ledger knew it at `knownAt`",
    roles: ["office", "auditor", "deputy", "unit"],
    query: suggestionQuery,
    answers: { 200: { description: "The suggestion's view and deadline flags", schema: suggestionViewSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/suggestions",
    summary: "The watch list: suggestions by deadline status",
    roles: ["office", "auditor"],
    query: watchListQuery,
    answers: { 200: { description: "A page of the watch list", schema: watchListSchema } },
  }),
  read({
    path: "/v1/units/:id/suggestions",
    summary: "A unit's own watch list (as lead or co-unit)",
    roles: ["office", "auditor", "unit"],
    query: unitWatchListQuery,
    answers: { 200: { description: "A page of the unit's watch list", schema: watchListSchema } },
  }),
  read({
    path: "/v1/units",
    summary: "The registered units and their names",
    roles: ["office", "auditor", "unit", "clerk", "deputy"],
    query: minPositionOnlyQuery,
    answers: { 200: { description: "The units", schema: unitsAnswerSchema } },
  }),
  read({
    path: "/v1/rankings/:id",
    summary: "A published ranking, byte for byte as published",
    roles: ["office", "auditor", "unit"],
    query: minPositionOnlyQuery,
    answers: { 200: { description: "The ranking, its tree head and digest", schema: publishedRankingSchema } },
    refusals: [404],
  }),
  read({
    path: "/v1/rule-sets",
    summary: "The rule sets `rules` may name, and the default",
    roles: ["office", "auditor", "unit"],
    query: minPositionOnlyQuery,
    answers: { 200: { description: "The rule sets", schema: ruleSetsAnswerSchema } },
  }),
  ...registryReadRouteDescriptions,
  meReadRouteDescription,
];
