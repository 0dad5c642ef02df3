import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * `GET /v1/opinions` through the real HTTP server, as of now (the server's clock), where its
 * pages are kept (`opinions-cache.ts`): a page moves on when an opinion falls due as the clock
 * runs, and when a write reaches the read models; the pages put together are the list.
 */

let side: TestQuerySide;
let office: string;
let unit: string;

const listed = async (query = ""): Promise<{ items: { opinionId: string; status: string; contactId: string }[]; nextCursor: string | null; asOf: string }> =>
  (await side.get(`/v1/opinions${query}`, office)).body as never;

beforeAll(async () => {
  side = await startTestQuerySide({ now: "2024-03-04T12:00:00+08:00" });
  office = await side.token("office", "OFFICE-1");
  unit = await side.token("unit", "U-1");
  const deputy = await side.token("deputy", "D-1");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "张三", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/contacts", deputy, {
    contactId: "C-1",
    deputyIds: ["D-1"],
    stationId: "ST-1",
    channel: "station",
    occurredAt: "2024-03-01T09:00:00+08:00",
    constituents: 9,
    topic: "交通",
    summary: "群众反映公交班次少、路灯不亮。",
    opinions: [
      { opinionId: "OP-1", text: "增加班次" },
      { opinionId: "OP-2", text: "修复路灯" },
    ],
  });
  // OP-1 due on 8 March, OP-2 on 15 March (end of day, Shanghai).
  await side.write("/v1/contacts/C-1/opinions/OP-1/referral", office, { unitId: "U-1", referredAt: "2024-03-04T09:00:00+08:00", dueAt: "2024-03-08T23:59:59.999+08:00" });
  await side.write("/v1/contacts/C-1/opinions/OP-2/referral", office, { unitId: "U-1", referredAt: "2024-03-04T09:00:00+08:00", dueAt: "2024-03-15T23:59:59.999+08:00" });
  await side.settle();
});

afterAll(async () => side.close());

describe("GET /v1/opinions as of now", () => {
  it("pages through the list with the cursor", async () => {
    const first = await listed("?limit=1");
    expect(first.items.map((item) => [item.opinionId, item.status])).toEqual([["OP-1", "open"]]);
    const second = await listed(`?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(second.items.map((item) => [item.opinionId, item.status])).toEqual([["OP-2", "open"]]);
    expect(second.nextCursor).toBeNull();
  });

  it("moves on as the clock passes a due date, and when a write reaches the read models", async () => {
    expect((await listed("?status=open")).items.map((item) => item.opinionId)).toEqual(["OP-1", "OP-2"]);
    side.setNow("2024-03-08T23:59:59.999+08:00");
    expect((await listed("?status=open")).items.map((item) => item.opinionId)).toEqual(["OP-1", "OP-2"]);
    // One millisecond after its due date OP-1 is overdue.
    side.setNow("2024-03-09T00:00:00+08:00");
    const now = await listed("?status=open");
    expect(now.asOf).toBe(new Date("2024-03-09T00:00:00+08:00").toISOString());
    expect(now.items.map((item) => item.opinionId)).toEqual(["OP-2"]);
    expect((await listed("?status=overdue")).items.map((item) => item.opinionId)).toEqual(["OP-1"]);
    expect((await listed()).items.map((item) => [item.opinionId, item.status])).toEqual([
      ["OP-1", "overdue"],
      ["OP-2", "open"],
    ]);
    await side.write("/v1/contacts/C-1/opinions/OP-1/answer", unit, { answeredAt: "2024-03-09T00:00:00+08:00", text: "已增加班次。", outcome: "resolved" });
    await side.settle();
    expect((await listed()).items.map((item) => [item.opinionId, item.status])).toEqual([
      ["OP-1", "answered"],
      ["OP-2", "open"],
    ]);
    expect((await listed("?status=overdue")).items).toEqual([]);
  });
});
