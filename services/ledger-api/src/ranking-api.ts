import { DEFAULT_RECORDING_GRACE_MS, deciders, rankingPublishedSchema, streamIdOf, ValidationError, type RankingAnswer } from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import { authenticate, parseBody, problemContentType, requireRole, withIdempotency, type IdempotencyStore, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from "express";
import { z } from "zod";
import { createCommandHandler } from "./command-handler.js";
import { createKeyedLock } from "./keyed-lock.js";
import { writeContextOf } from "./write-context.js";

/**
 * The body of POST /v1/rankings (trust.md, "Known-at"): the ranking to publish; the server
 * computes its answer, `knownAt` (its clock) and the tree head. `rules`: default the default
 * rule set. Strict: unknown fields (an `answer`, a `knownAt` of the caller's) are 400.
 */
export const rankingBody = z.strictObject({
  rankingId: rankingPublishedSchema.shape.rankingId,
  period: rankingPublishedSchema.shape.period,
  rules: rankingPublishedSchema.shape.rules.optional(),
  asOf: rankingPublishedSchema.shape.asOf,
});
export type RankingBody = z.infer<typeof rankingBody>;

/** A ranking computed for publication (the query side's `createRankingComputer`). */
export interface ComputedRankingForPublication {
  /** The rule set used, `name@version`. */
  readonly rules: string;
  readonly answer: RankingAnswer;
  readonly answerDigest: string;
  readonly treeSize: number;
  readonly rootHash: string;
}

/** Computes the scores answer of a period, rule set and `asOf` as the ledger knew it at `knownAt`, with the tree head it stands on. */
export type ComputeRanking = (request: {
  readonly period: string;
  readonly rules: string | undefined;
  readonly asOf: string;
  readonly knownAt: string;
}) => Promise<ComputedRankingForPublication>;

export interface RankingApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  /** The write API's idempotency store (one for every write). */
  readonly idempotency: IdempotencyStore;
  readonly computeRanking: ComputeRanking;
  readonly clock?: () => Date;
  readonly maxAttempts?: number;
  readonly afterAuth?: readonly RequestHandler[];
  readonly recordingGraceMs?: number;
}

/** As every write route: no query string (400 on "query"). */
const refuseQuery = (req: Request): void => {
  if (req.originalUrl.includes("?")) {
    throw new ValidationError("the write API takes no query parameters", {
      errors: [{ path: "query", message: "query parameters are not accepted on a write" }],
    });
  }
};

/**
 * `POST /v1/rankings` (office; trust.md, "Known-at"): publishes a ranking. The server's clock is
 * the ranking's `knownAt`; the answer is `GET /v1/scores` for the body's period, rule set and
 * `asOf` as the ledger knew it then, bound to the tree head of the log it was computed on; the
 * `RankingPublished` event carries both, and the answer's digest. As every write: body and
 * query validated (400), role checked (401/403), `Idempotency-Key` honoured, a refused request
 * appends nothing (409 a ranking id already published, 422 an `asOf` after the publication).
 */
export const createRankingApi = (options: RankingApiOptions): Router => {
  const { store, verifier, idempotency, computeRanking } = options;
  const clock = options.clock ?? (() => new Date());
  const recordingGraceMs = options.recordingGraceMs ?? DEFAULT_RECORDING_GRACE_MS;
  const commands = createCommandHandler({ store, lock: createKeyedLock(), maxAttempts: options.maxAttempts });
  const router = Router();
  router.post(
    "/v1/rankings",
    authenticate(verifier),
    ...(options.afterAuth ?? []),
    requireRole("office"),
    (req, _res, next) => {
      refuseQuery(req);
      req.body = parseBody(rankingBody, req);
      next();
    },
    withIdempotency(idempotency),
    async (req, res) => {
      const body = req.body as RankingBody;
      const context = writeContextOf(req, clock(), recordingGraceMs);
      const knownAt = context.metadata.now;
      const computed = await computeRanking({ period: body.period, rules: body.rules, asOf: body.asOf, knownAt });
      const { rankingId, period, asOf } = body;
      const { rules, treeSize, rootHash, answerDigest, answer } = computed;
      const handled = await commands.handle(
        deciders.ranking,
        streamIdOf.ranking(rankingId),
        { type: "PublishRanking", data: { rankingId, period, rules, asOf, treeSize, rootHash, answerDigest, answer }, metadata: context.metadata },
        context.eventIds,
        { correlationId: context.correlationId, expectNewStream: true },
      );
      res.status(201).json({ id: rankingId, eventIds: handled.eventIds, position: handled.position, knownAt, treeSize, rootHash, answerDigest });
    },
  );
  // The read models did not reach the head in time (the computer's ProjectionLagError): 503, retry.
  const projectionLag: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if ((error as { code?: unknown } | null)?.code !== "PROJECTION_LAG" || res.headersSent) {
      next(error);
      return;
    }
    res.setHeader("Retry-After", "1");
    res.status(503).type(problemContentType).send(JSON.stringify({ type: "/problems/projection-lag", title: "Read models not caught up", status: 503, detail: (error as Error).message }));
  };
  router.use(projectionLag);
  return router;
};
