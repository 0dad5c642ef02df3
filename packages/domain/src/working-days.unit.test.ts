import { describe, expect, it } from "vitest";
import { china2026Holidays, defaultWorkingCalendar, holidayYearSchema, isWorkingDayAt, weekdaysOnly, workingCalendarOf, workingDaysBetween, workingDaysDue } from "./working-days.js";

const at = (iso: string): number => Date.parse(iso);

describe("working days (Mon–Fri, Asia/Shanghai, statutory holidays as data)", () => {
  it("counts Monday to Friday when no holiday falls in between", () => {
    // Friday 2026-03-06 (Shanghai): 15 working days later is Friday 2026-03-27.
    expect(workingDaysDue("2026-03-06T10:00:00+08:00", 15, weekdaysOnly)).toBe("2026-03-27T23:59:59.999+08:00");
    expect(workingDaysDue("2026-03-06T10:00:00+08:00", 1, weekdaysOnly)).toBe("2026-03-09T23:59:59.999+08:00");
  });

  it("takes the date in Shanghai, not in UTC", () => {
    // 2026-03-06T17:00Z is Saturday 01:00 in Shanghai: the next working day is Monday.
    expect(workingDaysDue("2026-03-06T17:00:00Z", 1, weekdaysOnly)).toBe("2026-03-09T23:59:59.999+08:00");
    expect(workingDaysDue("2026-03-06T15:59:59Z", 1, weekdaysOnly)).toBe("2026-03-09T23:59:59.999+08:00");
  });

  it("skips the 2026 holidays and counts the adjusted working days", () => {
    const calendar = defaultWorkingCalendar();
    // National Day: 1–7 Oct off, Sat 10 Oct worked. From Wed 30 Sep: Thu 8, Fri 9, Sat 10 are the first three.
    expect(workingDaysDue("2026-09-30T09:00:00+08:00", 3, calendar)).toBe("2026-10-10T23:59:59.999+08:00");
    expect(workingDaysDue("2026-09-30T09:00:00+08:00", 3, weekdaysOnly)).toBe("2026-10-05T23:59:59.999+08:00");
    // Spring Festival: 15–23 Feb off, Sat 14 Feb worked.
    expect(workingDaysDue("2026-02-13T09:00:00+08:00", 2, calendar)).toBe("2026-02-24T23:59:59.999+08:00");
    expect(isWorkingDayAt(at("2026-02-14T12:00:00+08:00"), calendar)).toBe(true);
    expect(isWorkingDayAt(at("2026-02-16T12:00:00+08:00"), calendar)).toBe(false);
    expect(isWorkingDayAt(at("2026-02-16T12:00:00+08:00"), weekdaysOnly)).toBe(true);
  });

  it("counts the working days between two dates", () => {
    const calendar = defaultWorkingCalendar();
    expect(workingDaysBetween("2026-09-30T09:00:00+08:00", "2026-10-10T08:00:00+08:00", calendar)).toBe(3);
    expect(workingDaysBetween("2026-03-06T09:00:00+08:00", "2026-03-06T18:00:00+08:00", calendar)).toBe(0);
    expect(workingDaysBetween("2026-03-09T09:00:00+08:00", "2026-03-06T18:00:00+08:00", calendar)).toBe(0);
  });

  it("lets a later file of the same year replace the built-in one", () => {
    const replaced = workingCalendarOf([china2026Holidays, { year: 2026, source: "test", holidays: ["2026-03-09"], workdays: [] }]);
    expect(isWorkingDayAt(at("2026-03-09T12:00:00+08:00"), replaced)).toBe(false);
    expect(isWorkingDayAt(at("2026-10-02T12:00:00+08:00"), replaced)).toBe(true);
  });

  it("ships 2026 as a valid holiday file: 33 days off, 6 weekend days worked", () => {
    expect(holidayYearSchema.parse(china2026Holidays)).toEqual(china2026Holidays);
    expect(china2026Holidays.holidays).toHaveLength(33);
    for (const date of china2026Holidays.workdays) {
      const weekday = new Date(`${date}T12:00:00+08:00`).getUTCDay();
      expect([0, 6]).toContain(weekday);
    }
    expect(() => holidayYearSchema.parse({ year: 2026, source: "x", holidays: ["2026-02-30"], workdays: [] })).toThrow();
  });
});
