import { ApiSpecification } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";
import { encodeTimelineCursor } from "./timeline-cursor.js";

interface Entry {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly summary: string;
}
interface Page {
  readonly deputyId: string;
  readonly entries: Entry[];
  readonly nextCursor: string | null;
}

let side: TestQuerySide;
let office: string;
let d1: string;
let contactCount = 0;

const addContacts = async (count: number): Promise<void> => {
  for (let i = 0; i < count; i++) {
    contactCount += 1;
    const day = String((contactCount % 28) + 1).padStart(2, "0");
    await side.write("/v1/contacts", d1, {
      contactId: `C-${contactCount}`,
      deputyIds: ["D-1"],
      channel: "hotline",
      occurredAt: `2024-05-${day}T10:00:00+08:00`,
      constituents: 1,
      topic: `来电 ${contactCount}`,
      summary: "群众来电反映问题。",
    });
  }
};

const page = async (query: string, token = d1): Promise<Page> => {
  const response = await side.get(`/v1/deputies/D-1/timeline${query}`, token);
  expect(response.status, response.text).toBe(200);
  return response.body as Page;
};

const pageAll = async (limit: number): Promise<Page[]> => {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const next: Page = await page(`?limit=${limit}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`);
    pages.push(next);
    cursor = next.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
};

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  d1 = await side.token("deputy", "D-1");
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/deputies", office, { deputyId: "D-2", name: "李强", level: "county", term: "2021-2026", constituency: "东乡" });
  await addContacts(60);
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

describe("GET /v1/deputies/:id/timeline", () => {
  it("pages newest first through every entry, without gaps or repeats; default limit 50", async () => {
    const first = await page("");
    expect(first.entries).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();

    const pages = await pageAll(25);
    expect(pages.map((p) => p.entries.length)).toEqual([25, 25, 11]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const entries = pages.flatMap((p) => p.entries);
    const positions = entries.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    expect(new Set(positions).size).toBe(61);
    expect(entries.at(-1)).toMatchObject({ type: "DeputyRegistered" });
    expect(entries[0]).toMatchObject({ type: "ContactRecorded", eventId: expect.any(String), occurredAt: expect.any(String), summary: expect.any(String) });
    // Only D-1's events: D-2's registration is not there.
    expect(entries.filter((e) => e.type === "DeputyRegistered")).toHaveLength(1);
  });

  it("keeps a cursor stable while new events are appended (they only come before the first page)", async () => {
    const before = (await pageAll(20)).flatMap((p) => p.entries);
    const first = await page("?limit=20");
    await addContacts(5);
    await side.settle();
    const second = await page(`?limit=20&cursor=${encodeURIComponent(first.nextCursor as string)}`);
    expect(second.entries).toEqual(before.slice(20, 40));
    const fresh = await page("?limit=5");
    expect(fresh.entries.map((e) => e.position).every((p) => p > (before[0] as Entry).position)).toBe(true);
  });

  it("accepts limits 1 and 200, refuses 0, 201, non-numbers and foreign cursors (400 naming the parameter)", async () => {
    expect((await page("?limit=1")).entries).toHaveLength(1);
    const all = await page("?limit=200");
    expect(all.entries.length).toBe(61 + (contactCount - 60));
    expect(all.nextCursor).toBeNull();
    const spec = ApiSpecification.for(side);
    for (const limit of ["0", "201", "abc", "-1", "2.5"]) {
      await spec.when({ path: `/v1/deputies/D-1/timeline?limit=${limit}`, token: d1 }).thenRefused(400, { fields: ["limit"] });
    }
    const rawPosition = String(all.entries[3]?.position);
    for (const cursor of [rawPosition, "tl1.!!", "tl1." + Buffer.from("before:-4").toString("base64url"), "x".repeat(600)]) {
      await spec.when({ path: `/v1/deputies/D-1/timeline?cursor=${encodeURIComponent(cursor)}`, token: d1 }).thenRefused(400, { fields: ["cursor"] });
    }
  });

  it("a cursor past the oldest entry gives an empty last page (not 404)", async () => {
    const answer = await page(`?cursor=${encodeTimelineCursor("0")}`);
    expect(answer).toEqual({ deputyId: "D-1", entries: [], nextCursor: null });
  });
});
