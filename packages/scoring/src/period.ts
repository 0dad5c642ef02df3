import { TZDate } from "@date-fns/tz";
import { ValidationError } from "@duty-ledger/domain";
import { toInstant } from "./instant.js";

export const PERIOD_TIME_ZONE = "Asia/Shanghai";

const PERIOD = /^\d{4}$/;

/** A period is a calendar year, `YYYY`. */
export const isPeriod = (value: string): boolean => PERIOD.test(value);

/** Throws a ValidationError unless `value` is a period (`YYYY`). */
export const assertPeriod = (value: string): string => {
  if (!isPeriod(value)) {
    throw new ValidationError(`period must be a year YYYY: ${JSON.stringify(value)}`, {
      errors: [{ path: "period", message: "must be a year YYYY" }],
    });
  }
  return value;
};

/**
 * The scoring period of an assignment: its calendar year in Asia/Shanghai.
 * `2024-12-31T20:00:00Z` is 2025-01-01 04:00 in Shanghai, so period `"2025"`.
 */
export const periodOf = (assignedAt: string): string =>
  String(new TZDate(toInstant(assignedAt, "assignedAt"), PERIOD_TIME_ZONE).getFullYear());
