import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { CommandActor, ProjectCommand } from "./commands.js";
import type { EventOf } from "./events.js";
import { deputy, meta, office, unit } from "./fixtures.test-support.js";
import { PID } from "./livelihood.test-support.js";
import { projectDecider } from "./project-decider.js";

const spec = DeciderSpecification.for(projectDecider);
const NOW = "2024-10-10T12:00:00+08:00";
const project = { programmeId: PID, responsibleUnitId: "U-1" };
const command = <T extends ProjectCommand["type"]>(type: T, data: Omit<Extract<ProjectCommand, { type: T }>["data"], "project">, actor: CommandActor, now = NOW) =>
  ({ type, data: { ...data, project }, metadata: meta(actor, now) }) as unknown as Extract<ProjectCommand, { type: T }>;

const progress = (percent: number): EventOf<"LivelihoodProgressReported"> => ({
  type: "LivelihoodProgressReported",
  data: { projectId: "C-1", programmeId: PID, percent, spentYuan: 1_000_000, note: "on track", reportedAt: "2024-10-10T09:00:00+08:00" },
});
const { programmeId: _p, ...progressData } = progress(40).data;
const round = { opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-10-31T00:00:00+08:00" };
const evaluation = { projectId: "C-1", roundId: "R-1", rating: "unsatisfied" as const, evaluatedAt: "2024-10-10T10:00:00+08:00", round };
const evaluated = (deputyId: string): EventOf<"LivelihoodProjectEvaluated"> => ({
  type: "LivelihoodProjectEvaluated",
  data: { projectId: "C-1", programmeId: PID, roundId: "R-1", deputyId, rating: "unsatisfied", evaluatedAt: evaluation.evaluatedAt },
});

describe("supervising a project (监督)", () => {
  it("its responsible unit sets milestones, once per id (409); another unit or role may not (403)", () => {
    const data = { projectId: "C-1", milestoneId: "M-1", title: "开工", dueAt: "2024-11-01T00:00:00+08:00" };
    const set: EventOf<"LivelihoodMilestonePlanned"> = { type: "LivelihoodMilestonePlanned", data: { ...data, programmeId: PID, plannedAt: NOW } };
    spec.when(command("SetLivelihoodMilestone", data, unit("U-1"))).then([set]);
    spec.given([set]).when(command("SetLivelihoodMilestone", data, unit("U-1"))).thenThrows("CONFLICT");
    spec.when(command("SetLivelihoodMilestone", data, unit("U-2"))).thenThrows("FORBIDDEN");
    spec.when(command("SetLivelihoodMilestone", data, office)).thenThrows("FORBIDDEN");
  });
  it("progress never goes down (422); the same percent again is fine", () => {
    spec.given([progress(40)]).when(command("ReportLivelihoodProgress", { ...progressData, percent: 30 }, unit("U-1"))).thenThrows("DOMAIN_RULE", "never goes down");
    spec.given([progress(40)]).when(command("ReportLivelihoodProgress", progressData, unit("U-1"))).then([progress(40)]);
    spec.when(command("ReportLivelihoodProgress", { ...progressData, reportedAt: "2024-10-10T13:00:00+08:00" }, unit("U-1"))).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE");
  });
  it("a deputy records its own inspection, the office a group's", () => {
    const data = { projectId: "C-1", inspectionId: "I-1", deputyIds: ["D-1", "D-2"], at: "2024-10-09T10:00:00+08:00", findings: "works started" };
    const { at: inspectedAt, ...rest } = data;
    const inspected: EventOf<"LivelihoodProjectInspected"> = { type: "LivelihoodProjectInspected", data: { ...rest, programmeId: PID, inspectedAt } };
    spec.when(command("RecordLivelihoodInspection", data, office)).then([inspected]);
    spec.when(command("RecordLivelihoodInspection", data, deputy("D-1"))).thenThrows("FORBIDDEN");
    spec.when(command("RecordLivelihoodInspection", { ...data, deputyIds: ["D-1"] }, deputy("D-1"))).then([{ ...inspected, data: { ...inspected.data, deputyIds: ["D-1"] } }]);
    spec.given([inspected]).when(command("RecordLivelihoodInspection", data, office)).thenThrows("CONFLICT");
  });
});

describe("evaluating a project (测评)", () => {
  it("a deputy evaluates once per round (409), inside the round (422)", () => {
    spec.when(command("EvaluateLivelihoodProject", evaluation, deputy("D-1"))).then([evaluated("D-1")]);
    spec.given([evaluated("D-1")]).when(command("EvaluateLivelihoodProject", evaluation, deputy("D-1"))).thenThrows("CONFLICT");
    spec.given([evaluated("D-1")]).when(command("EvaluateLivelihoodProject", evaluation, deputy("D-2"))).then([evaluated("D-2")]);
    spec.when(command("EvaluateLivelihoodProject", { ...evaluation, round: { ...round, closesAt: "2024-10-05T00:00:00+08:00" } }, deputy("D-1"))).thenThrows("DOMAIN_RULE", "inside round");
    spec.when(command("EvaluateLivelihoodProject", { ...evaluation, round: { ...round, opensAt: "2024-10-10T11:00:00+08:00" } }, deputy("D-1"))).thenThrows("DOMAIN_RULE", "inside round");
  });
  it("refuses an unknown round (404) and anyone but a deputy (403)", () => {
    spec.when(command("EvaluateLivelihoodProject", { ...evaluation, round: undefined }, deputy("D-1"))).thenThrows("NOT_FOUND");
    spec.when(command("EvaluateLivelihoodProject", evaluation, office)).thenThrows("FORBIDDEN");
  });
});
