import { ApiSpecification } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";
import { june10, june3, may25, writeWatchWorld } from "./watch-world.test-support.js";

/**
 * The watch list (GET /v1/suggestions) and one suggestion (GET /v1/suggestions/:id): the
 * deadline statuses are computed against `asOf` from the due date in force. Due dates of the
 * default policy: assigned 2024-03-05 → 2024-06-05 end of day (complex: 2024-09-05); an
 * unsatisfied evaluation on 2024-05-01 → re-handling due 2024-06-01 end of day.
 */

let side: TestQuerySide;
let office: string;
let d1: string;
let u1: string;
let u2: string;

interface Item {
  readonly suggestionId: string;
  readonly status: string;
  readonly state: string;
  readonly overdue: boolean;
  readonly dueSoon: boolean;
  readonly daysToDue: number | null;
  readonly dueAt: string | null;
  readonly dueAtEventId: string | null;
}
interface WatchList {
  readonly status: string;
  readonly asOf: string;
  readonly dueWithinDays: number;
  readonly unitId: string | null;
  readonly items: Item[];
  readonly nextCursor: string | null;
}


beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  d1 = await side.token("deputy", "D-1");
  u1 = await side.token("unit", "U-1");
  u2 = await side.token("unit", "U-2");
  const { rehandleDueAt } = await writeWatchWorld(side, { office, d1, u1 });
  expect(Date.parse(rehandleDueAt)).toBe(Date.parse("2024-06-01T23:59:59.999+08:00"));
  await side.write("/v1/suggestions", d1, {
    suggestionId: "W-6",
    leadDeputyId: "D-1",
    coSignerIds: [],
    title: "未交办的建议",
    body: "建议内容。",
    phase: "recess",
    session: "2024",
    submittedAt: "2024-03-01T09:00:00+08:00",
  });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const watch = async (query: string): Promise<WatchList> => {
  const response = await side.get(`/v1/suggestions?${query}`, office);
  expect(response.status, response.text).toBe(200);
  return response.body as WatchList;
};
const at = (iso: string): string => `asOf=${encodeURIComponent(iso)}`;
const ids = (list: WatchList): string[] => list.items.map((item) => item.suggestionId);
const statuses = (list: WatchList): Record<string, string> => Object.fromEntries(list.items.map((item) => [item.suggestionId, item.status]));

describe("GET /v1/suggestions (watch list)", () => {
  it("on 25 May: nothing overdue; the re-handling (due 1 June) and W-1 (due 5 June) are due soon; W-2 just open", async () => {
    expect(ids(await watch(`status=overdue&${at(may25)}`))).toEqual([]);
    expect(ids(await watch(`status=due-soon&${at(may25)}`))).toEqual(["W-5", "W-1"]);
    const open = await watch(`status=open&${at(may25)}`);
    expect(open).toMatchObject({ status: "open", asOf: may25, dueWithinDays: 14, unitId: null });
    expect(ids(open)).toEqual(["W-5", "W-1", "W-2"]);
    expect(statuses(open)).toEqual({ "W-5": "due-soon", "W-1": "due-soon", "W-2": "open" });
    expect(open.items.find((item) => item.suggestionId === "W-5")).toMatchObject({ state: "rehandling", overdue: false, dueSoon: true, daysToDue: 7 });
  });

  it("on 3 June the re-handling is overdue; on 10 June W-1 too; a wider window makes W-2 due soon", async () => {
    expect(ids(await watch(`status=overdue&${at(june3)}`))).toEqual(["W-5"]);
    expect(ids(await watch(`status=due-soon&${at(june3)}`))).toEqual(["W-1"]);
    const overdue = await watch(`status=overdue&${at(june10)}`);
    expect(ids(overdue)).toEqual(["W-5", "W-1"]);
    expect(overdue.items.map((item) => [item.overdue, item.daysToDue])).toEqual([
      [true, -9],
      [true, -5],
    ]);
    expect(ids(await watch(`status=due-soon&${at(june10)}`))).toEqual([]);
    expect(ids(await watch(`status=due-soon&dueWithinDays=90&${at(june10)}`))).toEqual(["W-2"]);
  });

  it("replied and closed are the stored states; never-assigned suggestions are not watched", async () => {
    expect(ids(await watch(`status=replied&${at(june10)}`))).toEqual(["W-3"]);
    expect(ids(await watch(`status=closed&${at(june10)}`))).toEqual(["W-4"]);
    const all = [...ids(await watch(`status=open&${at(june10)}`)), "W-3", "W-4"];
    expect(all).not.toContain("W-6");
  });

  it("unitId keeps the suggestions the unit leads or co-handles; the default status is open", async () => {
    expect(ids(await watch(`unitId=U-2&${at(may25)}`))).toEqual(["W-2"]);
    expect(ids(await watch(`status=open&unitId=U-1&${at(may25)}`))).toEqual(["W-5", "W-1", "W-2"]);
    expect(ids(await watch(`status=open&unitId=U-9&${at(may25)}`))).toEqual([]);
  });

  it("pages with limit and an opaque nextCursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const list: WatchList = await watch(`status=open&limit=1&${at(may25)}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`);
      seen.push(...ids(list));
      cursor = list.nextCursor;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(["W-5", "W-1", "W-2"]);
  });

  it("an extension moves the due date in force: W-1 is no longer overdue on 10 June", async () => {
    const detailBefore = await side.get(`/v1/suggestions/W-1?${at(june10)}`, u1);
    expect(detailBefore.body).toMatchObject({ status: "overdue", overdue: true, daysToDue: -5 });
    const extension = await side.write("/v1/suggestions/W-1/extension", office, {
      newDueAt: "2024-07-31T23:59:59+08:00",
      reason: "涉及多部门协调",
      grantedAt: "2024-06-01T10:00:00+08:00",
    });
    const overdue = await watch(`status=overdue&${at(june10)}&minPosition=${extension.position}`);
    expect(ids(overdue)).toEqual(["W-5"]);
    const open = await watch(`status=open&${at(june10)}`);
    expect(open.items.find((item) => item.suggestionId === "W-1")).toMatchObject({
      status: "open",
      overdue: false,
      daysToDue: 51,
      dueAtEventId: extension.eventIds[0],
    });
    expect(ids(await watch(`status=due-soon&dueWithinDays=60&${at(june10)}`))).toEqual(["W-1"]);
    const detail = await side.get(`/v1/suggestions/W-1?${at(june10)}`, u1);
    expect(detail.body).toMatchObject({ suggestionId: "W-1", status: "open", state: "assigned", asOf: june10, extensions: [{ reason: "涉及多部门协调" }] });
    expect(Date.parse((detail.body as { dueAt: string }).dueAt)).toBe(Date.parse("2024-07-31T23:59:59+08:00"));
  });

  it("an extension granted after the due date it extends is refused (422 extension-after-due): W-5 stays overdue", async () => {
    // W-5's re-handling reply was due 2024-06-01; an extension granted ~650 days later would make a late reply on time.
    const late = "2026-03-13T10:00:00+08:00";
    side.setNow("2026-03-13T12:00:00+08:00");
    try {
      const response = await ApiSpecification.for(side)
        .when({ path: "/v1/suggestions/W-5/extension", token: office, body: { newDueAt: "2026-06-30T23:59:59+08:00", reason: "补办延期", grantedAt: late } })
        .thenRefused(422, { fields: ["grantedAt"] });
      expect(response.body).toMatchObject({ type: "/problems/extension-after-due", code: "extension-after-due" });
    } finally {
      side.setNow("2024-12-20T12:00:00+08:00");
    }
    expect(ids(await watch(`status=overdue&asOf=${encodeURIComponent(late)}`))).toContain("W-5");
  });

  it("refuses bad parameters with 400 naming them", async () => {
    const spec = ApiSpecification.for(side);
    const cases: [string, string][] = [
      ["status=late", "status"],
      ["dueWithinDays=-1", "dueWithinDays"],
      ["dueWithinDays=3661", "dueWithinDays"],
      ["dueWithinDays=1.5", "dueWithinDays"],
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["asOf=2024-06-10", "asOf"],
      ["unitId=%20", "unitId"],
      ["cursor=not-a-cursor", "cursor"],
      ["sort=due", "sort"],
    ];
    for (const [query, field] of cases) {
      await spec.when({ path: `/v1/suggestions?${query}`, token: office }).thenRefused(400, { fields: [field] });
    }
  });
});

describe("GET /v1/suggestions/:id", () => {
  it("answers status, dueAt, steps, replies and evaluations; the status follows asOf", async () => {
    const response = await side.get(`/v1/suggestions/W-5?${at(may25)}`, d1);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      suggestionId: "W-5",
      state: "rehandling",
      status: "due-soon",
      round: 2,
      units: { leadUnitId: "U-1", coUnitIds: [] },
      replies: [{ unitId: "U-1", category: "B" }],
      evaluations: [{ rating: "unsatisfied", deputyId: "D-1" }],
      steps: [],
      asOf: may25,
      dueWithinDays: 14,
    });
    expect(Date.parse((response.body as { dueAt: string }).dueAt)).toBe(Date.parse("2024-06-01T23:59:59.999+08:00"));
    expect((await side.get(`/v1/suggestions/W-5?${at(june3)}`, u1)).body).toMatchObject({ status: "overdue" });
    expect((await side.get(`/v1/suggestions/W-6`, d1)).body).toMatchObject({ status: "submitted", dueAt: null, daysToDue: null });
    expect((await side.get(`/v1/suggestions/W-2?${at(may25)}&dueWithinDays=120`, u2)).body).toMatchObject({ status: "due-soon" });
  });

  it("refuses bad parameters with 400 naming them", async () => {
    const spec = ApiSpecification.for(side);
    await spec.when({ path: "/v1/suggestions/W-1?asOf=yesterday", token: office }).thenRefused(400, { fields: ["asOf"] });
    await spec.when({ path: "/v1/suggestions/W-1?status=open", token: office }).thenRefused(400, { fields: ["status"] });
  });
});

describe("computed deadlines and the long-overdue tier (as of asOf)", () => {
  const july5 = "2024-07-05T12:00:00+08:00";
  interface Deadline {
    readonly kind: string;
    readonly unitId: string;
    readonly dueAt: string;
    readonly metAt: string | null;
    readonly overdue: boolean;
    readonly longOverdue: boolean;
  }

  it("status=long-overdue lists the suggestions owing a reply more than 30 days past the due date in force", async () => {
    // W-5's re-handling reply was due 1 June: 34 days on 5 July, 19 on 20 June.
    const list = await watch(`status=long-overdue&${at(july5)}`);
    expect(ids(list)).toEqual(["W-5"]);
    expect(list.items[0]).toMatchObject({ status: "overdue", overdue: true, longOverdue: true });
    expect(ids(await watch(`status=long-overdue&${at("2024-06-20T12:00:00+08:00")}`))).toEqual([]);
    expect(ids(await watch(`status=long-overdue&unitId=U-2&${at(july5)}`))).toEqual([]);
  });

  it("each line shows its deadlines by kind: W-2's co-unit owes its opinion since 5 April", async () => {
    const list = await watch(`status=open&${at(july5)}`);
    const w2 = list.items.find((item) => item.suggestionId === "W-2") as unknown as { deadlines: Deadline[]; longOverdue: boolean };
    expect(w2.longOverdue).toBe(false);
    expect(w2.deadlines).toEqual([
      expect.objectContaining({ kind: "reply", unitId: "U-2", metAt: null, overdue: false, longOverdue: false }),
      expect.objectContaining({ kind: "co-unit-opinion", unitId: "U-1", metAt: null, overdue: true, longOverdue: true }),
    ]);
    expect(Date.parse(w2.deadlines[1]!.dueAt)).toBe(Date.parse("2024-04-05T23:59:59.999+08:00"));
  });

  it("a reply opens its publication's deadline, 20 working days on: W-3's reply of 1 April was due online by 29 April", async () => {
    const detail = await side.get(`/v1/suggestions/W-3?${at(july5)}`, office);
    expect(detail.status, detail.text).toBe(200);
    const deadlines = (detail.body as { deadlines: Deadline[] }).deadlines;
    expect(deadlines.map((d) => d.kind)).toEqual(["reply", "publication"]);
    expect(deadlines[0]).toMatchObject({ kind: "reply", metAt: "2024-04-01T09:00:00+08:00", overdue: false });
    expect(deadlines[1]).toMatchObject({ kind: "publication", unitId: "U-1", metAt: null, overdue: true, longOverdue: true });
    expect(Date.parse(deadlines[1]!.dueAt)).toBe(Date.parse("2024-04-29T23:59:59.999+08:00"));
    // As of 20 April the publication was not yet due.
    const before = await side.get(`/v1/suggestions/W-3?${at("2024-04-20T12:00:00+08:00")}`, office);
    expect((before.body as { deadlines: Deadline[] }).deadlines[1]).toMatchObject({ overdue: false, longOverdue: false });
  });
});

describe("a warning (督办) shows on the unit's desk until its next step", () => {
  interface Line {
    readonly suggestionId: string;
    readonly warning: { readonly supervisionId: string; readonly by: string; readonly note: string } | null;
  }
  const desk = async (asOf: string, minPosition: number): Promise<Line[]> => {
    const response = await side.get(`/v1/units/U-1/suggestions?status=open&${at(asOf)}&minPosition=${minPosition}`, u1);
    expect(response.status, response.text).toBe(200);
    return (response.body as { items: Line[] }).items;
  };

  it("the office warns; U-1's desk shows it on W-1 until U-1 records a step", async () => {
    const warned = await side.write("/v1/suggestions/W-1/supervision", office, { supervisionId: "SV-W1", kind: "warning", at: "2024-06-12T10:00:00+08:00", by: "王主任", note: "请于本周内报送办理方案。" });
    const before = await desk("2024-06-13T10:00:00+08:00", warned.position);
    expect(before.find((line) => line.suggestionId === "W-1")?.warning).toEqual({ supervisionId: "SV-W1", supervisedAt: "2024-06-12T10:00:00+08:00", by: "王主任", note: "请于本周内报送办理方案。" });
    expect(before.find((line) => line.suggestionId === "W-2")?.warning).toBeNull();
    const stepped = await side.write("/v1/suggestions/W-1/steps", u1, { unitId: "U-1", kind: "plan", occurredAt: "2024-06-14T10:00:00+08:00", recordedVia: "online" });
    expect((await desk("2024-06-15T10:00:00+08:00", stepped.position)).find((line) => line.suggestionId === "W-1")?.warning).toBeNull();
    // As of before the step, the warning still showed.
    expect((await desk("2024-06-13T10:00:00+08:00", stepped.position)).find((line) => line.suggestionId === "W-1")?.warning).not.toBeNull();
    const detail = await side.get(`/v1/suggestions/W-1?${at("2024-06-15T10:00:00+08:00")}`, office);
    expect(detail.body).toMatchObject({ warning: null, supervisions: [{ supervisionId: "SV-W1", kind: "warning", by: "王主任" }] });
  });
});
