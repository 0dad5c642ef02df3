import { sendApiRequest, type ApiRequest, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenChains, fixtureTokens, freshId, registerFixtureWorld, startFixtureLedger, t0, t2, type FixtureLedger, type FixtureTokens } from "./write-fixtures.test-support.js";

/**
 * People in contacts and opinions (issue 20, PIPL; personal-data.md), through the real HTTP
 * server: sealed per person before the log sees them, shown by role, every clear read in the
 * access log, and erased by destroying the person's key — `[已删除]` afterwards, the chains
 * still verifying, the erasure recorded once.
 */

let ledger: FixtureLedger;
let tokens: FixtureTokens;
let d3: string;
let clerk2: string;

const send = (request: ApiRequest): Promise<ApiResponse> => sendApiRequest(ledger, request);
const get = (path: string, token: string): Promise<ApiResponse> => sendApiRequest(ledger, { method: "GET", path, token });

const zhang = { personId: "P-ZHANG", name: "张三丰", phone: "13812345678", idNumber: "110101199003071234" };
const li = { personId: "P-LI", name: "李四光", phone: "13987654321" };

const contactWithPeople = (contactId: string) => ({
  contactId,
  deputyIds: ["D-1"],
  stationId: "ST-1",
  channel: "station",
  occurredAt: t0,
  constituents: 2,
  topic: "公交出行",
  summary: "群众反映早高峰公交拥挤。",
  people: [zhang],
  opinions: [{ opinionId: "OP-1", text: "增加班次", people: [li] }],
});

beforeAll(async () => {
  ledger = await startFixtureLedger();
  tokens = await fixtureTokens(ledger);
  await registerFixtureWorld(ledger, tokens);
  d3 = await ledger.token("deputy", "D-3");
  clerk2 = await ledger.token("clerk", "CLERK-2", "ST-2");
});

afterAll(async () => {
  await ledger.close();
});

describe("a contact naming people", () => {
  it("is stored sealed: no name, phone or ID number in the event, each person under their own key", async () => {
    const contactId = freshId("C");
    const created = await send({ path: "/v1/contacts", token: tokens.clerk, body: contactWithPeople(contactId) });
    expect(created.status, created.text).toBe(201);
    const event = await ledger.store.readEvent((created.body as { eventIds: string[] }).eventIds[0] as string);
    const text = JSON.stringify(event?.data);
    for (const secret of [zhang.name, zhang.phone, zhang.idNumber, li.name, li.phone]) expect(text).not.toContain(secret);
    const data = event?.data as { people: { personId: string; sealed: string }[]; opinions: { people: { personId: string; sealed: string }[] }[] };
    expect(data.people.map((p) => p.personId)).toEqual(["P-ZHANG"]);
    expect(data.people[0]?.sealed).toMatch(/^v1\./);
    expect(data.opinions[0]?.people.map((p) => p.personId)).toEqual(["P-LI"]);
    expect(ledger.keys.keyOf("P-ZHANG").status).toBe("kept");
  });

  it("is shown in clear to the office, the contact's deputies and its station's clerk; sealed to auditors; 403 to anyone else alike", async () => {
    const contactId = freshId("C");
    expect((await send({ path: "/v1/contacts", token: tokens.clerk, body: contactWithPeople(contactId) })).status).toBe(201);
    const path = `/v1/contacts/${contactId}/people`;
    for (const token of [tokens.office, tokens.d1, tokens.clerk]) {
      const answer = await get(path, token);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toEqual({ contactId, people: [zhang], opinions: [{ opinionId: "OP-1", text: "增加班次", people: [li] }] });
    }
    const audited = await get(path, tokens.auditor);
    expect(audited.status).toBe(200);
    expect(audited.text).not.toContain(zhang.name);
    expect((audited.body as { people: { sealed: string }[] }).people[0]?.sealed).toMatch(/^v1\./);
    const unknown = `/v1/contacts/${freshId("C")}/people`;
    for (const token of [tokens.d2, clerk2, tokens.u1]) {
      const known = await get(path, token);
      const missing = await get(unknown, token);
      expect([known.status, missing.status], known.text).toEqual([403, 403]);
      expect(known.text).not.toContain(zhang.name);
    }
    expect((await get(unknown, tokens.office)).status).toBe(404);
  });

  it("refuses people on a ledger whose free text names them, and a malformed phone (400)", async () => {
    const body = { ...contactWithPeople(freshId("C")), people: [{ ...zhang, phone: "12345" }] };
    expect((await send({ path: "/v1/contacts", token: tokens.office, body })).status).toBe(400);
  });
});

describe("a unit", () => {
  it("sees the names (only) of the people of an opinion referred to it — cited by a suggestion assigned to it — and nothing else; 403 before", async () => {
    const contactId = freshId("C");
    const [referred, other] = [freshId("OP"), freshId("OP")];
    const wang = { personId: freshId("P"), name: "王五", phone: "13700000001" };
    const body = { ...contactWithPeople(contactId), opinions: [{ opinionId: referred, text: "增加班次", people: [li] }, { opinionId: other, text: "修路", people: [wang] }] };
    expect((await send({ path: "/v1/contacts", token: tokens.clerk, body })).status).toBe(201);
    const suggestionId = freshId("S");
    const submitted = await send({
      path: "/v1/suggestions",
      token: tokens.d1,
      body: { suggestionId, leadDeputyId: "D-1", coSignerIds: [], title: "增加班次", body: "建议增加班次。", phase: "recess", session: "2024", submittedAt: t0, sourceOpinionIds: [referred] },
    });
    expect(submitted.status, submitted.text).toBe(201);
    const path = `/v1/contacts/${contactId}/people`;
    expect((await get(path, tokens.u1)).status).toBe(403); // not assigned yet
    expect((await send({ path: `/v1/suggestions/${suggestionId}/pre-review`, token: tokens.office, body: { outcome: "accept", reason: "可", reviewedAt: t0 } })).status).toBe(201);
    expect((await send({ path: `/v1/suggestions/${suggestionId}/assignment`, token: tokens.office, body: { leadUnitId: "U-1", coUnitIds: ["U-2"], assignedAt: t0, complex: false } })).status).toBe(201);
    for (const token of [tokens.u1, tokens.u2]) {
      const answer = await get(path, token);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toEqual({ contactId, people: [], opinions: [{ opinionId: referred, text: "增加班次", people: [{ personId: li.personId, name: li.name }] }] });
      for (const secret of [li.phone, zhang.name, wang.name, wang.phone]) expect(answer.text).not.toContain(secret);
    }
    const u3 = await ledger.token("unit", "U-3");
    expect((await get(path, u3)).status).toBe(403);
    const log = await get(`/v1/people/${li.personId}/access-log`, tokens.office);
    expect((log.body as { accesses: { actorId: string; what: string }[] }).accesses.filter((a) => a.what === `contact ${contactId}`).map((a) => a.actorId)).toEqual(["U-1", "U-2"]);
  });
});

describe("the access log", () => {
  it("lists every read that returned the person's data (who, when, which contact), to the office only", async () => {
    const personId = freshId("P");
    const contactId = freshId("C");
    expect((await send({ path: "/v1/contacts", token: tokens.d1, body: { ...contactWithPeople(contactId), people: [{ ...zhang, personId }], opinions: [] } })).status).toBe(201);
    await get(`/v1/contacts/${contactId}/people`, tokens.d1);
    await get(`/v1/contacts/${contactId}/people`, tokens.office);
    await get(`/v1/contacts/${contactId}/people`, tokens.auditor); // ciphertext: not an access to the data
    await get(`/v1/contacts/${contactId}/people`, tokens.d2); // refused: nothing returned
    const log = await get(`/v1/people/${personId}/access-log`, tokens.office);
    expect(log.status, log.text).toBe(200);
    const accesses = (log.body as { accesses: { actorRole: string; actorId: string; what: string; at: string }[] }).accesses;
    expect(accesses.map((a) => [a.actorRole, a.actorId, a.what])).toEqual([
      ["deputy", "D-1", `contact ${contactId}`],
      ["office", "OFFICE-1", `contact ${contactId}`],
    ]);
    for (const token of [tokens.d1, tokens.auditor, tokens.clerk]) expect((await get(`/v1/people/${personId}/access-log`, token)).status).toBe(403);
  });
});

describe("erasure", () => {
  it("destroys the key and records PersonErased once: reads show [已删除], the chains verify, the person cannot be named again", async () => {
    const personId = freshId("P");
    const contactId = freshId("C");
    const person = { ...zhang, personId };
    expect((await send({ path: "/v1/contacts", token: tokens.clerk, body: { ...contactWithPeople(contactId), people: [person] } })).status).toBe(201);
    const erasure = { at: t2, reason: "本人依法申请删除" };
    for (const token of [tokens.d1, tokens.clerk, tokens.auditor, tokens.u1]) {
      expect((await send({ path: `/v1/people/${personId}/erasure`, token, body: erasure })).status).toBe(403);
    }
    const erased = await send({ path: `/v1/people/${personId}/erasure`, token: tokens.office, body: erasure });
    expect(erased.status, erased.text).toBe(201);
    const event = await ledger.store.readEvent((erased.body as { eventIds: string[] }).eventIds[0] as string);
    expect(event).toMatchObject({ type: "PersonErased", streamId: `person-${personId}`, data: { personId, erasedAt: t2, reason: erasure.reason } });
    expect(ledger.keys.keyOf(personId).status).toBe("erased");

    const answer = await get(`/v1/contacts/${contactId}/people`, tokens.office);
    expect(answer.body).toEqual({ contactId, people: [{ personId, name: "[已删除]", erased: true }], opinions: [{ opinionId: "OP-1", text: "增加班次", people: [li] }] });
    expect(answer.text).not.toContain(person.name);

    const again = await send({ path: `/v1/people/${personId}/erasure`, token: tokens.office, body: erasure });
    expect(again.status).toBe(409);
    const renamed = await send({ path: "/v1/contacts", token: tokens.office, body: { ...contactWithPeople(freshId("C")), people: [person] } });
    expect(renamed.status, renamed.text).toBe(422);
    expect((renamed.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["people.0.personId"]);
    expect(await brokenChains(ledger.store)).toEqual([]);
  });

  it("refuses a reason that carries a phone number (422), erasing nothing", async () => {
    const personId = freshId("P");
    expect((await send({ path: "/v1/contacts", token: tokens.office, body: { ...contactWithPeople(freshId("C")), people: [{ ...zhang, personId }] } })).status).toBe(201);
    const head = await ledger.store.headPosition();
    const refused = await send({ path: `/v1/people/${personId}/erasure`, token: tokens.office, body: { at: t2, reason: "本人来电 13812345678 申请" } });
    expect(refused.status).toBe(422);
    expect((refused.body as { code: string }).code).toBe("personal-data-in-free-text");
    expect(await ledger.store.headPosition()).toBe(head);
    expect(ledger.keys.keyOf(personId).status).toBe("kept");
  });
});
