import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/** GET /v1/me: who the token names, by name, for every role (the page's top bar). */

let side: TestQuerySide;
let office: string;

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/deputies/D-1/corrections", office, { name: "王芳芳", reason: "姓名有误" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const me = async (token: string): Promise<unknown> => {
  const response = await side.get("/v1/me", token);
  expect(response.status, response.text).toBe(200);
  return response.body;
};

describe("GET /v1/me", () => {
  it("names a deputy (corrected name, level, station), a unit and a clerk's station", async () => {
    expect(await me(await side.token("deputy", "D-1"))).toEqual({ role: "deputy", id: "D-1", name: "王芳芳", level: "county", stationId: "ST-1", stationName: "城关联络站" });
    expect(await me(await side.token("unit", "U-1"))).toEqual({ role: "unit", id: "U-1", name: "县交通运输局", level: null, stationId: null, stationName: null });
    expect(await me(await side.token("clerk", "CLERK-1", "ST-1"))).toEqual({ role: "clerk", id: "CLERK-1", name: null, level: null, stationId: "ST-1", stationName: "城关联络站" });
  });

  it("the office and the auditor by their role alone; an unregistered subject without a name", async () => {
    expect(await me(office)).toEqual({ role: "office", id: "OFFICE-1", name: null, level: null, stationId: null, stationName: null });
    expect(await me(await side.token("auditor", "AUD-1"))).toMatchObject({ role: "auditor", name: null });
    expect(await me(await side.token("deputy", "D-404"))).toEqual({ role: "deputy", id: "D-404", name: null, level: null, stationId: null, stationName: null });
    expect(await me(await side.token("clerk", "CLERK-2", "ST-404"))).toMatchObject({ stationId: "ST-404", stationName: null });
  });

  it("needs a token, and takes no query but minPosition", async () => {
    expect((await side.get("/v1/me")).status).toBe(401);
    expect((await side.get("/v1/me?id=D-1", office)).status).toBe(400);
  });
});
