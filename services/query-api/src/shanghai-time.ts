import { shanghaiYearOfInstant } from "@duty-ledger/projections";

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * An instant as ISO 8601 in Shanghai time, `2024-03-01T09:30:00.000+08:00`. China keeps
 * UTC+8 all year (no daylight saving since 1991), so the offset is fixed.
 */
export const shanghaiIso = (instant: Date): string => {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("not a valid instant");
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
};

/** The Shanghai calendar year of an ISO 8601 date-time with offset (already validated). */
export const shanghaiYearOfIso = (iso: string): number => shanghaiYearOfInstant(Date.parse(iso));
