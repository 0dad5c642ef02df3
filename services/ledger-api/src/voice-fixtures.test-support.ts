// A valid request for every write route of `createVoiceApi` (转办, duty activities), as
// `writeFixtures` has for `createLedgerApi`'s (excluded from the build).
import { sendApiRequest, type ApiRequest, type ApiTarget } from "@duty-ledger/testing";
import type { FixtureTokens, WriteFixture } from "./write-fixtures.test-support.js";

const t0 = "2024-03-01T09:00:00+08:00";
const t1 = "2024-03-04T09:00:00+08:00";
const t2 = "2024-03-12T09:00:00+08:00";
const t3 = "2024-03-14T09:00:00+08:00";

let counter = 0;
const freshId = (prefix: string): string => `${prefix}-v${(counter += 1)}`;

const send = async (ledger: ApiTarget, request: ApiRequest): Promise<void> => {
  const response = await sendApiRequest(ledger, request);
  if (response.status !== 201) throw new Error(`fixture ${request.path} answered ${response.status}: ${response.text}`);
};

/** A contact of D-1 at ST-1 with the opinion OP-1 (D-1 alone: their part counts at once). */
export const contactWithOpinion = async (ledger: ApiTarget, tokens: FixtureTokens): Promise<string> => {
  const contactId = freshId("C");
  await send(ledger, {
    path: "/v1/contacts",
    token: tokens.d1,
    body: { contactId, deputyIds: ["D-1"], stationId: "ST-1", channel: "station", occurredAt: t0, constituents: 9, topic: "路灯", summary: "群众反映路灯不亮。", opinions: [{ opinionId: "OP-1", text: "修复路灯" }] },
  });
  return contactId;
};

/** The contact's OP-1 referred to U-1 (and answered, when asked). */
export const referredOpinion = async (ledger: ApiTarget, tokens: FixtureTokens, answered = false): Promise<string> => {
  const contactId = await contactWithOpinion(ledger, tokens);
  await send(ledger, { path: `/v1/contacts/${contactId}/opinions/OP-1/referral`, token: tokens.office, body: { unitId: "U-1", referredAt: t1 } });
  if (answered) await send(ledger, { path: `/v1/contacts/${contactId}/opinions/OP-1/answer`, token: tokens.u1, body: { answeredAt: t2, text: "已修复。", outcome: "resolved" } });
  return contactId;
};

/** One fixture per write route of `createVoiceApi`, keyed by the router's path. */
export const voiceFixtures: Readonly<Record<string, WriteFixture>> = {
  "/v1/contacts/:id/opinions/:opinionId/referral": async (l, t) => ({
    path: `/v1/contacts/${await contactWithOpinion(l, t)}/opinions/OP-1/referral`,
    token: t.clerk,
    role: "clerk",
    sub: "CLERK-1",
    body: { unitId: "U-1", referredAt: t1 },
  }),
  "/v1/contacts/:id/opinions/:opinionId/answer": async (l, t) => ({
    path: `/v1/contacts/${await referredOpinion(l, t)}/opinions/OP-1/answer`,
    token: t.u1,
    role: "unit",
    sub: "U-1",
    body: { answeredAt: t2, text: "已修复路灯。", outcome: "resolved" },
  }),
  "/v1/contacts/:id/opinions/:opinionId/constituent-feedback": async (l, t) => ({
    path: `/v1/contacts/${await referredOpinion(l, t, true)}/opinions/OP-1/constituent-feedback`,
    token: t.clerk,
    role: "clerk",
    sub: "CLERK-1",
    body: { at: t3, satisfied: false },
  }),
  "/v1/activities": async (_l, t) => ({
    path: "/v1/activities",
    token: t.d1,
    role: "deputy",
    sub: "D-1",
    body: { activityId: freshId("A"), kind: "inspection", deputyIds: ["D-1"], at: t0, title: "视察农村公路", hours: 2 },
  }),
  "/v1/activities/:id/confirmation": async (l, t) => {
    // D-1 records an activity naming D-2: D-2's part counts once D-2 confirms.
    const activityId = freshId("A");
    await send(l, { path: "/v1/activities", token: t.d1, body: { activityId, kind: "survey", deputyIds: ["D-1", "D-2"], at: t0, title: "调研养老服务" } });
    return { path: `/v1/activities/${activityId}/confirmation`, token: t.d2, role: "deputy", sub: "D-2", body: { confirmedAt: t1 } };
  },
};
