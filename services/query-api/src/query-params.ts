import { ValidationError, idSchema, isoDateTimeSchema } from "@duty-ledger/domain";
import { fieldErrorsOf } from "@duty-ledger/http-kit";
import { watchStatuses } from "@duty-ledger/projections";
import type { Request } from "express";
import { z } from "zod";

/**
 * The query strings of the read endpoints, as zod schemas. Every value arrives as a string;
 * numbers must be plain digits (no `1e2`, no sign), a repeated parameter is refused, and
 * unknown parameters are refused (400), so a misspelt one is never silently ignored.
 * An empty value (`?cursor=`) counts as absent.
 */

/** A non-negative integer written in digits, within [min, max]. */
export const integerParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, "must be an integer written in digits")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** `?minPosition=`: the global log position the read models must have reached. */
export const minPositionParam = integerParam(0, Number.MAX_SAFE_INTEGER);

/** `?asOf=`: ISO 8601 date-time with offset (`Z` or `+08:00`; `+` must be sent as `%2B`). */
export const asOfParam = isoDateTimeSchema;

/**
 * `?knownAt=`: ISO 8601 date-time with offset; only events recorded (`recordedAt`) at or before
 * it count (trust.md, "Known-at"). Default: now.
 */
export const knownAtParam = isoDateTimeSchema;

/** `?period=`: a calendar year `YYYY` (Asia/Shanghai). */
export const periodParam = z.string().regex(/^\d{4}$/, "must be a year YYYY");

/** `?year=`: a calendar year (Asia/Shanghai) from 1949. */
export const yearParam = z
  .string()
  .regex(/^\d{4}$/, "must be a year YYYY")
  .transform(Number)
  .pipe(z.number().int().min(1949, "must be 1949 or later"));

/** `?rules=`: a rule set reference, `name` or `name@version` (resolved by the registry). */
export const rulesParam = z.string().regex(/^[A-Za-z0-9._-]{1,64}(@\d{1,9})?$/, "must be a rule set name or name@version");

/** `?limit=` of the timeline: 1–200. */
export const timelineLimitParam = integerParam(1, 200);

/** `?limit=` of the watch list: 1–1000. */
export const watchLimitParam = integerParam(1, 1000);

/** `?dueWithinDays=`: whole days, 0–3660. */
export const dueWithinDaysParam = integerParam(0, 3660);

/** An opaque paging cursor, as handed out in `nextCursor`. */
export const cursorParam = z.string().max(512, "is not a cursor of this list");

export const watchStatusParam = z.enum(watchStatuses);

export const unitIdParam = idSchema;

/** A strict query schema with `minPosition` added (every read endpoint takes it). */
export const readQuery = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ ...shape, minPosition: minPositionParam.describe("a log position (a write's `position`): wait until the read models reach it, else 503").optional() });

/** The query string of `req` parsed by `schema`; 400 (ValidationError naming each bad parameter) otherwise. */
export const queryOf = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> => {
  const present = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, value]) => value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const errors = fieldErrorsOf(result.error).map((error) =>
      error.message.startsWith("Invalid input: expected string, received array")
        ? { path: error.path, message: "must be given once" }
        : error,
    );
    throw new ValidationError(`invalid query string: ${errors.map((e) => e.path).join(", ")}`, { errors });
  }
  return result.data;
};
