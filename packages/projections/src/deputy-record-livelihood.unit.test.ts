import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type { LivelihoodRecordDoc } from "./deputy-record-livelihood.js";
import { buildDeputyRecord } from "./deputy-record.js";
import { deputyRecordProjection, type DeputyRecordDoc, type DeputyRegistryDoc } from "./deputy-record-projection.js";
import { deputyRegistered, voided } from "./events.test-support.js";
import { foldDocument } from "./projection.js";

/** The livelihood part of the duty record: attending the vote, inspections, evaluations, candidates proposed. */

const spec = ProjectionSpecification.for(deputyRecordProjection, foldDocument);
const P = "LP-1";

const log: GivenProjectionEvent[] = [
  deputyRegistered("d1", "D-1"),
  deputyRegistered("d2", "D-2"),
  { id: "p1", type: "LivelihoodProgrammeOpened", data: { programmeId: P, title: "民生实事", year: 2024, session: "2024", slots: 1, electorateSize: 3, collectUntil: "2024-01-20T00:00:00+08:00", openedAt: "2024-01-02T09:00:00+08:00" } },
  {
    id: "c1",
    type: "LivelihoodCandidateProposed",
    data: { programmeId: P, candidateId: "C-1", title: "道路", description: "修路", proposedBy: { kind: "deputy", id: "D-1" }, estimatedBudgetYuan: 30_000_000, responsibleUnitId: "U-1", proposedAt: "2024-01-05T09:00:00+08:00" },
  },
  {
    id: "c2",
    type: "LivelihoodCandidateProposed",
    data: { programmeId: P, candidateId: "C-2", title: "学校", description: "建校", proposedBy: { kind: "public" }, estimatedBudgetYuan: 20_000_000, responsibleUnitId: "U-2", proposedAt: "2024-01-06T09:00:00+08:00" },
  },
  { id: "a1", type: "LivelihoodAttendanceRecorded", data: { programmeId: P, deputyIds: ["D-1", "D-2"], attendedAt: "2024-02-01T09:00:00+08:00" } },
  // A second attendance naming D-1 again: the vote is attended once.
  { id: "a2", type: "LivelihoodAttendanceRecorded", data: { programmeId: P, deputyIds: ["D-1"], attendedAt: "2024-02-01T10:00:00+08:00" } },
  { id: "b1", type: "LivelihoodBallotBoxCounted", data: { programmeId: P, boxId: "B-1", countedAt: "2024-02-01T11:00:00+08:00", ballots: [{ choices: { "C-1": "yes", "C-2": "no" } }], invalid: 1 } },
  { id: "i1", type: "LivelihoodProjectInspected", data: { projectId: "C-1", programmeId: P, inspectionId: "I-1", deputyIds: ["D-1", "D-2"], inspectedAt: "2024-06-01T09:00:00+08:00", findings: "按期推进" } },
  { id: "i2", type: "LivelihoodProjectInspected", data: { projectId: "C-1", programmeId: P, inspectionId: "I-2", deputyIds: ["D-1"], inspectedAt: "2024-09-01T09:00:00+08:00", findings: "进度滞后" } },
  { id: "e1", type: "LivelihoodProjectEvaluated", data: { projectId: "C-1", programmeId: P, roundId: "R-1", deputyId: "D-1", rating: "satisfied", evaluatedAt: "2024-12-10T09:00:00+08:00" } },
  // Shanghai year 2025 (16:00 UTC on 31 December is midnight in Shanghai).
  { id: "e2", type: "LivelihoodProjectEvaluated", data: { projectId: "C-1", programmeId: P, roundId: "R-2", deputyId: "D-1", rating: "unsatisfied", evaluatedAt: "2024-12-31T16:30:00Z" } },
];

/** The record, read from folded documents the way the reader does (the `deputy` index). */
const recordOf = (events: readonly GivenProjectionEvent[], deputyId: string, year: number) => {
  const docs = spec.given([...events]).docs() as Record<string, DeputyRecordDoc>;
  const concerning = Object.entries(docs)
    .filter(([key, doc]) => (deputyRecordProjection.indexesOf?.(doc, key) ?? []).some((e) => e.name === "deputy" && e.value === deputyId))
    .map(([, doc]) => doc);
  return buildDeputyRecord(deputyId, year, {
    registry: concerning.find((doc): doc is DeputyRegistryDoc => doc.kind === "deputy"),
    contacts: [],
    suggestions: [],
    livelihood: concerning.filter((doc): doc is LivelihoodRecordDoc => doc.kind === "programme" || doc.kind === "project"),
  });
};

describe("the duty record's livelihood part", () => {
  it("keeps who attended and who proposed in the programme's document, never a ballot; inspections and evaluations in the project's", () => {
    const given = spec.given(log);
    given.thenDoc(`programme-${P}`, {
      kind: "programme",
      programmeId: P,
      attendance: [
        { eventId: "a1", deputyIds: ["D-1", "D-2"], year: 2024 },
        { eventId: "a2", deputyIds: ["D-1"], year: 2024 },
      ],
      proposals: [{ eventId: "c1", candidateId: "C-1", deputyId: "D-1", year: 2024 }],
    });
    given.thenDocMatches("project-C-1", { kind: "project", projectId: "C-1", evaluations: [{ eventId: "e1" }, { eventId: "e2", year: 2025 }] });
    const docs = given.docs() as Record<string, DeputyRecordDoc>;
    expect(deputyRecordProjection.indexesOf?.(docs[`programme-${P}`] as DeputyRecordDoc, `programme-${P}`)).toEqual([
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
  });

  it("counts each deputy's year: the vote attended once, inspections, evaluations, candidates proposed", () => {
    expect(recordOf(log, "D-1", 2024)?.livelihood).toEqual({ votesAttended: 1, inspections: 2, evaluations: 1, candidatesProposed: 1, programmeIds: [P], projectIds: ["C-1"] });
    expect(recordOf(log, "D-2", 2024)?.livelihood).toEqual({ votesAttended: 1, inspections: 1, evaluations: 0, candidatesProposed: 0, programmeIds: [P], projectIds: ["C-1"] });
    expect(recordOf(log, "D-1", 2025)?.livelihood).toEqual({ votesAttended: 0, inspections: 0, evaluations: 1, candidatesProposed: 0, programmeIds: [], projectIds: ["C-1"] });
    // The other parts of the record are untouched.
    expect(recordOf(log, "D-1", 2024)).toMatchObject({ contacts: { total: 0 }, suggestions: { led: 0 }, consultations: 0 });
  });

  it("a voided fact stops counting: an attendance, an inspection, an evaluation, a proposal", () => {
    const voidings = [
      voided("x1", `programme-${P}`, "a1", "LivelihoodAttendanceRecorded"),
      voided("x2", "project-C-1", "i1", "LivelihoodProjectInspected"),
      voided("x3", "project-C-1", "e1", "LivelihoodProjectEvaluated"),
      voided("x4", `programme-${P}`, "c1", "LivelihoodCandidateProposed"),
    ];
    // D-1 still attended (a2); D-2 no longer.
    expect(recordOf([...log, ...voidings], "D-1", 2024)?.livelihood).toEqual({ votesAttended: 1, inspections: 1, evaluations: 0, candidatesProposed: 0, programmeIds: [P], projectIds: ["C-1"] });
    expect(recordOf([...log, ...voidings], "D-2", 2024)?.livelihood).toEqual({ votesAttended: 0, inspections: 0, evaluations: 0, candidatesProposed: 0, programmeIds: [], projectIds: [] });
  });

  it("a candidate proposed by the public, a station or a unit is in no deputy's record", () => {
    const docs = spec.given(log.filter((e) => !["c1", "a1", "a2", "b1"].includes(e.id ?? ""))).docs();
    expect(docs[`programme-${P}`]).toBeUndefined();
  });

  it("replaying the same log twice gives the same documents", () =>
    spec.given([...log, voided("x1", `programme-${P}`, "a1", "LivelihoodAttendanceRecorded"), voided("x2", "project-C-1", "e2", "LivelihoodProjectEvaluated")]).thenReplayIsDeterministic());
});
