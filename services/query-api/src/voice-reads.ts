import { ForbiddenError, idSchema, NotFoundError, shanghaiYearOfInstant } from "@duty-ledger/domain";
import { authenticate, principalOf, problemContentType, requireRole, type Principal, type TokenVerifier } from "@duty-ledger/http-kit";
import { opinionStatuses, type ReadModels } from "@duty-ledger/projections";
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { catchUp, isProjectionLagError } from "./catch-up.js";
import { createOpinionsCache, opinionsAnswerText } from "./opinions-cache.js";
import { addGatheredOpinionReads } from "./gathered-opinions-reads.js";
import type { ProjectorView } from "./projector-view.js";
import { asOfParam, cursorParam, queryOf, readQuery, unitIdParam, watchLimitParam, yearParam } from "./query-params.js";

export interface VoiceQueryApiOptions {
  readonly readModels: ReadModels;
  readonly projector: ProjectorView;
  readonly verifier: TokenVerifier;
  /** The server's clock: the default `asOf` and year. */
  readonly clock?: () => Date;
  /** Longest wait for `?minPosition=` before 503 (ms). Default 5000. */
  readonly minPositionTimeoutMs?: number;
  readonly afterAuth?: readonly RequestHandler[];
}

const asOf = asOfParam.describe("ISO 8601 date-time with offset (send + as %2B): statuses as of then; default now");

/** `GET /v1/opinions?status=&unitId=&stationId=&asOf=&limit=&cursor=` */
export const opinionsQuery = readQuery({
  status: z.enum(opinionStatuses).describe("as of asOf: open (awaiting the answer, not past due), overdue, answered (awaiting the constituent), closed; default every referred opinion").optional(),
  unitId: unitIdParam.describe("only the opinions referred to this unit (a unit: its own, the default)").optional(),
  stationId: idSchema.describe("only the opinions gathered at this station (a clerk: its own, the default)").optional(),
  asOf: asOf.optional(),
  limit: watchLimitParam.describe("items per page, 1–1000; default 100").optional(),
  cursor: cursorParam.describe("the nextCursor of the previous page").optional(),
});

/** `GET /v1/stations/:id/record?year=&asOf=` */
export const stationRecordQuery = readQuery({
  year: yearParam.describe("calendar year (Asia/Shanghai), from 1949; default this year").optional(),
  asOf: asOf.optional(),
});

const sendRead = (res: Response, body: unknown): void => {
  res.setHeader("Cache-Control", "private, no-store");
  res.json(body);
};

const pathId = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

/**
 * Who reads which opinions: the office any; a unit only those referred to it, a clerk only its
 * station's (a filter naming another is 403, whether it exists or not). The filters the answer
 * is computed with.
 */
const opinionScopeOf = (principal: Principal, query: { readonly unitId?: string | undefined; readonly stationId?: string | undefined }): { unitId?: string; stationId?: string } => {
  const scope = { ...(query.unitId === undefined ? {} : { unitId: query.unitId }), ...(query.stationId === undefined ? {} : { stationId: query.stationId }) };
  if (principal.role === "unit") {
    if (query.unitId !== undefined && query.unitId !== principal.id) throw new ForbiddenError("a unit may read only the opinions referred to it");
    return { ...scope, unitId: principal.id };
  }
  if (principal.role === "clerk") {
    if (principal.stationId === undefined || (query.stationId !== undefined && query.stationId !== principal.stationId)) throw new ForbiddenError("a clerk may read only its station's opinions");
    return { ...scope, stationId: principal.stationId };
  }
  return scope;
};

/**
 * The reads of 听民意 (design/voice-and-supervision.md): the referred opinions (office; a unit
 * its own; a clerk its station), and a station's year (office, auditor, that station's clerk).
 * Computed from the `opinions` read model as of `asOf` (the list's pages kept while they hold:
 * `opinions-cache.ts`). `?minPosition=` as on every read.
 */
export const createVoiceQueryApi = (options: VoiceQueryApiOptions): Router => {
  const { readModels, projector, verifier } = options;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.minPositionTimeoutMs ?? 5000;
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? [])];
  const opinionPages = createOpinionsCache({ list: (filters) => readModels.listOpinions(filters) });
  const router = Router();

  router.get("/v1/opinions", ...authenticated, requireRole("office", "unit", "clerk"), async (req, res) => {
    const query = queryOf(opinionsQuery, req);
    const scope = opinionScopeOf(principalOf(req), query);
    const position = await catchUp(projector, res, query.minPosition, timeoutMs);
    const at = query.asOf ?? clock().toISOString();
    const page = await opinionPages.page({ ...scope, status: query.status, asOf: at, limit: query.limit, cursor: query.cursor }, position);
    res.setHeader("Cache-Control", "private, no-store");
    res.type("application/json").send(opinionsAnswerText({ asOf: at, status: query.status ?? null, ...scope }, page));
  });

  router.get("/v1/stations/:id/record", ...authenticated, requireRole("office", "auditor", "clerk"), async (req, res) => {
    const stationId = pathId(req);
    const principal = principalOf(req);
    if (principal.role === "clerk" && principal.stationId !== stationId) throw new ForbiddenError("a clerk may read only its own station's record");
    const query = queryOf(stationRecordQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const at = query.asOf ?? clock().toISOString();
    const year = query.year ?? shanghaiYearOfInstant(Date.parse(at));
    const record = await readModels.getStationRecord(stationId, year, at);
    if (record === null) throw new NotFoundError(`no station ${stationId}`);
    sendRead(res, record);
  });

  addGatheredOpinionReads(router, { readModels, projector, authenticated, clock, timeoutMs });

  const projectionLag: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (!isProjectionLagError(error) || res.headersSent) {
      next(error);
      return;
    }
    res.setHeader("Retry-After", "1");
    res.status(503).type(problemContentType).send(JSON.stringify({ type: "/problems/projection-lag", title: "Read models not caught up", status: 503, detail: error.message, wanted: error.wanted, reached: error.reached }));
  };
  router.use(projectionLag);
  return router;
};
