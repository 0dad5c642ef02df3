import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * The lead unit's requests on the suggestion view (GET /v1/suggestions/:id: `requests`,
 * `pendingRequests`): a request waits until the office answers it — an extension request by a
 * grant (`…/extension`) or a refusal, a return request by a reassignment or a refusal — and a
 * read as of a day shows what waited then.
 */

let side: TestQuerySide;
let office: string;
let u1: string;
let u2: string;

interface Pending {
  readonly requests: { readonly request: string; readonly act: string; readonly unitId: string | null; readonly reason: string; readonly at: string }[];
  readonly pendingRequests: { readonly extension: { readonly unitId: string; readonly requestedDueAt: string; readonly reason: string } | null; readonly return: { readonly unitId: string; readonly reason: string } | null };
}

const view = async (query = ""): Promise<Pending> => {
  const response = await side.get(`/v1/suggestions/R-1${query}`, office);
  expect(response.status, response.text).toBe(200);
  return response.body as Pending;
};
const pending = async (query = ""): Promise<{ extension: string | null; return: string | null }> => {
  const { pendingRequests } = await view(query);
  return { extension: pendingRequests.extension?.reason ?? null, return: pendingRequests.return?.reason ?? null };
};
const write = async (path: string, token: string, body: unknown): Promise<void> => {
  await side.write(`/v1/suggestions/R-1/${path}`, token, body);
  await side.settle();
};

beforeAll(async () => {
  side = await startTestQuerySide();
  office = await side.token("office", "OFFICE-1");
  u1 = await side.token("unit", "U-1");
  u2 = await side.token("unit", "U-2");
  const deputy = await side.token("deputy", "D-1");
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/units", office, { unitId: "U-2", name: "县住建局" });
  await side.write("/v1/suggestions", deputy, { suggestionId: "R-1", leadDeputyId: "D-1", coSignerIds: [], title: "建议", body: "内容。", phase: "recess", session: "2024", submittedAt: "2024-03-01T09:00:00+08:00" });
  await side.write("/v1/suggestions/R-1/pre-review", office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
  await write("assignment", office, { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-05T09:00:00+08:00", complex: false });
});

afterAll(async () => {
  await side.close();
});

describe("GET /v1/suggestions/:id: the unit's requests and those waiting", () => {
  it("none before any request", async () => {
    expect(await view()).toMatchObject({ requests: [], pendingRequests: { extension: null, return: null } });
  });

  it("an extension request waits until refused; a return request until refused; as of a day, what waited then", async () => {
    await write("extension-request", u1, { requestedDueAt: "2024-07-05T23:59:59+08:00", reason: "需协调多个部门", at: "2024-03-06T09:00:00+08:00" });
    expect(await pending()).toEqual({ extension: "需协调多个部门", return: null });
    expect((await view()).pendingRequests.extension).toMatchObject({ unitId: "U-1", requestedDueAt: "2024-07-05T23:59:59+08:00" });
    await write("extension-request/refusal", office, { at: "2024-03-07T09:00:00+08:00", reason: "期限内可以办结" });
    expect(await pending()).toEqual({ extension: null, return: null });
    await write("return-request", u1, { reason: "不属于本单位职责", at: "2024-03-08T09:00:00+08:00" });
    expect(await pending()).toEqual({ extension: null, return: "不属于本单位职责" });
    await write("return-request/refusal", office, { at: "2024-03-11T09:00:00+08:00", reason: "属于本单位职责" });
    expect(await pending()).toEqual({ extension: null, return: null });
    expect((await view()).requests.map((entry) => `${entry.request} ${entry.act}`)).toEqual(["extension requested", "extension refused", "return requested", "return refused"]);
    // As of 6 March at noon: the extension request waited; as of the 9th, the return request.
    expect(await pending(`?asOf=${encodeURIComponent("2024-03-06T12:00:00+08:00")}`)).toEqual({ extension: "需协调多个部门", return: null });
    expect(await pending(`?asOf=${encodeURIComponent("2024-03-09T12:00:00+08:00")}`)).toEqual({ extension: null, return: "不属于本单位职责" });
  });

  it("a return request is answered by a reassignment, an extension request by a grant", async () => {
    await write("return-request", u1, { reason: "应由住建局主办", at: "2024-03-12T09:00:00+08:00" });
    expect(await pending()).toEqual({ extension: null, return: "应由住建局主办" });
    await write("reassignment", office, { leadUnitId: "U-2", coUnitIds: [], assignedAt: "2024-03-13T09:00:00+08:00", complex: false });
    expect(await pending()).toEqual({ extension: null, return: null });
    await write("extension-request", u2, { requestedDueAt: "2024-07-20T23:59:59+08:00", reason: "需实地调研", at: "2024-03-14T09:00:00+08:00" });
    expect(await pending()).toEqual({ extension: "需实地调研", return: null });
    await write("extension", office, { newDueAt: "2024-07-20T23:59:59+08:00", reason: "同意延期", grantedAt: "2024-03-15T09:00:00+08:00" });
    expect(await pending()).toEqual({ extension: null, return: null });
  });
});
