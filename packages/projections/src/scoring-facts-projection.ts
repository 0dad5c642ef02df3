import type {
  EvaluationFact,
  ExtensionFact,
  PublicationFact,
  ReplyFact,
  StepFact,
  SuggestionFacts,
} from "@duty-ledger/scoring";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";
import { shanghaiYearOf } from "./shanghai-calendar.js";

/**
 * Scoring facts: per suggestion, the `SuggestionFacts` the scoring package scores
 * (scoring.md), keyed by suggestion id, indexed by the period of the assignment (its
 * Shanghai calendar year) and the lead unit.
 *
 * Each fact keeps the id of the event it came from. A voided event's fact is removed; the
 * facts are assembled again from what remains. When the assignment itself is voided (and no
 * other assignment counts) the suggestion keeps its last assignment's facts with
 * `voided: true`: it is listed, and scoring leaves it out.
 */
export const SCORING_FACTS = "scoring-facts";

interface SubmissionPart {
  readonly eventId: string;
  readonly confidential: boolean;
}

interface AssignmentPart {
  readonly eventId: string;
  readonly leadUnitId: string;
  readonly assignedAt: string;
  readonly dueAt: string;
}

export interface ScoringFactsDoc {
  readonly suggestionId: string;
  readonly submissions: readonly SubmissionPart[];
  readonly assignments: readonly AssignmentPart[];
  /** Assignments that were voided, latest last. */
  readonly voidedAssignments: readonly AssignmentPart[];
  readonly extensions: readonly ExtensionFact[];
  readonly replies: readonly ReplyFact[];
  readonly publications: readonly PublicationFact[];
  readonly evaluations: readonly EvaluationFact[];
  readonly steps: readonly StepFact[];
  /** The facts scoring reads; `null` before any assignment. */
  readonly facts: SuggestionFacts | null;
  /** Period (`YYYY`) of `facts.assignedAt`, `null` without facts. */
  readonly period: string | null;
}

export const initScoringFactsDoc = (suggestionId: string): ScoringFactsDoc => ({
  suggestionId,
  submissions: [],
  assignments: [],
  voidedAssignments: [],
  extensions: [],
  replies: [],
  publications: [],
  evaluations: [],
  steps: [],
  facts: null,
  period: null,
});

const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

/** The facts and period from the parts (pure). */
const assemble = (doc: ScoringFactsDoc): ScoringFactsDoc => {
  const counting = last(doc.assignments);
  const assignment = counting ?? last(doc.voidedAssignments);
  if (assignment === undefined) return { ...doc, facts: null, period: null };
  const facts: SuggestionFacts = {
    suggestionId: doc.suggestionId,
    leadUnitId: assignment.leadUnitId,
    assignmentEventId: assignment.eventId,
    assignedAt: assignment.assignedAt,
    dueAt: assignment.dueAt,
    confidential: last(doc.submissions)?.confidential ?? false,
    voided: counting === undefined,
    extensions: doc.extensions,
    replies: doc.replies,
    publications: doc.publications,
    evaluations: doc.evaluations,
    steps: doc.steps,
  };
  return { ...doc, facts, period: String(shanghaiYearOf(assignment.assignedAt)) };
};

const without = <T extends { readonly eventId: string }>(list: readonly T[], eventId: string): readonly T[] =>
  list.some((entry) => entry.eventId === eventId) ? list.filter((entry) => entry.eventId !== eventId) : list;

const applyToFacts = (doc: ScoringFactsDoc, recorded: RecordedEvent): ScoringFactsDoc => {
  const event = asDutyEvent(recorded);
  const eventId = recorded.id;
  switch (event.type) {
    case "SuggestionSubmitted":
      return assemble({ ...doc, submissions: [...doc.submissions, { eventId, confidential: event.data.confidential }] });
    case "SuggestionAssigned": {
      const d = event.data;
      return assemble({ ...doc, assignments: [...doc.assignments, { eventId, leadUnitId: d.leadUnitId, assignedAt: d.assignedAt, dueAt: d.dueAt }] });
    }
    case "HandlingStepRecorded": {
      const d = event.data;
      const step: StepFact = {
        eventId,
        unitId: d.unitId,
        kind: d.kind,
        occurredAt: d.occurredAt,
        recordedAt: recorded.metadata.recordedAt,
        recordedVia: d.recordedVia,
        deputyPresent: d.deputyPresent === true,
      };
      return assemble({ ...doc, steps: [...doc.steps, step] });
    }
    case "SuggestionReplied": {
      const d = event.data;
      return assemble({ ...doc, replies: [...doc.replies, { eventId, repliedAt: d.repliedAt, category: d.category, unitId: d.unitId }] });
    }
    case "ReplyPublished":
      return assemble({ ...doc, publications: [...doc.publications, { eventId, publishedAt: event.data.publishedAt }] });
    case "DeadlineExtended":
      return assemble({ ...doc, extensions: [...doc.extensions, { eventId, grantedAt: event.data.grantedAt, newDueAt: event.data.newDueAt }] });
    case "SuggestionEvaluated": {
      const d = event.data;
      return assemble({ ...doc, evaluations: [...doc.evaluations, { eventId, evaluatedAt: d.evaluatedAt, rating: d.rating }] });
    }
    case "EventVoided": {
      const voidedId = event.data.eventId;
      const voidedAssignment = doc.assignments.find((a) => a.eventId === voidedId);
      const next: ScoringFactsDoc = {
        ...doc,
        submissions: without(doc.submissions, voidedId),
        assignments: without(doc.assignments, voidedId),
        voidedAssignments: voidedAssignment === undefined ? doc.voidedAssignments : [...doc.voidedAssignments, voidedAssignment],
        extensions: without(doc.extensions, voidedId),
        replies: without(doc.replies, voidedId),
        publications: without(doc.publications, voidedId),
        evaluations: without(doc.evaluations, voidedId),
        steps: without(doc.steps, voidedId),
      };
      return assemble(next);
    }
    default:
      return doc;
  }
};

/** Values of the `periodUnit` index. */
export const periodUnitValue = (period: string, unitId: string): string => `${period}|${unitId}`;

const indexesOfFacts = (doc: ScoringFactsDoc): IndexEntry[] => {
  if (doc.facts === null || doc.period === null) return [];
  return [
    { name: "period", value: doc.period },
    { name: "periodUnit", value: periodUnitValue(doc.period, doc.facts.leadUnitId) },
  ];
};

export const scoringFactsEventTypes = [
  "SuggestionSubmitted",
  "SuggestionAssigned",
  "HandlingStepRecorded",
  "SuggestionReplied",
  "ReplyPublished",
  "DeadlineExtended",
  "SuggestionEvaluated",
  "EventVoided",
] as const;

const relevantVoids: ReadonlySet<string> = new Set(scoringFactsEventTypes);

/** Indexes: `period` (`YYYY` of the assignment, Asia/Shanghai) and `periodUnit` (`YYYY|<leadUnitId>`). */
export const scoringFactsProjection: Projection<ScoringFactsDoc> = {
  name: SCORING_FACTS,
  version: 1,
  handles: scoringFactsEventTypes,
  keysOf: (recorded) => {
    const event = asDutyEvent(recorded);
    if (event.type === "EventVoided" && !relevantVoids.has(event.data.voidedType)) return [];
    return entityKeyIn(recorded, "suggestion");
  },
  init: initScoringFactsDoc,
  apply: applyToFacts,
  indexesOf: indexesOfFacts,
};
