import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays, startOfDay } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addShanghaiYears,
  instantOfIso,
  SHANGHAI_FIXED_OFFSET_SINCE,
  SHANGHAI_TIME_ZONE,
  shanghaiDateOf,
  shanghaiDateStart,
  shanghaiDayStart,
  shanghaiDaysInclusive,
  shanghaiIsoOf,
  shanghaiWeekdayOf,
  shanghaiYearOf,
  shanghaiYearOfInstant,
  shanghaiYearStart,
} from "./shanghai-calendar.js";

const at = (iso: string): number => Date.parse(iso);
const tz = (ms: number): TZDate => new TZDate(ms, SHANGHAI_TIME_ZONE);
const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const tzDate = (d: TZDate): string => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

describe("Shanghai calendar: years", () => {
  it.each([
    ["2024-03-01T09:00:00+08:00", 2024],
    ["2024-12-31T15:59:59.999Z", 2024],
    ["2024-12-31T16:00:00Z", 2025],
    ["2024-12-31T20:00:00Z", 2025],
    ["2025-01-01T00:00:00+08:00", 2025],
    ["2024-12-31T23:59:59.999+08:00", 2024],
    // 2025-01-01 00:00 in Shanghai written in Tokyo time (+09:00) and in New York time (-05:00)
    ["2025-01-01T01:00:00+09:00", 2025],
    ["2025-01-01T00:59:59+09:00", 2024],
    ["2023-12-31T11:00:00-05:00", 2024],
    ["2023-12-31T10:59:59-05:00", 2023],
    ["2024-12-31T16:00:00+0000", 2025],
    ["2024-12-31t16:00:00z", 2025],
  ])("%s is in %i", (iso, year) => {
    expect(shanghaiYearOf(iso)).toBe(year);
  });

  it("refuses times without an offset and what is not a time", () => {
    for (const bad of ["2024-12-31T20:00:00", "2024-12-31", "not a time", "", "2024-13-01T00:00:00Z"]) {
      expect(() => shanghaiYearOf(bad), bad).toThrow(RangeError);
    }
    expect(() => shanghaiYearOfInstant(Number.NaN)).toThrow(RangeError);
    expect(() => shanghaiYearOfInstant(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => shanghaiYearOfInstant(1e20)).toThrow(RangeError);
  });

  it("the year starts at local midnight of 1 January, around every new year from 1985 to 2040 (as TZDate)", () => {
    for (let year = 1985; year <= 2040; year++) {
      const start = shanghaiYearStart(year);
      expect(start).toBe(new TZDate(year, 0, 1, SHANGHAI_TIME_ZONE).getTime());
      for (const ms of [start - 1, start, start + 1, start + 12 * 3_600_000]) {
        expect(shanghaiYearOfInstant(ms)).toBe(tz(ms).getFullYear());
      }
      expect(shanghaiYearOfInstant(start - 1)).toBe(year - 1);
      expect(shanghaiYearOfInstant(start)).toBe(year);
    }
    expect(shanghaiYearStart(2025)).toBe(at("2024-12-31T16:00:00Z"));
    expect(() => shanghaiYearStart(2024.5)).toThrow(RangeError);
  });
});

describe("Shanghai calendar: dates and days", () => {
  it("dates of instants, across midnight, month ends and leap days", () => {
    expect(shanghaiDateOf(at("2024-02-29T16:30:00Z"))).toBe("2024-03-01");
    expect(shanghaiDateOf(at("2024-02-29T15:59:59.999Z"))).toBe("2024-02-29");
    expect(shanghaiDateOf(at("2023-02-28T16:00:00Z"))).toBe("2023-03-01");
    expect(shanghaiDateOf(at("2024-12-31T16:00:00Z"))).toBe("2025-01-01");
    expect(shanghaiDateOf(at("2000-02-29T12:00:00+08:00"))).toBe("2000-02-29");
    expect(shanghaiDateOf(at("2100-02-28T16:00:00Z"))).toBe("2100-03-01");
  });

  it("local midnight of a date; impossible dates refused", () => {
    expect(shanghaiDateStart("2024-03-01")).toBe(at("2024-02-29T16:00:00Z"));
    expect(shanghaiDateStart("2024-02-29")).toBe(at("2024-02-29T00:00:00+08:00"));
    expect(shanghaiDateStart("2025-01-01")).toBe(shanghaiYearStart(2025));
    for (const bad of ["2023-02-29", "2100-02-29", "2024-13-01", "2024-04-31", "2024-3-1", "2024-03-01T00:00:00Z", ""]) {
      expect(() => shanghaiDateStart(bad), bad).toThrow(RangeError);
    }
  });

  it("the start of the day of an instant", () => {
    expect(shanghaiDayStart(at("2024-03-01T23:59:59.999+08:00"))).toBe(at("2024-03-01T00:00:00+08:00"));
    expect(shanghaiDayStart(at("2024-02-29T16:00:00Z"))).toBe(at("2024-03-01T00:00:00+08:00"));
    expect(shanghaiDayStart(at("2024-02-29T15:59:59Z"))).toBe(at("2024-02-29T00:00:00+08:00"));
  });

  it("inclusive day counts", () => {
    expect(shanghaiDaysInclusive(shanghaiYearStart(2024), shanghaiYearStart(2025) - 1)).toBe(366);
    expect(shanghaiDaysInclusive(shanghaiYearStart(2023), shanghaiYearStart(2024) - 1)).toBe(365);
    expect(shanghaiDaysInclusive(shanghaiYearStart(2100), shanghaiYearStart(2101) - 1)).toBe(365);
    expect(shanghaiDaysInclusive(at("2024-03-01T09:00:00+08:00"), at("2024-03-01T23:00:00+08:00"))).toBe(1);
    // 23:59 and 00:01 the next day, both in Shanghai, written in UTC
    expect(shanghaiDaysInclusive(at("2024-03-01T15:59:00Z"), at("2024-03-01T16:01:00Z"))).toBe(2);
    expect(shanghaiDaysInclusive(at("2024-03-02T09:00:00+08:00"), at("2024-03-01T09:00:00+08:00"))).toBe(0);
  });

  it("weekdays", () => {
    expect(shanghaiWeekdayOf(at("2024-03-03T12:00:00+08:00"))).toBe(0); // Sunday
    expect(shanghaiWeekdayOf(at("2024-03-02T16:00:00Z"))).toBe(0); // Sunday 00:00 in Shanghai, Saturday in UTC
    expect(shanghaiWeekdayOf(at("2024-03-04T08:30:00+08:00"))).toBe(1);
  });

  it("adds years keeping the date and time; 29 February becomes 1 March", () => {
    expect(shanghaiIsoOf(addShanghaiYears(at("2024-03-01T09:30:00+08:00"), 5), "second")).toBe("2029-03-01T09:30:00+08:00");
    expect(shanghaiIsoOf(addShanghaiYears(at("2024-02-29T10:00:00+08:00"), 1), "second")).toBe("2025-03-01T10:00:00+08:00");
    expect(shanghaiIsoOf(addShanghaiYears(at("2024-02-29T10:00:00+08:00"), 4), "second")).toBe("2028-02-29T10:00:00+08:00");
    expect(addShanghaiYears(at("2025-01-01T00:00:00+08:00"), -1)).toBe(shanghaiYearStart(2024));
  });
});

describe("Shanghai calendar: ISO text", () => {
  it("formats with +08:00, to the millisecond or to the second, naming the same instant", () => {
    const ms = at("2024-12-31T16:30:00.042Z");
    expect(shanghaiIsoOf(ms)).toBe("2025-01-01T00:30:00.042+08:00");
    expect(shanghaiIsoOf(ms, "second")).toBe("2025-01-01T00:30:00+08:00");
    expect(Date.parse(shanghaiIsoOf(ms))).toBe(ms);
    expect(shanghaiIsoOf(shanghaiDateStart("2024-03-01"), "second")).toBe("2024-03-01T00:00:00+08:00");
    expect(shanghaiIsoOf(at("2024-06-30T10:00:00Z"))).toBe("2024-06-30T18:00:00.000+08:00");
    expect(() => shanghaiIsoOf(Number.NaN)).toThrow(RangeError);
  });

  it("reads ISO times with an offset only", () => {
    expect(instantOfIso("2024-03-01T09:30:00+08:00")).toBe(at("2024-03-01T01:30:00Z"));
    expect(instantOfIso("2024-03-01T09:30+0800")).toBe(at("2024-03-01T01:30:00Z"));
    expect(() => instantOfIso("2024-03-01T09:30:00")).toThrow(RangeError);
  });
});

describe("Shanghai calendar: the same answers as TZDate", () => {
  const checkAgainstTZDate = (ms: number): void => {
    const local = tz(ms);
    expect(shanghaiYearOfInstant(ms)).toBe(local.getFullYear());
    expect(shanghaiDateOf(ms)).toBe(tzDate(local));
    expect(shanghaiWeekdayOf(ms)).toBe(local.getDay());
    expect(shanghaiDayStart(ms)).toBe(startOfDay(local).getTime());
    expect(shanghaiYearStart(local.getFullYear())).toBe(new TZDate(local.getFullYear(), 0, 1, SHANGHAI_TIME_ZONE).getTime());
    expect(shanghaiDateStart(tzDate(local))).toBe(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), SHANGHAI_TIME_ZONE).getTime());
    const iso = shanghaiIsoOf(ms);
    expect(Date.parse(iso)).toBe(ms);
    expect(iso.slice(0, 23)).toBe(`${tzDate(local)}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}.${pad(local.getMilliseconds(), 3)}`);
  };

  // 1992-01-01T00:00+08:00 to 2100-12-31T23:59:59.999+08:00: the fixed-offset arithmetic.
  const modern = fc.integer({ min: SHANGHAI_FIXED_OFFSET_SINCE, max: Date.UTC(2101, 0, 1) - 8 * 3_600_000 - 1 });

  it("for random instants 1992–2100 (fixed +08:00 arithmetic)", () => {
    fc.assert(
      fc.property(modern, (ms) => {
        checkAgainstTZDate(ms);
        expect(shanghaiIsoOf(ms).endsWith("+08:00")).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("for random pairs of instants 1992–2100: inclusive day counts and added years", () => {
    fc.assert(
      fc.property(modern, modern, fc.integer({ min: -50, max: 50 }), (from, to, years) => {
        expect(shanghaiDaysInclusive(from, to)).toBe(differenceInCalendarDays(tz(to), tz(from)) + 1);
        fc.pre(shanghaiYearOfInstant(from) + years >= 1992 && shanghaiYearOfInstant(from) + years <= 2100);
        // TZDate's setFullYear, like Date's, rolls 29 February over to 1 March in a common year.
        const expected = tz(from);
        expected.setFullYear(expected.getFullYear() + years);
        expect(addShanghaiYears(from, years)).toBe(expected.getTime());
      }),
      { numRuns: 1_000 },
    );
  });

  it("before 1992 too, through TZDate (daylight saving time in 1986–1991 and the 1940s)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1901, 0, 1), max: SHANGHAI_FIXED_OFFSET_SINCE - 1 }), (ms) => checkAgainstTZDate(ms)),
      { numRuns: 500 },
    );
    // 1988-07-01 23:30 in Shanghai was UTC+9: the date is not that of a fixed +08:00.
    const summer = at("1988-07-01T23:30:00+09:00");
    expect(shanghaiDateOf(summer)).toBe("1988-07-01");
    expect(shanghaiIsoOf(summer)).toBe("1988-07-01T23:30:00.000+09:00");
    expect(shanghaiDayStart(summer)).toBe(at("1988-07-01T00:00:00+09:00"));
    // 1 January 1944 began at UTC+9 (daylight saving time from 1942 to 1945).
    expect(shanghaiYearStart(1944)).toBe(at("1944-01-01T00:00:00+09:00"));
    expect(shanghaiYearOf("1943-12-31T15:30:00Z")).toBe(1944);
    // The last change: 1991-09-15 02:00 UTC+9 became 01:00 UTC+8.
    expect(shanghaiIsoOf(at("1991-09-14T16:59:59Z"))).toBe("1991-09-15T01:59:59.000+09:00");
    expect(shanghaiIsoOf(at("1991-09-14T17:00:00Z"))).toBe("1991-09-15T01:00:00.000+08:00");
    // Before 1901, local mean time (+08:05:43) has no ISO 8601 offset.
    expect(shanghaiYearOfInstant(at("1900-06-01T00:00:00Z"))).toBe(1900);
    expect(() => shanghaiIsoOf(at("1900-06-01T00:00:00Z"))).toThrow(RangeError);
  });
});
