import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * GET /v1/units (added to api-v1): every registered unit with its name, by unit id — a
 * correction's name is the one shown, a voided registration is gone. Who may call it is in
 * access-matrix.int.test.ts, the bounded wait for `minPosition` in catch-up.int.test.ts.
 */

let side: TestQuerySide;
let office: string;

interface UnitsAnswer {
  readonly units: readonly { readonly unitId: string; readonly name: string; readonly registeredAt: string; readonly correctedAt: string | null }[];
}

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
});

afterAll(async () => {
  await side.close();
});

describe("GET /v1/units", () => {
  it("is empty before any unit is registered", async () => {
    const response = await side.get("/v1/units", office);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ units: [] });
  });

  it("lists the units by id with their current names; a voided registration does not count", async () => {
    await side.write("/v1/units", office, { unitId: "U-K029-17", name: "县交通运输局" });
    await side.write("/v1/units", office, { unitId: "U-A001-02", name: "县住建局" });
    const wrong = await side.write("/v1/units", office, { unitId: "U-Z999-99", name: "录错的单位" });
    await side.write("/v1/units/U-A001-02/corrections", office, { name: "县住房和城乡建设局", reason: "全称" });
    const voiding = await side.write("/v1/events:void", office, { eventId: wrong.eventIds[0], reason: "录入错误" });
    const response = await side.get(`/v1/units?minPosition=${voiding.position}`, office);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const answer = response.body as UnitsAnswer;
    expect(answer.units.map((u) => [u.unitId, u.name])).toEqual([
      ["U-A001-02", "县住房和城乡建设局"],
      ["U-K029-17", "县交通运输局"],
    ]);
    expect(answer.units[0]?.correctedAt).not.toBeNull();
    expect(answer.units[1]?.correctedAt).toBeNull();
  });

  it("refuses unknown query parameters (400)", async () => {
    const response = await side.get("/v1/units?unitId=U-1", office);
    expect(response.status, response.text).toBe(400);
  });
});
