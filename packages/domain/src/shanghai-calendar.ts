import { TZDate } from "@date-fns/tz";

/**
 * The Asia/Shanghai calendar of the ledger (duty years, scoring periods, dates of the deputy
 * record, the generator's simulated time): the one place where instants become Shanghai years,
 * dates and wall-clock times and back. Instants are milliseconds since the epoch.
 *
 * China has kept UTC+8 all year since its last daylight saving time ended on 1991-09-15, so
 * from 1992-01-01T00:00:00+08:00 (`SHANGHAI_FIXED_OFFSET_SINCE`) on, everything is plain
 * arithmetic on a fixed +08:00 offset (no `TZDate`, no allocation but a `Date` for the
 * fields). Earlier instants — the summers of 1986–1991 and of the 1940s were UTC+9 — take the
 * exact but slow path through `TZDate` of `@date-fns/tz`, so every answer is that of `TZDate`
 * for the zone at any date (before 1901 the zone's local mean time, +08:05:43, applies).
 */

export const SHANGHAI_TIME_ZONE = "Asia/Shanghai";

/** UTC+8, the offset of Shanghai since 1992 (and outside daylight saving time before). */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DAY_MS = 86_400_000;

/** 1992-01-01T00:00:00+08:00: from this instant on, Shanghai is always at +08:00. */
export const SHANGHAI_FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1) - SHANGHAI_OFFSET_MS;

/** The same moment as a wall-clock time (the UTC fields of a millisecond count). */
const FIXED_WALL_SINCE = SHANGHAI_FIXED_OFFSET_SINCE + SHANGHAI_OFFSET_MS;

/** The range of ECMAScript dates, kept one day inside so that a wall-clock time is a date too. */
const MAX_INSTANT = 8.64e15 - DAY_MS;

/** The wall-clock time of `ms` in Shanghai, as the UTC fields of a millisecond count. */
const wallOf = (ms: number): number => {
  if (ms >= SHANGHAI_FIXED_OFFSET_SINCE && ms <= MAX_INSTANT) return ms + SHANGHAI_OFFSET_MS;
  if (!(ms >= -MAX_INSTANT && ms <= MAX_INSTANT)) throw new RangeError(`not an instant: ${ms}`);
  const local = new TZDate(ms, SHANGHAI_TIME_ZONE);
  return utcFields(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
  );
};

/** `Date.UTC` without its mapping of the years 0–99 to 1900–1999. */
const utcFields = (year: number, monthIndex: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number => {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.setUTCHours(hours, minutes, seconds, ms);
};

/** The instant of a Shanghai wall-clock time (for the slow path, as `TZDate` resolves it). */
const instantOfWall = (wall: number): number => {
  if (wall >= FIXED_WALL_SINCE && wall <= MAX_INSTANT) return wall - SHANGHAI_OFFSET_MS;
  if (!(wall >= -MAX_INSTANT && wall <= MAX_INSTANT)) throw new RangeError(`not a wall-clock time: ${wall}`);
  const fields = new Date(wall);
  const local = new TZDate(0, SHANGHAI_TIME_ZONE);
  local.setFullYear(fields.getUTCFullYear(), fields.getUTCMonth(), fields.getUTCDate());
  local.setHours(fields.getUTCHours(), fields.getUTCMinutes(), fields.getUTCSeconds(), fields.getUTCMilliseconds());
  return local.getTime();
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
const padYear = (year: number): string => (year >= 1000 ? String(year) : String(year).padStart(4, "0"));

const dateOfWall = (wall: Date): string => `${padYear(wall.getUTCFullYear())}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}`;

/** An ISO 8601 date-time that names its offset: `…T…Z`, `…T…+08:00`, `…T…+0800`, `…T…-05`. */
const WITH_OFFSET = /T[\d:.,]+(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * The instant of an ISO 8601 date-time with an offset (`Z`, `+08:00`, …). RangeError for
 * anything else: a time without an offset would be read in the machine's zone.
 */
export const instantOfIso = (iso: string): number => {
  const ms = WITH_OFFSET.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO 8601 date-time with offset: ${JSON.stringify(iso)}`);
  return ms;
};

/** The Shanghai calendar year of an instant. */
export const shanghaiYearOfInstant = (ms: number): number => new Date(wallOf(ms)).getUTCFullYear();

/**
 * The Shanghai calendar year of an ISO 8601 date-time with offset:
 * `2024-12-31T16:00:00Z` is 2025-01-01 00:00 in Shanghai, so 2025.
 */
export const shanghaiYearOf = (iso: string): number => shanghaiYearOfInstant(instantOfIso(iso));

/** The Shanghai calendar date `YYYY-MM-DD` of an instant. */
export const shanghaiDateOf = (ms: number): string => dateOfWall(new Date(wallOf(ms)));

/** 0 = Sunday … 6 = Saturday, in Shanghai. */
export const shanghaiWeekdayOf = (ms: number): number => new Date(wallOf(ms)).getUTCDay();

/**
 * An instant as ISO 8601 in Shanghai time with its offset (`+08:00`; `+09:00` in the daylight
 * saving times before 1992): `2024-03-01T09:30:00.000+08:00`, or to the second with
 * `"second"`: `2024-03-01T09:30:00+08:00` (milliseconds dropped). The text names the same
 * instant (to the second, for `"second"`). Refused (RangeError): instants before 1901, when the
 * zone's offset was not a whole number of minutes.
 */
export const shanghaiIsoOf = (ms: number, precision: "millisecond" | "second" = "millisecond"): string => {
  const wall = wallOf(ms);
  const offsetMinutes = (wall - ms) / 60_000;
  if (!Number.isInteger(offsetMinutes)) throw new RangeError(`no ISO 8601 offset for Shanghai local mean time: ${ms}`);
  const at = new Date(wall);
  const offset =
    offsetMinutes === 480 ? "+08:00" : `${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad2(Math.abs(offsetMinutes) % 60)}`;
  const time = `${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}:${pad2(at.getUTCSeconds())}`;
  return precision === "second"
    ? `${dateOfWall(at)}T${time}${offset}`
    : `${dateOfWall(at)}T${time}.${pad3(at.getUTCMilliseconds())}${offset}`;
};

/** The first instant of the Shanghai day of an instant (local midnight). */
export const shanghaiDayStart = (ms: number): number => instantOfWall(Math.floor(wallOf(ms) / DAY_MS) * DAY_MS);

/** The first instant of 1 January of `year` in Shanghai. */
export const shanghaiYearStart = (year: number): number => {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
  return instantOfWall(utcFields(year, 0, 1));
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first instant (local midnight) of a Shanghai calendar date `YYYY-MM-DD`; RangeError unless a real date. */
export const shanghaiDateStart = (date: string): number => {
  const match = DATE.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = utcFields(year, month - 1, day);
  if (dateOfWall(new Date(wall)) !== date) throw new RangeError(`not a real calendar date: ${JSON.stringify(date)}`);
  return instantOfWall(wall);
};

/** Calendar days from `fromMs` to `toMs` in Shanghai, both counted: 1 on the same day, 0 the day before. */
export const shanghaiDaysInclusive = (fromMs: number, toMs: number): number =>
  Math.floor(wallOf(toMs) / DAY_MS) - Math.floor(wallOf(fromMs) / DAY_MS) + 1;

/**
 * The same Shanghai date and wall-clock time `years` later (earlier when negative), as `Date`
 * counts: 29 February becomes 1 March in a common year.
 */
export const addShanghaiYears = (ms: number, years: number): number => {
  const wall = new Date(wallOf(ms));
  wall.setUTCFullYear(wall.getUTCFullYear() + years);
  return instantOfWall(wall.getTime());
};
