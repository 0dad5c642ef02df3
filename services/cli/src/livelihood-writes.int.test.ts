import { ApiSpecification } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ago, ballot, candidateBody, DEPUTIES, programmeBody, registerPeople, send, started, targetOf, written } from "./livelihood.test-support.js";

/**
 * The livelihood write routes (design/livelihood.md) through the real all-in-one server: each
 * rule's refusal is problem+json with its status and appends nothing; the close answers the
 * result; idempotency and voiding as for every write.
 */

let server: AllInOne;
let office: string;
let clerk: string;
let deputy1: string;
let unit1: string;
let unit2: string;
const P = "LP-2026";
const base = `/v1/livelihood/programmes/${P}`;
const spec = () => ApiSpecification.for(targetOf(server));

beforeAll(async () => {
  server = await startAllInOne();
  office = await server.token("office", "O-1");
  clerk = await server.token("clerk", "CL-1", "ST-1");
  deputy1 = await server.token("deputy", "D-1");
  unit1 = await server.token("unit", "U-1");
  unit2 = await server.token("unit", "U-2");
  await registerPeople(server, office);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("collect and screen", () => {
  it("opens a programme and collects candidates (a deputy in its own name only)", async () => {
    await written(server, "/v1/livelihood/programmes", office, programmeBody(P));
    await spec().when({ path: "/v1/livelihood/programmes", token: office, body: programmeBody(P) }).thenRefused(409);
    for (const id of ["C-1", "C-2"]) await written(server, `${base}/candidates`, office, candidateBody(id));
    await spec().when({ path: `${base}/candidates`, token: deputy1, body: candidateBody("C-3") }).thenRefused(422, { fields: ["proposedBy"] });
    await written(server, `${base}/candidates`, deputy1, { ...candidateBody("C-3"), proposedBy: { kind: "deputy", id: "D-1" } });
    await spec().when({ path: `${base}/candidates`, token: office, body: candidateBody("C-4", "U-9") }).thenRefused(422, { fields: ["responsibleUnitId"] });
    await spec().when({ path: `${base}/candidates`, token: await server.token("unit", "U-1"), body: candidateBody("C-4") }).thenRefused(403);
  });

  it("差额: fewer than slots + 1 shortlisted is 422", async () => {
    await spec().when({ path: `${base}/shortlist`, token: office, body: { candidateIds: ["C-1", "C-2"], decidedAt: ago(2), reason: "两项" } }).thenRefused(422, { fields: ["candidateIds"] });
    await written(server, `${base}/shortlist`, office, { candidateIds: ["C-1", "C-2", "C-3"], decidedAt: ago(2), reason: "差额票决" });
  });
});

describe("the vote", () => {
  it("attendance by a clerk; never more than the electorate", async () => {
    await written(server, `${base}/attendance`, clerk, { deputyIds: DEPUTIES.slice(0, 4), at: ago(1.5) });
    await spec().when({ path: `${base}/attendance`, token: office, body: { deputyIds: ["D-9"], at: ago(1.5) } }).thenRefused(422, { fields: ["deputyIds.0"] });
  });

  it("one count per box (409); ballots never more than the attendance (422); a stray choice invalidates its ballot only (201)", async () => {
    const box1 = { boxId: "B-1", countedAt: ago(1), ballots: [ballot({ "C-1": "yes", "C-2": "yes", "C-3": "no" }), ballot({ "C-1": "yes", "C-2": "yes" }), ballot({ "C-1": "yes", "C-X": "yes" })], invalid: 0 };
    await written(server, `${base}/ballot-boxes`, office, box1);
    await spec().when({ path: `${base}/ballot-boxes`, token: office, body: box1 }).thenRefused(409);
    await spec().when({ path: `${base}/ballot-boxes`, token: office, body: { boxId: "B-2", countedAt: ago(1), ballots: [ballot({ "C-1": "yes" })], invalid: 1 } }).thenRefused(422, { fields: ["ballots"] });
    await spec().when({ path: `${base}/ballot-boxes`, token: deputy1, body: { boxId: "B-2", countedAt: ago(1), ballots: [], invalid: 0 } }).thenRefused(403);
    await written(server, `${base}/ballot-boxes`, office, { boxId: "B-2", countedAt: ago(1), ballots: [ballot({ "C-1": "yes", "C-2": "yes", "C-3": "abstain" })], invalid: 0 });
  });

  it("closing answers the result: adopted = yes above half the electorate among the slots most voted", async () => {
    const closed = await written(server, `${base}/close-vote`, office, { closedAt: ago(0.5) });
    expect(closed).toMatchObject({
      id: P,
      adopted: ["C-1", "C-2"],
      tally: { "C-1": { yes: 3, no: 0, abstain: 0 }, "C-2": { yes: 3, no: 0, abstain: 0 }, "C-3": { yes: 0, no: 1, abstain: 1 } },
      ballots: 4,
      invalid: 1,
      attendance: 4,
      tieAtBoundary: [],
    });
  });

  it("no ballots after closing (409), nor a second close", async () => {
    await spec().when({ path: `${base}/ballot-boxes`, token: office, body: { boxId: "B-3", countedAt: ago(0.4), ballots: [], invalid: 0 } }).thenRefused(409);
    await spec().when({ path: `${base}/close-vote`, token: office, body: { closedAt: ago(0.4) } }).thenRefused(409);
  });

  it("a ballot box cannot be voided once the vote is closed (409)", async () => {
    const events = [];
    for await (const event of server.store.readStream(`programme-${P}`)) events.push(event);
    const box = events.find((event) => event.type === "LivelihoodBallotBoxCounted");
    await spec().when({ path: "/v1/events:void", token: office, body: { eventId: box?.id, reason: "recount" } }).thenRefused(409);
  });
});

describe("supervise and evaluate", () => {
  const project = "/v1/livelihood/projects";
  it("the responsible unit sets milestones; another unit 403; a candidate not adopted 404", async () => {
    await written(server, `${project}/C-1/milestones`, unit1, { milestoneId: "M-1", title: "开工", dueAt: ago(-24 * 30) });
    await spec().when({ path: `${project}/C-1/milestones`, token: unit2, body: { milestoneId: "M-2", title: "竣工", dueAt: ago(-24 * 90) } }).thenRefused(403);
    await spec().when({ path: `${project}/C-3/milestones`, token: unit1, body: { milestoneId: "M-2", title: "竣工", dueAt: ago(-24 * 90) } }).thenRefused(404);
  });

  it("progress never goes down (422); idempotent under Idempotency-Key", async () => {
    const body = { percent: 50, spentYuan: 3_000_000, note: "路基完成", reportedAt: ago(0.3) };
    const headers = { "idempotency-key": "progress-50" };
    const first = await send(server, `${project}/C-1/progress`, unit1, body, headers);
    expect(first.status, first.text).toBe(201);
    const head = await server.store.headPosition();
    const again = await send(server, `${project}/C-1/progress`, unit1, body, headers);
    expect(again.body).toEqual(first.body);
    expect(await server.store.headPosition()).toBe(head);
    await spec().when({ path: `${project}/C-1/progress`, token: unit1, body: { ...body, percent: 40 } }).thenRefused(422, { fields: ["percent"] });
    await spec().when({ path: `${project}/C-1/progress`, token: unit1, body: { ...body, reportedAt: ago(24 * 5) } }).thenRefused(422, { fields: ["reportedAt"] });
  });

  it("inspections: a deputy its own, the office a group's", async () => {
    await written(server, `${project}/C-1/inspections`, deputy1, { inspectionId: "I-1", deputyIds: ["D-1"], at: ago(0.3), findings: "进度正常" });
    await spec().when({ path: `${project}/C-1/inspections`, token: deputy1, body: { inspectionId: "I-2", deputyIds: ["D-1", "D-2"], at: ago(0.3), findings: "进度正常" } }).thenRefused(403);
    await written(server, `${project}/C-2/inspections`, office, { inspectionId: "I-2", deputyIds: ["D-1", "D-2"], at: ago(0.3), findings: "资金到位" });
  });

  it("one evaluation per deputy per round, inside the round", async () => {
    await spec().when({ path: `${project}/C-1/evaluations`, token: deputy1, body: { roundId: "R-1", rating: "satisfied", evaluatedAt: ago(0.2) } }).thenRefused(404);
    await written(server, `${base}/evaluation-rounds`, office, { roundId: "R-1", opensAt: ago(1), closesAt: new Date(started + 24 * 3_600_000).toISOString() });
    await written(server, `${project}/C-1/evaluations`, deputy1, { roundId: "R-1", rating: "unsatisfied", evaluatedAt: ago(0.2) });
    await spec().when({ path: `${project}/C-1/evaluations`, token: deputy1, body: { roundId: "R-1", rating: "satisfied", evaluatedAt: ago(0.2) } }).thenRefused(409);
    await spec().when({ path: `${project}/C-2/evaluations`, token: deputy1, body: { roundId: "R-1", rating: "satisfied", evaluatedAt: ago(2) } }).thenRefused(422, { fields: ["evaluatedAt"] });
    await spec().when({ path: `${project}/C-2/evaluations`, token: office, body: { roundId: "R-1", rating: "satisfied", evaluatedAt: ago(0.2) } }).thenRefused(403);
  });
});

describe("voiding after the close", () => {
  it("voids an evaluation round: the recorded result, read back with its keys sorted, is still the tally of the boxes", async () => {
    const events = [];
    for await (const event of server.store.readStream(`programme-${P}`)) events.push(event);
    const round = events.find((event) => event.type === "LivelihoodEvaluationRoundOpened");
    await spec().when({ path: "/v1/events:void", token: office, body: { eventId: round?.id, reason: "wrong dates" } }).thenAccepted(201);
  });
});
