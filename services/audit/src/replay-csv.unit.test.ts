import { describe, expect, it } from "vitest";
import { toCsv } from "./replay-csv.js";

describe("toCsv", () => {
  it("writes the union of the columns, quoting what needs it, nulls empty", () => {
    const rows = [
      new Map<string, string | number | boolean | null>([["id", "D-1"], ["name", 'Wang "Jr", 2nd'], ["n", 0.5]]),
      new Map<string, string | number | boolean | null>([["id", "D-2"], ["n", null], ["ok", true]]),
    ];
    expect(toCsv(rows)).toBe('id,name,n,ok\r\nD-1,"Wang ""Jr"", 2nd",0.5,\r\nD-2,,,true\r\n');
  });
});
