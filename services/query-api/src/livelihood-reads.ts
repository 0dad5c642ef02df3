import { NotFoundError, shanghaiYearOfInstant } from "@duty-ledger/domain";
import { authenticate, principalOf, problemContentType, requireRole, type TokenVerifier } from "@duty-ledger/http-kit";
import type { ReadModels } from "@duty-ledger/projections";
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { catchUp, isProjectionLagError } from "./catch-up.js";
import { requireOverseerOrSelf } from "./read-access.js";
import type { ProjectorView } from "./projector-view.js";
import { asOfParam, queryOf, readQuery, yearParam } from "./query-params.js";

export interface LivelihoodQueryApiOptions {
  readonly readModels: ReadModels;
  readonly projector: ProjectorView;
  readonly verifier: TokenVerifier;
  /** The server's clock: the default `asOf` and year. */
  readonly clock?: () => Date;
  /** Longest wait for `?minPosition=` before 503 (ms). Default 5000. */
  readonly minPositionTimeoutMs?: number;
  readonly afterAuth?: readonly RequestHandler[];
}

/** `GET /v1/livelihood/programmes/:id?asOf=` */
export const livelihoodProgrammeQuery = readQuery({ asOf: asOfParam.describe("ISO 8601 date-time with offset: milestones overdue as of then, progress reported by then; default now").optional() });
/** `GET /v1/units/:id/livelihood-projects?asOf=` */
export const unitLivelihoodProjectsQuery = readQuery({ asOf: asOfParam.describe("ISO 8601 date-time with offset: milestones overdue as of then, progress reported by then; default now").optional() });
/** `GET /v1/livelihood/programmes?year=` */
export const livelihoodProgrammesQuery = readQuery({ year: yearParam.describe("the programmes' year; default this year (Asia/Shanghai)").optional() });

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
 * The reads of 民生实事项目票决 (design/livelihood.md), any role: a programme with its result and
 * projects (`livelihood-view.ts` of the projections), and the programmes of a year. No answer
 * links a ballot to a deputy. A unit's own projects (`/v1/units/:id/livelihood-projects`): the
 * office, auditors and that unit (403 for any other). `?minPosition=` as on every read (503 when not reached in time).
 */
export const createLivelihoodQueryApi = (options: LivelihoodQueryApiOptions): Router => {
  const { readModels, projector, verifier } = options;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.minPositionTimeoutMs ?? 5000;
  const authenticated = [authenticate(verifier), ...(options.afterAuth ?? []), requireRole("office", "deputy", "unit", "clerk", "auditor")];
  const router = Router();

  router.get("/v1/livelihood/programmes/:id", ...authenticated, async (req, res) => {
    const programmeId = pathId(req);
    const query = queryOf(livelihoodProgrammeQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const view = await readModels.getLivelihoodProgramme(programmeId, query.asOf ?? clock().toISOString());
    if (view === null) throw new NotFoundError(`no livelihood programme ${programmeId}`);
    sendRead(res, view);
  });

  router.get("/v1/livelihood/programmes", ...authenticated, async (req, res) => {
    const query = queryOf(livelihoodProgrammesQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const year = query.year ?? shanghaiYearOfInstant(clock().getTime());
    sendRead(res, { year, programmes: await readModels.listLivelihoodProgrammes(year) });
  });

  // A unit sees the projects it is responsible for; an unknown unit is not 404: its list is empty.
  router.get("/v1/units/:id/livelihood-projects", authenticate(verifier), ...(options.afterAuth ?? []), requireRole("office", "auditor", "unit"), async (req, res) => {
    const unitId = pathId(req);
    requireOverseerOrSelf(principalOf(req), "unit", unitId, "livelihood projects");
    const query = queryOf(unitLivelihoodProjectsQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const asOf = query.asOf ?? clock().toISOString();
    sendRead(res, { unitId, asOf, projects: await readModels.listUnitLivelihoodProjects(unitId, asOf) });
  });

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
