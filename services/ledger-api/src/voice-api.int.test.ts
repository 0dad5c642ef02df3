import { ApiSpecification, sendApiRequest } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactWithOpinion, referredOpinion } from "./voice-fixtures.test-support.js";
import { fixtureTokens, registerFixtureWorld, startFixtureLedger, type FixtureLedger, type FixtureTokens } from "./write-fixtures.test-support.js";

/** 转办 and the duty activities through the real HTTP server (createVoiceApi beside createLedgerApi). */

let ledger: FixtureLedger;
let tokens: FixtureTokens;

beforeAll(async () => {
  ledger = await startFixtureLedger();
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
});

afterAll(async () => {
  await ledger.close();
});

const spec = () => ApiSpecification.for(ledger);
const referral = (contactId: string, opinionId = "OP-1") => `/v1/contacts/${contactId}/opinions/${opinionId}/referral`;
const answerPath = (contactId: string) => `/v1/contacts/${contactId}/opinions/OP-1/answer`;
const feedbackPath = (contactId: string) => `/v1/contacts/${contactId}/opinions/OP-1/constituent-feedback`;
// Monday 4 March 2024 (no holiday file for 2024: Monday to Friday).
const referredAt = "2024-03-04T09:00:00+08:00";

describe("POST /v1/contacts/:id/opinions/:opinionId/referral", () => {
  it("refers the opinion, due 15 working days on by default, and answers with the due date", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    const response = await spec().given().when({ path: referral(contactId), token: tokens.clerk, body: { unitId: "U-1", referredAt } }).thenAccepted(201);
    expect(response.body).toMatchObject({ id: "OP-1", dueAt: "2024-03-25T23:59:59.999+08:00" });
  });

  it("keeps the due date the body names", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    const response = await spec().given().when({ path: referral(contactId), token: tokens.d1, body: { unitId: "U-1", referredAt, dueAt: "2024-04-30T18:00:00+08:00" } }).thenAccepted(201);
    expect(response.body).toMatchObject({ dueAt: "2024-04-30T18:00:00+08:00" });
  });

  it("refuses a unit that is not registered (422 on unitId), a voided one too", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    await spec().given().when({ path: referral(contactId), token: tokens.office, body: { unitId: "U-404", referredAt } }).thenRefused(422, { fields: ["unitId"] });
    const registered = await sendApiRequest(ledger, { path: "/v1/units", token: tokens.office, body: { unitId: "U-VOID", name: "撤销的单位" } });
    const eventId = (registered.body as { eventIds: string[] }).eventIds[0];
    await spec()
      .given({ path: "/v1/events:void", token: tokens.office, body: { eventId, reason: "误录" } })
      .when({ path: referral(contactId), token: tokens.office, body: { unitId: "U-VOID", referredAt } })
      .thenRefused(422, { fields: ["unitId"] });
  });

  it("refuses an opinion the contact does not have, and an unknown contact, to the office (404)", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    await spec().given().when({ path: referral(contactId, "OP-9"), token: tokens.office, body: { unitId: "U-1", referredAt } }).thenRefused(404);
    await spec().given().when({ path: referral("C-none"), token: tokens.office, body: { unitId: "U-1", referredAt } }).thenRefused(404);
  });

  it("refuses a deputy who did not take part and a unit (403), a clerk on an unknown contact alike", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    await spec().given().when({ path: referral(contactId), token: tokens.d2, body: { unitId: "U-1", referredAt } }).thenRefused(403);
    await spec().given().when({ path: referral(contactId), token: tokens.u1, body: { unitId: "U-1", referredAt } }).thenRefused(403);
    await spec().given().when({ path: referral("C-none"), token: tokens.clerk, body: { unitId: "U-1", referredAt } }).thenRefused(403);
  });

  it("refuses a second referral (409)", async () => {
    const contactId = await referredOpinion(ledger, tokens);
    await spec().given().when({ path: referral(contactId), token: tokens.office, body: { unitId: "U-2", referredAt } }).thenRefused(409);
  });

  it("replays the answer of a retry under the same Idempotency-Key, appending nothing", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    const request = { path: referral(contactId), token: tokens.office, body: { unitId: "U-1", referredAt }, headers: { "idempotency-key": `k-${contactId}` } };
    const first = await sendApiRequest(ledger, request);
    expect(first.status).toBe(201);
    const head = await ledger.headPosition();
    const again = await sendApiRequest(ledger, request);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.headPosition()).toBe(head);
  });
});

describe("the unit's answer and the constituent's feedback", () => {
  it("only the unit referred to answers; another unit is refused as on an unknown contact (403)", async () => {
    const contactId = await referredOpinion(ledger, tokens);
    const body = { answeredAt: "2024-03-12T09:00:00+08:00", text: "已修复。", outcome: "resolved" };
    await spec().given().when({ path: answerPath(contactId), token: tokens.u2, body }).thenRefused(403);
    await spec().given().when({ path: answerPath("C-none"), token: tokens.u2, body }).thenRefused(403);
    await spec().given().when({ path: answerPath(contactId), token: tokens.office, body }).thenRefused(403);
    await spec().given().when({ path: answerPath(contactId), token: tokens.u1, body }).thenAccepted(201);
    await spec().given().when({ path: answerPath(contactId), token: tokens.u1, body }).thenRefused(409);
  });

  it("an unsatisfied constituent re-opens it, due 10 working days on; the unit answers again; a satisfied one closes it", async () => {
    const contactId = await referredOpinion(ledger, tokens, true);
    // Thursday 14 March: 10 working days later is Thursday 28 March.
    const reopened = await spec().given().when({ path: feedbackPath(contactId), token: tokens.clerk, body: { at: "2024-03-14T09:00:00+08:00", satisfied: false } }).thenAccepted(201);
    expect(reopened.body).toMatchObject({ reopenedDueAt: "2024-03-28T23:59:59.999+08:00" });
    await spec().given().when({ path: feedbackPath(contactId), token: tokens.d1, body: { at: "2024-03-15T09:00:00+08:00", satisfied: true } }).thenRefused(409);
    await spec().given().when({ path: answerPath(contactId), token: tokens.u1, body: { answeredAt: "2024-03-20T09:00:00+08:00", text: "已更换灯具。", outcome: "resolved" } }).thenAccepted(201);
    const closed = await spec().given().when({ path: feedbackPath(contactId), token: tokens.d1, body: { at: "2024-03-21T09:00:00+08:00", satisfied: true } }).thenAccepted(201);
    expect(closed.body).not.toHaveProperty("reopenedDueAt");
    await spec().given().when({ path: feedbackPath(contactId), token: tokens.office, body: { at: "2024-03-22T09:00:00+08:00", satisfied: true } }).thenRefused(403);
  });
});

describe("POST /v1/activities", () => {
  it("records an activity of registered deputies, refuses unknown ones (422 naming each)", async () => {
    await spec().given().when({ path: "/v1/activities", token: tokens.office, body: { activityId: "A-int-1", kind: "hearing", deputyIds: ["D-1", "D-2"], at: "2024-03-05T09:00:00+08:00", title: "立法听证会" } }).thenAccepted(201);
    await spec()
      .given()
      .when({ path: "/v1/activities", token: tokens.office, body: { activityId: "A-int-2", kind: "hearing", deputyIds: ["D-1", "D-404"], at: "2024-03-05T09:00:00+08:00", title: "立法听证会" } })
      .thenRefused(422, { fields: ["deputyIds.1"] });
    await spec().given().when({ path: "/v1/activities", token: tokens.office, body: { activityId: "A-int-1", kind: "other", deputyIds: ["D-1"], at: "2024-03-05T09:00:00+08:00", title: "again" } }).thenRefused(409);
  });

  it("refuses an unknown kind (400) and a deputy recording others' activity only (403)", async () => {
    await spec().given().when({ path: "/v1/activities", token: tokens.d1, body: { activityId: "A-int-3", kind: "banquet", deputyIds: ["D-1"], at: "2024-03-05T09:00:00+08:00", title: "x" } }).thenRefused(400, { fields: ["kind"] });
    await spec().given().when({ path: "/v1/activities", token: tokens.d1, body: { activityId: "A-int-4", kind: "survey", deputyIds: ["D-2"], at: "2024-03-05T09:00:00+08:00", title: "x" } }).thenRefused(403);
  });
});
