import { describe, expect, it } from "vitest";
import { normaliseTime, parseTimeBound } from "./time-bound.js";

describe("time bounds", () => {
  it("reads a date as the start or the end of that day in Shanghai", () => {
    expect(normaliseTime("2024-06-30", "start", "t")).toBe("2024-06-30T00:00:00.000+08:00");
    expect(parseTimeBound("2024-06-30", "end", "t")).toBe(Date.parse("2024-06-30T15:59:59.999Z"));
  });

  it("keeps a date-time with offset and refuses one without, or an unreal date", () => {
    expect(normaliseTime("2024-06-30T18:00:00Z", "end", "t")).toBe("2024-06-30T18:00:00Z");
    expect(() => normaliseTime("2024-06-30T18:00:00", "end", "asOf")).toThrow(/asOf must be/);
    expect(() => normaliseTime("2024-02-30", "end", "asOf")).toThrow(/asOf must be/);
    expect(() => normaliseTime("yesterday", "end", "asOf")).toThrow(/asOf must be/);
  });
});
