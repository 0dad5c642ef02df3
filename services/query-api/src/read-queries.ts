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

// The parameters several reads share, described once (the descriptions go into the OpenAPI document).
const asOf = asOfParam.describe("ISO 8601 date-time with offset (send + as %2B): the point in time asked about; default now");
const knownAt = knownAtParam.describe("ISO 8601 date-time with offset: only events recorded by then count (trust.md, known-at); default now");
const dueWithinDays = dueWithinDaysParam.describe("whole days, 0–3660: how soon a due date counts as due-soon");
const cursor = cursorParam.describe("the nextCursor of the previous page");
const rules = rulesParam.describe("a rule set, name or name@version; default the default rule set");

/** The query strings of the read routes (`createQueryApi`), as the routes parse them and the OpenAPI document describes them. */

export const recordQuery = readQuery({ year: yearParam.describe("calendar year (Asia/Shanghai), from 1949; default this year").optional() });
export const timelineQuery = readQuery({ cursor: cursor.optional(), limit: timelineLimitParam.describe("entries per page, 1–200; default 50").optional() });
export const scoresQuery = readQuery({ period: periodParam.describe("a calendar year YYYY; default the year of asOf").optional(), rules: rules.optional(), asOf: asOf.optional(), knownAt: knownAt.optional() });
export const suggestionQuery = readQuery({ asOf: asOf.optional(), knownAt: knownAt.optional(), dueWithinDays: dueWithinDays.optional() });
/** A unit's own watch list (`GET /v1/units/:id/suggestions`): the watch list's parameters but `unitId`, which is the path's. */
export const unitWatchListQuery = readQuery({
  status: watchStatusParam.describe("deadline status as of asOf; default open").optional(),
  dueWithinDays: dueWithinDays.optional(),
  asOf: asOf.optional(),
  knownAt: knownAt.optional(),
  limit: watchLimitParam.describe("items per page, 1–1000; default 100").optional(),
  cursor: cursor.optional(),
});
export type WatchListParams = z.infer<typeof unitWatchListQuery>;
export const watchListQuery = unitWatchListQuery.extend({ unitId: unitIdParam.describe("only the suggestions this unit leads or co-handles").optional() });
/** Reads that take no parameter but `minPosition`. */
export const minPositionOnlyQuery = readQuery({});

