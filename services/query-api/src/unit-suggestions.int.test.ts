import { ApiSpecification, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";
import { june10, june3, may25, writeWatchWorld } from "./watch-world.test-support.js";

/**
 * GET /v1/units/:id/suggestions (added to api-v1): the watch list of one unit — the
 * suggestions it leads or co-handles — for that unit's own token, the office and auditors.
 * It must answer exactly what the watch list answers with `unitId=<id>`. Due dates as in
 * watch-list.int.test.ts: assigned 2024-03-05 → due 2024-06-05 (complex: 2024-09-05); the
 * re-handling after the unsatisfied evaluation of 2024-05-01 → due 2024-06-01.
 */

let side: TestQuerySide;
let office: string;
let auditor: string;
let d1: string;
let clerk: string;
let u1: string;
let u2: string;
let u9: string;

interface UnitList {
  readonly status: string;
  readonly asOf: string;
  readonly dueWithinDays: number;
  readonly unitId: string | null;
  readonly items: { readonly suggestionId: string; readonly status: string; readonly leadUnitId: string; readonly coUnitIds: string[] }[];
  readonly nextCursor: string | null;
}

const at = (iso: string): string => `asOf=${encodeURIComponent(iso)}`;

/** Strings of the fixture a refusal must never contain. */
const secrets = ["建议 W-", "王芳", "县交通运输局", "县住建局", "W-1", "W-2", "U-1", "U-2", "D-1"];

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  auditor = await side.token("auditor", "AUDITOR-1");
  d1 = await side.token("deputy", "D-1");
  clerk = await side.token("clerk", "CLERK-1", "ST-1");
  u1 = await side.token("unit", "U-1");
  u2 = await side.token("unit", "U-2");
  u9 = await side.token("unit", "U-9");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/units", office, { unitId: "U-9", name: "县教育局" });
  await writeWatchWorld(side, { office, d1, u1 });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const listOf = async (unitId: string, query: string, token: string): Promise<UnitList> => {
  const response = await side.get(`/v1/units/${unitId}/suggestions?${query}`, token);
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  return response.body as UnitList;
};
const watchOf = async (unitId: string, query: string): Promise<UnitList> => {
  const response = await side.get(`/v1/suggestions?unitId=${unitId}&${query}`, office);
  expect(response.status, response.text).toBe(200);
  return response.body as UnitList;
};
const ids = (list: UnitList): string[] => list.items.map((item) => item.suggestionId);

describe("GET /v1/units/:id/suggestions", () => {
  it("a unit sees what it leads and what it co-handles, in the watch list's shape; default status open", async () => {
    const own = await listOf("U-1", at(may25), u1);
    expect(own).toMatchObject({ status: "open", asOf: may25, dueWithinDays: 14, unitId: "U-1", nextCursor: null });
    expect(ids(own)).toEqual(["W-5", "W-1", "W-2"]);
    expect(own.items.find((item) => item.suggestionId === "W-2")).toMatchObject({ leadUnitId: "U-2", coUnitIds: ["U-1"], status: "open" });
    expect(own).toEqual(await watchOf("U-1", at(may25)));
    expect(ids(await listOf("U-2", at(may25), u2))).toEqual(["W-2"]);
  });

  it("status, dueWithinDays and asOf filter as the watch list's does", async () => {
    expect(ids(await listOf("U-1", `status=overdue&${at(may25)}`, u1))).toEqual([]);
    expect(ids(await listOf("U-1", `status=due-soon&${at(may25)}`, u1))).toEqual(["W-5", "W-1"]);
    expect(ids(await listOf("U-1", `status=overdue&${at(june3)}`, u1))).toEqual(["W-5"]);
    expect(ids(await listOf("U-1", `status=overdue&${at(june10)}`, u1))).toEqual(["W-5", "W-1"]);
    expect(ids(await listOf("U-1", `status=due-soon&${at(june10)}`, u1))).toEqual([]);
    expect(ids(await listOf("U-2", `status=due-soon&dueWithinDays=90&${at(june10)}`, u2))).toEqual(["W-2"]);
    expect(ids(await listOf("U-1", `status=replied&${at(june10)}`, u1))).toEqual(["W-3"]);
    expect(ids(await listOf("U-1", `status=closed&${at(june10)}`, u1))).toEqual(["W-4"]);
    expect(ids(await listOf("U-2", `status=closed&${at(june10)}`, u2))).toEqual([]);
    for (const unitId of ["U-1", "U-2"]) {
      for (const status of ["open", "overdue", "due-soon", "replied", "closed"]) {
        for (const query of [`status=${status}&${at(june3)}`, `status=${status}&dueWithinDays=120&${at(june10)}`, `status=${status}&dueWithinDays=0&${at(may25)}`]) {
          expect(await listOf(unitId, query, office), `${unitId} ${query}`).toEqual(await watchOf(unitId, query));
        }
      }
    }
  });

  it("pages with limit and an opaque nextCursor, the same pages as the watch list", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `status=open&limit=1&${at(may25)}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: UnitList = await listOf("U-1", query, u1);
      expect(page).toEqual(await watchOf("U-1", query));
      expect(page.items).toHaveLength(1);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(["W-5", "W-1", "W-2"]);
  });

  it("office and auditor read any unit's list; an unknown unit answers an empty list, as its scores answer zeros", async () => {
    for (const token of [office, auditor]) {
      expect(ids(await listOf("U-1", at(may25), token))).toEqual(["W-5", "W-1", "W-2"]);
      expect(ids(await listOf("U-2", at(may25), token))).toEqual(["W-2"]);
    }
    expect(await listOf("U-404", at(may25), office)).toMatchObject({ unitId: "U-404", items: [], nextCursor: null });
    expect(ids(await listOf("U-9", at(may25), u9))).toEqual([]);
  });

  const expectNoLeak = (response: ApiResponse): void => {
    expect(Object.keys(response.body as object).sort()).toEqual(["code", "detail", "requestId", "status", "title", "type"]);
    for (const secret of secrets) expect(response.text, `a refusal mentions ${secret}`).not.toContain(secret);
  };

  it("another unit, a deputy and a clerk are refused (403 problem+json, nothing leaked); no token is 401", async () => {
    const spec = ApiSpecification.for(side);
    // U-2 leads W-2, which is on U-1's list: U-1's list is still not U-2's to read.
    const coHandler = await spec.when({ path: `/v1/units/U-1/suggestions?${at(may25)}`, token: u2 }).thenRefused(403);
    expectNoLeak(coHandler);
    expectNoLeak(await spec.when({ path: "/v1/units/U-1/suggestions", token: u9 }).thenRefused(403));
    const missing = await spec.when({ path: "/v1/units/U-404/suggestions", token: u2 }).thenRefused(403);
    expect((missing.body as { detail: string }).detail).toBe((coHandler.body as { detail: string }).detail);
    for (const token of [d1, clerk]) {
      expectNoLeak(await spec.when({ path: "/v1/units/U-1/suggestions", token }).thenRefused(403));
    }
    const anonymous = await spec.when({ path: "/v1/units/U-1/suggestions" }).thenRefused(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="duty-ledger"');
  });

  it("refuses bad parameters with 400 naming them, unitId included (the unit is the path's)", async () => {
    const spec = ApiSpecification.for(side);
    const cases: [string, string][] = [
      ["unitId=U-2", "unitId"],
      ["status=late", "status"],
      ["dueWithinDays=-1", "dueWithinDays"],
      ["dueWithinDays=3661", "dueWithinDays"],
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["asOf=2024-06-10", "asOf"],
      ["cursor=not-a-cursor", "cursor"],
    ];
    for (const [query, field] of cases) {
      await spec.when({ path: `/v1/units/U-1/suggestions?${query}`, token: u1 }).thenRefused(400, { fields: [field] });
    }
  });
});
