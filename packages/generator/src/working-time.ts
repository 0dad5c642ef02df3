import { shanghaiDayStart, shanghaiWeekdayOf } from "@duty-ledger/domain";

/**
 * Simulated working time for the generator: instants are epoch milliseconds, the calendar is
 * domain's Asia/Shanghai one (`shanghaiDayStart`, `shanghaiIsoOf`, …), and every time the
 * generator writes is ISO 8601 with the +08:00 offset, to the second:
 * `shanghaiIsoOf(ms, "second")` = `2024-03-01T09:30:00+08:00`. Working hours are counted in
 * days of 24 hours, as Shanghai's are since 1992 (generated histories start later).
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Working hours of offices and units, minutes after local midnight. */
const WORK_START_MIN = 8 * 60 + 30;
const WORK_END_MIN = 17 * 60 + 30;
const WORK_DAY_MS = (WORK_END_MIN - WORK_START_MIN) * MINUTE_MS;

/** Rounds down to the whole second (every simulated time is a whole second). */
export const toSecond = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;

/** Saturday or Sunday in Shanghai. */
export const isWeekend = (ms: number): boolean => {
  const day = shanghaiWeekdayOf(ms);
  return day === 0 || day === 6;
};

const minuteOfDay = (ms: number): number => Math.floor((ms - shanghaiDayStart(ms)) / MINUTE_MS);

/**
 * The first working instant at or after `ms` (Monday–Friday, 08:30–17:30): an instant out of
 * hours moves to the next opening, plus `jitterMs` so that moved events do not all coincide.
 */
export const nextWorkingTime = (ms: number, jitterMs = 0): number => {
  let day = shanghaiDayStart(ms);
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
  let day = shanghaiDayStart(ms);
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
    const closing = shanghaiDayStart(at) + WORK_END_MIN * MINUTE_MS;
    if (at + remaining < closing) return toSecond(at + remaining);
    remaining -= closing - at;
    at = nextWorkingTime(closing);
  }
};

/** A random instant inside the working hours of the day of `dayMs` (moved to Monday on weekends). */
export const workingTimeOnDay = (dayMs: number, fraction: number): number =>
  nextWorkingTime(shanghaiDayStart(dayMs) + WORK_START_MIN * MINUTE_MS + Math.floor(fraction * WORK_DAY_MS));

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
