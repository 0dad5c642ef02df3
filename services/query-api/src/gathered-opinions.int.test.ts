import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * The opinions gathered at contacts, referred or not (GET /v1/stations/:id/opinions, GET
 * /v1/deputies/:id/opinions): a clerk its station's, a deputy only the contacts where its part
 * counts (a contact another deputy recorded naming it, once it confirmed), newest contact first,
 * each with its referral as of asOf, filtered by `referred`, paged.
 */

let side: TestQuerySide;
let office: string;
let d1: string;
let d2: string;
let clerk: string;

interface Page {
  readonly items: { readonly contactId: string; readonly opinionId: string; readonly text: string; readonly referral: { readonly unitId: string; readonly status: string } | null }[];
  readonly nextCursor: string | null;
}

const opinionIds = (page: Page): string[] => page.items.map((item) => item.opinionId);

const get = async (path: string, token: string): Promise<Page> => {
  const response = await side.get(path, token);
  expect(response.status, response.text).toBe(200);
  return response.body as Page;
};

const contact = (contactId: string, stationId: string, deputyIds: string[], occurredAt: string, opinions: [string, string][]) => ({
  contactId,
  deputyIds,
  stationId,
  channel: "station",
  occurredAt,
  constituents: 5,
  topic: "接待",
  summary: "群众反映问题。",
  opinions: opinions.map(([opinionId, text]) => ({ opinionId, text })),
});

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  d1 = await side.token("deputy", "D-1");
  d2 = await side.token("deputy", "D-2");
  clerk = await side.token("clerk", "CLERK-1", "ST-1");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/stations", office, { stationId: "ST-2", name: "东乡联络站", region: "东乡" });
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/deputies", office, { deputyId: "D-2", name: "李强", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/contacts", office, contact("C-0", "ST-1", ["D-1"], "2023-11-02T09:00:00+08:00", [["OP-0", "路灯不亮"]]));
  // D-1 records C-1 naming D-2: D-2's part counts once D-2 confirms.
  await side.write("/v1/contacts", d1, contact("C-1", "ST-1", ["D-1", "D-2"], "2024-02-20T09:00:00+08:00", [["OP-1", "增加班次"], ["OP-2", "修缮站台"]]));
  await side.write("/v1/contacts", clerk, contact("C-2", "ST-1", ["D-2"], "2024-05-10T09:00:00+08:00", [["OP-3", "菜市场排水"]]));
  await side.write("/v1/contacts", office, contact("C-3", "ST-2", ["D-1"], "2024-06-01T09:00:00+08:00", [["OP-4", "校门口拥堵"]]));
  await side.write("/v1/contacts/C-1/opinions/OP-1/referral", clerk, { unitId: "U-1", referredAt: "2024-02-21T09:00:00+08:00" });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

describe("GET /v1/deputies/:id/opinions", () => {
  it("lists the year's opinions of the contacts the deputy was at, newest contact first, with their referral", async () => {
    const page = await get("/v1/deputies/D-1/opinions?year=2024", d1);
    expect(page.items).toEqual([
      { contactId: "C-3", opinionId: "OP-4", text: "校门口拥堵", occurredAt: "2024-06-01T09:00:00+08:00", channel: "station", stationId: "ST-2", referral: null },
      expect.objectContaining({ contactId: "C-1", opinionId: "OP-1", referral: expect.objectContaining({ unitId: "U-1", status: "overdue" }) }),
      expect.objectContaining({ contactId: "C-1", opinionId: "OP-2", referral: null }),
    ]);
    expect(opinionIds(await get("/v1/deputies/D-1/opinions?year=2024&referred=false", d1))).toEqual(["OP-4", "OP-2"]);
    expect(opinionIds(await get("/v1/deputies/D-1/opinions?year=2024&referred=true", d1))).toEqual(["OP-1"]);
    expect(opinionIds(await get("/v1/deputies/D-1/opinions?year=2023", d1))).toEqual(["OP-0"]);
  });

  it("a contact another deputy recorded naming the deputy counts from its confirmation on", async () => {
    expect(opinionIds(await get("/v1/deputies/D-2/opinions?year=2024", d2))).toEqual(["OP-3"]);
    await side.write("/v1/contacts/C-1/confirmation", d2, { confirmedAt: "2024-12-19T09:00:00+08:00" });
    await side.settle();
    expect(opinionIds(await get("/v1/deputies/D-2/opinions?year=2024", d2))).toEqual(["OP-3", "OP-1", "OP-2"]);
    expect(opinionIds(await get("/v1/deputies/D-2/opinions?year=2024&asOf=2024-12-01T00:00:00%2B08:00", d2))).toEqual(["OP-3"]);
  });

  it("the office reads any deputy's; an unknown deputy is 404 for it", async () => {
    expect(opinionIds(await get("/v1/deputies/D-1/opinions?year=2024&referred=false", office))).toEqual(["OP-4", "OP-2"]);
    expect((await side.get("/v1/deputies/D-404/opinions", office)).status).toBe(404);
  });
});

describe("GET /v1/stations/:id/opinions", () => {
  it("lists the station's opinions of the year, the not yet referred apart, paged", async () => {
    expect(opinionIds(await get("/v1/stations/ST-1/opinions?year=2024", clerk))).toEqual(["OP-3", "OP-1", "OP-2"]);
    expect(opinionIds(await get("/v1/stations/ST-1/opinions?year=2024&referred=false", clerk))).toEqual(["OP-3", "OP-2"]);
    const first = await get("/v1/stations/ST-1/opinions?year=2024&limit=2", clerk);
    expect(opinionIds(first)).toEqual(["OP-3", "OP-1"]);
    const second = await get(`/v1/stations/ST-1/opinions?year=2024&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`, clerk);
    expect(opinionIds(second)).toEqual(["OP-2"]);
    expect(second.nextCursor).toBeNull();
    // A referral counts from its own time on.
    expect(opinionIds(await get("/v1/stations/ST-1/opinions?year=2024&referred=false&asOf=2024-02-20T12:00:00%2B08:00", clerk))).toEqual(["OP-1", "OP-2"]);
  });

  it("refuses a bad filter or cursor with 400 naming it", async () => {
    for (const [query, path] of [["referred=no", "referred"], ["cursor=xyz", "cursor"], ["limit=0", "limit"], ["year=24", "year"]] as const) {
      const response = await side.get(`/v1/stations/ST-1/opinions?${query}`, clerk);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(JSON.stringify(response.body), query).toContain(path);
    }
  });

  it("another station's clerk, a deputy, a unit and an auditor are refused; an unknown station is 404 for the office", async () => {
    const otherClerk = await side.token("clerk", "CLERK-2", "ST-2");
    const existing = await side.get("/v1/stations/ST-1/opinions", otherClerk);
    const missing = await side.get("/v1/stations/ST-404/opinions", otherClerk);
    expect([existing.status, missing.status]).toEqual([403, 403]);
    expect(existing.body).toEqual(expect.objectContaining({ code: "forbidden", detail: (missing.body as { detail: string }).detail }));
    expect(existing.text).not.toContain("增加班次");
    expect(opinionIds(await get("/v1/stations/ST-2/opinions?year=2024", otherClerk))).toEqual(["OP-4"]);
    for (const token of [d1, await side.token("unit", "U-1"), await side.token("auditor", "AUD-1")]) {
      expect((await side.get("/v1/stations/ST-1/opinions", token)).status).toBe(403);
    }
    expect((await side.get("/v1/deputies/D-1/opinions", await side.token("auditor", "AUD-1"))).status).toBe(403);
    expect((await side.get("/v1/stations/ST-404/opinions", office)).status).toBe(404);
  });
});
