import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "../primitives.js";
import { defineEvent } from "./define-event.js";

/**
 * A published ranking (trust.md, "Known-at: reproduce what was published"), stream
 * `ranking-<id>`: the scores answer of a period as the ledger knew it when the office published
 * it, bound to the tree head of the log it was computed on.
 *
 * Every object's keys are declared in RFC 8785 order (sorted), so that the answer as stored, and
 * as `GET /v1/rankings/:id` sends it, is its canonical JSON: the bytes `answerDigest` hashes.
 */

/** A scoring period: a Shanghai calendar year `YYYY`. */
export const rankingPeriodSchema = z.string().regex(/^\d{4}$/, "must be a year YYYY");

/** A rule set reference, `name` or `name@version`. */
export const ruleSetRefSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}(@\d{1,9})?$/, "must be a rule set name or name@version");

/** An indicator's value (in [0, 1] but for floating-point rounding, as scoring computed it). */
const share = z.number().nullable();

/** One unit's row of the scores answer (`GET /v1/scores`), keys sorted. */
export const rankedUnitSchema = z.strictObject({
  assigned: z.int().min(0),
  index: z.number().nullable(),
  indicators: z.strictObject({
    attention: share,
    completion: share,
    consultation: share,
    digital: share,
    publication: share,
    resolution: share,
    satisfaction: share,
  }),
  insufficientData: z.boolean(),
  rank: z.int().min(1).nullable(),
  unitId: idSchema,
});

/** The scores answer as published, keys sorted (its canonical JSON is what `answerDigest` hashes). */
export const rankingAnswerSchema = z.strictObject({
  asOf: isoDateTimeSchema,
  knownAt: isoDateTimeSchema,
  period: rankingPeriodSchema,
  rules: z.string().min(1).max(64),
  rulesVersion: z.int().min(1),
  units: z.array(rankedUnitSchema).max(100_000),
});
export type RankingAnswer = z.infer<typeof rankingAnswerSchema>;

/** A tree hash or digest: 32 bytes in lowercase hex. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits");

export const rankingPublishedSchema = z.strictObject({
  rankingId: idSchema,
  period: rankingPeriodSchema,
  /** The rule set the answer was computed with, `name@version`. */
  rules: ruleSetRefSchema,
  asOf: isoDateTimeSchema,
  /** The server's clock when it was published: only events recorded by then count. */
  knownAt: isoDateTimeSchema,
  /** The log it was computed on: its first `treeSize` events, and their RFC 9162 root. */
  treeSize: z.int().min(0),
  rootHash: sha256HexSchema,
  /** Lowercase hex SHA-256 of the answer's RFC 8785 canonical JSON. */
  answerDigest: sha256HexSchema,
  /** The answer itself, so that the log alone reproduces it. */
  answer: rankingAnswerSchema,
});

export const rankingEventDefinitions = [
  defineEvent({
    type: "RankingPublished",
    stream: "ranking",
    schema: rankingPublishedSchema,
    entityId: (d) => d.rankingId,
    occurredAt: (d) => d.knownAt,
    summary: (d) => `公布排名 ${d.rankingId}（${d.period} 年度，截至 ${d.asOf}） / Ranking ${d.rankingId} published`,
  }),
] as const;
