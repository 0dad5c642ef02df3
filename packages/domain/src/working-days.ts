import { z } from "zod";
import { isoDateSchema } from "./primitives.js";
import { instantOfIso, shanghaiDateOf, shanghaiDateStart, shanghaiIsoOf, shanghaiWeekdayOf } from "./shanghai-calendar.js";

/**
 * Working days of the Asia/Shanghai calendar: Monday to Friday, less the statutory holidays
 * (放假) and plus the adjusted working days (调休上班, a Saturday or Sunday worked). The holidays
 * are DATA: one file per year (`holidayYearSchema`), the built-in ones (`builtInHolidayYears`)
 * and any a deployment supplies (`<dataDir>/holidays/*.json`, read by the shell); a year without
 * a file counts Monday–Friday only. Deadlines in working days are the END of the due working day
 * in Shanghai (`23:59:59.999+08:00`), as the deadline policies' are.
 */

export const holidayYearSchema = z.strictObject({
  year: z.int().min(1992).max(2200),
  /** Where the dates come from (the State Council's notice). */
  source: z.string().min(1).max(500),
  /** Days off (a weekday among them is no working day). */
  holidays: z.array(isoDateSchema).max(366),
  /** Saturdays and Sundays worked (调休): working days. */
  workdays: z.array(isoDateSchema).max(366),
});
export type HolidayYear = z.infer<typeof holidayYearSchema>;

/** The calendar the working days are counted in: dates `YYYY-MM-DD` (Shanghai). */
export interface WorkingCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/** Monday–Friday, no holiday. */
export const weekdaysOnly: WorkingCalendar = { holidays: new Set(), workdays: new Set() };

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025): 元旦
 * 1–3 Jan (4 Jan worked); 春节 15–23 Feb (14 and 28 Feb worked); 清明 4–6 Apr; 劳动节 1–5 May
 * (9 May worked); 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct (20 Sep and 10 Oct worked).
 */
export const china2026Holidays: HolidayYear = {
  year: 2026,
  source: "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)",
  holidays: [
    "2026-01-01", "2026-01-02", "2026-01-03",
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-04-04", "2026-04-05", "2026-04-06",
    "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
    "2026-06-19", "2026-06-20", "2026-06-21",
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
  ],
  workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
};

/** The holiday years the ledger ships. */
export const builtInHolidayYears: readonly HolidayYear[] = [china2026Holidays];

/**
 * One calendar from holiday years: a later file of the same year replaces an earlier one (a
 * deployment's file replaces the built-in year).
 */
export const workingCalendarOf = (years: readonly HolidayYear[]): WorkingCalendar => {
  const byYear = new Map<number, HolidayYear>();
  for (const year of years) byYear.set(year.year, year);
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const year of byYear.values()) {
    for (const date of year.holidays) holidays.add(date);
    for (const date of year.workdays) workdays.add(date);
  }
  return { holidays, workdays };
};

/** The built-in years only. */
export const defaultWorkingCalendar = (): WorkingCalendar => workingCalendarOf(builtInHolidayYears);

const DAY_MS = 86_400_000;

/** Whether the Shanghai date of the instant `ms` is a working day. */
export const isWorkingDayAt = (ms: number, calendar: WorkingCalendar): boolean => {
  const date = shanghaiDateOf(ms);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = shanghaiWeekdayOf(ms);
  return weekday !== 0 && weekday !== 6;
};

/**
 * The end (`23:59:59.999+08:00`) of the `days`-th working day after the Shanghai date of `from`
 * (ISO 8601 with offset): 15 working days after a Friday referral end with the third Thursday
 * after it, holidays skipped.
 */
export const workingDaysDue = (from: string, days: number, calendar: WorkingCalendar): string => {
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new RangeError(`not a number of working days: ${days}`);
  // Noon of each date: never near a day's edge.
  let day = shanghaiDateStart(shanghaiDateOf(instantOfIso(from))) + DAY_MS / 2;
  let counted = 0;
  while (counted < days) {
    day += DAY_MS;
    if (isWorkingDayAt(day, calendar)) counted += 1;
  }
  return shanghaiIsoOf(shanghaiDateStart(shanghaiDateOf(day)) + DAY_MS - 1);
};

/** Working days from the day after `from`'s date to `to`'s date, both in Shanghai (0 when `to` is not later). */
export const workingDaysBetween = (from: string, to: string, calendar: WorkingCalendar): number => {
  const end = shanghaiDateStart(shanghaiDateOf(instantOfIso(to)));
  let day = shanghaiDateStart(shanghaiDateOf(instantOfIso(from))) + DAY_MS / 2;
  let counted = 0;
  while (day < end) {
    day += DAY_MS;
    if (isWorkingDayAt(day, calendar)) counted += 1;
  }
  return counted;
};
