import { tallyVote, type CountedBox } from "@duty-ledger/domain";
import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { voided } from "./events.test-support.js";
import { livelihoodProjection, type ProgrammeDoc, type ProjectDoc } from "./livelihood-projection.js";
import { programmeViewOf, unitProjectsOf } from "./livelihood-view.js";
import { foldDocument } from "./projection.js";

const spec = ProjectionSpecification.for(livelihoodProjection, foldDocument);
const P = "LP-1";
const at = (day: number, hour = 9): string => `2024-0${Math.floor(day / 30) + 1}-${String((day % 30) + 1).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+08:00`;

const shortlist = ["C-1", "C-2", "C-3"];
const boxes: CountedBox[] = [
  { ballots: [{ choices: { "C-1": "yes", "C-2": "yes" } }, { choices: { "C-1": "yes", "C-2": "yes", "C-3": "no" } }, { choices: { "C-1": "yes", "C-9": "yes" } }], invalid: 0 },
  { ballots: [{ choices: { "C-1": "yes", "C-2": "yes" } }], invalid: 1 },
];
const result = tallyVote({ shortlist, slots: 2, electorateSize: 5, attendance: 5, boxes });

const programmeLog: GivenProjectionEvent[] = [
  { id: "p1", type: "LivelihoodProgrammeOpened", data: { programmeId: P, title: "民生实事", year: 2024, session: "2024", slots: 2, electorateSize: 5, collectUntil: at(20), openedAt: at(1) } },
  ...shortlist.map((candidateId, i): GivenProjectionEvent => ({
    id: `c${i}`,
    type: "LivelihoodCandidateProposed",
    data: { programmeId: P, candidateId, title: `项目 ${candidateId}`, description: "desc", proposedBy: { kind: "public" }, estimatedBudgetYuan: 1_000_000, responsibleUnitId: "U-1", proposedAt: at(2) },
  })),
  { id: "s1", type: "LivelihoodShortlistDecided", data: { programmeId: P, candidateIds: shortlist, decidedAt: at(21), reason: "差额" } },
  { id: "a1", type: "LivelihoodAttendanceRecorded", data: { programmeId: P, deputyIds: ["D-1", "D-2", "D-3"], attendedAt: at(25) } },
  { id: "a2", type: "LivelihoodAttendanceRecorded", data: { programmeId: P, deputyIds: ["D-3", "D-4", "D-5"], attendedAt: at(25) } },
  ...boxes.map((box, i): GivenProjectionEvent => ({ id: `b${i}`, type: "LivelihoodBallotBoxCounted", data: { programmeId: P, boxId: `B-${i}`, countedAt: at(25, 11), ballots: [...box.ballots], invalid: box.invalid } })),
  { id: "v1", type: "LivelihoodVoteClosed", data: { programmeId: P, closedAt: at(25, 12), result } },
  { id: "r1", type: "LivelihoodEvaluationRoundOpened", data: { programmeId: P, roundId: "R-1", opensAt: at(50), closesAt: at(59) } },
];
const projectLog: GivenProjectionEvent[] = [
  { id: "m1", type: "LivelihoodMilestonePlanned", data: { projectId: "C-1", programmeId: P, milestoneId: "M-1", title: "开工", dueAt: at(40), plannedAt: at(30) } },
  { id: "m2", type: "LivelihoodMilestonePlanned", data: { projectId: "C-1", programmeId: P, milestoneId: "M-2", title: "竣工", dueAt: at(80), plannedAt: at(30) } },
  { id: "g1", type: "LivelihoodProgressReported", data: { projectId: "C-1", programmeId: P, percent: 30, spentYuan: 300_000, note: "路基", reportedAt: at(35) } },
  { id: "i1", type: "LivelihoodProjectInspected", data: { projectId: "C-1", programmeId: P, inspectionId: "I-1", deputyIds: ["D-1", "D-2"], inspectedAt: at(45), findings: "ok" } },
  ...(["satisfied", "unsatisfied", "unsatisfied"] as const).map((rating, i): GivenProjectionEvent => ({
    id: `ev${i}`,
    type: "LivelihoodProjectEvaluated",
    data: { projectId: "C-1", programmeId: P, roundId: "R-1", deputyId: `D-${i + 1}`, rating, evaluatedAt: at(51) },
  })),
];

const viewOf = (docs: Record<string, unknown>, asOf: string) => {
  const programme = docs[`programme-${P}`] as ProgrammeDoc;
  const projects = Object.values(docs).filter((doc): doc is ProjectDoc => (doc as { kind: string }).kind === "project");
  return programmeViewOf(programme, projects, asOf);
};

describe("the livelihood read model", () => {
  it("keeps a programme's facts in its document, indexed by year (and, closed, by the adopted projects' units); a project's in its own, indexed by programme", () => {
    const given = spec.given([...programmeLog, ...projectLog]);
    given.thenDocMatches(`programme-${P}`, { kind: "programme", attendance: ["D-1", "D-2", "D-3", "D-4", "D-5"], closedAt: at(25, 12), result });
    given.thenDocMatches("project-C-1", { kind: "project", projectId: "C-1", programmeId: P });
    const docs = given.docs();
    expect(livelihoodProjection.indexesOf?.(docs[`programme-${P}`] as ProgrammeDoc, `programme-${P}`)).toEqual([{ name: "year", value: "2024", sort: P }, { name: "unit", value: "U-1", sort: P }]);
    expect(livelihoodProjection.indexesOf?.(docs["project-C-1"] as ProjectDoc, "project-C-1")).toEqual([{ name: "programme", value: P, sort: "C-1" }]);
  });

  it("answers the programme: result recounted from the ballots, overdue milestones as of asOf, evaluation per round", () => {
    const view = viewOf(spec.given([...programmeLog, ...projectLog]).docs(), at(55));
    expect(view).toMatchObject({ stage: "closed", attendance: 5, result: { adopted: ["C-1", "C-2"], ballots: 5, invalid: 2, recountMatches: true }, boxes: [{ boxId: "B-0", ballots: 3, invalid: 0 }, { boxId: "B-1", ballots: 2, invalid: 1 }] });
    const project = view?.projects.find((p) => p.projectId === "C-1");
    expect(project).toMatchObject({ overdueMilestones: 1, inspections: 1, progress: { percent: 30 }, evaluation: { "R-1": { satisfied: 1, basicallySatisfied: 0, unsatisfied: 2, rate: 1 / 3, rectification: true } } });
    expect(viewOf(spec.given([...programmeLog, ...projectLog]).docs(), at(38))?.projects[0]).toMatchObject({ overdueMilestones: 0, progress: { percent: 30 } });
    expect(viewOf(spec.given([...programmeLog, ...projectLog]).docs(), at(34))?.projects[0]?.progress).toBeNull();
    // The adopted project without a stream of its own yet: no milestones, no evaluations.
    expect(view?.projects.find((p) => p.projectId === "C-2")).toMatchObject({ milestones: [], evaluation: { "R-1": { rate: null, rectification: false } } });
  });

  it("a unit's projects: a closed programme is indexed under each adopted candidate's unit; the unit sees its own, as of asOf", () => {
    const log = [...programmeLog.map((e) => (e.type === "LivelihoodCandidateProposed" && (e.data as { candidateId: string }).candidateId === "C-2" ? { ...e, data: { ...e.data, responsibleUnitId: "U-2" } } : e)), ...projectLog];
    const docs = spec.given(log).docs();
    const programme = docs[`programme-${P}`] as ProgrammeDoc;
    expect(livelihoodProjection.indexesOf?.(programme, `programme-${P}`)).toEqual([
      { name: "year", value: "2024", sort: P },
      { name: "unit", value: "U-1", sort: P },
      { name: "unit", value: "U-2", sort: P },
    ]);
    // Before the close: no unit answers for anything yet.
    const open = spec.given(log.filter((e) => e.type !== "LivelihoodVoteClosed")).docs()[`programme-${P}`] as ProgrammeDoc;
    expect(livelihoodProjection.indexesOf?.(open, `programme-${P}`)).toEqual([{ name: "year", value: "2024", sort: P }]);
    const projects = Object.values(docs).filter((doc): doc is ProjectDoc => (doc as { kind: string }).kind === "project");
    expect(unitProjectsOf(programme, projects, "U-1", at(55))).toMatchObject([{ projectId: "C-1", programmeId: P, year: 2024, estimatedBudgetYuan: 1_000_000, overdueMilestones: 1, progress: { percent: 30 } }]);
    expect(unitProjectsOf(programme, projects, "U-1", at(38))).toMatchObject([{ projectId: "C-1", overdueMilestones: 0 }]);
    expect(unitProjectsOf(programme, projects, "U-2", at(55))).toMatchObject([{ projectId: "C-2", milestones: [], progress: null }]);
    expect(unitProjectsOf(programme, projects, "U-9", at(55))).toEqual([]);
  });

  it("no answer links a ballot to a deputy: no deputy id in the programme's answer", () => {
    const text = JSON.stringify(viewOf(spec.given([...programmeLog, ...projectLog]).docs(), at(55)));
    expect(text).not.toMatch(/"D-\d"/);
    expect(text).not.toContain("deputyId");
  });

  it("a voided fact stops counting: a voided progress report, a voided evaluation", () => {
    const docs = spec.given([...programmeLog, ...projectLog, voided("x1", "project-C-1", "ev1", "LivelihoodProjectEvaluated"), voided("x2", "project-C-1", "g1", "LivelihoodProgressReported")]).docs();
    expect(viewOf(docs, at(55))?.projects[0]).toMatchObject({ progress: null, evaluation: { "R-1": { satisfied: 1, unsatisfied: 1, rate: 0.5, rectification: true } } });
  });

  it("replaying the same log twice gives the same documents", () => spec.given([...programmeLog, ...projectLog, voided("x1", "project-C-1", "i1", "LivelihoodProjectInspected")]).thenReplayIsDeterministic());
});
