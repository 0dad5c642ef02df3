import { ApiSpecification } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestQuerySide, type TestQuerySide } from "./test-query-side.test-support.js";

/**
 * GET /v1/deputies/:id/record over a small hand-made history written through the real
 * ledger-api: every figure of the record is predicted here by hand.
 */

let side: TestQuerySide;
let office: string;
let d1: string;
let d2: string;
let u1: string;
let u2: string;
let c2EventId: string;

const contact = (contactId: string, deputyIds: string[], channel: string, occurredAt: string, constituents: number, opinionIds: string[]) => ({
  contactId,
  deputyIds,
  stationId: "ST-1",
  channel,
  occurredAt,
  constituents,
  topic: "民生",
  summary: "群众反映问题。",
  opinions: opinionIds.map((opinionId) => ({ opinionId, text: `意见 ${opinionId}` })),
});

const suggestion = (suggestionId: string, leadDeputyId: string, coSignerIds: string[], phase: string, submittedAt: string, sourceOpinionIds: string[] = []) => ({
  suggestionId,
  leadDeputyId,
  coSignerIds,
  title: `建议 ${suggestionId}`,
  body: "建议内容。",
  phase,
  session: "2024",
  submittedAt,
  sourceOpinionIds,
});

beforeAll(async () => {
  side = await startTestQuerySide({ now: "2023-12-01T10:00:00+08:00" });
  office = await side.token("office", "OFFICE-1");
  d1 = await side.token("deputy", "D-1");
  d2 = await side.token("deputy", "D-2");
  u1 = await side.token("unit", "U-1");
  u2 = await side.token("unit", "U-2");
  await side.write("/v1/stations", office, { stationId: "ST-1", name: "城关联络站", region: "城关镇" });
  await side.write("/v1/deputies", office, { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" });
  await side.write("/v1/deputies", office, { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" });
  await side.write("/v1/units", office, { unitId: "U-1", name: "县交通运输局" });
  await side.write("/v1/units", office, { unitId: "U-2", name: "县住建局" });
  side.setNow("2024-12-20T12:00:00+08:00");

  // 2023: one online contact of D-1.
  await side.write("/v1/contacts", d1, contact("C-0", ["D-1"], "online", "2023-12-31T23:00:00+08:00", 7, ["OP-9"]));
  // 2024: a station reception with D-1 and D-2 (2 opinions), a visit by D-1 (1 opinion).
  await side.write("/v1/contacts", d1, contact("C-1", ["D-1", "D-2"], "station", "2024-02-20T09:00:00+08:00", 12, ["OP-1", "OP-2"]));
  c2EventId = (await side.write("/v1/contacts", d1, contact("C-2", ["D-1"], "visit", "2024-03-10T09:00:00+08:00", 5, ["OP-3"]))).eventIds[0] as string;
  // D-1 recorded C-1 naming D-2: D-2 confirms (participation that counts is confirmed).
  await side.write("/v1/contacts/C-1/confirmation", d2, { confirmedAt: "2024-02-21T09:00:00+08:00" });
  await side.write("/v1/contacts/C-1/feedback", d1, { opinionIds: ["OP-1"], feedbackAt: "2024-05-01T09:00:00+08:00", text: "已反馈办理结果。" });

  // S-1: led by D-1, co-signed by D-2, from OP-1 and OP-3; consultation with the deputy present; reply A; satisfied.
  await side.write("/v1/suggestions", d1, suggestion("S-1", "D-1", ["D-2"], "session", "2024-03-01T09:00:00+08:00", ["OP-1", "OP-3"]));
  await side.write("/v1/suggestions/S-1/co-signature", d2, { decision: "accept", at: "2024-03-01T10:00:00+08:00" });
  await side.write("/v1/suggestions/S-1/pre-review", office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-03-02T09:00:00+08:00" });
  await side.write("/v1/suggestions/S-1/assignment", office, { leadUnitId: "U-1", coUnitIds: [], assignedAt: "2024-03-05T09:00:00+08:00", complex: false });
  await side.write("/v1/suggestions/S-1/steps", u1, { unitId: "U-1", kind: "consultation", occurredAt: "2024-04-10T09:00:00+08:00", recordedVia: "online", deputyPresent: true });
  await side.write("/v1/suggestions/S-1/reply", u1, { unitId: "U-1", category: "A", repliedAt: "2024-04-20T09:00:00+08:00", text: "已解决。" });
  await side.write("/v1/suggestions/S-1/evaluation", d1, { rating: "satisfied", evaluatedAt: "2024-05-10T09:00:00+08:00" });

  // S-2: led by D-2, co-signed by D-1, in recess; never assigned.
  await side.write("/v1/suggestions", d2, suggestion("S-2", "D-2", ["D-1"], "recess", "2024-07-01T09:00:00+08:00"));
  await side.write("/v1/suggestions/S-2/co-signature", d1, { decision: "accept", at: "2024-07-02T09:00:00+08:00" });

  // S-3: led by D-1 in recess; consultation WITHOUT the deputy (does not count); reply C.
  await side.write("/v1/suggestions", d1, suggestion("S-3", "D-1", [], "recess", "2024-08-01T09:00:00+08:00"));
  await side.write("/v1/suggestions/S-3/pre-review", office, { outcome: "accept", reason: "符合要求", reviewedAt: "2024-08-02T09:00:00+08:00" });
  await side.write("/v1/suggestions/S-3/assignment", office, { leadUnitId: "U-2", coUnitIds: [], assignedAt: "2024-08-05T09:00:00+08:00", complex: false });
  await side.write("/v1/suggestions/S-3/steps", u2, { unitId: "U-2", kind: "consultation", occurredAt: "2024-08-10T09:00:00+08:00", recordedVia: "online", deputyPresent: false });
  await side.write("/v1/suggestions/S-3/reply", u2, { unitId: "U-2", category: "C", repliedAt: "2024-09-01T09:00:00+08:00", text: "需以后解决。" });
  await side.settle();
});

afterAll(async () => {
  await side.close();
});

const recordOf = async (path: string, token: string): Promise<Record<string, unknown>> => {
  const response = await side.get(path, token);
  expect(response.status, response.text).toBe(200);
  return response.body as Record<string, unknown>;
};

describe("GET /v1/deputies/:id/record", () => {
  it("sums D-1's 2024 by hand: contacts, suggestions, consultations and the loop", async () => {
    const record = await recordOf("/v1/deputies/D-1/record?year=2024", d1);
    expect(record).toMatchObject({
      deputyId: "D-1",
      year: 2024,
      deputy: { name: "王芳", level: "county", stationId: "ST-1" },
      contacts: {
        total: 2,
        byChannel: { station: 1, visit: 1, online: 0, hotline: 0, survey: 0 },
        constituents: 17,
        opinions: 3,
        opinionsAnsweredBack: 1,
      },
      suggestions: {
        led: 2,
        coSigned: 1,
        byPhase: { session: 1, recess: 2 },
        byCategory: { A: 1, B: 0, C: 1, D: 0 },
        evaluated: 1,
      },
      consultations: 1,
      loop: { opinions: 3, suggested: 2, replied: 2, answeredBack: 1 },
      sources: { contactIds: ["C-1", "C-2"], suggestionIds: ["S-1", "S-2", "S-3"] },
    });
  });

  it("sums D-2's 2024 from the same history", async () => {
    const record = await recordOf("/v1/deputies/D-2/record?year=2024", d2);
    expect(record).toMatchObject({
      contacts: { total: 1, byChannel: { station: 1, visit: 0 }, constituents: 12, opinions: 2, opinionsAnsweredBack: 1 },
      suggestions: { led: 1, coSigned: 1, byPhase: { session: 1, recess: 1 }, byCategory: { A: 0, B: 0, C: 0, D: 0 }, evaluated: 0 },
      consultations: 1,
      loop: { opinions: 2, suggested: 1, replied: 1, answeredBack: 1 },
    });
  });

  it("keeps years apart, and the default year is the Shanghai year of the server's clock", async () => {
    const y2023 = await recordOf("/v1/deputies/D-1/record?year=2023", office);
    expect(y2023).toMatchObject({ year: 2023, contacts: { total: 1, byChannel: { online: 1 }, constituents: 7 }, suggestions: { led: 0, coSigned: 0 } });
    expect((await recordOf("/v1/deputies/D-1/record", office))["year"]).toBe(2024);
    // 2024-12-31 16:30 UTC is already 2025 in Shanghai.
    side.setNow("2024-12-31T16:30:00Z");
    try {
      expect(await recordOf("/v1/deputies/D-1/record", office)).toMatchObject({ year: 2025, contacts: { total: 0 }, suggestions: { led: 0 } });
    } finally {
      side.setNow("2024-12-20T12:00:00+08:00");
    }
  });

  it("stops counting a voided contact (read with ?minPosition= the voiding's position)", async () => {
    const spec = ApiSpecification.for(side);
    const voided = await side.write("/v1/events:void", office, { eventId: c2EventId, reason: "录入错误" });
    await spec
      .when({ path: `/v1/deputies/D-1/record?year=2024&minPosition=${voided.position}`, token: d1 })
      .then((response) => {
        expect(response.status, response.text).toBe(200);
        expect(Number(response.headers.get("x-read-model-position"))).toBeGreaterThanOrEqual(voided.position);
        expect(response.body).toMatchObject({
          contacts: { total: 1, byChannel: { station: 1, visit: 0 }, constituents: 12, opinions: 2 },
          loop: { opinions: 2, suggested: 1, replied: 1, answeredBack: 1 },
        });
      });
  });

  it("refuses bad years and unknown parameters with 400 naming the parameter", async () => {
    const spec = ApiSpecification.for(side);
    for (const query of ["year=24", "year=abcd", "year=1900", "year=2024&year=2025", "yaer=2024", "minPosition=-1", "minPosition=1e3"]) {
      const field = query.startsWith("year") ? "year" : query.startsWith("yaer") ? "yaer" : "minPosition";
      await spec.when({ path: `/v1/deputies/D-1/record?${query}`, token: office }).thenRefused(400, { fields: [field] });
    }
  });

  it("keeps unconfirmed participation apart (pendingConfirmation) until the deputy confirms; names backfilled sources", async () => {
    // 2022, a year no other test reads: D-1 records C-5 naming D-2, and S-5 listing D-2 as co-signer.
    await side.write("/v1/contacts", d1, contact("C-5", ["D-1", "D-2"], "visit", "2022-05-01T09:00:00+08:00", 1_000_000, ["OP-50"]));
    const s5 = await side.write("/v1/suggestions", d1, suggestion("S-5", "D-1", ["D-2"], "recess", "2022-05-02T09:00:00+08:00", ["OP-50"]));
    let record = await recordOf(`/v1/deputies/D-2/record?year=2022&minPosition=${s5.position}`, d2);
    expect(record).toMatchObject({
      contacts: { total: 0, constituents: 0 },
      suggestions: { coSigned: 0 },
      pendingConfirmation: { contacts: 1, contactIds: ["C-5"], coSignatures: 1, suggestionIds: ["S-5"] },
    });
    await side.write("/v1/contacts/C-5/confirmation", d2, { confirmedAt: "2022-05-03T09:00:00+08:00" });
    const accepted = await side.write("/v1/suggestions/S-5/co-signature", d2, { decision: "accept", at: "2022-05-03T09:00:00+08:00" });
    record = await recordOf(`/v1/deputies/D-2/record?year=2022&minPosition=${accepted.position}`, d2);
    expect(record).toMatchObject({
      contacts: { total: 1, constituents: 1_000_000 },
      suggestions: { coSigned: 1 },
      pendingConfirmation: { contacts: 0, coSignatures: 0 },
      backfilled: { contactIds: [], suggestionIds: [] },
    });
    // A contact of D-1 entered under an office's backfill: the record names it backfilled.
    await side.write("/v1/backfills", office, {
      backfillId: "B-2022",
      actorRole: "deputy",
      actorId: "D-1",
      from: "2022-01-01T00:00:00+08:00",
      to: "2022-12-31T23:59:59+08:00",
      reason: "补录 2022 年纸质台账",
      expiresAt: "2025-01-31T00:00:00+08:00",
    });
    const old = await side.write("/v1/contacts", d1, { ...contact("C-6", ["D-1"], "visit", "2022-06-01T09:00:00+08:00", 4, ["OP-60"]), backfillId: "B-2022" });
    record = await recordOf(`/v1/deputies/D-1/record?year=2022&minPosition=${old.position}`, d1);
    expect(record["backfilled"]).toEqual({ contactIds: ["C-6"], suggestionIds: [] });
  });
});
