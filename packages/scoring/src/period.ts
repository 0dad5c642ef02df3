import { shanghaiYearOfInstant, ValidationError } from "@duty-ledger/domain";
import { toInstant } from "./instant.js";

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
 * The scoring period of an assignment: its calendar year in Asia/Shanghai (domain's
 * `shanghaiYearOfInstant`). `2024-12-31T20:00:00Z` is 2025-01-01 04:00 in Shanghai, so
 * period `"2025"`. A ValidationError (field `assignedAt`) for a time without an offset.
 */
export const periodOf = (assignedAt: string): string => String(shanghaiYearOfInstant(toInstant(assignedAt, "assignedAt")));
