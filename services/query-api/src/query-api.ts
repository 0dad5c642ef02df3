import {
  defaultWorkingCalendar,
  NotFoundError,
  policies as builtInPolicies,
  shanghaiIsoOf,
  shanghaiYearOf,
  shanghaiYearOfInstant,
  type PolicyRegistry,
  type WorkingCalendar,
} from "@duty-ledger/domain";
import {
  authenticate,
  principalOf,
  problemContentType,
  requireRole,
  type ProblemAnswer,
  type TokenVerifier,
} from "@duty-ledger/http-kit";
import { canonicalJson } from "@duty-ledger/event-store";
import { DEFAULT_DUE_WITHIN_DAYS, deadlinesOf, warningOf, type DeadlineContext, type PointInTime, type ReadModels } from "@duty-ledger/projections";
import { buildScoresAnswer, buildUnitScoresAnswer, createRuleSetRegistry, type RuleSetRegistry } from "@duty-ledger/scoring";
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { catchUp, isProjectionLagError } from "./catch-up.js";
import { healthOf } from "./health.js";
import type { ProjectorView } from "./projector-view.js";
import { queryOf } from "./query-params.js";
import { minPositionOnlyQuery, recordQuery, scoresQuery, suggestionQuery, timelineQuery, unitWatchListQuery, watchListQuery, type WatchListParams } from "./read-queries.js";
import { canReadSuggestion, requireOverseerOrSelf, suggestionReaderRoles, suggestionRefusal } from "./read-access.js";
import { addRegistryReads } from "./registry-reads.js";
import { addMeRead } from "./me-read.js";
import { createScoresCache, type ScoresAnswerBytes } from "./scores-cache.js";
import { suggestionAnswerOf, watchListItemOf } from "./suggestion-answers.js";
import { decodeTimelineCursor, encodeTimelineCursor } from "./timeline-cursor.js";

export interface QueryApiOptions {
  /** The typed readers over the read-model store (`createReadModels`). */
  readonly readModels: ReadModels;
  /** The projector filling the read models: the in-process engine, or `readModelsProjectorView`. */
  readonly projector: ProjectorView;
  readonly verifier: TokenVerifier;
  /** Rule sets `?rules=` may name. Default: only the built-in ones (`default-2024`, `strict-2025`). */
  readonly ruleSets?: RuleSetRegistry;
  /** The server's clock: the default `asOf` and year. Default: the system clock. */
  readonly clock?: () => Date;
  /** Longest wait for `?minPosition=` before 503 (ms). Default 5000. */
  readonly minPositionTimeoutMs?: number;
  /** Extra middleware run after authentication on every authenticated read (e.g. a per-subject rate limit). */
  readonly afterAuth?: readonly RequestHandler[];
  /** The deadline policies the suggestions' deadlines are computed with. Default: the built-in ones. */
  readonly deadlinePolicies?: PolicyRegistry;
  /** The working days of the publication deadline. Default: the built-in holiday years. */
  readonly calendar?: WorkingCalendar;
}

export const defaultMinPositionTimeoutMs = 5000;

/**
 * The point in time a read of the suggestions stands at (trust.md, "Known-at"): with `asOf` or
 * `knownAt` given, each suggestion as it stood at `asOf` as the ledger knew it at `knownAt`;
 * with neither, `undefined`: the latest state (compared with the clock for the deadlines).
 */
const pointInTimeOf = (query: { readonly asOf?: string | undefined; readonly knownAt?: string | undefined }, asOf: string): PointInTime | undefined =>
  query.asOf === undefined && query.knownAt === undefined
    ? undefined
    : { asOfMs: Date.parse(asOf), knownAtMs: query.knownAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(query.knownAt) };

const pathId = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

/** Read answers are personal and change with the log: never cached by intermediaries. */
const sendRead = (res: Response, body: unknown): void => {
  res.setHeader("Cache-Control", "private, no-store");
  res.json(body);
};

/**
 * `sendRead` for an answer already in JSON, UTF-8 chunks sent one after the other (not joined
 * into one buffer first), with its ETag; a request that already holds that ETag gets 304, as
 * Express's `send` would answer it.
 */
const sendReadJson = (req: Request, res: Response, answer: ScoresAnswerBytes): void => {
  res.setHeader("Cache-Control", "private, no-store");
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("ETag", answer.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader("Content-Length", answer.byteLength);
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  res.cork(); // one write to the socket for the headers and every chunk; end() uncorks
  for (const chunk of answer.chunks) res.write(chunk);
  res.end();
};

const lagAnswer = (detail: string): ProblemAnswer => ({
  problem: { type: "/problems/projection-lag", title: "Read models not caught up", status: 503, detail },
  headers: { "Retry-After": "1" },
  internal: false,
});

/**
 * The read API of api-v1.md (Read side, except /v1/audit/*): duty records, timelines, scores,
 * suggestions and the watch list, and the health answer. Every authenticated read accepts
 * `?minPosition=` and waits (at most `minPositionTimeoutMs`) for the projector to reach it,
 * else answers 503. Mount inside `createHttpApp` (404 and problem+json come from there).
 */
export const createQueryApi = (options: QueryApiOptions): Router => {
  const { readModels, projector, verifier } = options;
  const clock = options.clock ?? (() => new Date());
  const ruleSets = options.ruleSets ?? createRuleSetRegistry();
  const deadlineContext: DeadlineContext = { policies: options.deadlinePolicies ?? builtInPolicies, calendar: options.calendar ?? defaultWorkingCalendar() };
  const timeoutMs = options.minPositionTimeoutMs ?? defaultMinPositionTimeoutMs;
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) throw new RangeError(`minPositionTimeoutMs must be a non-negative number, got ${timeoutMs}`);
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  const nowIso = (): string => shanghaiIsoOf(clock().getTime());
  const scoresCache = createScoresCache({ listFacts: (period) => readModels.listFacts(period) });

  const router = Router();

  router.get("/v1/health", async (_req, res) => {
    const health = await healthOf(projector);
    res.setHeader("Cache-Control", "no-store");
    res.status(health.status === "ok" || health.status === "catching-up" ? 200 : 503).json(health);
  });

  router.get("/v1/deputies/:id/record", ...authenticated, requireRole("office", "auditor", "deputy"), async (req, res) => {
    const deputyId = pathId(req);
    requireOverseerOrSelf(principalOf(req), "deputy", deputyId, "duty record");
    const query = queryOf(recordQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const year = query.year ?? shanghaiYearOfInstant(clock().getTime());
    const record = await readModels.getDeputyRecord(deputyId, year);
    if (record === null) throw new NotFoundError(`no deputy ${deputyId}`);
    sendRead(res, record);
  });

  router.get("/v1/deputies/:id/timeline", ...authenticated, requireRole("office", "auditor", "deputy"), async (req, res) => {
    const deputyId = pathId(req);
    requireOverseerOrSelf(principalOf(req), "deputy", deputyId, "timeline");
    const query = queryOf(timelineQuery, req);
    const before = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const page = await readModels.getTimeline(deputyId, { cursor: before, limit: query.limit ?? 50 });
    // A registered deputy's timeline holds at least the registration: an empty first page means no such deputy.
    if (before === undefined && page.entries.length === 0) throw new NotFoundError(`no deputy ${deputyId}`);
    sendRead(res, {
      deputyId,
      entries: page.entries,
      nextCursor: page.nextCursor === null ? null : encodeTimelineCursor(page.nextCursor),
    });
  });

  router.get("/v1/scores", ...authenticated, requireRole("office", "auditor"), async (req, res) => {
    const query = queryOf(scoresQuery, req);
    const ruleSet = ruleSets.resolve(query.rules);
    const position = await catchUp(projector, res, query.minPosition, timeoutMs);
    const now = nowIso();
    const asOf = query.asOf ?? now;
    const period = query.period ?? String(shanghaiYearOf(asOf));
    if (query.knownAt === undefined) {
      sendReadJson(req, res, await scoresCache.scores({ period, ruleSet, asOf, knownAt: now, position }));
      return;
    }
    // As the ledger knew it at a given time: the facts recorded by then (not cached).
    const facts = await readModels.listFacts(period, undefined, { knownAt: query.knownAt });
    sendRead(res, buildScoresAnswer(facts, { period, asOf, knownAt: query.knownAt, ruleSet }));
  });

  router.get("/v1/units/:id/scores", ...authenticated, requireRole("office", "auditor", "unit"), async (req, res) => {
    const unitId = pathId(req);
    requireOverseerOrSelf(principalOf(req), "unit", unitId, "scores");
    const query = queryOf(scoresQuery, req);
    const ruleSet = ruleSets.resolve(query.rules);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const now = nowIso();
    const asOf = query.asOf ?? now;
    const knownAt = query.knownAt ?? now;
    const period = query.period ?? String(shanghaiYearOf(asOf));
    // The facts are indexed under every unit that led them: those the unit led at knownAt come back.
    const facts = await readModels.listFacts(period, unitId, { knownAt: query.knownAt });
    sendRead(res, buildUnitScoresAnswer(facts, { unitId, period, asOf, knownAt, ruleSet }));
  });

  router.get("/v1/suggestions/:id", ...authenticated, requireRole(...suggestionReaderRoles), async (req, res) => {
    const suggestionId = pathId(req);
    const query = queryOf(suggestionQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const now = nowIso();
    const asOf = query.asOf ?? now;
    const latest = await readModels.getSuggestion(suggestionId);
    if (latest === null) throw new NotFoundError(`no suggestion ${suggestionId}`);
    // Who may read it is decided on its latest state; what it was then is the answer.
    if (!canReadSuggestion(principalOf(req), latest)) throw suggestionRefusal();
    const at = pointInTimeOf(query, asOf);
    const view = at === undefined ? latest : await readModels.getSuggestion(suggestionId, at);
    if (view === null) throw new NotFoundError(`no suggestion ${suggestionId} as of ${asOf}`);
    sendRead(res, suggestionAnswerOf(view, asOf, query.knownAt ?? now, query.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS, deadlineContext));
  });

  /** The watch list answer (`GET /v1/suggestions`), of every unit or of one (lead or co-unit). */
  const watchListAnswer = async (query: WatchListParams, unitId: string | undefined): Promise<unknown> => {
    const status = query.status ?? "open";
    const now = nowIso();
    const asOf = query.asOf ?? now;
    const dueWithinDays = query.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS;
    const at = pointInTimeOf(query, asOf);
    const page = await readModels.listSuggestions({ status, asOf, dueWithinDays, unitId, limit: query.limit ?? 100, cursor: query.cursor, at });
    const asOfMs = Date.parse(asOf);
    // Each line's deadlines are computed from its view as it stood at the point asked (the page's lines only).
    const views = await readModels.getSuggestions(page.items.map((item) => item.suggestion.suggestionId), at);
    return {
      status,
      asOf,
      knownAt: query.knownAt ?? now,
      dueWithinDays,
      unitId: unitId ?? null,
      items: page.items.map((item) => {
        const view = views.get(item.suggestion.suggestionId);
        return watchListItemOf(item.suggestion, asOfMs, dueWithinDays, view === undefined ? undefined : { deadlines: deadlinesOf(view, asOfMs, deadlineContext), warning: warningOf(view, asOfMs) });
      }),
      nextCursor: page.nextCursor,
    };
  };

  router.get("/v1/suggestions", ...authenticated, requireRole("office", "auditor"), async (req, res) => {
    const query = queryOf(watchListQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    sendRead(res, await watchListAnswer(query, query.unitId));
  });

  // Added to api-v1: a unit's own watch list (the suggestions it leads or co-handles). Like
  // /v1/units/:id/scores, an unknown unit is not 404: its list is empty.
  router.get("/v1/units/:id/suggestions", ...authenticated, requireRole("office", "auditor", "unit"), async (req, res) => {
    const unitId = pathId(req);
    requireOverseerOrSelf(principalOf(req), "unit", unitId, "suggestion list");
    const query = queryOf(unitWatchListQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    sendRead(res, await watchListAnswer(query, unitId));
  });

  // Added to api-v1: the registered units and their names (the ranking and drill-downs show
  // names, not ids). Names are public administrative data: every role whose views show units
  // reads them (a deputy the units handling its suggestions; a clerk refers opinions to a unit
  // chosen by name).
  router.get("/v1/units", ...authenticated, requireRole("office", "auditor", "unit", "clerk", "deputy"), async (req, res) => {
    const query = queryOf(minPositionOnlyQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const units = await readModels.listUnits();
    sendRead(res, { units: units.map((unit) => ({ unitId: unit.unitId, name: unit.name, registeredAt: unit.registeredAt, correctedAt: unit.correctedAt })) });
  });

  // trust.md, "Known-at": a published ranking, its answer byte for byte as published (the
  // canonical JSON its digest hashes), whatever was recorded since. Rankings are published: every unit reads them.
  router.get("/v1/rankings/:id", ...authenticated, requireRole("office", "auditor", "unit"), async (req, res) => {
    const rankingId = pathId(req);
    const query = queryOf(minPositionOnlyQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const ranking = await readModels.getRanking(rankingId);
    if (ranking === null) throw new NotFoundError(`no ranking ${rankingId}`);
    const text =
      `{"rankingId":${JSON.stringify(ranking.rankingId)},"answer":${canonicalJson(ranking.answer)},` +
      `"treeSize":${ranking.treeSize},"rootHash":${JSON.stringify(ranking.rootHash)},"answerDigest":${JSON.stringify(ranking.answerDigest)}}`;
    res.setHeader("Cache-Control", "private, no-store");
    res.type("application/json; charset=utf-8").send(text);
  });

  addRegistryReads(router, { readModels, projector, authenticated, timeoutMs });
  addMeRead(router, { readModels, projector, authenticated, timeoutMs });

  router.get("/v1/rule-sets", ...authenticated, requireRole("office", "auditor", "unit"), async (req, res) => {
    const query = queryOf(minPositionOnlyQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    sendRead(res, { default: ruleSets.resolve(undefined).name, ruleSets: ruleSets.list() });
  });

  const projectionLag: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (!isProjectionLagError(error) || res.headersSent) {
      next(error);
      return;
    }
    const answer = lagAnswer(error.message);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    const requestId = typeof req.id === "string" ? req.id : undefined;
    res
      .status(answer.problem.status)
      .type(problemContentType)
      .send(JSON.stringify({ ...answer.problem, wanted: error.wanted, reached: error.reached, ...(requestId === undefined ? {} : { requestId }) }));
  };
  router.use(projectionLag);

  return router;
};
