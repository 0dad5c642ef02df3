import { nationalDefaultPolicy, policies } from "@duty-ledger/domain";
import { ApiSpecification, sendApiRequest } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureTokens, freshId, registerFixtureWorld, returnAnsweredAt, returnRequestedAt, startFixtureLedger, suggestionAt, t2, t3, type FixtureLedger, type FixtureTokens } from "./write-fixtures.test-support.js";

/**
 * 督办 and the lead unit's requests through HTTP (design/voice-and-supervision.md): supervision
 * acts, extension requests and their answers, return requests (退回/改办) within 7 working days
 * and their answers, a deadline policy named by the assignment. Suggestions of the fixtures are
 * assigned at t1 (Saturday 2 March 2024) to U-1 (lead) and U-2, due 2024-06-02 end of day.
 */

let ledger: FixtureLedger;
let t: FixtureTokens;

beforeAll(async () => {
  ledger = await startFixtureLedger();
  t = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, t);
});

afterAll(async () => {
  await ledger.close();
});

const spec = () => ApiSpecification.for(ledger);
const assigned = () => suggestionAt(ledger, t, "assigned");

describe("POST /v1/suggestions/:id/supervision", () => {
  it("the office records each kind of act", async () => {
    const id = await assigned();
    for (const kind of ["warning", "leader-supervision", "site-review", "interview"]) {
      await spec().when({ path: `/v1/suggestions/${id}/supervision`, token: t.office, body: { supervisionId: freshId("SV"), kind, at: t2, by: "王主任", note: "请加快办理。" } }).thenAccepted(201);
    }
  });
  it("refuses the lead unit (403), an unknown kind (400), the same supervisionId twice (409)", async () => {
    const id = await assigned();
    const body = { supervisionId: freshId("SV"), kind: "warning", at: t2, by: "王主任", note: "请加快办理。" };
    await spec().when({ path: `/v1/suggestions/${id}/supervision`, token: t.u1, body }).thenRefused(403);
    await spec().when({ path: `/v1/suggestions/${id}/supervision`, token: t.office, body: { ...body, kind: "scolding" } }).thenRefused(400, { fields: ["kind"] });
    await spec().when({ path: `/v1/suggestions/${id}/supervision`, token: t.office, body }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/supervision`, token: t.office, body: { ...body, kind: "interview" } }).thenRefused(409);
  });
  it("refuses a suggestion not being handled (409) and an unknown one (404)", async () => {
    const body = { supervisionId: freshId("SV"), kind: "warning", at: t2, by: "王主任", note: "请加快办理。" };
    await spec().when({ path: `/v1/suggestions/${await suggestionAt(ledger, t, "replied")}/supervision`, token: t.office, body }).thenRefused(409);
    await spec().when({ path: `/v1/suggestions/${freshId("NOPE")}/supervision`, token: t.office, body }).thenRefused(404);
  });
});

describe("extension requests", () => {
  const request = { requestedDueAt: "2024-08-31T23:59:59.999+08:00", reason: "涉及多部门协调", at: t2 };

  it("the lead unit asks, the office grants with the extension", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: request }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: request }).thenRefused(409);
    await spec().when({ path: `/v1/suggestions/${id}/extension`, token: t.office, body: { newDueAt: request.requestedDueAt, reason: "同意延期", grantedAt: t3 } }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/extension-request/refusal`, token: t.office, body: { at: t3, reason: "已答复" } }).thenRefused(409);
  });
  it("the office refuses it; then the unit may ask again", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: request }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/extension-request/refusal`, token: t.u1, body: { at: t3, reason: "不同意" } }).thenRefused(403);
    await spec().when({ path: `/v1/suggestions/${id}/extension-request/refusal`, token: t.office, body: { at: t3, reason: "理由不充分" } }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: { ...request, at: t3 } }).thenAccepted(201);
  });
  it("refuses the co-unit (403) and a request after the due date (422 extension-after-due)", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u2, body: request }).thenRefused(403);
    const late = await spec()
      .when({ path: `/v1/suggestions/${id}/extension-request`, token: t.u1, body: { ...request, at: "2024-06-03T09:00:00+08:00" } })
      .thenRefused(422, { fields: ["at"] });
    expect(late.body).toMatchObject({ code: "extension-after-due" });
  });
  it("an extension granted after the due date it extends is refused (422 extension-after-due)", async () => {
    const id = await assigned();
    const response = await spec()
      .when({ path: `/v1/suggestions/${id}/extension`, token: t.office, body: { newDueAt: "2024-08-31T23:59:59.999+08:00", reason: "补批", grantedAt: "2024-06-03T09:00:00+08:00" } })
      .thenRefused(422, { fields: ["grantedAt"] });
    expect(response.body).toMatchObject({ type: "/problems/extension-after-due", code: "extension-after-due", status: 422 });
  });
});

describe("return requests (退回/改办)", () => {
  it("the lead unit asks within 7 working days; the office reassigns: a new lead unit, a new due date", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: returnRequestedAt } }).thenAccepted(201);
    const response = await spec()
      .when({ path: `/v1/suggestions/${id}/reassignment`, token: t.office, body: { leadUnitId: "U-2", coUnitIds: [], assignedAt: returnAnsweredAt, complex: false } })
      .thenAccepted(201);
    expect(response.body).toMatchObject({ dueAt: "2024-06-06T23:59:59.999+08:00", policy: { name: "national-default", version: 1 } });
    // U-2 now leads: it replies; U-1 no longer may.
    await spec().when({ path: `/v1/suggestions/${id}/reply`, token: t.u1, body: { unitId: "U-1", category: "A", repliedAt: t2, text: "已办理。" } }).thenRefused(403);
    await spec().when({ path: `/v1/suggestions/${id}/reply`, token: t.u2, body: { unitId: "U-2", category: "A", repliedAt: t2, text: "已办理。" } }).thenAccepted(201);
  });
  it("refuses a request after the 7th working day (422 on at)", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: "2024-03-13T09:00:00+08:00" } }).thenRefused(422, { fields: ["at"] });
  });
  it("the office refuses the return; a reassignment without a request is 409", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/reassignment`, token: t.office, body: { leadUnitId: "U-2", coUnitIds: [], assignedAt: returnAnsweredAt, complex: false } }).thenRefused(409);
    await spec().when({ path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: returnRequestedAt } }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/return-request/refusal`, token: t.office, body: { at: returnAnsweredAt, reason: "属于本单位职责" } }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/reassignment`, token: t.office, body: { leadUnitId: "U-2", coUnitIds: [], assignedAt: returnAnsweredAt, complex: false } }).thenRefused(409);
  });
  it("a reassignment to an unregistered unit is 422 naming leadUnitId", async () => {
    const id = await assigned();
    await spec().when({ path: `/v1/suggestions/${id}/return-request`, token: t.u1, body: { reason: "不属于本单位职责", at: returnRequestedAt } }).thenAccepted(201);
    await spec().when({ path: `/v1/suggestions/${id}/reassignment`, token: t.office, body: { leadUnitId: "U-404", coUnitIds: [], assignedAt: returnAnsweredAt, complex: false } }).thenRefused(422, { fields: ["leadUnitId"] });
  });
});

describe("the assignment names a deadline policy", () => {
  const assignment = (policy: unknown) => ({ leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-02T09:00:00+08:00", complex: false, policy });
  it("a known name: its latest version sets the due date", async () => {
    const id = await suggestionAt(ledger, t, "accepted");
    // The fixture's suggestion was made during the session: session-close counts from its close.
    await spec().when({ path: `/v1/suggestions/${id}/assignment`, token: t.office, body: assignment({ name: "session-close" }) }).thenRefused(422);
    const response = await spec()
      .when({ path: `/v1/suggestions/${id}/assignment`, token: t.office, body: { ...assignment({ name: "session-close" }), sessionClosedAt: "2024-01-10T18:00:00+08:00" } })
      .thenAccepted(201);
    expect(response.body).toMatchObject({ dueAt: "2024-04-10T23:59:59.999+08:00", policy: { name: "session-close", version: 1 } });
  });
  it("an unknown name is 422; a version or other field is 400", async () => {
    const id = await suggestionAt(ledger, t, "accepted");
    await spec().when({ path: `/v1/suggestions/${id}/assignment`, token: t.office, body: assignment({ name: "no-such-policy" }) }).thenRefused(422);
    await spec().when({ path: `/v1/suggestions/${id}/assignment`, token: t.office, body: assignment({ name: "national-default", version: 1 }) }).thenRefused(400, { fields: ["policy.version"] });
  });
});

describe("deadline policies as data", () => {
  const provincial = { ...nationalDefaultPolicy, name: "province-2026", description: "Reply due 2 months after assignment.", replyMonths: 2, complexReplyMonths: 4 };

  it("GET /v1/deadline-policies lists the built-in and the deployment's policies; an assignment names one", async () => {
    const own = await startFixtureLedger({ policies: [...policies, provincial] });
    try {
      const tokens = await fixtureTokens(own);
      await registerFixtureWorld(own, tokens);
      const listed = await sendApiRequest(own, { path: "/v1/deadline-policies", token: tokens.u1 });
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body).toEqual({ default: "national-default", policies: [...policies, provincial] });
      const id = await suggestionAt(own, tokens, "accepted");
      const response = await ApiSpecification.for(own)
        .when({ path: `/v1/suggestions/${id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-02T09:00:00+08:00", complex: false, policy: { name: "province-2026" } } })
        .thenAccepted(201);
      expect(response.body).toMatchObject({ dueAt: "2024-05-02T23:59:59.999+08:00", policy: { name: "province-2026", version: 1 } });
    } finally {
      await own.close();
    }
  });
  it("a clerk may not read them (403); a query string is 400", async () => {
    await spec().when({ path: "/v1/deadline-policies", token: t.clerk }).thenRefused(403);
    await spec().when({ path: "/v1/deadline-policies?all=1", token: t.office }).thenRefused(400, { fields: ["query"] });
  });
});

describe("idempotency", () => {
  it("the same Idempotency-Key answers the first request again and appends once", async () => {
    const id = await assigned();
    const request = { path: `/v1/suggestions/${id}/supervision`, token: t.office, headers: { "idempotency-key": freshId("K") }, body: { supervisionId: freshId("SV"), kind: "site-review", at: t2, by: "李副主任", note: "现场查看进度。" } };
    const first = await sendApiRequest(ledger, request);
    const head = await ledger.headPosition();
    const again = await sendApiRequest(ledger, request);
    expect(first.status, first.text).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await ledger.headPosition()).toBe(head);
  });
});
