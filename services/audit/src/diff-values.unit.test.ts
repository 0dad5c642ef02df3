import { describe, expect, it } from "vitest";
import { diffValues } from "./diff-values.js";

describe("diffValues", () => {
  it("finds nothing between equal values", () => {
    const value = { a: 1, b: [1, 2], c: { d: null, e: "x" } };
    expect(diffValues(value, structuredClone(value))).toEqual([]);
  });

  it("lists every differing leaf with its path, and keys present on one side", () => {
    expect(diffValues({ a: 1, b: { c: 2, d: [1, 2] } }, { a: 1, b: { c: 3, d: [1], e: true } })).toEqual([
      { path: "b.c", replayed: 2, served: 3 },
      { path: "b.d[1]", replayed: 2, served: undefined },
      { path: "b.e", replayed: undefined, served: true },
    ]);
  });

  it("compares numbers digit for digit", () => {
    expect(diffValues({ x: 0.1 + 0.2 }, { x: 0.3 })).toHaveLength(1);
  });

  it("takes two forms of one instant as equal, not two instants", () => {
    expect(diffValues({ asOf: "2024-06-30T18:00:00.000+08:00" }, { asOf: "2024-06-30T10:00:00Z" })).toEqual([]);
    expect(diffValues({ asOf: "2024-06-30T18:00:00+08:00" }, { asOf: "2024-06-30T18:00:00Z" })).toHaveLength(1);
  });

  it("matches ranked units by id and reports a changed order", () => {
    const replayed = { units: [{ unitId: "U1", index: 80 }, { unitId: "U2", index: 70 }] };
    expect(diffValues(replayed, { units: [{ unitId: "U2", index: 70 }, { unitId: "U1", index: 80 }] })).toEqual([
      { path: "units[order]", replayed: ["U1", "U2"], served: ["U2", "U1"] },
    ]);
    expect(diffValues(replayed, { units: [{ unitId: "U1", index: 81 }, { unitId: "U3", index: 1 }] })).toEqual([
      { path: "units[unitId=U1].index", replayed: 80, served: 81 },
      { path: "units[unitId=U2]", replayed: { unitId: "U2", index: 70 }, served: undefined },
      { path: "units[unitId=U3]", replayed: undefined, served: { unitId: "U3", index: 1 } },
    ]);
  });
});
