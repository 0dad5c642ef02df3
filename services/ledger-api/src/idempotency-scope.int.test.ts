import { sendApiRequest, type ApiRequest, type ApiResponse } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestLedger, type TestLedger } from "./test-ledger.test-support.js";

// Security review: idempotency keys (and the event ids derived from them) were scoped by `sub`
// only, so an office token and a deputy token with the same `sub` shared keys. They are scoped
// by role, subject (and station) now: principals that differ only in role are strangers.

let ledger: TestLedger;
/** The deputy's own id (a deputy records only contacts they took part in), also an office token's sub. */
const sharedSub = "D-1";
let office: string;
let deputy: string;
let clerkSt1: string;
let clerkSt2: string;

beforeAll(async () => {
  ledger = await startTestLedger();
  office = await ledger.token("office", sharedSub);
  deputy = await ledger.token("deputy", sharedSub);
  clerkSt1 = await ledger.token("clerk", sharedSub, "ST-1");
  clerkSt2 = await ledger.token("clerk", sharedSub, "ST-2");
  const setup: ApiRequest[] = [
    { path: "/v1/stations", token: office, body: { stationId: "ST-1", name: "城关联络站", region: "城关镇" } },
    { path: "/v1/stations", token: office, body: { stationId: "ST-2", name: "东乡联络站", region: "东乡" } },
    { path: "/v1/deputies", token: office, body: { deputyId: "D-1", name: "王芳", level: "county", term: "2021-2026", constituency: "城关镇", stationId: "ST-1" } },
  ];
  for (const request of setup) {
    const response = await sendApiRequest(ledger, request);
    expect(response.status, response.text).toBe(201);
  }
});

afterAll(async () => {
  await ledger.close();
});

/** A contact without `contactId`: the server derives the id (and event ids) from the key. */
const contactBody = (stationId = "ST-1") => ({
  deputyIds: ["D-1"],
  stationId,
  channel: "station",
  occurredAt: "2024-03-01T09:00:00+08:00",
  constituents: 12,
  topic: "公交出行",
  summary: "群众反映早高峰公交拥挤。",
  opinions: [{ opinionId: "OP-1", text: "增加班次" }],
});

interface WriteAnswer {
  readonly id: string;
  readonly eventIds: readonly string[];
}

const expectOwnAnswer = (response: ApiResponse): WriteAnswer => {
  expect(response.status, response.text).toBe(201);
  expect(response.headers.get("idempotent-replay")).toBeNull();
  return response.body as WriteAnswer;
};

describe("Idempotency-Key scope: role and subject (and station)", () => {
  it("an office and a deputy token with the same sub, same key, same route and body: two requests, two contacts", async () => {
    const key = "shared-key-same-route";
    const request = { path: "/v1/contacts", body: contactBody(), headers: { "idempotency-key": key } };
    const before = await ledger.headPosition();
    const byOffice = expectOwnAnswer(await sendApiRequest(ledger, { ...request, token: office }));
    const byDeputy = expectOwnAnswer(await sendApiRequest(ledger, { ...request, token: deputy }));
    expect(byDeputy.id).not.toBe(byOffice.id);
    expect(byDeputy.eventIds).toHaveLength(1);
    expect(byDeputy.eventIds[0]).not.toBe(byOffice.eventIds[0]);
    expect(await ledger.headPosition()).toBe(before + 2);

    // Each still replays its own answer.
    const again = await sendApiRequest(ledger, { ...request, token: deputy });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(again.body).toEqual(byDeputy);
  });

  it("the same key on two different routes by office and deputy (same sub): no 409 between them", async () => {
    const key = "shared-key-other-route";
    const byOffice = expectOwnAnswer(
      await sendApiRequest(ledger, {
        path: "/v1/deputies",
        token: office,
        body: { deputyId: "D-2", name: "李强", level: "township", term: "2021-2026", constituency: "东乡" },
        headers: { "idempotency-key": key },
      }),
    );
    const byDeputy = expectOwnAnswer(
      await sendApiRequest(ledger, { path: "/v1/contacts", token: deputy, body: contactBody(), headers: { "idempotency-key": key } }),
    );
    expect(byDeputy.eventIds[0]).not.toBe(byOffice.eventIds[0]);
  });

  it("two clerks with the same sub at different stations do not share keys either", async () => {
    const key = "shared-key-clerks";
    // A clerk records contacts at their own station only: the bodies differ (a 409 when shared).
    const request = (stationId: string, token: string): ApiRequest => ({ path: "/v1/contacts", token, body: contactBody(stationId), headers: { "idempotency-key": key } });
    const first = expectOwnAnswer(await sendApiRequest(ledger, request("ST-1", clerkSt1)));
    const second = expectOwnAnswer(await sendApiRequest(ledger, request("ST-2", clerkSt2)));
    expect(second.id).not.toBe(first.id);
    expect(second.eventIds[0]).not.toBe(first.eventIds[0]);
  });
});
