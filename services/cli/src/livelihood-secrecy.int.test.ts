import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ago, ballot, candidateBody, DEPUTIES, programmeBody, registerPeople, send, written, type Sent } from "./livelihood.test-support.js";

/**
 * design/livelihood.md: "No read ever links a ballot to a deputy" (export aside: the auditors'
 * log export carries every event verbatim). Through the real all-in-one server: every read
 * that names a deputy (duty record, timeline) answers the same before and after the ballots are
 * counted and the vote closed — the ballots change nothing a deputy's answers show — and every
 * read that shows the ballots (the programme, the year's list, the units' projects) names no
 * deputy, whoever asks.
 */

let server: AllInOne;
let office: string;
let position = 0;
const P = "LP-SECRET";
const base = `/v1/livelihood/programmes/${P}`;

const read = async (path: string, token = office): Promise<Sent> => {
  const answer = await send(server, `${path}${path.includes("?") ? "&" : "?"}minPosition=${position}`, token);
  expect(answer.status, `${path}: ${answer.text}`).toBe(200);
  return answer;
};

const write = async (path: string, token: string, body: unknown): Promise<void> => {
  position = (await written(server, path, token, body))["position"] as number;
};

/** Every answer that names a deputy, for each deputy: their record of the year and their timeline, asked by themselves. */
const deputyAnswers = async (): Promise<Record<string, string>> => {
  const answers: Record<string, string> = {};
  for (const deputyId of DEPUTIES) {
    const own = await server.token("deputy", deputyId);
    answers[`${deputyId} record`] = (await read(`/v1/deputies/${deputyId}/record?year=2026`, own)).text;
    answers[`${deputyId} timeline`] = (await read(`/v1/deputies/${deputyId}/timeline`, own)).text;
  }
  return answers;
};

let beforeBallots: Record<string, string>;

beforeAll(async () => {
  server = await startAllInOne();
  office = await server.token("office", "O-1");
  await registerPeople(server, office);
  await write("/v1/livelihood/programmes", office, programmeBody(P));
  for (const [candidateId, unitId] of [["C-1", "U-1"], ["C-2", "U-2"], ["C-3", "U-1"]] as const) await write(`${base}/candidates`, office, candidateBody(candidateId, unitId));
  await write(`${base}/shortlist`, office, { candidateIds: ["C-1", "C-2", "C-3"], decidedAt: ago(3), reason: "差额" });
  // Present one at a time, as a clerk might record them at the door.
  for (const deputyId of DEPUTIES.slice(0, 4)) await write(`${base}/attendance`, office, { deputyIds: [deputyId], at: ago(2.5) });
  beforeBallots = await deputyAnswers();
  // One ballot per box, in the order the deputies were recorded present: still nothing links them.
  const choices = [
    { "C-1": "yes", "C-2": "yes", "C-3": "no" },
    { "C-1": "yes", "C-2": "no", "C-3": "yes" },
    { "C-1": "yes", "C-2": "yes", "C-3": "abstain" },
    { "C-1": "no", "C-2": "yes", "C-3": "yes" },
  ] as const;
  for (const [i, choice] of choices.entries()) await write(`${base}/ballot-boxes`, office, { boxId: `B-${i + 1}`, countedAt: ago(2), ballots: [ballot({ ...choice })], invalid: 0 });
  await write(`${base}/close-vote`, office, { closedAt: ago(1) });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("no read links a ballot to a deputy", () => {
  it("the ballots change nothing in the answers that name a deputy: records and timelines are the same before and after the count", async () => {
    const after = await deputyAnswers();
    expect(Object.keys(after)).toHaveLength(DEPUTIES.length * 2);
    for (const [what, text] of Object.entries(after)) {
      expect(text, what).toBe(beforeBallots[what]);
      expect(text, what).not.toMatch(/"C-\d"|"yes"|"B-\d"/);
    }
    // Attending the vote does count (the record says they were there, not how they voted).
    expect(JSON.parse(after["D-1 record"] as string)).toMatchObject({ livelihood: { votesAttended: 1, programmeIds: [P] } });
  });

  it("the answers that show the ballots name no deputy, whoever asks", async () => {
    const readers = [office, await server.token("auditor", "AU-1"), await server.token("deputy", "D-1"), await server.token("unit", "U-1"), await server.token("clerk", "CL-1", "ST-1")];
    const programme = await read(base);
    expect(programme.body).toMatchObject({ stage: "closed", attendance: 4, result: { ballots: 4, adopted: ["C-1", "C-2"], recountMatches: true }, boxes: [{ boxId: "B-1", ballots: 1 }, { boxId: "B-2" }, { boxId: "B-3" }, { boxId: "B-4" }] });
    const answers: Sent[] = [];
    for (const token of readers) answers.push(await read(base, token), await read("/v1/livelihood/programmes?year=2026", token));
    for (const unitId of ["U-1", "U-2"]) answers.push(await read(`/v1/units/${unitId}/livelihood-projects`, await server.token("unit", unitId)));
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/D-\d/);
      expect(answer.text).not.toContain("deputyId");
    }
  });
});
