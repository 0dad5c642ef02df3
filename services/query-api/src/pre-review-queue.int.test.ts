import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * The pre-review queue (GET /v1/suggestions?status=submitted): the suggestions submitted, or
 * revised and resubmitted, that wait for the office's pre-review, oldest submission first.
 *
 * - Q-B submitted 1 March, Q-A 2 March: both wait (Q-B first, though its id sorts after);
 * - Q-C submitted 3 March, sent back for revision on 4 March, revised on 6 March: waits again;
 * - Q-D accepted, Q-E returned: out of the queue.
 */

let side: TestQuerySide;
let office: string;
let auditor: string;
let unit: string;
let deputy: string;

interface Queue {
  readonly status: string;
  readonly items: { readonly suggestionId: string; readonly state: string; readonly title: string; readonly submittedAt: string }[];
  readonly nextCursor: string | null;
}

const submit = (id: string, submittedAt: string) =>
  side.write("/v1/suggestions", deputy, { suggestionId: id, leadDeputyId: "D-1", coSignerIds: [], title: `建议 ${id}`, body: "建议内容。", phase: "recess", session: "2024", submittedAt });
const preReview = (id: string, outcome: string, reviewedAt: string) => side.write(`/v1/suggestions/${id}/pre-review`, office, { outcome, reason: "预审意见", reviewedAt });

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  auditor = await side.token("auditor", "AUD-1");
  unit = await side.token("unit", "U-1");
  deputy = await side.token("deputy", "D-1");
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await submit("Q-B", "2024-03-01T09:00:00+08:00");
  await submit("Q-A", "2024-03-02T09:00:00+08:00");
  await submit("Q-C", "2024-03-03T09:00:00+08:00");
  await preReview("Q-C", "revise", "2024-03-04T09:00:00+08:00");
  await side.write("/v1/suggestions/Q-C/revision", deputy, { title: "建议 Q-C（修改稿）", body: "修改后的内容。", revisedAt: "2024-03-06T09:00:00+08:00" });
  await submit("Q-D", "2024-02-20T09:00:00+08:00");
  await preReview("Q-D", "accept", "2024-02-21T09:00:00+08:00");
  await submit("Q-E", "2024-02-22T09:00:00+08:00");
  await preReview("Q-E", "return", "2024-02-23T09:00:00+08:00");
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const queue = async (query: string, token = office): Promise<Queue> => {
  const response = await side.get(`/v1/suggestions?status=submitted${query}`, token);
  expect(response.status, response.text).toBe(200);
  return response.body as Queue;
};
const ids = (list: Queue): string[] => list.items.map((item) => item.suggestionId);

describe("GET /v1/suggestions?status=submitted (the pre-review queue)", () => {
  it("lists the submitted and the resubmitted suggestions, oldest submission first; accepted and returned ones are not in it", async () => {
    const list = await queue("");
    expect(list.status).toBe("submitted");
    expect(ids(list)).toEqual(["Q-B", "Q-A", "Q-C"]);
    expect(list.items.map((item) => item.state)).toEqual(["submitted", "submitted", "submitted"]);
    expect(list.items[2]?.title).toBe("建议 Q-C（修改稿）");
  });

  it("pages with the cursor in the same order", async () => {
    const first = await queue("&limit=2");
    expect(ids(first)).toEqual(["Q-B", "Q-A"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await queue(`&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(ids(second)).toEqual(["Q-C"]);
    expect(second.nextCursor).toBeNull();
  });

  it("as of a day: Q-C, under revision on 5 March, was not waiting then", async () => {
    expect(ids(await queue(`&asOf=${encodeURIComponent("2024-03-05T12:00:00+08:00")}`))).toEqual(["Q-B", "Q-A"]);
  });

  it("the auditor reads it; a unit and a deputy are refused", async () => {
    expect(ids(await queue("", auditor))).toEqual(["Q-B", "Q-A", "Q-C"]);
    expect((await side.get("/v1/suggestions?status=submitted", unit)).status).toBe(403);
    expect((await side.get("/v1/suggestions?status=submitted", deputy)).status).toBe(403);
  });
});
