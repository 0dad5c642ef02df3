import { describe, expect, it } from "vitest";
import { assertPeriod, isPeriod, periodOf } from "./period.js";

describe("periodOf (calendar year in Asia/Shanghai)", () => {
  it.each([
    ["2024-03-01T09:00:00+08:00", "2024"],
    // 2024-12-31T20:00Z = 2025-01-01 04:00 Shanghai
    ["2024-12-31T20:00:00Z", "2025"],
    // 2024-12-31T15:59:59.999Z = 2024-12-31 23:59:59.999 Shanghai; 16:00Z = 2025-01-01 00:00
    ["2024-12-31T15:59:59.999Z", "2024"],
    ["2024-12-31T16:00:00Z", "2025"],
    // 2024-01-01 00:00 Shanghai, written in New York time (UTC-5): 2023-12-31 11:00-05:00
    ["2023-12-31T11:00:00-05:00", "2024"],
    ["2023-12-31T10:59:59-05:00", "2023"],
    // 2025-01-01 00:00 Shanghai is 01:00 in Tokyo (UTC+9)
    ["2025-01-01T01:00:00+09:00", "2025"],
    ["2025-01-01T00:59:59+09:00", "2024"],
  ])("%s -> %s", (assignedAt, period) => {
    expect(periodOf(assignedAt)).toBe(period);
  });

  it("refuses a time without an offset", () => {
    expect(() => periodOf("2024-12-31T20:00:00")).toThrow(/offset/);
  });

  it("a period is a four-digit year", () => {
    expect([isPeriod("2024"), isPeriod("24"), isPeriod("2024-01"), isPeriod(" 2024")]).toEqual([true, false, false, false]);
    expect(() => assertPeriod("x")).toThrow(/period/);
  });
});
