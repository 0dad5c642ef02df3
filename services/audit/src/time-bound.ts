import { ValidationError } from "@duty-ledger/domain";

/**
 * Times an auditor types: an ISO 8601 date-time with offset (`2024-06-30T18:00:00+08:00`,
 * `…Z`), or a calendar date `YYYY-MM-DD` read in Asia/Shanghai — the start of the day for a
 * lower bound, its last millisecond for an upper bound.
 */

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type BoundSide = "start" | "end";

const invalid = (field: string, value: string): ValidationError =>
  new ValidationError(`${field} must be an ISO 8601 date-time with offset or a date YYYY-MM-DD: ${JSON.stringify(value)}`, {
    errors: [{ path: field, message: "must be an ISO 8601 date-time with offset or a date YYYY-MM-DD" }],
  });

/** The time as an ISO string with offset (a date becomes its start or end in Shanghai). */
export const normaliseTime = (value: string, side: BoundSide, field: string): string => {
  const date = DATE.exec(value);
  if (date !== null) {
    const iso = side === "start" ? `${value}T00:00:00.000+08:00` : `${value}T23:59:59.999+08:00`;
    const ms = Date.parse(iso);
    // Date.parse rolls 2024-02-30 over; a real date reads back the same day.
    const back = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    if (!Number.isFinite(ms) || back !== value) throw invalid(field, value);
    return iso;
  }
  if (!WITH_OFFSET.test(value) || !Number.isFinite(Date.parse(value))) throw invalid(field, value);
  return value;
};

/** Milliseconds since the epoch of `normaliseTime(value, side, field)`. */
export const parseTimeBound = (value: string, side: BoundSide, field: string): number => Date.parse(normaliseTime(value, side, field));
