import {
  asOfParam,
  cursorParam,
  dueWithinDaysParam,
  knownAtParam,
  periodParam,
  readQuery,
  rulesParam,
  timelineLimitParam,
  unitIdParam,
  watchLimitParam,
  watchStatusParam,
  yearParam,
} from "./query-params.js";
import type { z } from "zod";

/** The query strings of the read routes (`createQueryApi`), as the routes parse them and the OpenAPI document describes them. */

export const recordQuery = readQuery({ year: yearParam.optional() });
export const timelineQuery = readQuery({ cursor: cursorParam.optional(), limit: timelineLimitParam.optional() });
export const scoresQuery = readQuery({ period: periodParam.optional(), rules: rulesParam.optional(), asOf: asOfParam.optional(), knownAt: knownAtParam.optional() });
export const suggestionQuery = readQuery({ asOf: asOfParam.optional(), knownAt: knownAtParam.optional(), dueWithinDays: dueWithinDaysParam.optional() });
/** A unit's own watch list (`GET /v1/units/:id/suggestions`): the watch list's parameters but `unitId`, which is the path's. */
export const unitWatchListQuery = readQuery({
  status: watchStatusParam.optional(),
  dueWithinDays: dueWithinDaysParam.optional(),
  asOf: asOfParam.optional(),
  knownAt: knownAtParam.optional(),
  limit: watchLimitParam.optional(),
  cursor: cursorParam.optional(),
});
export type WatchListParams = z.infer<typeof unitWatchListQuery>;
export const watchListQuery = unitWatchListQuery.extend({ unitId: unitIdParam.optional() });
/** Reads that take no parameter but `minPosition`. */
export const minPositionOnlyQuery = readQuery({});

