import { evaluateRound, sameVoteResult, tallyVote, type RoundEvaluation, type VoteResult } from "@duty-ledger/domain";
import type { ProgrammeDoc, ProjectDoc } from "./livelihood-projection.js";

/**
 * The answer of `GET /v1/livelihood/programmes/:id` from the programme's and its projects'
 * documents, pure: the stage, candidates, shortlist, result (and whether the ballots as
 * recorded recount to it), each adopted project's milestones (overdue as of `asOf`), progress,
 * inspections and evaluation per round. No part names who cast which ballot: the ballots are
 * counted, and the attendance is a number.
 */

export type ProgrammeStage = "collecting" | "screened" | "voting" | "closed";

export interface MilestoneView {
  readonly milestoneId: string;
  readonly title: string;
  readonly dueAt: string;
  /** Due by `asOf` while the progress reported by then is below 100 %. */
  readonly overdue: boolean;
}

export interface ProjectView {
  readonly projectId: string;
  readonly title: string;
  readonly responsibleUnitId: string;
  readonly milestones: readonly MilestoneView[];
  /** The latest progress reported by `asOf`, or `null`. */
  readonly progress: { readonly percent: number; readonly spentYuan: number; readonly note: string; readonly reportedAt: string } | null;
  readonly overdueMilestones: number;
  readonly inspections: number;
  /** Round id -> its evaluation (every round of the programme). */
  readonly evaluation: Readonly<Record<string, RoundEvaluation>>;
}

export interface ProgrammeView {
  readonly programmeId: string;
  readonly title: string;
  readonly year: number;
  readonly session: string;
  readonly slots: number;
  readonly electorateSize: number;
  readonly collectUntil: string;
  readonly stage: ProgrammeStage;
  readonly asOf: string;
  readonly candidates: readonly { readonly candidateId: string; readonly title: string; readonly description: string; readonly proposedBy: { readonly kind: string; readonly id?: string | undefined }; readonly estimatedBudgetYuan: number; readonly responsibleUnitId: string; readonly proposedAt: string }[];
  readonly shortlist: { readonly candidateIds: readonly string[]; readonly decidedAt: string; readonly reason: string } | null;
  readonly attendance: number;
  readonly boxes: readonly { readonly boxId: string; readonly countedAt: string; readonly ballots: number; readonly invalid: number }[];
  readonly result: (VoteResult & { readonly closedAt: string; readonly recountMatches: boolean }) | null;
  readonly rounds: readonly { readonly roundId: string; readonly opensAt: string; readonly closesAt: string }[];
  readonly projects: readonly ProjectView[];
}

/** A programme in the list of a year. */
export interface ProgrammeSummary {
  readonly programmeId: string;
  readonly title: string;
  readonly year: number;
  readonly session: string;
  readonly stage: ProgrammeStage;
  readonly slots: number;
  readonly adopted: readonly string[];
}

const stageOf = (doc: ProgrammeDoc): ProgrammeStage => {
  if (doc.result !== null) return "closed";
  if (doc.shortlist === null) return "collecting";
  return doc.attendance.length > 0 || doc.boxes.length > 0 ? "voting" : "screened";
};

/** The ballots as recorded, counted again: equal to the recorded result, digit for digit. */
const recountOf = (doc: ProgrammeDoc, programme: NonNullable<ProgrammeDoc["programme"]>): VoteResult =>
  tallyVote({ shortlist: doc.shortlist?.candidateIds ?? [], slots: programme.slots, electorateSize: programme.electorateSize, attendance: doc.attendance.length, boxes: doc.boxes });

const projectView = (doc: ProgrammeDoc, project: ProjectDoc | undefined, projectId: string, asOfMs: number): ProjectView => {
  const candidate = doc.candidates.find((c) => c.candidateId === projectId);
  const reported = (project?.progress ?? []).filter((p) => Date.parse(p.reportedAt) <= asOfMs);
  const latest = reported.at(-1);
  const done = latest !== undefined && latest.percent >= 100;
  const milestones = (project?.milestones ?? []).map(({ milestoneId, title, dueAt }) => ({ milestoneId, title, dueAt, overdue: !done && Date.parse(dueAt) <= asOfMs }));
  const evaluation = Object.fromEntries(
    doc.rounds.map((round) => [round.roundId, evaluateRound((project?.evaluations ?? []).filter((e) => e.roundId === round.roundId).map((e) => e.rating))]),
  );
  return {
    projectId,
    title: candidate?.title ?? projectId,
    responsibleUnitId: candidate?.responsibleUnitId ?? "",
    milestones,
    progress: latest === undefined ? null : { percent: latest.percent, spentYuan: latest.spentYuan, note: latest.note, reportedAt: latest.reportedAt },
    overdueMilestones: milestones.filter((m) => m.overdue).length,
    inspections: (project?.inspections ?? []).length,
    evaluation,
  };
};

/** The programme's answer as of `asOf`; `null` when no opening counts. */
export const programmeViewOf = (doc: ProgrammeDoc, projects: readonly ProjectDoc[], asOf: string): ProgrammeView | null => {
  const { programme } = doc;
  if (programme === null) return null;
  const asOfMs = Date.parse(asOf);
  const byId = new Map(projects.map((project) => [project.projectId, project]));
  const result = doc.result === null || doc.closedAt === null ? null : { ...doc.result, closedAt: doc.closedAt, recountMatches: sameVoteResult(recountOf(doc, programme), doc.result) };
  return {
    programmeId: programme.programmeId,
    title: programme.title,
    year: programme.year,
    session: programme.session,
    slots: programme.slots,
    electorateSize: programme.electorateSize,
    collectUntil: programme.collectUntil,
    stage: stageOf(doc),
    asOf,
    candidates: doc.candidates,
    shortlist: doc.shortlist,
    attendance: doc.attendance.length,
    boxes: doc.boxes.map(({ boxId, countedAt, ballots, invalid }) => ({ boxId, countedAt, ballots: ballots.length + invalid, invalid })),
    result,
    rounds: doc.rounds,
    projects: (doc.result?.adopted ?? []).map((projectId) => projectView(doc, byId.get(projectId), projectId, asOfMs)),
  };
};

export const programmeSummaryOf = (doc: ProgrammeDoc): ProgrammeSummary | null => {
  const { programme } = doc;
  if (programme === null) return null;
  return { programmeId: programme.programmeId, title: programme.title, year: programme.year, session: programme.session, stage: stageOf(doc), slots: programme.slots, adopted: doc.result?.adopted ?? [] };
};

/** A project as its responsible unit sees it: the project's view and the programme it belongs to. */
export interface UnitProjectView extends ProjectView {
  readonly programmeId: string;
  readonly programmeTitle: string;
  readonly year: number;
  readonly estimatedBudgetYuan: number;
}

/**
 * The projects `unitId` is responsible for in a programme, as of `asOf` (milestones overdue then,
 * the progress reported by then), in the order of the result's `adopted`.
 */
export const unitProjectsOf = (doc: ProgrammeDoc, projects: readonly ProjectDoc[], unitId: string, asOf: string): UnitProjectView[] => {
  const view = programmeViewOf(doc, projects, asOf);
  if (view === null) return [];
  const budgetOf = new Map(view.candidates.map((c) => [c.candidateId, c.estimatedBudgetYuan]));
  return view.projects
    .filter((project) => project.responsibleUnitId === unitId)
    .map((project) => ({ ...project, programmeId: view.programmeId, programmeTitle: view.title, year: view.year, estimatedBudgetYuan: budgetOf.get(project.projectId) ?? 0 }));
};
