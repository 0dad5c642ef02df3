import { isoDateTimeSchema, sha256HexSchema } from "@duty-ledger/domain";
import { writeAnswer, writeAnswerSchema, type RouteDescription } from "@duty-ledger/http-kit";
import { z } from "zod";
import { rankingBody } from "../ranking-api.js";

/** The OpenAPI description of `createRankingApi`'s route (trust.md, "Known-at"). */

const publishedAnswer = writeAnswerSchema.extend({
  knownAt: isoDateTimeSchema.describe("the server's clock at publication: only events recorded by then count"),
  treeSize: z.int().min(0),
  rootHash: sha256HexSchema,
  answerDigest: sha256HexSchema.describe("SHA-256 of the answer's RFC 8785 canonical JSON"),
});

export const rankingRouteDescriptions: readonly RouteDescription[] = [
  {
    method: "post",
    path: "/v1/rankings",
    tag: "rankings",
    summary: "Publish a ranking bound to the log's tree head",
    roles: ["office"],
    body: rankingBody,
    idempotent: true,
    answers: { 201: { ...writeAnswer("Published: the ranking, its tree head and the answer's digest"), schema: publishedAnswer } },
    refusals: [400, 409, 413, 422, 503],
  },
];
