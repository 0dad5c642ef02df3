import { describe, expect, it } from "vitest";
import { demoHistoryOf } from "./demo-command.js";

describe("the demo's generated history", () => {
  it("runs from 1 January of last year up to yesterday, in Asia/Shanghai days", () => {
    expect(demoHistoryOf(new Date("2026-12-07T10:00:00+08:00"))).toMatchObject({ from: "2025-01-01", until: "2026-12-06" });
    // 00:30 in Shanghai on New Year's Day is still the old year's evening in UTC
    expect(demoHistoryOf(new Date("2027-01-01T00:30:00+08:00"))).toMatchObject({ from: "2026-01-01", until: "2026-12-31" });
  });
});
