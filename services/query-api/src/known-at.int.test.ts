import { createHash } from "node:crypto";
import { canonicalJson } from "@duty-ledger/event-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * Known-at (trust.md) through the real ledger and query API on one HTTP server, with the
 * shared clock setting every event's `recordedAt`: `asOf` a true point in time on the watch list
 * and the suggestion view, `knownAt` on every read that takes `asOf`, and published rankings
 * (POST /v1/rankings, GET /v1/rankings/:id) that back-dated events recorded later do not change.
 *
 * The world: U-1 leads K-1…K-6, assigned 2024-03-05 (due 2024-06-05 end of day). K-1 is replied
 * 1 July (late), recorded that day; the rest stay open until a back-dated reply is recorded on
 * 21 December, after a ranking was published on the 20th.
 */

let side: TestQuerySide;
let office: string;
let auditor: string;
let d1: string;
let u1: string;
let u2: string;

const q = (value: string): string => encodeURIComponent(value);
const june10 = "2024-06-10T12:00:00+08:00";
const july2 = "2024-07-02T12:00:00+08:00";
const june30 = "2024-06-30T12:00:00+08:00";
const rankedAsOf = "2024-12-01T00:00:00+08:00";
const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

const assign = async (id: string): Promise<void> => {
  await side.write("/v1/suggestions", d1, {
    suggestionId: id,
    leadDeputyId: "D-1",
    coSignerIds: [],
    title: `建议 ${id}`,
    body: "建议内容。",
    phase: "session",
    session: "2024",
    submittedAt: "2024-03-01T09:00:00+08:00",
  });
  await side.write(`/v1/suggestions/${id}/pre-review`, office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
  await side.write(`/v1/suggestions/${id}/assignment`, office, { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-05T09:00:00+08:00", complex: false });
};

beforeAll(async () => {
  side = await startTestQuerySide({ now: "2024-03-10T12:00:00+08:00" });
  office = await side.token("office", "OFFICE-1");
  auditor = await side.token("auditor", "AUDITOR-1");
  d1 = await side.token("deputy", "D-1");
  u1 = await side.token("unit", "U-1");
  u2 = await side.token("unit", "U-2");
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  for (const id of ["K-1", "K-2", "K-3", "K-4", "K-5", "K-6"]) await assign(id);
  side.setNow("2024-07-01T12:00:00+08:00");
  await side.write("/v1/suggestions/K-1/reply", u1, { unitId: "U-1", category: "A", repliedAt: "2024-07-01T09:00:00+08:00", text: "已解决。" });
  side.setNow("2024-12-20T12:00:00+08:00");
  await side.settle();
}, 60_000);

afterAll(async () => {
  await side?.close();
});

interface WatchAnswer {
  readonly asOf: string;
  readonly knownAt: string;
  readonly items: readonly { readonly suggestionId: string; readonly state: string; readonly overdue: boolean; readonly replies: number; readonly status: string }[];
}

describe("asOf is a point in time on the watch list and the suggestion view", () => {
  it("a suggestion due 5 June and replied 1 July is overdue as of 10 June (watch list, unit's list, view)", async () => {
    const overdue = await side.get(`/v1/suggestions?status=overdue&asOf=${q(june10)}`, office);
    expect(overdue.status, overdue.text).toBe(200);
    const body = overdue.body as WatchAnswer;
    expect(body.asOf).toBe(june10);
    expect(body.items.map((item) => item.suggestionId)).toEqual(["K-1", "K-2", "K-3", "K-4", "K-5", "K-6"]);
    expect(body.items[0]).toMatchObject({ suggestionId: "K-1", state: "assigned", status: "overdue", overdue: true, replies: 0 });

    const own = (await side.get(`/v1/units/U-1/suggestions?status=overdue&asOf=${q(june10)}`, u1)).body as WatchAnswer;
    expect(own.items.map((item) => item.suggestionId)).toContain("K-1");
    const replied = (await side.get(`/v1/suggestions?status=replied&asOf=${q(june10)}`, office)).body as WatchAnswer;
    expect(replied.items).toEqual([]);

    const view = await side.get(`/v1/suggestions/K-1?asOf=${q(june10)}`, office);
    expect(view.body).toMatchObject({ suggestionId: "K-1", state: "assigned", status: "overdue", overdue: true, replies: [], asOf: june10 });
  });

  it("as of 2 July it is replied; without asOf the list is today's", async () => {
    const replied = (await side.get(`/v1/suggestions?status=replied&asOf=${q(july2)}`, office)).body as WatchAnswer;
    expect(replied.items.map((item) => item.suggestionId)).toEqual(["K-1"]);
    expect((await side.get(`/v1/suggestions/K-1?asOf=${q(july2)}`, office)).body).toMatchObject({ state: "replied", status: "replied" });
    const today = (await side.get("/v1/suggestions?status=replied", office)).body as WatchAnswer;
    expect(today.items.map((item) => item.suggestionId)).toEqual(["K-1"]);
    expect(today.knownAt).toBe(today.asOf);
  });

  it("before its submission a suggestion is not there as of then (404), and not listed", async () => {
    expect((await side.get(`/v1/suggestions/K-1?asOf=${q("2024-02-01T00:00:00+08:00")}`, office)).status).toBe(404);
    expect(((await side.get(`/v1/suggestions?status=open&asOf=${q("2024-02-01T00:00:00+08:00")}`, office)).body as WatchAnswer).items).toEqual([]);
  });
});

describe("knownAt: only events recorded by then count", () => {
  it("the reply recorded on 1 July is unknown at 30 June: the view, the watch list and the scores", async () => {
    const before = await side.get(`/v1/suggestions/K-1?knownAt=${q(june30)}`, office);
    expect(before.status, before.text).toBe(200);
    expect(before.body).toMatchObject({ state: "assigned", replies: [], knownAt: june30 });
    expect((await side.get(`/v1/suggestions/K-1?knownAt=${q(july2)}`, office)).body).toMatchObject({ state: "replied", knownAt: july2 });

    const open = (await side.get(`/v1/suggestions?status=open&knownAt=${q(june30)}`, office)).body as WatchAnswer;
    expect(open.knownAt).toBe(june30);
    expect(open.items.map((item) => item.suggestionId)).toContain("K-1");

    type UnitScores = { knownAt: string; indicators: { resolution: { denominator: number; suggestionIds: string[] } } };
    const then = (await side.get(`/v1/units/U-1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(june30)}`, u1)).body as UnitScores;
    expect(then.knownAt).toBe(june30);
    expect(then.indicators.resolution).toMatchObject({ denominator: 0, suggestionIds: [] });
    const later = (await side.get(`/v1/units/U-1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(july2)}`, u1)).body as UnitScores;
    expect(later.indicators.resolution).toMatchObject({ denominator: 1, suggestionIds: ["K-1"] });

    const all = (await side.get(`/v1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(june30)}`, auditor)).body as { knownAt: string; units: { unitId: string; indicators: { resolution: number | null } }[] };
    expect(all.knownAt).toBe(june30);
    expect(all.units.find((unit) => unit.unitId === "U-1")?.indicators.resolution).toBeNull();
  });

  it("a bad knownAt is 400 naming it", async () => {
    const response = await side.get("/v1/scores?period=2024&knownAt=yesterday", office);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(response.body)).toContain("knownAt");
  });
});

describe("published rankings", () => {
  let published: { knownAt: string; treeSize: number; rootHash: string; answerDigest: string; position: number };
  let servedText: string;

  it("POST /v1/rankings publishes the scores answer known at the server's clock, bound to the tree head of the log it was computed on", async () => {
    const head = await side.store.headPosition();
    const response = await side.send({ path: "/v1/rankings", token: office, body: { rankingId: "R-2024", period: "2024", asOf: rankedAsOf } });
    expect(response.status, response.text).toBe(201);
    published = response.body as typeof published;
    expect(published).toMatchObject({ id: "R-2024", knownAt: "2024-12-20T04:00:00.000Z", treeSize: head });
    expect(published.rootHash).toBe((await side.store.transparencyLog?.treeHead(head))?.rootHash);

    const ranking = await side.get(`/v1/rankings/R-2024?minPosition=${published.position}`, u2);
    expect(ranking.status, ranking.text).toBe(200);
    servedText = ranking.text;
    const body = ranking.body as { rankingId: string; answer: { knownAt: string; units: { unitId: string; assigned: number; rank: number | null }[] }; treeSize: number; rootHash: string; answerDigest: string };
    expect(Object.keys(body)).toEqual(["rankingId", "answer", "treeSize", "rootHash", "answerDigest"]);
    expect(body).toMatchObject({ rankingId: "R-2024", treeSize: head, rootHash: published.rootHash, answerDigest: published.answerDigest });
    // The answer as sent is its RFC 8785 canonical JSON, the bytes its digest hashes.
    expect(ranking.text).toContain(`"answer":${canonicalJson(body.answer)},`);
    expect(sha256Hex(canonicalJson(body.answer))).toBe(published.answerDigest);
    expect(body.answer.knownAt).toBe(published.knownAt);
    expect(body.answer.units).toEqual([expect.objectContaining({ unitId: "U-1", assigned: 6, rank: 1 })]);
    // …what GET /v1/scores answers for the same period, asOf and knownAt.
    const scores = await side.get(`/v1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(published.knownAt)}`, office);
    expect(scores.body).toEqual(body.answer);
  });

  it("back-dated events recorded after the publication change the scores as of that date, not the published ranking", async () => {
    side.setNow("2024-12-21T12:00:00+08:00");
    const written = await side.write("/v1/suggestions/K-2/reply", u1, { unitId: "U-1", category: "A", repliedAt: "2024-05-01T09:00:00+08:00", text: "已解决（补录）。" });
    const now = await side.get(`/v1/scores?period=2024&asOf=${q(rankedAsOf)}&minPosition=${written.position}`, office);
    const published2024 = JSON.parse(servedText) as { answer: { units: { indicators: { completion: number } }[] } };
    expect((now.body as { units: { indicators: { completion: number } }[] }).units[0]?.indicators.completion).not.toBe(published2024.answer.units[0]?.indicators.completion);

    const again = await side.get(`/v1/rankings/R-2024?minPosition=${written.position}`, office);
    expect(again.text).toBe(servedText);
    const knownThen = await side.get(`/v1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(published.knownAt)}`, auditor);
    expect(knownThen.body).toEqual((JSON.parse(servedText) as { answer: unknown }).answer);
  });

  it("the same ranking id is published once (409), an Idempotency-Key replays the first answer, nothing more is appended", async () => {
    const head = await side.store.headPosition();
    const twice = await side.send({ path: "/v1/rankings", token: office, body: { rankingId: "R-2024", period: "2024", asOf: rankedAsOf } });
    expect(twice.status).toBe(409);
    expect(await side.store.headPosition()).toBe(head);

    const keyed = { path: "/v1/rankings", token: office, body: { rankingId: "R-KEYED", period: "2024", asOf: rankedAsOf }, headers: { "Idempotency-Key": "rank-1" } };
    const first = await side.send(keyed);
    expect(first.status, first.text).toBe(201);
    side.setNow("2024-12-21T13:00:00+08:00");
    const retry = await side.send(keyed);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await side.store.headPosition()).toBe(head + 1);
  });

  it.each([
    ["no body fields", {}],
    ["a period that is not a year", { rankingId: "R-X", period: "24", asOf: rankedAsOf }],
    ["an asOf without offset", { rankingId: "R-X", period: "2024", asOf: "2024-12-01T00:00:00" }],
    ["an unknown field", { rankingId: "R-X", period: "2024", asOf: rankedAsOf, answer: {} }],
    ["a knownAt of its own (the server's clock is)", { rankingId: "R-X", period: "2024", asOf: rankedAsOf, knownAt: rankedAsOf }],
    ["an unknown rule set", { rankingId: "R-X", period: "2024", asOf: rankedAsOf, rules: "nope" }],
  ])("refuses %s: 400 problem+json, nothing appended", async (_what, body) => {
    const head = await side.store.headPosition();
    const response = await side.send({ path: "/v1/rankings", token: office, body });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body).toMatchObject({ type: "/problems/validation", code: "validation" });
    expect(await side.store.headPosition()).toBe(head);
  });

  it("refuses a query string (400), an asOf after the publication (422), and every role but the office (403); nothing appended", async () => {
    const head = await side.store.headPosition();
    const body = { rankingId: "R-Y", period: "2024", asOf: rankedAsOf };
    expect((await side.send({ path: "/v1/rankings?dryRun=1", token: office, body })).status).toBe(400);
    const future = await side.send({ path: "/v1/rankings", token: office, body: { ...body, asOf: "2025-06-01T00:00:00+08:00" } });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ type: "/problems/domain-rule", code: "domain-rule" });
    for (const token of [auditor, d1, u1]) expect((await side.send({ path: "/v1/rankings", token, body })).status).toBe(403);
    expect(await side.store.headPosition()).toBe(head);
  });

  it("GET /v1/rankings/:id: office, auditor and units read it; a deputy does not; an unknown id is 404", async () => {
    for (const token of [office, auditor, u1]) expect((await side.get("/v1/rankings/R-2024", token)).status).toBe(200);
    expect((await side.get("/v1/rankings/R-2024", d1)).status).toBe(403);
    expect((await side.get("/v1/rankings/R-NONE", office)).status).toBe(404);
  });
});

describe("knownAt before a voiding", () => {
  it("a reply voided later still counts as known before the voiding was recorded: the view, the watch list and the scores", async () => {
    side.setNow("2024-12-22T12:00:00+08:00");
    const reply = ((await side.get("/v1/suggestions/K-1", office)).body as { replies: { eventId: string }[] }).replies[0];
    const voiding = await side.write("/v1/events:void", office, { eventId: reply?.eventId, reason: "replied to the wrong suggestion" });
    const before = "2024-12-22T11:00:00+08:00";
    const now = await side.get(`/v1/suggestions/K-1?minPosition=${voiding.position}`, office);
    expect(now.body).toMatchObject({ state: "assigned", replies: [] });
    expect((now.body as { voided: Record<string, unknown>[] }).voided[0]).not.toHaveProperty("voidedEntry");
    expect((await side.get(`/v1/suggestions/K-1?knownAt=${q(before)}`, office)).body).toMatchObject({ state: "replied", voided: [] });
    const replied = (await side.get(`/v1/suggestions?status=replied&knownAt=${q(before)}`, office)).body as WatchAnswer;
    expect(replied.items.map((item) => item.suggestionId)).toContain("K-1");
    type UnitScores = { indicators: { resolution: { suggestionIds: string[] } } };
    const then = (await side.get(`/v1/units/U-1/scores?period=2024&asOf=${q(rankedAsOf)}&knownAt=${q(before)}`, u1)).body as UnitScores;
    expect(then.indicators.resolution.suggestionIds).toContain("K-1");
    const latest = (await side.get(`/v1/units/U-1/scores?period=2024&asOf=${q(rankedAsOf)}`, u1)).body as UnitScores;
    expect(latest.indicators.resolution.suggestionIds).not.toContain("K-1");
  });
});
