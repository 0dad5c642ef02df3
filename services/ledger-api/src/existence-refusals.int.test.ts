import { sendApiRequest, type ApiRequest } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureTokens,
  freshId,
  registerFixtureWorld,
  startFixtureLedger,
  suggestionAt,
  t0,
  t1,
  t2,
  t3,
  type FixtureLedger,
  type FixtureTokens,
} from "./write-fixtures.test-support.js";

/**
 * Refusals reveal nothing (issue 20, point 3), through the real HTTP server: a caller who may not
 * act on a thing gets the same answer — status, type, code and detail, the thing's id aside —
 * whether it exists or not, whatever its state. Permission is checked first; nothing is appended.
 */

let ledger: FixtureLedger;
let tokens: FixtureTokens;
let u3: string;
let d3: string;

interface Refusal {
  readonly status: number;
  readonly type: unknown;
  readonly code: unknown;
  readonly detail: string;
}

/** The refusal of `request`, with `id` (the target's id) masked in its detail; checks that nothing was appended. */
const refusal = async (request: ApiRequest, id: string): Promise<Refusal> => {
  const before = await ledger.store.headPosition();
  const response = await sendApiRequest(ledger, request);
  expect(await ledger.store.headPosition()).toBe(before);
  const body = response.body as { type?: unknown; code?: unknown; detail?: unknown };
  return { status: response.status, type: body.type, code: body.code, detail: String(body.detail).replaceAll(id, "<id>") };
};

/** Every request in `cases` ([request, target id]) is refused alike, with `status`. */
const expectAlike = async (status: number, cases: readonly (readonly [ApiRequest, string])[]): Promise<void> => {
  const answers = [];
  for (const [request, id] of cases) answers.push(await refusal(request, id));
  for (const answer of answers) expect(answer).toEqual({ ...(answers[0] as Refusal), status });
};

beforeAll(async () => {
  ledger = await startFixtureLedger();
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
  u3 = await ledger.token("unit", "U-3");
  d3 = await ledger.token("deputy", "D-3");
  const office = tokens.office;
  for (const request of [
    { path: "/v1/units", token: office, body: { unitId: "U-3", name: "县民政局" } },
    { path: "/v1/deputies", token: office, body: { deputyId: "D-3", name: "陈静", level: "county", term: "2021-2026", constituency: "南乡" } },
    { path: "/v1/stations", token: office, body: { stationId: "ST-2", name: "南乡联络站", region: "南乡" } },
  ]) {
    expect((await sendApiRequest(ledger, request)).status).toBe(201);
  }
});

afterAll(async () => {
  await ledger.close();
});

const submission = (leadDeputyId: string) => ({
  suggestionId: freshId("S"),
  leadDeputyId,
  coSignerIds: [],
  title: "修缮乡村道路",
  body: "建议修缮。",
  phase: "recess",
  session: "2024",
  submittedAt: t0,
});

const contact = (contactId: string, deputyIds: string[], stationId: string) => ({
  contactId,
  deputyIds,
  stationId,
  channel: "station",
  occurredAt: t0,
  constituents: 3,
  topic: "公交出行",
  summary: "群众反映早高峰公交拥挤。",
  opinions: [{ opinionId: "OP-1", text: "增加班次" }],
});

describe("a deputy submitting for another lead deputy", () => {
  it("is 403 whether the lead deputy is registered or not (was 422 for an unknown one)", async () => {
    await expectAlike(403, [
      [{ path: "/v1/suggestions", token: tokens.d2, body: submission("D-1") }, "D-1"],
      [{ path: "/v1/suggestions", token: tokens.d2, body: submission("D-NOBODY") }, "D-NOBODY"],
    ]);
  });
});

describe("a clerk recording a contact at a station not theirs", () => {
  it("is 403 whether the station is registered or not (was 422 for an unknown one)", async () => {
    await expectAlike(403, [
      [{ path: "/v1/contacts", token: tokens.clerk, body: contact(freshId("C"), ["D-1"], "ST-2") }, "ST-2"],
      [{ path: "/v1/contacts", token: tokens.clerk, body: contact(freshId("C"), ["D-1"], "ST-NOWHERE") }, "ST-NOWHERE"],
    ]);
  });
});

describe("feedback and confirmation on a contact not the caller's", () => {
  it("is 403 whether the contact exists or not (was 404 for an unknown one)", async () => {
    const atSt2 = freshId("C");
    const ofD1 = freshId("C");
    expect((await sendApiRequest(ledger, { path: "/v1/contacts", token: tokens.office, body: contact(atSt2, ["D-1"], "ST-2") })).status).toBe(201);
    expect((await sendApiRequest(ledger, { path: "/v1/contacts", token: tokens.d1, body: contact(ofD1, ["D-1"], "ST-1") })).status).toBe(201);
    const unknown = freshId("C");
    const feedback = { opinionIds: ["OP-1"], feedbackAt: t2, text: "已反馈。" };
    await expectAlike(403, [
      [{ path: `/v1/contacts/${ofD1}/feedback`, token: tokens.d2, body: feedback }, ofD1],
      [{ path: `/v1/contacts/${unknown}/feedback`, token: tokens.d2, body: feedback }, unknown],
    ]);
    await expectAlike(403, [
      [{ path: `/v1/contacts/${atSt2}/feedback`, token: tokens.clerk, body: feedback }, atSt2],
      [{ path: `/v1/contacts/${unknown}/feedback`, token: tokens.clerk, body: feedback }, unknown],
    ]);
    await expectAlike(403, [
      [{ path: `/v1/contacts/${ofD1}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } }, ofD1],
      [{ path: `/v1/contacts/${unknown}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } }, unknown],
    ]);
  });
});

describe("a unit not on a suggestion", () => {
  it("learns neither its existence nor its state: steps, reply and publication are the same 403 (was 404, 409 or 403)", async () => {
    const ids = [
      await suggestionAt(ledger, tokens, "submitted"),
      await suggestionAt(ledger, tokens, "accepted"),
      await suggestionAt(ledger, tokens, "assigned"),
      await suggestionAt(ledger, tokens, "replied"),
      freshId("S"),
    ];
    const step = { unitId: "U-3", kind: "progress", occurredAt: t2, recordedVia: "online" };
    const reply = { unitId: "U-3", category: "A", repliedAt: t2, text: "已办理。" };
    await expectAlike(403, ids.map((id) => [{ path: `/v1/suggestions/${id}/steps`, token: u3, body: step }, id] as const));
    await expectAlike(403, ids.map((id) => [{ path: `/v1/suggestions/${id}/reply`, token: u3, body: reply }, id] as const));
    await expectAlike(403, ids.map((id) => [{ path: `/v1/suggestions/${id}/publication`, token: u3, body: { publishedAt: t3 } }, id] as const));
    // A co-unit is on the suggestion, but not its lead: reply and publication are the lead's.
    const coReply = { ...reply, unitId: "U-2" };
    await expectAlike(403, ids.map((id) => [{ path: `/v1/suggestions/${id}/reply`, token: tokens.u2, body: coReply }, id] as const));
    await expectAlike(403, ids.map((id) => [{ path: `/v1/suggestions/${id}/publication`, token: tokens.u2, body: { publishedAt: t3 } }, id] as const));
  });
});

describe("a deputy acting on a suggestion not theirs", () => {
  it("is the same 403 whether it exists or not: revision, evaluation, co-signature (was 404 for an unknown one)", async () => {
    const revising = await suggestionAt(ledger, tokens, "revising");
    const replied = await suggestionAt(ledger, tokens, "replied");
    const submitted = await suggestionAt(ledger, tokens, "submitted");
    const unknown = freshId("S");
    const revision = { title: "改", body: "改。", revisedAt: t2 };
    const evaluation = { rating: "satisfied", evaluatedAt: t3 };
    await expectAlike(403, [
      [{ path: `/v1/suggestions/${revising}/revision`, token: tokens.d2, body: revision }, revising],
      [{ path: `/v1/suggestions/${unknown}/revision`, token: tokens.d2, body: revision }, unknown],
    ]);
    await expectAlike(403, [
      [{ path: `/v1/suggestions/${replied}/evaluation`, token: tokens.d2, body: evaluation }, replied],
      [{ path: `/v1/suggestions/${unknown}/evaluation`, token: tokens.d2, body: evaluation }, unknown],
    ]);
    await expectAlike(403, [
      [{ path: `/v1/suggestions/${submitted}/co-signature`, token: d3, body: { decision: "accept", at: t1 } }, submitted],
      [{ path: `/v1/suggestions/${unknown}/co-signature`, token: d3, body: { decision: "accept", at: t1 } }, unknown],
    ]);
  });
});

describe("the office, who may act on everything", () => {
  it("still hears 404 for an unknown suggestion and 422 for an unknown lead deputy", async () => {
    const unknown = freshId("S");
    expect((await sendApiRequest(ledger, { path: `/v1/suggestions/${unknown}/pre-review`, token: tokens.office, body: { outcome: "accept", reason: "可", reviewedAt: t1 } })).status).toBe(404);
    expect((await sendApiRequest(ledger, { path: "/v1/suggestions", token: tokens.office, body: submission("D-NOBODY") })).status).toBe(422);
  });
});
