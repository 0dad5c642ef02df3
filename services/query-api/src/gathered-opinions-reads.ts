import { ForbiddenError, NotFoundError, shanghaiYearOfInstant } from "@duty-ledger/domain";
import { principalOf, requireRole } from "@duty-ledger/http-kit";
import type { GatheredOpinionFilters, GatheredOpinionPage, ReadModels } from "@duty-ledger/projections";
import type { Request, RequestHandler, Response, Router } from "express";
import { z } from "zod";
import { catchUp } from "./catch-up.js";
import type { ProjectorView } from "./projector-view.js";
import { asOfParam, cursorParam, queryOf, readQuery, watchLimitParam, yearParam } from "./query-params.js";

/** `GET /v1/stations/:id/opinions` and `GET /v1/deputies/:id/opinions`: `?year=&referred=&asOf=&limit=&cursor=` */
export const gatheredOpinionsQuery = readQuery({
  year: yearParam.describe("the contacts' calendar year (Asia/Shanghai), from 1949; default the year of asOf").optional(),
  referred: z.enum(["true", "false"]).describe("false: only the opinions not referred to a unit as of asOf; true: only those referred; default both").optional(),
  asOf: asOfParam.describe("ISO 8601 date-time with offset (send + as %2B): contacts, confirmations and referrals as of then; default now").optional(),
  limit: watchLimitParam.describe("opinions per page, 1–1000; default 100").optional(),
  cursor: cursorParam.describe("the nextCursor of the previous page").optional(),
});

export interface GatheredOpinionReadsOptions {
  readonly readModels: ReadModels;
  readonly projector: ProjectorView;
  /** Authentication and the per-subject middleware. */
  readonly authenticated: readonly RequestHandler[];
  readonly clock: () => Date;
  readonly timeoutMs: number;
}

const pathId = (req: Request): string => {
  const id = req.params["id"];
  if (typeof id !== "string" || id.length === 0) throw new NotFoundError("no such entity");
  return id;
};

const send = (res: Response, scope: { stationId: string } | { deputyId: string }, filters: GatheredOpinionFilters, page: GatheredOpinionPage): void => {
  res.setHeader("Cache-Control", "private, no-store");
  res.json({ ...scope, year: filters.year, asOf: filters.asOf, referred: filters.referred ?? null, items: page.items, nextCursor: page.nextCursor });
};

/**
 * The opinions gathered at contacts, referred or not, for the desks that pick them (added to
 * design/voice-and-supervision.md): a station's (the office; its own clerk, who refers those not
 * yet referred) and a deputy's (the office; the deputy itself, only the contacts where its part
 * counts, to cite them in a suggestion's `sourceOpinionIds`). Permission before existence: a
 * clerk asking for another station, a deputy for another deputy, 403 whether it exists or not.
 * Auditors read no opinion's text (as `GET /v1/opinions`).
 */
export const addGatheredOpinionReads = (router: Router, options: GatheredOpinionReadsOptions): void => {
  const { readModels, projector, clock, timeoutMs } = options;

  const filtersOf = async (req: Request, res: Response): Promise<GatheredOpinionFilters> => {
    const query = queryOf(gatheredOpinionsQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const asOf = query.asOf ?? clock().toISOString();
    return {
      year: query.year ?? shanghaiYearOfInstant(Date.parse(asOf)),
      asOf,
      referred: query.referred === undefined ? undefined : query.referred === "true",
      limit: query.limit,
      cursor: query.cursor,
    };
  };

  router.get("/v1/stations/:id/opinions", ...options.authenticated, requireRole("office", "clerk"), async (req, res) => {
    const stationId = pathId(req);
    const principal = principalOf(req);
    if (principal.role === "clerk" && principal.stationId !== stationId) throw new ForbiddenError("a clerk may read only its own station's opinions");
    const filters = await filtersOf(req, res);
    const page = await readModels.listStationOpinions(stationId, filters);
    if (page === null) throw new NotFoundError(`no station ${stationId}`);
    send(res, { stationId }, filters, page);
  });

  router.get("/v1/deputies/:id/opinions", ...options.authenticated, requireRole("office", "deputy"), async (req, res) => {
    const deputyId = pathId(req);
    const principal = principalOf(req);
    if (principal.role === "deputy" && principal.id !== deputyId) throw new ForbiddenError("a deputy may read only the opinions of contacts it was at");
    const filters = await filtersOf(req, res);
    const page = await readModels.listDeputyOpinions(deputyId, filters);
    if (page === null) throw new NotFoundError(`no deputy ${deputyId}`);
    send(res, { deputyId }, filters, page);
  });
};
