import { TZDate } from "@date-fns/tz";
import { periodOf } from "@duty-ledger/scoring";
import { describe, expect, it } from "vitest";
import { shanghaiDate, shanghaiDaysInclusive, shanghaiYearOf, shanghaiYearOfInstant, shanghaiYearStart } from "./shanghai-calendar.js";

describe("Shanghai calendar", () => {
  it("the year of an instant is TZDate's (and scoring's periodOf), around every new year", () => {
    for (let year = 1985; year <= 2040; year++) {
      const start = shanghaiYearStart(year);
      for (const ms of [start - 1, start, start + 1, start + 3_600_000 * 12]) {
        expect(shanghaiYearOfInstant(ms)).toBe(new TZDate(ms, "Asia/Shanghai").getFullYear());
        expect(String(shanghaiYearOfInstant(ms))).toBe(periodOf(new Date(ms).toISOString()));
      }
    }
  });

  it("reads ISO times with any offset", () => {
    expect(shanghaiYearOf("2024-12-31T15:59:59.999Z")).toBe(2024);
    expect(shanghaiYearOf("2024-12-31T16:00:00Z")).toBe(2025);
    expect(shanghaiYearOf("2025-01-01T00:00:00+08:00")).toBe(2025);
    expect(() => shanghaiYearOf("not a time")).toThrow(RangeError);
  });

  it("dates and inclusive day counts in Shanghai", () => {
    expect(shanghaiDate(Date.parse("2024-02-29T16:30:00Z"))).toBe("2024-03-01");
    expect(shanghaiDaysInclusive(shanghaiYearStart(2024), shanghaiYearStart(2025) - 1)).toBe(366);
    expect(shanghaiDaysInclusive(Date.parse("2024-03-01T09:00:00+08:00"), Date.parse("2024-03-01T23:00:00+08:00"))).toBe(1);
  });
});
