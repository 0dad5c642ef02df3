import { shanghaiYearOf } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { yearOfIso } from "./fold-log-prefix.js";

describe("yearOfIso", () => {
  it("is the Shanghai year, offsets at the year's edges included", () => {
    const times = [
      "2024-12-31T17:00:00Z",
      "2024-12-31T15:59:59Z",
      "2025-01-01T00:30:00+09:00",
      "2025-01-01T07:59:59+08:00",
      "2025-02-01T00:30:00-14:00",
      "2025-11-30T23:59:59-12:00",
      "2025-11-30T23:59:59+14:00",
      "2025-06-15T12:00:00.123+08:00",
      "2025-12-31T16:00:00Z",
    ];
    for (const time of times) expect(yearOfIso(time), time).toBe(shanghaiYearOf(time));
  });
});
