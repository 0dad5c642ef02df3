import type { Ballot, EventData, VoteResult } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";

/**
 * 民生实事项目票决 (design/livelihood.md): one document per `programme-` and per `project-`
 * stream, keyed by the stream id, each the fold of its stream's counting events. A programme is
 * indexed by `year`, a project by its `programme`: `GET /v1/livelihood/programmes/:id` is one
 * document and one index query (`livelihood-view.ts` assembles the answer). A closed programme
 * is also indexed `unit` under the responsible unit of each adopted candidate: a unit's projects
 * (`GET /v1/units/:id/livelihood-projects`) are one index query per programme it answers for. Ballots are kept as
 * cast, with no deputy; the deputies present are kept for their duty records only.
 */
export const LIVELIHOOD = "livelihood";

export interface ProgrammeDoc {
  readonly kind: "programme";
  readonly programme: EventData<"LivelihoodProgrammeOpened"> | null;
  readonly candidates: readonly Omit<EventData<"LivelihoodCandidateProposed">, "programmeId">[];
  readonly shortlist: Omit<EventData<"LivelihoodShortlistDecided">, "programmeId"> | null;
  /** The deputies present, each once, in the order recorded. */
  readonly attendance: readonly string[];
  readonly boxes: readonly { readonly boxId: string; readonly countedAt: string; readonly ballots: readonly Ballot[]; readonly invalid: number }[];
  readonly closedAt: string | null;
  readonly result: VoteResult | null;
  readonly rounds: readonly Omit<EventData<"LivelihoodEvaluationRoundOpened">, "programmeId">[];
}

export interface ProjectDoc {
  readonly kind: "project";
  readonly projectId: string;
  readonly programmeId: string | null;
  readonly milestones: readonly Omit<EventData<"LivelihoodMilestonePlanned">, "projectId" | "programmeId">[];
  /** Oldest first: the last is the latest. */
  readonly progress: readonly Omit<EventData<"LivelihoodProgressReported">, "projectId" | "programmeId">[];
  readonly inspections: readonly Omit<EventData<"LivelihoodProjectInspected">, "projectId" | "programmeId">[];
  readonly evaluations: readonly Omit<EventData<"LivelihoodProjectEvaluated">, "projectId" | "programmeId">[];
}

export type LivelihoodDoc = ProgrammeDoc | ProjectDoc;

const streams: ReadonlySet<string> = new Set(["programme", "project"]);

export const initLivelihoodDoc = (key: string): LivelihoodDoc =>
  key.startsWith("project-")
    ? { kind: "project", projectId: key.slice("project-".length), programmeId: null, milestones: [], progress: [], inspections: [], evaluations: [] }
    : { kind: "programme", programme: null, candidates: [], shortlist: null, attendance: [], boxes: [], closedAt: null, result: null, rounds: [] };

const applyToProgramme = (doc: ProgrammeDoc, recorded: RecordedEvent): ProgrammeDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "LivelihoodProgrammeOpened":
      return { ...doc, programme: event.data };
    case "LivelihoodCandidateProposed": {
      const { programmeId: _p, ...candidate } = event.data;
      return { ...doc, candidates: [...doc.candidates, candidate] };
    }
    case "LivelihoodShortlistDecided": {
      const { programmeId: _p, ...shortlist } = event.data;
      return { ...doc, shortlist };
    }
    case "LivelihoodAttendanceRecorded": {
      const added = event.data.deputyIds.filter((id) => !doc.attendance.includes(id));
      return added.length === 0 ? doc : { ...doc, attendance: [...doc.attendance, ...added] };
    }
    case "LivelihoodBallotBoxCounted": {
      const { boxId, countedAt, ballots, invalid } = event.data;
      return { ...doc, boxes: [...doc.boxes, { boxId, countedAt, ballots, invalid }] };
    }
    case "LivelihoodVoteClosed":
      return { ...doc, closedAt: event.data.closedAt, result: event.data.result };
    case "LivelihoodEvaluationRoundOpened": {
      const { programmeId: _p, ...round } = event.data;
      return { ...doc, rounds: [...doc.rounds, round] };
    }
    default:
      return doc;
  }
};

const applyToProject = (doc: ProjectDoc, recorded: RecordedEvent): ProjectDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "LivelihoodMilestonePlanned": {
      const { projectId: _i, programmeId, ...milestone } = event.data;
      return { ...doc, programmeId, milestones: [...doc.milestones, milestone] };
    }
    case "LivelihoodProgressReported": {
      const { projectId: _i, programmeId, ...progress } = event.data;
      return { ...doc, programmeId, progress: [...doc.progress, progress] };
    }
    case "LivelihoodProjectInspected": {
      const { projectId: _i, programmeId, ...inspection } = event.data;
      return { ...doc, programmeId, inspections: [...doc.inspections, inspection] };
    }
    case "LivelihoodProjectEvaluated": {
      const { projectId: _i, programmeId, ...evaluation } = event.data;
      return { ...doc, programmeId, evaluations: [...doc.evaluations, evaluation] };
    }
    default:
      return doc;
  }
};

/** The units responsible for the programme's adopted candidates, each once. */
export const responsibleUnitsOf = (doc: ProgrammeDoc): readonly string[] => {
  const adopted = new Set(doc.result?.adopted ?? []);
  return [...new Set(doc.candidates.filter((c) => adopted.has(c.candidateId)).map((c) => c.responsibleUnitId))].sort();
};

const applyToLivelihood = (doc: LivelihoodDoc, event: RecordedEvent): LivelihoodDoc => (doc.kind === "programme" ? applyToProgramme(doc, event) : applyToProject(doc, event));

export const livelihoodProjection: Projection<LivelihoodDoc> = {
  name: LIVELIHOOD,
  version: 2,
  handles: [
    "LivelihoodProgrammeOpened",
    "LivelihoodCandidateProposed",
    "LivelihoodShortlistDecided",
    "LivelihoodAttendanceRecorded",
    "LivelihoodBallotBoxCounted",
    "LivelihoodVoteClosed",
    "LivelihoodEvaluationRoundOpened",
    "LivelihoodMilestonePlanned",
    "LivelihoodProgressReported",
    "LivelihoodProjectInspected",
    "LivelihoodProjectEvaluated",
  ],
  keysOf: (event) => streamKeyIn(event, streams),
  init: initLivelihoodDoc,
  apply: applyToLivelihood,
  indexesOf: (doc) => {
    if (doc.kind === "programme") {
      if (doc.programme === null) return [];
      const { programmeId, year } = doc.programme;
      return [{ name: "year", value: String(year), sort: programmeId }, ...responsibleUnitsOf(doc).map((unitId) => ({ name: "unit", value: unitId, sort: programmeId }))];
    }
    return doc.programmeId === null ? [] : [{ name: "programme", value: doc.programmeId, sort: doc.projectId }];
  },
};
