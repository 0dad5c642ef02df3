import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { asOfParam, queryOf, readQuery, timelineLimitParam, watchStatusParam, yearParam } from "./query-params.js";

const request = (query: Record<string, unknown>): Request => ({ query }) as unknown as Request;
const schema = readQuery({ year: yearParam.optional(), limit: timelineLimitParam.optional(), asOf: asOfParam.optional(), status: watchStatusParam.optional() });

const refusal = (query: Record<string, unknown>): { path: string; message: string }[] => {
  try {
    queryOf(schema, request(query));
  } catch (error) {
    expect(error).toMatchObject({ code: "VALIDATION" });
    return (error as { errors: { path: string; message: string }[] }).errors;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
};

describe("query parameters", () => {
  it("parses digits to numbers, keeps times as given, treats empty values as absent", () => {
    expect(queryOf(schema, request({ year: "2024", limit: "200", asOf: "2024-03-01T09:30:00+08:00", minPosition: "0" }))).toEqual({
      year: 2024,
      limit: 200,
      asOf: "2024-03-01T09:30:00+08:00",
      minPosition: 0,
    });
    expect(queryOf(schema, request({ year: "", limit: "" }))).toEqual({});
  });

  it("names each bad parameter", () => {
    expect(refusal({ year: "24" })).toEqual([{ path: "year", message: expect.any(String) }]);
    expect(refusal({ limit: "1e2" })).toEqual([{ path: "limit", message: "must be an integer written in digits" }]);
    expect(refusal({ limit: "0" })).toEqual([{ path: "limit", message: "must be at least 1" }]);
    expect(refusal({ limit: "201" })).toEqual([{ path: "limit", message: "must be at most 200" }]);
    expect(new Set(refusal({ asOf: "2024-03-01T09:30:00" }).map((e) => e.path))).toEqual(new Set(["asOf"]));
    expect(new Set(refusal({ asOf: "2024-03-01T09:30:00 08:00" }).map((e) => e.path))).toEqual(new Set(["asOf"]));
    expect(refusal({ status: "late" }).map((e) => e.path)).toEqual(["status"]);
    expect(refusal({ minPosition: "-3" }).map((e) => e.path)).toEqual(["minPosition"]);
    expect(refusal({ year: ["2024", "2025"] })).toEqual([{ path: "year", message: "must be given once" }]);
    expect(refusal({ yaer: "2024", limt: "3" })).toEqual([
      { path: "yaer", message: "unknown field" },
      { path: "limt", message: "unknown field" },
    ]);
  });
});
