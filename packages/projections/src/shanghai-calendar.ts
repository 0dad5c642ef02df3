import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";

/**
 * Calendar years in Asia/Shanghai, the zone of every period and duty year of the ledger.
 * Projections call `shanghaiYearOf` once per event during a rebuild, so the year's bounds
 * are computed with TZDate once per year and cached (a TZDate per call would cost several
 * microseconds); the answer is the same as `new TZDate(instant, zone).getFullYear()`.
 */
export const SHANGHAI = "Asia/Shanghai";

const yearStarts = new Map<number, number>();

/** The instant (ms) at which calendar year `year` begins in Shanghai. */
export const shanghaiYearStart = (year: number): number => {
  let start = yearStarts.get(year);
  if (start === undefined) {
    start = new TZDate(year, 0, 1, SHANGHAI).getTime();
    yearStarts.set(year, start);
  }
  return start;
};

/** The Shanghai calendar year of an instant (ms since the epoch). */
export const shanghaiYearOfInstant = (ms: number): number => {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
  let year = new Date(ms).getUTCFullYear();
  while (ms < shanghaiYearStart(year)) year -= 1;
  while (ms >= shanghaiYearStart(year + 1)) year += 1;
  return year;
};

/** The Shanghai calendar year of an ISO 8601 date-time with offset. */
export const shanghaiYearOf = (iso: string): number => shanghaiYearOfInstant(Date.parse(iso));

/** `YYYY-MM-DD` of an instant in Shanghai. */
export const shanghaiDate = (ms: number): string => {
  const date = new TZDate(ms, SHANGHAI);
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** Calendar days from `fromMs` to `toMs`, both counted, in Shanghai (1 when the same day). */
export const shanghaiDaysInclusive = (fromMs: number, toMs: number): number =>
  differenceInCalendarDays(new TZDate(toMs, SHANGHAI), new TZDate(fromMs, SHANGHAI)) + 1;
