import { livelihoodProgrammeAnswerSchema, livelihoodProgrammesAnswerSchema, unitLivelihoodProjectsAnswerSchema } from "@duty-ledger/query-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAllInOne, type AllInOne } from "./all-in-one.test-support.js";
import { ago, registerPeople, send, started, votedProgramme, written } from "./livelihood.test-support.js";

/**
 * The livelihood reads (design/livelihood.md) through the real all-in-one server, its projector
 * on its thread: a programme voted, supervised and evaluated, read back with `minPosition`.
 */

let server: AllInOne;
let office: string;
let auditor: string;
let position = 0;
const P = "LP-READ";

const read = async (path: string, token = office) => send(server, `${path}${path.includes("?") ? "&" : "?"}minPosition=${position}`, token);

beforeAll(async () => {
  server = await startAllInOne();
  office = await server.token("office", "O-1");
  auditor = await server.token("auditor", "AU-1");
  const deputy1 = await server.token("deputy", "D-1");
  const unit1 = await server.token("unit", "U-1");
  await registerPeople(server, office);
  await votedProgramme(server, office, deputy1, P);
  await written(server, "/v1/livelihood/projects/C-1/milestones", unit1, { milestoneId: "M-1", title: "开工", dueAt: ago(0.1) });
  await written(server, "/v1/livelihood/projects/C-1/milestones", unit1, { milestoneId: "M-2", title: "竣工", dueAt: ago(-24 * 60) });
  await written(server, "/v1/livelihood/projects/C-1/progress", unit1, { percent: 20, spentYuan: 2_000_000, note: "开工", reportedAt: ago(0.2) });
  await written(server, `/v1/livelihood/programmes/${P}/evaluation-rounds`, office, { roundId: "R-1", opensAt: ago(1), closesAt: new Date(started + 3_600_000).toISOString() });
  const ratings = ["satisfied", "unsatisfied", "unsatisfied"] as const;
  for (const [i, rating] of ratings.entries()) {
    const answer = await written(server, "/v1/livelihood/projects/C-1/evaluations", await server.token("deputy", `D-${i + 1}`), { roundId: "R-1", rating, evaluatedAt: ago(0.1) });
    position = answer["position"] as number;
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe("GET /v1/livelihood/programmes/:id", () => {
  it("answers the stage, the result (recounted from the ballots), the projects with overdue milestones and the evaluation per round", async () => {
    const answer = await read(`/v1/livelihood/programmes/${P}`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({
      programmeId: P,
      stage: "closed",
      attendance: 4,
      shortlist: { candidateIds: ["C-1", "C-2", "C-3"] },
      result: { adopted: ["C-1", "C-2"], ballots: 4, invalid: 1, attendance: 4, tieAtBoundary: [], recountMatches: true, tally: { "C-1": { yes: 3, no: 0, abstain: 0 } } },
      rounds: [{ roundId: "R-1" }],
    });
    expect(livelihoodProgrammeAnswerSchema.safeParse(answer.body).error).toBeUndefined();
    const projects = answer.body["projects"] as { projectId: string; overdueMilestones: number; progress: unknown; evaluation: unknown }[];
    expect(projects.map((p) => p.projectId)).toEqual(["C-1", "C-2"]);
    expect(projects[0]).toMatchObject({ overdueMilestones: 1, progress: { percent: 20 }, evaluation: { "R-1": { satisfied: 1, basicallySatisfied: 0, unsatisfied: 2, rate: 1 / 3, rectification: true } } });
  });

  it("overdue as of asOf: before the first milestone's due date, none", async () => {
    const answer = await read(`/v1/livelihood/programmes/${P}?asOf=${encodeURIComponent(ago(0.15))}`);
    expect(answer.status, answer.text).toBe(200);
    expect((answer.body["projects"] as { overdueMilestones: number }[])[0]?.overdueMilestones).toBe(0);
  });

  it("no read links a ballot to a deputy: the answer names no deputy present or voting", async () => {
    const answer = await read(`/v1/livelihood/programmes/${P}`, auditor);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).not.toMatch(/"D-[2-5]"/);
    expect(answer.text).not.toContain("deputyId");
  });

  it("404 for an unknown programme, 400 for a bad asOf", async () => {
    expect((await read("/v1/livelihood/programmes/NOPE")).status).toBe(404);
    expect((await read(`/v1/livelihood/programmes/${P}?asOf=yesterday`)).status).toBe(400);
  });
});

describe("GET /v1/livelihood/programmes?year=", () => {
  it("lists the year's programmes", async () => {
    const answer = await read("/v1/livelihood/programmes?year=2026");
    expect(answer.status, answer.text).toBe(200);
    expect(livelihoodProgrammesAnswerSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toEqual({ year: 2026, programmes: [{ programmeId: P, title: "2026 年民生实事项目", year: 2026, session: "2026", stage: "closed", slots: 2, adopted: ["C-1", "C-2"] }] });
    expect((await read("/v1/livelihood/programmes?year=2025")).body).toEqual({ year: 2025, programmes: [] });
  });
});

describe("GET /v1/units/:id/livelihood-projects", () => {
  it("a unit sees the projects it is responsible for: milestones overdue as of asOf, progress, evaluation", async () => {
    const unit1 = await server.token("unit", "U-1");
    const answer = await read("/v1/units/U-1/livelihood-projects", unit1);
    expect(answer.status, answer.text).toBe(200);
    expect(unitLivelihoodProjectsAnswerSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toMatchObject({ unitId: "U-1", projects: [{ projectId: "C-1", programmeId: P, year: 2026, estimatedBudgetYuan: 12_000_000, responsibleUnitId: "U-1", overdueMilestones: 1, progress: { percent: 20 } }] });
    expect((answer.body["projects"] as unknown[]).length).toBe(1);
    const earlier = await read(`/v1/units/U-1/livelihood-projects?asOf=${encodeURIComponent(ago(0.15))}`, unit1);
    expect(earlier.body).toMatchObject({ projects: [{ projectId: "C-1", overdueMilestones: 0, milestones: [{ milestoneId: "M-1", overdue: false }, { milestoneId: "M-2", overdue: false }] }] });
    const unit2 = await read("/v1/units/U-2/livelihood-projects", await server.token("unit", "U-2"));
    expect(unit2.body).toMatchObject({ unitId: "U-2", projects: [{ projectId: "C-2", milestones: [], progress: null }] });
  });

  it("access: the office, auditors and the unit itself; another unit, a deputy, a clerk 403; no token 401; an unknown unit's list is empty", async () => {
    const callers: readonly [string, string | undefined, number][] = [
      ["office", office, 200],
      ["auditor", auditor, 200],
      ["the unit", await server.token("unit", "U-1"), 200],
      ["another unit", await server.token("unit", "U-2"), 403],
      ["a deputy", await server.token("deputy", "D-1"), 403],
      ["a clerk", await server.token("clerk", "CL-1", "ST-1"), 403],
      ["no token", undefined, 401],
    ];
    for (const [who, token, status] of callers) {
      const answer = await send(server, "/v1/units/U-1/livelihood-projects", token ?? "");
      expect(answer.status, `${who}: ${answer.text}`).toBe(status);
      if (status !== 200) expect(answer.text, who).not.toContain("C-1");
    }
    expect((await read("/v1/units/U-404/livelihood-projects")).body).toMatchObject({ unitId: "U-404", projects: [] });
    expect((await read("/v1/units/U-1/livelihood-projects?asOf=yesterday")).status).toBe(400);
  });
});

describe("the duty record counts livelihood work", () => {
  it("D-1 attended the vote, proposed C-3 and evaluated C-1; D-5 was absent", async () => {
    const d1 = await read("/v1/deputies/D-1/record?year=2026", await server.token("deputy", "D-1"));
    expect(d1.status, d1.text).toBe(200);
    expect(d1.body["livelihood"]).toEqual({ votesAttended: 1, inspections: 0, evaluations: 1, candidatesProposed: 1, programmeIds: [P], projectIds: ["C-1"] });
    const d5 = await read("/v1/deputies/D-5/record?year=2026");
    expect(d5.body["livelihood"]).toEqual({ votesAttended: 0, inspections: 0, evaluations: 0, candidatesProposed: 0, programmeIds: [], projectIds: [] });
  });
});
