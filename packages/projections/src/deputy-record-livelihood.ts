import { shanghaiYearOf } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent } from "./projection.js";

/**
 * The livelihood part of the deputy duty record (design/livelihood.md, "Reads": the record gains
 * `livelihood: {votesAttended, inspections, evaluations}`, and `candidatesProposed`): small
 * documents of the `deputy-record` projection, one per `programme-` and `project-` stream, with
 * exactly the facts a deputy's record counts, each with its event id and Shanghai year:
 *
 * - `programme-<id>`: the attendance at the vote (参加票决, by `attendedAt`) and the candidates a
 *   deputy proposed in its own name (`proposedBy.kind = "deputy"`, by `proposedAt`);
 * - `project-<id>`: the inspections (视察, every deputy named, by `inspectedAt`) and the
 *   evaluations (测评, by `evaluatedAt`).
 *
 * Nothing of a ballot is kept: the attendance says who was present, never how anyone voted.
 */

export interface LivelihoodAttendancePart {
  readonly eventId: string;
  readonly deputyIds: readonly string[];
  readonly year: number;
}

export interface LivelihoodProposalPart {
  readonly eventId: string;
  readonly candidateId: string;
  readonly deputyId: string;
  readonly year: number;
}

export interface LivelihoodInspectionPart {
  readonly eventId: string;
  readonly inspectionId: string;
  readonly deputyIds: readonly string[];
  readonly year: number;
}

export interface LivelihoodEvaluationPart {
  readonly eventId: string;
  readonly roundId: string;
  readonly deputyId: string;
  readonly year: number;
}

export interface ProgrammeRecordDoc {
  readonly kind: "programme";
  readonly programmeId: string;
  readonly attendance: readonly LivelihoodAttendancePart[];
  readonly proposals: readonly LivelihoodProposalPart[];
}

export interface ProjectRecordDoc {
  readonly kind: "project";
  readonly projectId: string;
  readonly inspections: readonly LivelihoodInspectionPart[];
  readonly evaluations: readonly LivelihoodEvaluationPart[];
}

export type LivelihoodRecordDoc = ProgrammeRecordDoc | ProjectRecordDoc;

/** The livelihood events the record reads. */
export const livelihoodRecordEventTypes = ["LivelihoodAttendanceRecorded", "LivelihoodCandidateProposed", "LivelihoodProjectInspected", "LivelihoodProjectEvaluated"] as const;

/** Whether the record reads this event (a candidate counts only when a deputy proposed it). */
export const countsInLivelihoodRecord = (recorded: RecordedEvent): boolean => {
  const event = asDutyEvent(recorded);
  return event.type !== "LivelihoodCandidateProposed" || event.data.proposedBy.kind === "deputy";
};

export const initProgrammeRecordDoc = (programmeId: string): ProgrammeRecordDoc => ({ kind: "programme", programmeId, attendance: [], proposals: [] });
export const initProjectRecordDoc = (projectId: string): ProjectRecordDoc => ({ kind: "project", projectId, inspections: [], evaluations: [] });

export const applyToProgrammeRecord = (doc: ProgrammeRecordDoc, recorded: RecordedEvent): ProgrammeRecordDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "LivelihoodAttendanceRecorded": {
      const part: LivelihoodAttendancePart = { eventId: recorded.id, deputyIds: event.data.deputyIds, year: shanghaiYearOf(event.data.attendedAt) };
      return { ...doc, attendance: [...doc.attendance, part] };
    }
    case "LivelihoodCandidateProposed": {
      const { proposedBy, candidateId, proposedAt } = event.data;
      if (proposedBy.kind !== "deputy" || proposedBy.id === undefined) return doc;
      return { ...doc, proposals: [...doc.proposals, { eventId: recorded.id, candidateId, deputyId: proposedBy.id, year: shanghaiYearOf(proposedAt) }] };
    }
    default:
      return doc;
  }
};

export const applyToProjectRecord = (doc: ProjectRecordDoc, recorded: RecordedEvent): ProjectRecordDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "LivelihoodProjectInspected": {
      const { inspectionId, deputyIds, inspectedAt } = event.data;
      return { ...doc, inspections: [...doc.inspections, { eventId: recorded.id, inspectionId, deputyIds, year: shanghaiYearOf(inspectedAt) }] };
    }
    case "LivelihoodProjectEvaluated": {
      const { roundId, deputyId, evaluatedAt } = event.data;
      return { ...doc, evaluations: [...doc.evaluations, { eventId: recorded.id, roundId, deputyId, year: shanghaiYearOf(evaluatedAt) }] };
    }
    default:
      return doc;
  }
};

/** The deputies a livelihood document concerns (its `deputy` index entries). */
export const deputiesOfLivelihoodRecord = (doc: LivelihoodRecordDoc): readonly string[] => {
  switch (doc.kind) {
    case "programme":
      return [...new Set([...doc.attendance.flatMap((a) => a.deputyIds), ...doc.proposals.map((p) => p.deputyId)])];
    case "project":
      return [...new Set([...doc.inspections.flatMap((i) => i.deputyIds), ...doc.evaluations.map((e) => e.deputyId)])];
    default: {
      const _exhaustive: never = doc;
      throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The record's livelihood part of a year. */
export interface LivelihoodRecord {
  /** Programmes whose vote the deputy attended (参加票决) in the year, each once. */
  readonly votesAttended: number;
  /** Inspections of projects the deputy took part in (视察). */
  readonly inspections: number;
  /** Evaluations of projects the deputy made (测评). */
  readonly evaluations: number;
  /** Candidates the deputy proposed in its own name. */
  readonly candidatesProposed: number;
  /** The programmes and projects behind the figures (explainability). */
  readonly programmeIds: readonly string[];
  readonly projectIds: readonly string[];
}

/** Sums the deputy's `year` from the livelihood documents (those of other deputies and years are ignored). */
export const livelihoodRecordOf = (deputyId: string, year: number, docs: readonly LivelihoodRecordDoc[]): LivelihoodRecord => {
  let votesAttended = 0;
  let inspections = 0;
  let evaluations = 0;
  let candidatesProposed = 0;
  const programmeIds = new Set<string>();
  const projectIds = new Set<string>();
  for (const doc of docs) {
    switch (doc.kind) {
      case "programme": {
        const attended = doc.attendance.some((a) => a.year === year && a.deputyIds.includes(deputyId));
        const proposed = doc.proposals.filter((p) => p.year === year && p.deputyId === deputyId).length;
        if (attended) votesAttended += 1;
        candidatesProposed += proposed;
        if (attended || proposed > 0) programmeIds.add(doc.programmeId);
        break;
      }
      case "project": {
        const inspected = new Set(doc.inspections.filter((i) => i.year === year && i.deputyIds.includes(deputyId)).map((i) => i.inspectionId)).size;
        const evaluated = doc.evaluations.filter((e) => e.year === year && e.deputyId === deputyId).length;
        inspections += inspected;
        evaluations += evaluated;
        if (inspected > 0 || evaluated > 0) projectIds.add(doc.projectId);
        break;
      }
      default: {
        const _exhaustive: never = doc;
        throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
  return { votesAttended, inspections, evaluations, candidatesProposed, programmeIds: [...programmeIds].sort(), projectIds: [...projectIds].sort() };
};
