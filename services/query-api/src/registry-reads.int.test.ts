import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * The registries and the published rankings listed (GET /v1/deputies, /v1/stations,
 * /v1/rankings): names searchable, a voided registration gone, a correction shown, rankings
 * newest first; office and auditor read them, a deputy the deputies' public fields, the other
 * roles are refused.
 */

let side: TestQuerySide;
let office: string;
let auditor: string;
let deputy: string;
let unit: string;
let clerk: string;

interface Deputies {
  readonly deputies: { readonly deputyId: string; readonly name: string; readonly level: string; readonly stationId: string | null }[];
  readonly nextCursor: string | null;
}

const get = async <T>(path: string, token = office): Promise<T> => {
  const response = await side.get(path, token);
  expect(response.status, response.text).toBe(200);
  return response.body as T;
};
const deputyIds = (page: Deputies): string[] => page.deputies.map((d) => d.deputyId);

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  auditor = await side.token("auditor", "AUD-1");
  deputy = await side.token("deputy", "D-1");
  unit = await side.token("unit", "U-1");
  clerk = await side.token("clerk", "C-1", "ST-1");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/stations", office, { stationId: "ST-2", name: "东乡联络站", region: "东乡" });
  await side.write("/v1/stations/ST-2/corrections", office, { name: "东乡人大代表联络站", reason: "更名" });
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/deputies", office, { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" });
  await side.write("/v1/deputies", office, { deputyId: "D-3", name: "王建国", level: "county", term: "2021-2026", constituency: "西乡" });
  await side.write("/v1/deputies/D-2/corrections", office, { name: "李强国", reason: "姓名有误" });
  const voided = await side.write("/v1/deputies", office, { deputyId: "D-4", name: "王误登", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/events:void", office, { eventId: voided.eventIds[0], reason: "误登记" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  side.setNow("2025-07-15T12:00:00+08:00");
  await side.write("/v1/rankings", office, { rankingId: "R-2024", period: "2024", asOf: "2024-12-31T23:59:59+08:00" });
  await side.write("/v1/rankings", office, { rankingId: "R-2025", period: "2025", asOf: "2025-06-30T23:59:59+08:00" });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

describe("GET /v1/deputies", () => {
  it("lists the registered deputies by id with their corrected names; a voided registration is not listed", async () => {
    const page = await get<Deputies>("/v1/deputies");
    expect(deputyIds(page)).toEqual(["D-1", "D-2", "D-3"]);
    expect(page.deputies[1]).toMatchObject({ deputyId: "D-2", name: "李强国", level: "township", stationId: null });
    expect(page.deputies[0]).toMatchObject({ name: "王芳", stationId: "ST-1", constituency: "城关镇" });
    expect(page.nextCursor).toBeNull();
  });

  it("finds deputies by part of the name or the id, and of a level", async () => {
    expect(deputyIds(await get<Deputies>(`/v1/deputies?q=${encodeURIComponent("王")}`))).toEqual(["D-1", "D-3"]);
    expect(deputyIds(await get<Deputies>(`/v1/deputies?q=d-2`))).toEqual(["D-2"]);
    expect(deputyIds(await get<Deputies>(`/v1/deputies?level=township`))).toEqual(["D-2"]);
    expect(deputyIds(await get<Deputies>(`/v1/deputies?q=${encodeURIComponent("王")}&level=township`))).toEqual([]);
  });

  it("pages with the cursor", async () => {
    const first = await get<Deputies>("/v1/deputies?limit=2");
    expect(deputyIds(first)).toEqual(["D-1", "D-2"]);
    const second = await get<Deputies>(`/v1/deputies?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(deputyIds(second)).toEqual(["D-3"]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses a bad level or limit with 400 naming it", async () => {
    const level = await side.get("/v1/deputies?level=village", office);
    expect(level.status).toBe(400);
    expect(JSON.stringify(level.body)).toContain("level");
    expect((await side.get("/v1/deputies?limit=0", office)).status).toBe(400);
  });
});

describe("GET /v1/stations", () => {
  it("lists the stations by id with their corrected names, searchable by name or region", async () => {
    expect(await get("/v1/stations")).toEqual({
      stations: [
        { stationId: "ST-1", name: "城关联络站", region: "城关镇" },
        { stationId: "ST-2", name: "东乡人大代表联络站", region: "东乡" },
      ],
    });
    expect(await get(`/v1/stations?q=${encodeURIComponent("东乡")}`)).toEqual({ stations: [{ stationId: "ST-2", name: "东乡人大代表联络站", region: "东乡" }] });
  });
});

describe("GET /v1/rankings", () => {
  it("lists the published rankings newest first, without their answers; one period alone", async () => {
    const all = await get<{ period: string | null; rankings: { rankingId: string; period: string; asOf: string; publishedAt: string; treeSize: number }[] }>("/v1/rankings");
    expect(all.period).toBeNull();
    expect(all.rankings.map((r) => r.rankingId)).toEqual(["R-2025", "R-2024"]);
    expect(all.rankings[1]).toMatchObject({ rankingId: "R-2024", period: "2024", rules: "default-2024@1" });
    expect(all.rankings[0]?.treeSize).toBeGreaterThan(all.rankings[1]?.treeSize ?? Number.MAX_SAFE_INTEGER);
    expect(all.rankings[0]).not.toHaveProperty("answer");
    const of2024 = await get<{ rankings: { rankingId: string }[] }>("/v1/rankings?period=2024");
    expect(of2024.rankings.map((r) => r.rankingId)).toEqual(["R-2024"]);
    expect((await side.get("/v1/rankings?period=24", office)).status).toBe(400);
  });
});

describe("who reads the lists", () => {
  it("office and auditor; a deputy, a clerk and a unit the deputies only", async () => {
    for (const path of ["/v1/deputies", "/v1/stations", "/v1/rankings"]) {
      expect((await side.get(path, auditor)).status, path).toBe(200);
      for (const token of path === "/v1/deputies" ? [] : [deputy, unit, clerk]) expect((await side.get(path, token)).status, path).toBe(403);
      expect((await side.get(path)).status, path).toBe(401);
    }
  });

  it("a deputy, a clerk and a unit search the deputies by name and see each one's id, name, level and station only", async () => {
    for (const token of [deputy, clerk, unit]) {
      expect(await get<Deputies>(`/v1/deputies?q=${encodeURIComponent("王")}`, token)).toEqual({
        deputies: [
          { deputyId: "D-1", name: "王芳", level: "county", stationId: "ST-1" },
          { deputyId: "D-3", name: "王建国", level: "county", stationId: null },
        ],
        nextCursor: null,
      });
    }
    const first = await get<Deputies>("/v1/deputies?limit=2", deputy);
    expect(deputyIds(first)).toEqual(["D-1", "D-2"]);
    expect(JSON.stringify(first)).not.toMatch(/constituency|term|registeredAt/);
  });
});
