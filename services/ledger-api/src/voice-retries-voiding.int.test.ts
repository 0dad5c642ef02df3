import { ApiSpecification, sendApiRequest } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactWithOpinion, referredOpinion, voiceFixtures } from "./voice-fixtures.test-support.js";
import { fixtureTokens, registerFixtureWorld, startFixtureLedger, type FixtureLedger, type FixtureTokens } from "./write-fixtures.test-support.js";

/**
 * 转办 and the duty activities through the real HTTP server, as the suggestions' routes are
 * tested: every write route replays a retry under the same Idempotency-Key and appends
 * nothing, and each of their events can be voided by the office (`POST /v1/events:void`),
 * after which the step it recorded can be taken again.
 */

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
const path = (contactId: string, step: "referral" | "answer" | "constituent-feedback") => `/v1/contacts/${contactId}/opinions/OP-1/${step}`;
const written = async (request: { path: string; token: string; body: unknown }): Promise<string> => {
  const response = await spec().when(request).thenAccepted(201);
  const eventId = (response.body as { eventIds?: string[] }).eventIds?.[0];
  expect(eventId).toBeTypeOf("string");
  return eventId as string;
};
const voiding = (eventId: string) => ({ path: "/v1/events:void", token: tokens.office, body: { eventId, reason: "录入错误" } });

describe("a retry under the same Idempotency-Key", () => {
  it.each(Object.keys(voiceFixtures))("%s answers the first answer again and appends nothing", async (route) => {
    const fixture = voiceFixtures[route];
    if (fixture === undefined) throw new Error(route);
    const request = await fixture(ledger, tokens);
    const retried = { path: request.path, token: request.token, body: request.body, headers: { "idempotency-key": `retry-${request.path}` } };
    const first = await sendApiRequest(ledger, retried);
    expect(first.status).toBe(201);
    const head = await ledger.headPosition();
    const again = await sendApiRequest(ledger, retried);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.headPosition()).toBe(head);
  });
});

describe("voiding the voice events", () => {
  it("a voided answer is given again; a voided feedback is recorded again", async () => {
    const contactId = await referredOpinion(ledger, tokens);
    const answer = { path: path(contactId, "answer"), token: tokens.u1, body: { answeredAt: "2024-03-12T09:00:00+08:00", text: "已修复。", outcome: "resolved" } };
    const answerId = await written(answer);
    await spec().when(answer).thenRefused(409);
    await spec().when(voiding(answerId)).thenAccepted(201);
    await written(answer);
    const feedback = { path: path(contactId, "constituent-feedback"), token: tokens.clerk, body: { at: "2024-03-14T09:00:00+08:00", satisfied: true } };
    const feedbackId = await written(feedback);
    await spec().when(feedback).thenRefused(409);
    await spec().when(voiding(feedbackId)).thenAccepted(201);
    await written(feedback);
  });

  it("a referral is voided once its answer is (409 before), then referred again, to another unit", async () => {
    const contactId = await contactWithOpinion(ledger, tokens);
    const referralId = await written({ path: path(contactId, "referral"), token: tokens.office, body: { unitId: "U-1", referredAt: "2024-03-04T09:00:00+08:00" } });
    const answerId = await written({ path: path(contactId, "answer"), token: tokens.u1, body: { answeredAt: "2024-03-12T09:00:00+08:00", text: "不属本单位职责。", outcome: "explained" } });
    await spec().when(voiding(referralId)).thenRefused(409);
    await spec().when(voiding(answerId)).thenAccepted(201);
    await spec().when(voiding(referralId)).thenAccepted(201);
    await written({ path: path(contactId, "referral"), token: tokens.office, body: { unitId: "U-2", referredAt: "2024-03-13T09:00:00+08:00" } });
    // U-1 no longer answers it; U-2 does.
    await spec().when({ path: path(contactId, "answer"), token: tokens.u1, body: { answeredAt: "2024-03-14T09:00:00+08:00", text: "已办理。", outcome: "resolved" } }).thenRefused(403);
    await written({ path: path(contactId, "answer"), token: tokens.u2, body: { answeredAt: "2024-03-14T09:00:00+08:00", text: "已办理。", outcome: "resolved" } });
  });

  it("a voided confirmation of an activity is given again; the recording is voided once no confirmation counts", async () => {
    const activityId = "A-voided-1";
    const recordingId = await written({ path: "/v1/activities", token: tokens.d1, body: { activityId, kind: "hearing", deputyIds: ["D-1", "D-2"], at: "2024-03-01T09:00:00+08:00", title: "列席听证会" } });
    const confirmation = { path: `/v1/activities/${activityId}/confirmation`, token: tokens.d2, body: { confirmedAt: "2024-03-04T09:00:00+08:00" } };
    const confirmationId = await written(confirmation);
    await spec().when(voiding(recordingId)).thenRefused(409);
    await spec().when(voiding(confirmationId)).thenAccepted(201);
    const again = await written(confirmation);
    await spec().when(voiding(again)).thenAccepted(201);
    await spec().when(voiding(recordingId)).thenAccepted(201);
    await spec().when(confirmation).thenRefused(403);
  });
});
