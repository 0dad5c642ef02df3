import { ValidationError } from "@duty-ledger/domain";

/** An ISO 8601 date-time with a time and an explicit offset (`Z`, `+08:00`, `+0800`). */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Milliseconds since the epoch of an ISO date-time with offset. A time without an offset
 * would be read in the machine's zone, so it is refused, as is anything unparsable.
 */
export const toInstant = (iso: string, field = "time"): number => {
  const ms = WITH_OFFSET.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ValidationError(`${field} is not an ISO 8601 date-time with offset: ${JSON.stringify(iso)}`, {
      errors: [{ path: field, message: "must be an ISO 8601 date-time with offset" }],
    });
  }
  return ms;
};

/** Code-unit order of two ids (locale-independent, so results are the same everywhere). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
