/**
 * Simulated time for the generator: instants are epoch milliseconds, calendars are Asia/Shanghai
 * (a fixed +08:00 offset: no daylight saving since 1991), and every time the generator writes
 * is ISO 8601 with that offset, to the second: `2024-03-01T09:30:00+08:00`.
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 8 * HOUR_MS;

/** Working hours of offices and units, minutes after local midnight. */
const WORK_START_MIN = 8 * 60 + 30;
const WORK_END_MIN = 17 * 60 + 30;
const WORK_DAY_MS = (WORK_END_MIN - WORK_START_MIN) * MINUTE_MS;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Rounds down to the whole second (every simulated time is a whole second). */
export const toSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;

/** `YYYY-MM-DDTHH:mm:ss+08:00` for an instant. */
export const toShanghaiIso = (ms: number): string => {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+08:00`;
};

/** `YYYY-MM-DD` (the Shanghai calendar date of an instant). */
export const toShanghaiDate = (ms: number): string => toShanghaiIso(ms).slice(0, 10);

/** The instant of local midnight of a `YYYY-MM-DD` date in Shanghai. */
export const shanghaiMidnight = (date: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day) - OFFSET_MS;
  if (toShanghaiDate(ms) !== date) throw new RangeError(`not a real calendar date: ${date}`);
  return ms;
};

/** Local midnight of the day of an instant. */
export const startOfShanghaiDay = (ms: number): number => Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;

/** Local midnight of 1 January of a year. */
export const startOfShanghaiYear = (year: number): number => Date.UTC(year, 0, 1) - OFFSET_MS;

/** The Shanghai calendar year of an instant. */
export const shanghaiYear = (ms: number): number => new Date(ms + OFFSET_MS).getUTCFullYear();

/** The same local date and time `years` later (29 February becomes 1 March). */
export const addYears = (ms: number, years: number): number => {
  const d = new Date(ms + OFFSET_MS);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime() - OFFSET_MS;
};

/** 0 = Sunday … 6 = Saturday, local. */
export const shanghaiWeekday = (ms: number): number => new Date(ms + OFFSET_MS).getUTCDay();

export const isWeekend = (ms: number): boolean => {
  const day = shanghaiWeekday(ms);
  return day === 0 || day === 6;
};

const minuteOfDay = (ms: number): number => Math.floor((ms - startOfShanghaiDay(ms)) / MINUTE_MS);

/**
 * The first working instant at or after `ms` (Monday–Friday, 08:30–17:30): an instant out of
 * hours moves to the next opening, plus `jitterMs` so that moved events do not all coincide.
 */
export const nextWorkingTime = (ms: number, jitterMs = 0): number => {
  let day = startOfShanghaiDay(ms);
  const minute = minuteOfDay(ms);
  let result = ms;
  if (minute >= WORK_END_MIN) {
    day += DAY_MS;
    result = day + WORK_START_MIN * MINUTE_MS + jitterMs;
  } else if (minute < WORK_START_MIN) {
    result = day + WORK_START_MIN * MINUTE_MS + jitterMs;
  }
  while (isWeekend(day)) {
    day += DAY_MS;
    result = day + WORK_START_MIN * MINUTE_MS + jitterMs;
  }
  return toSecond(result);
};

/** The last working instant at or before `ms` (the mirror of `nextWorkingTime`). */
export const previousWorkingTime = (ms: number, jitterMs = 0): number => {
  let day = startOfShanghaiDay(ms);
  const minute = minuteOfDay(ms);
  let result = ms;
  if (minute < WORK_START_MIN) {
    day -= DAY_MS;
    result = day + WORK_END_MIN * MINUTE_MS - jitterMs;
  } else if (minute >= WORK_END_MIN) {
    result = day + WORK_END_MIN * MINUTE_MS - jitterMs;
  }
  while (isWeekend(day)) {
    day -= DAY_MS;
    result = day + WORK_END_MIN * MINUTE_MS - jitterMs;
  }
  return toSecond(result);
};

/** `start` plus `workMs` of working time (08:30–17:30 on weekdays). */
export const addWorkingTime = (start: number, workMs: number): number => {
  let at = nextWorkingTime(start);
  let remaining = workMs;
  for (;;) {
    const closing = startOfShanghaiDay(at) + WORK_END_MIN * MINUTE_MS;
    if (at + remaining < closing) return toSecond(at + remaining);
    remaining -= closing - at;
    at = nextWorkingTime(closing);
  }
};

/** A random instant inside the working hours of the day of `dayMs` (moved to Monday on weekends). */
export const workingTimeOnDay = (dayMs: number, fraction: number): number =>
  nextWorkingTime(startOfShanghaiDay(dayMs) + WORK_START_MIN * MINUTE_MS + Math.floor(fraction * WORK_DAY_MS));

/** Working days (Monday–Friday) after `ms`, keeping the time of day. */
export const addWorkingDays = (ms: number, days: number): number => {
  let at = ms;
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    if (!isWeekend(at)) left--;
  }
  return at;
};
