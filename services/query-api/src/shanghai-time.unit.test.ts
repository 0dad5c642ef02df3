import { describe, expect, it } from "vitest";
import { shanghaiIso, shanghaiYearOfIso } from "./shanghai-time.js";

describe("Shanghai time", () => {
  it("formats an instant with the +08:00 offset, same instant", () => {
    const iso = shanghaiIso(new Date("2024-12-31T16:30:00Z"));
    expect(iso).toBe("2025-01-01T00:30:00.000+08:00");
    expect(Date.parse(iso)).toBe(Date.parse("2024-12-31T16:30:00Z"));
    expect(() => shanghaiIso(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("gives the Shanghai calendar year", () => {
    expect(shanghaiYearOfIso("2024-12-31T15:59:59.999Z")).toBe(2024);
    expect(shanghaiYearOfIso("2024-12-31T16:00:00Z")).toBe(2025);
    expect(shanghaiYearOfIso("2025-01-01T00:00:00+08:00")).toBe(2025);
  });
});
