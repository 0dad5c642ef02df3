import { sendApiRequest, type ApiRequest, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestLedger, type TestLedger } from "./test-ledger.test-support.js";

/**
 * Participation that counts is confirmed (trust.md), through the real HTTP server: a contact a
 * deputy records naming others awaits their confirmation; co-signers accept or decline; cited
 * opinions must be of contacts the lead deputy took part in; references to voided
 * registrations are refused.
 */

let ledger: TestLedger;
let tokens: Record<"office" | "d1" | "d2" | "d3" | "dx" | "clerk", string>;
let counter = 0;
const fresh = (prefix: string): string => `${prefix}-p${(counter += 1)}`;
const t0 = "2024-03-01T09:00:00+08:00";
const t1 = "2024-03-02T09:00:00+08:00";

const send = (request: ApiRequest): Promise<ApiResponse> => sendApiRequest(ledger, request);
const created = async (request: ApiRequest): Promise<{ id: string; eventIds: string[] }> => {
  const response = await send(request);
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; eventIds: string[] };
};
const refused = async (request: ApiRequest, status: number): Promise<{ errors?: { path: string }[] }> => {
  const before = await ledger.store.headPosition();
  const response = await send(request);
  expect(response.status, response.text).toBe(status);
  expect(await ledger.store.headPosition()).toBe(before);
  return response.body as { errors?: { path: string }[] };
};

beforeAll(async () => {
  ledger = await startTestLedger();
  tokens = {
    office: await ledger.token("office", "OFFICE-1"),
    d1: await ledger.token("deputy", "D-1"),
    d2: await ledger.token("deputy", "D-2"),
    d3: await ledger.token("deputy", "D-3"),
    dx: await ledger.token("deputy", "D-X"),
    clerk: await ledger.token("clerk", "CLERK-1", "ST-1"),
  };
  await created({ path: "/v1/stations", token: tokens.office, body: { stationId: "ST-1", name: "城关联络站", region: "城关镇" } });
  for (const deputyId of ["D-1", "D-2", "D-3"]) {
    await created({ path: "/v1/deputies", token: tokens.office, body: { deputyId, name: `代表${deputyId}`, level: "county", term: "2021-2026", constituency: "城关镇" } });
  }
});

afterAll(async () => {
  await ledger.close();
});

const contactBody = (contactId: string, deputyIds: string[], opinionId = `${contactId}-o1`) => ({
  contactId,
  deputyIds,
  stationId: "ST-1",
  channel: "station",
  occurredAt: t0,
  constituents: 1_000_000,
  topic: "公交",
  summary: "接待群众。",
  opinions: [{ opinionId, text: "增加班次" }],
});
const suggestionBody = (suggestionId: string, extra: Record<string, unknown> = {}) => ({
  suggestionId,
  leadDeputyId: "D-1",
  coSignerIds: ["D-2"],
  title: "改善公交",
  body: "建议增加班次。",
  phase: "recess",
  session: "2024",
  submittedAt: t1,
  ...extra,
});

describe("a contact a deputy records naming other deputies", () => {
  it("names the others as unconfirmed in the event; each confirms for themself", async () => {
    const id = fresh("C");
    const recorded = await created({ path: "/v1/contacts", token: tokens.d1, body: contactBody(id, ["D-1", "D-2", "D-3"]) });
    const event = await ledger.store.readEvent(recorded.eventIds[0] as string);
    expect(event?.data).toMatchObject({ unconfirmedDeputyIds: ["D-2", "D-3"] });
    const confirmed = await created({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } });
    expect(await ledger.store.readEvent(confirmed.eventIds[0] as string)).toMatchObject({ type: "ContactParticipationConfirmed", data: { contactId: id, deputyId: "D-2", confirmedAt: t1 } });
    await refused({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } }, 409); // twice
    await refused({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d1, body: { confirmedAt: t1 } }, 409); // the recorder counts already
    await refused({ path: `/v1/contacts/${id}/confirmation`, token: tokens.dx, body: { confirmedAt: t1 } }, 403); // not named
    await refused({ path: `/v1/contacts/${id}/confirmation`, token: tokens.office, body: { confirmedAt: t1 } }, 403);
    await refused({ path: `/v1/contacts/${fresh("C")}/confirmation`, token: tokens.d3, body: { confirmedAt: t1 } }, 403); // unknown: as not named
  });

  it("recorded by the clerk of its station, it counts for every named deputy at once", async () => {
    const id = fresh("C");
    const recorded = await created({ path: "/v1/contacts", token: tokens.clerk, body: contactBody(id, ["D-1", "D-2"]) });
    expect((await ledger.store.readEvent(recorded.eventIds[0] as string))?.data).not.toHaveProperty("unconfirmedDeputyIds");
    await refused({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } }, 409);
  });

  it("a confirmation can be voided and given again; it is idempotent under Idempotency-Key", async () => {
    const id = fresh("C");
    await created({ path: "/v1/contacts", token: tokens.d1, body: contactBody(id, ["D-1", "D-2"]) });
    const request = { path: `/v1/contacts/${id}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 }, headers: { "Idempotency-Key": `confirm-${id}` } };
    const first = await created(request);
    const before = await ledger.store.headPosition();
    expect((await send(request)).body).toMatchObject({ eventIds: first.eventIds });
    expect(await ledger.store.headPosition()).toBe(before);
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: first.eventIds[0], reason: "误点" } });
    await created({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d2, body: { confirmedAt: t1 } });
  });
});

describe("co-signatures", () => {
  it("a listed co-signer accepts or declines, once; nobody else may", async () => {
    const id = fresh("S");
    await created({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(id, { coSignerIds: ["D-2", "D-3"] }) });
    const accepted = await created({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.d2, body: { decision: "accept", at: t1 } });
    expect(await ledger.store.readEvent(accepted.eventIds[0] as string)).toMatchObject({ type: "CoSignatureDecided", data: { deputyId: "D-2", decision: "accept", decidedAt: t1 } });
    await created({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.d3, body: { decision: "decline", at: t1 } });
    await refused({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.d2, body: { decision: "decline", at: t1 } }, 409);
    await refused({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.d1, body: { decision: "accept", at: t1 } }, 403); // the lead
    await refused({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.dx, body: { decision: "accept", at: t1 } }, 403);
    await refused({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.office, body: { decision: "accept", at: t1 } }, 403);
    await refused({ path: `/v1/suggestions/${id}/co-signature`, token: tokens.d2, body: { decision: "maybe", at: t1 } }, 400);
  });
});

describe("cited opinions (sourceOpinionIds)", () => {
  it("must be opinions of contacts the lead deputy took part in: 422 naming each other one", async () => {
    const mine = fresh("C");
    const theirs = fresh("C");
    await created({ path: "/v1/contacts", token: tokens.d1, body: contactBody(mine, ["D-1"]) });
    await created({ path: "/v1/contacts", token: tokens.d3, body: contactBody(theirs, ["D-3"]) });
    await created({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(fresh("S"), { sourceOpinionIds: [`${mine}-o1`] }) });
    const problem = await refused({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(fresh("S"), { sourceOpinionIds: [`${mine}-o1`, `${theirs}-o1`, "OP-nowhere"] }) }, 422);
    expect(problem.errors?.map((e) => e.path)).toEqual(["sourceOpinionIds.1", "sourceOpinionIds.2"]);
  });

  it("an unconfirmed participation does not count until confirmed; a voided contact's opinions no longer count", async () => {
    const id = fresh("C");
    const recorded = await created({ path: "/v1/contacts", token: tokens.d3, body: contactBody(id, ["D-3", "D-1"]) });
    const cite = () => ({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(fresh("S"), { sourceOpinionIds: [`${id}-o1`] }) });
    await refused(cite(), 422);
    const confirmation = await created({ path: `/v1/contacts/${id}/confirmation`, token: tokens.d1, body: { confirmedAt: t1 } });
    await created(cite());
    // The contact is voided after its confirmation (a voiding never leaves an event without its prerequisite).
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: confirmation.eventIds[0], reason: "重复录入" } });
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: recorded.eventIds[0], reason: "重复录入" } });
    await refused(cite(), 422);
  });
});

describe("references to registrations that no longer count", () => {
  it("a voided deputy can neither be named nor submit; a voided unit cannot be assigned (422)", async () => {
    const deputy = await created({ path: "/v1/deputies", token: tokens.office, body: { deputyId: "D-9", name: "赵六", level: "county", term: "2021-2026", constituency: "城关镇" } });
    const unit = await created({ path: "/v1/units", token: tokens.office, body: { unitId: "U-9", name: "县水利局" } });
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: deputy.eventIds[0], reason: "登记错误" } });
    await created({ path: "/v1/events:void", token: tokens.office, body: { eventId: unit.eventIds[0], reason: "登记错误" } });
    expect((await refused({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(fresh("S"), { coSignerIds: ["D-9"] }) }, 422)).errors?.[0]?.path).toBe("coSignerIds.0");
    const d9 = await ledger.token("deputy", "D-9");
    expect((await refused({ path: "/v1/suggestions", token: d9, body: suggestionBody(fresh("S"), { leadDeputyId: "D-9", coSignerIds: [] }) }, 422)).errors?.[0]?.path).toBe("leadDeputyId");
    expect((await refused({ path: "/v1/contacts", token: tokens.d1, body: contactBody(fresh("C"), ["D-1", "D-9"]) }, 422)).errors?.[0]?.path).toBe("deputyIds.1");
    const s = fresh("S");
    await created({ path: "/v1/suggestions", token: tokens.d1, body: suggestionBody(s) });
    await created({ path: `/v1/suggestions/${s}/pre-review`, token: tokens.office, body: { outcome: "accept", reason: "符合要求", reviewedAt: t1 } });
    expect((await refused({ path: `/v1/suggestions/${s}/assignment`, token: tokens.office, body: { leadUnitId: "U-9", coUnitIds: [], assignedAt: t1, complex: false } }, 422)).errors?.[0]?.path).toBe("leadUnitId");
  });
});
