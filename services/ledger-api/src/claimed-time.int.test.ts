import { DEFAULT_RECORDING_GRACE_MS } from "@duty-ledger/domain";
import { sendApiRequest, type ApiRequest, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestLedger, type TestLedger } from "./test-ledger.test-support.js";

/**
 * Two times on every fact (trust.md), through the real HTTP server with the default grace
 * (P3D) and a clock the test moves: a claimed time outside the grace is 422
 * `claimed-time-outside-grace` naming the field, nothing appended; an office-granted backfill
 * lets its actor enter old records, flagged `metadata.backfillId`.
 */

let ledger: TestLedger;
let now = new Date("2024-03-01T12:00:00+08:00");
const setNow = (iso: string): void => {
  now = new Date(iso);
};
let tokens: Record<"office" | "d1" | "d2" | "u1" | "u2", string>;

const send = (request: ApiRequest): Promise<ApiResponse> => sendApiRequest(ledger, request);
const created = async (request: ApiRequest): Promise<{ id: string; eventIds: string[]; position: number }> => {
  const response = await send(request);
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; eventIds: string[]; position: number };
};
/** The request is refused with `status` and appends nothing; the problem is returned. */
const refused = async (request: ApiRequest, status: number): Promise<{ type: string; code: string; errors?: { path: string }[] }> => {
  const before = await ledger.store.headPosition();
  const response = await send(request);
  expect(response.status, response.text).toBe(status);
  expect(await ledger.store.headPosition()).toBe(before);
  return response.body as { type: string; code: string; errors?: { path: string }[] };
};

beforeAll(async () => {
  ledger = await startTestLedger({ clock: () => new Date(now.getTime()), recordingGraceMs: DEFAULT_RECORDING_GRACE_MS });
  tokens = {
    office: await ledger.token("office", "OFFICE-1"),
    d1: await ledger.token("deputy", "D-1"),
    d2: await ledger.token("deputy", "D-2"),
    u1: await ledger.token("unit", "U-1"),
    u2: await ledger.token("unit", "U-2"),
  };
  for (const body of [
    { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇" },
    { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" },
  ]) {
    await created({ path: "/v1/deputies", token: tokens.office, body });
  }
  for (const body of [
    { unitId: "U-1", name: "县交通运输局" },
    { unitId: "U-2", name: "县住建局" },
  ]) {
    await created({ path: "/v1/units", token: tokens.office, body });
  }
});

afterAll(async () => {
  await ledger.close();
});

const contact = (occurredAt: string, extra: Record<string, unknown> = {}) => ({
  deputyIds: ["D-1"],
  channel: "visit",
  occurredAt,
  constituents: 3,
  topic: "道路",
  summary: "走访群众。",
  ...extra,
});

/** A suggestion assigned on 1 March 2024 (due 1 June), the clock kept near each step. */
const assignedSuggestion = async (id: string): Promise<void> => {
  setNow("2024-03-01T12:00:00+08:00");
  await created({
    path: "/v1/suggestions",
    token: tokens.d1,
    body: { suggestionId: id, leadDeputyId: "D-1", coSignerIds: [], title: "修桥", body: "建议修桥。", phase: "recess", session: "2024", submittedAt: "2024-03-01T09:00:00+08:00" },
  });
  await created({ path: `/v1/suggestions/${id}/pre-review`, token: tokens.office, body: { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-01T10:00:00+08:00" } });
  await created({ path: `/v1/suggestions/${id}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-01T11:00:00+08:00", complex: false } });
};

describe("the recording grace (P3D by default)", () => {
  it("refuses a reply given 183 days late that claims a time before its due date: 422 claimed-time-outside-grace on repliedAt, nothing appended", async () => {
    await assignedSuggestion("S-late");
    setNow("2024-12-01T12:00:00+08:00"); // 183 days after the due date of 1 June
    const problem = await refused(
      { path: "/v1/suggestions/S-late/reply", token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: "2024-05-30T10:00:00+08:00", text: "已修复。" } },
      422,
    );
    expect(problem).toMatchObject({ type: "/problems/claimed-time-outside-grace", code: "claimed-time-outside-grace", errors: [{ path: "repliedAt" }] });
    // Told the truth, the reply is recorded (late).
    await created({ path: "/v1/suggestions/S-late/reply", token: tokens.u1, body: { unitId: "U-1", category: "A", repliedAt: "2024-12-01T10:00:00+08:00", text: "已修复。" } });
  });

  it("accepts a claimed time 3 days before the recording, refuses one a minute older", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    await created({ path: "/v1/contacts", token: tokens.d1, body: contact("2024-06-07T12:00:00+08:00") });
    const problem = await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2024-06-07T11:59:00+08:00") }, 422);
    expect(problem).toMatchObject({ code: "claimed-time-outside-grace", errors: [{ path: "occurredAt" }] });
  });

  it("refuses a claimed time more than 5 minutes after the recording with the same code (the former 'in the future' rule)", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    await created({ path: "/v1/contacts", token: tokens.d1, body: contact("2024-06-10T12:05:00+08:00") });
    const problem = await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2024-06-10T12:06:00+08:00") }, 422);
    expect(problem).toMatchObject({ code: "claimed-time-outside-grace", errors: [{ path: "occurredAt" }] });
  });
});

describe("backfills", () => {
  const grant = (backfillId: string, extra: Record<string, unknown> = {}) => ({
    path: "/v1/backfills",
    token: tokens.office,
    body: { backfillId, actorRole: "deputy", actorId: "D-1", from: "2023-01-01T00:00:00+08:00", to: "2023-12-31T23:59:59+08:00", reason: "补录 2023 年纸质台账", expiresAt: "2024-07-01T00:00:00+08:00", ...extra },
  });

  it("lets its actor enter old records inside its window; the events carry metadata.backfillId", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    const granted = await created(grant("B-1"));
    expect(granted.id).toBe("B-1");
    const answer = await created({ path: "/v1/contacts", token: tokens.d1, body: contact("2023-05-04T10:00:00+08:00", { backfillId: "B-1" }) });
    const event = await ledger.store.readEvent(answer.eventIds[0] as string);
    expect(event?.metadata).toMatchObject({ backfillId: "B-1" });
    expect(event?.data).not.toHaveProperty("backfillId");
    // Without the backfill, the same old record is refused.
    await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2023-05-04T10:00:00+08:00") }, 422);
  });

  it("refuses times outside its window, even within the grace (422 claimed-time-outside-grace)", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    const problem = await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2024-06-09T10:00:00+08:00", { backfillId: "B-1" }) }, 422);
    expect(problem).toMatchObject({ code: "claimed-time-outside-grace", errors: [{ path: "occurredAt" }] });
  });

  it("is refused to another actor, after it expired, or when unknown (422 on backfillId)", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    const other = await refused({ path: "/v1/contacts", token: tokens.d2, body: contact("2023-05-04T10:00:00+08:00", { deputyIds: ["D-2"], backfillId: "B-1" }) }, 422);
    expect(other).toMatchObject({ code: "domain-rule", errors: [{ path: "backfillId" }] });
    await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2023-05-04T10:00:00+08:00", { backfillId: "B-none" }) }, 422);
    setNow("2024-07-01T00:00:00+08:00");
    const expired = await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2023-05-04T10:00:00+08:00", { backfillId: "B-1" }) }, 422);
    expect(expired.errors?.[0]?.path).toBe("backfillId");
  });

  it("a voided grant no longer counts", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    const granted = await created(grant("B-2"));
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: granted.eventIds[0], reason: "发错对象" } });
    await refused({ path: "/v1/contacts", token: tokens.d1, body: contact("2023-05-04T10:00:00+08:00", { backfillId: "B-2" }) }, 422);
  });

  it("only the office grants (403), once per id (409), for a past window (422)", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    await refused({ ...grant("B-3"), token: tokens.d1 }, 403);
    await refused(grant("B-1"), 409);
    await refused(grant("B-4", { to: "2024-12-31T00:00:00+08:00" }), 422);
    await refused(grant("B-5", { actorId: "D-unknown" }), 422);
  });

  it("is idempotent under Idempotency-Key, for the grant and for a write under it", async () => {
    setNow("2024-06-10T12:00:00+08:00");
    const headers = { "Idempotency-Key": "grant-B-6" };
    const first = await created({ ...grant("B-6"), headers });
    const again = await send({ ...grant("B-6"), headers });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ eventIds: first.eventIds });
    const write = { path: "/v1/contacts", token: tokens.d1, headers: { "Idempotency-Key": "old-visit" }, body: contact("2023-08-01T10:00:00+08:00", { backfillId: "B-6" }) };
    const once = await created(write);
    const before = await ledger.store.headPosition();
    const twice = await send(write);
    expect(twice.body).toMatchObject({ eventIds: once.eventIds });
    expect(await ledger.store.headPosition()).toBe(before);
  });
});
