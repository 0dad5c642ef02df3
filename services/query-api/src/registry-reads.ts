import { deputyLevelSchema } from "@duty-ledger/domain";
import { principalOf, requireRole } from "@duty-ledger/http-kit";
import type { ReadModels } from "@duty-ledger/projections";
import type { RequestHandler, Response, Router } from "express";
import { z } from "zod";
import { catchUp } from "./catch-up.js";
import type { ProjectorView } from "./projector-view.js";
import { cursorParam, periodParam, queryOf, readQuery, watchLimitParam } from "./query-params.js";

const q = z.string().max(100, "must be at most 100 characters").describe("part of the name (or the id), case-insensitive");

/** `GET /v1/deputies?q=&level=&cursor=&limit=` */
export const deputiesQuery = readQuery({
  q: q.optional(),
  level: deputyLevelSchema.describe("only deputies of this level").optional(),
  cursor: cursorParam.describe("the nextCursor of the previous page").optional(),
  limit: watchLimitParam.describe("deputies per page, 1–1000; default 100").optional(),
});
/** `GET /v1/stations?q=` */
export const stationsQuery = readQuery({ q: q.optional() });
/** `GET /v1/rankings?period=` */
export const rankingsQuery = readQuery({ period: periodParam.describe("only the rankings of this year YYYY").optional() });

export interface RegistryReadsOptions {
  readonly readModels: ReadModels;
  readonly projector: ProjectorView;
  /** Authentication and the per-subject middleware of the query API. */
  readonly authenticated: readonly RequestHandler[];
  readonly timeoutMs: number;
}

const sendRead = (res: Response, body: unknown): void => {
  res.setHeader("Cache-Control", "private, no-store");
  res.json(body);
};

/**
 * Added to api-v1: the registries and the published rankings listed, for the office's and the
 * auditor's desks (a name chosen from a list, never an id typed): the registered deputies
 * (searchable by name, of a level, paged), the contact stations and the published rankings
 * (newest first). Office and auditor, and the deputies' public fields for every other role (a
 * deputy's co-signers, a reception's deputies, the deputies leading a unit's suggestions); least
 * privilege otherwise: a published ranking by its id.
 */
export const addRegistryReads = (router: Router, options: RegistryReadsOptions): void => {
  const { readModels, projector, timeoutMs } = options;
  const overseers = [...options.authenticated, requireRole("office", "auditor")];

  // Deputies are public persons: a deputy searches the registry to name co-signers, a clerk the
  // deputies receiving at a reception, a unit reads who leads the suggestions it handles; each
  // sees of a deputy only the public fields (id, name, level, station); the office and the
  // auditor see all.
  router.get("/v1/deputies", ...options.authenticated, requireRole("office", "auditor", "deputy", "clerk", "unit"), async (req, res) => {
    const query = queryOf(deputiesQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    const page = await readModels.listDeputies({ q: query.q, level: query.level, cursor: query.cursor, limit: query.limit });
    const role = principalOf(req).role;
    if (role === "office" || role === "auditor") {
      sendRead(res, page);
      return;
    }
    sendRead(res, { deputies: page.deputies.map(({ deputyId, name, level, stationId }) => ({ deputyId, name, level, stationId })), nextCursor: page.nextCursor });
  });

  router.get("/v1/stations", ...overseers, async (req, res) => {
    const query = queryOf(stationsQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    sendRead(res, { stations: await readModels.listStations(query.q) });
  });

  router.get("/v1/rankings", ...overseers, async (req, res) => {
    const query = queryOf(rankingsQuery, req);
    await catchUp(projector, res, query.minPosition, timeoutMs);
    sendRead(res, { period: query.period ?? null, rankings: await readModels.listRankings(query.period) });
  });
};
