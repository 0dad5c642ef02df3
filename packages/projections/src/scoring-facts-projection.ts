import { backfillIdOf, shanghaiYearOf } from "@duty-ledger/domain";
import type {
  EvaluationFact,
  ExtensionFact,
  PublicationFact,
  ReplyFact,
  StepFact,
  SuggestionFacts,
} from "@duty-ledger/scoring";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection, type VoidingNote } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * Scoring facts: per suggestion, what the scoring package scores (scoring.md), keyed by
 * suggestion id, indexed by the period of the assignment (its Shanghai calendar year) and
 * the lead unit. `factsOf(doc)` gives the `SuggestionFacts`.
 *
 * Each fact keeps the id of the event it came from. A voided event's fact is removed. When
 * the assignment itself is voided (and no other assignment counts) the suggestion keeps its
 * last assignment with `voided: true`: it is listed, and scoring leaves it out.
 * The ids of the facts' events written under a backfill are kept (`backfilledEventIds`), so
 * that every drill-down contribution built on one says `backfilled: true` (trust.md).
 */
export const SCORING_FACTS = "scoring-facts";

export interface SubmissionFact {
  readonly eventId: string;
  readonly confidential: boolean;
}

export interface AssignmentFact {
  readonly eventId: string;
  readonly leadUnitId: string;
  readonly assignedAt: string;
  readonly dueAt: string;
  /** Shanghai calendar year of `assignedAt`. */
  readonly period: string;
}

/**
 * Where a fact's event stands in the log: its list (the index in `factLists`), its recording time
 * (epoch ms) and its position. Kept compact (a third of the size of an object keyed by event id):
 * one per fact, in the order the facts were applied, so the k-th of a list is its list's k-th fact.
 */
export type RecordedRef = readonly [list: number, recordedAtMs: number, position: number];

/** The facts' lists, by name (each holds facts with their event's id). */
export interface FactLists {
  readonly submissions: readonly SubmissionFact[];
  readonly assignments: readonly AssignmentFact[];
  readonly extensions: readonly ExtensionFact[];
  readonly replies: readonly ReplyFact[];
  readonly publications: readonly PublicationFact[];
  readonly evaluations: readonly EvaluationFact[];
  readonly steps: readonly StepFact[];
}
export type FactList = keyof FactLists;
export const factLists: readonly FactList[] = ["submissions", "assignments", "extensions", "replies", "publications", "evaluations", "steps"];

/**
 * A fact whose event was voided, kept with the voiding's recording time: as the ledger knew it
 * before the voiding was recorded (`knownAt`), the fact still counted (`factsDocKnownAt`).
 */
export type VoidedFact = {
  readonly [K in FactList]: {
    readonly list: K;
    readonly fact: FactLists[K][number];
    readonly recordedAt: string;
    readonly position: number;
    readonly backfilled: boolean;
    /** The voiding's `recordedAt`. */
    readonly voidedRecordedAt: string;
  };
}[FactList];

export interface ScoringFactsDoc extends FactLists {
  readonly suggestionId: string;
  /** Assignments that were voided, latest last. (Counting ones, `assignments`: the latest is in force.) */
  readonly voidedAssignments: readonly AssignmentFact[];
  /** The facts' events written under a backfill (`metadata.backfillId`). */
  readonly backfilledEventIds: readonly string[];
  /** Every counting fact's list, recording time and position, in the order applied (for `knownAt`). */
  readonly recorded: readonly RecordedRef[];
  /** Every voided fact, with its voiding's recording time. */
  readonly voidedFacts: readonly VoidedFact[];
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
  backfilledEventIds: [],
  recorded: [],
  voidedFacts: [],
});

const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

/** The assignment the facts are about: the counting one, else the last voided one. */
const assignmentOf = (doc: ScoringFactsDoc): { assignment: AssignmentFact; voided: boolean } | null => {
  const counting = last(doc.assignments);
  if (counting !== undefined) return { assignment: counting, voided: false };
  const voided = last(doc.voidedAssignments);
  return voided === undefined ? null : { assignment: voided, voided: true };
};

/** The period (`YYYY`) of the suggestion's assignment; `null` before any. */
export const factsPeriodOf = (doc: ScoringFactsDoc): string | null => assignmentOf(doc)?.assignment.period ?? null;

/** The facts scoring reads; `null` before any assignment. */
export const factsOf = (doc: ScoringFactsDoc): SuggestionFacts | null => {
  const of = assignmentOf(doc);
  if (of === null) return null;
  return {
    suggestionId: doc.suggestionId,
    leadUnitId: of.assignment.leadUnitId,
    assignmentEventId: of.assignment.eventId,
    assignedAt: of.assignment.assignedAt,
    dueAt: of.assignment.dueAt,
    confidential: last(doc.submissions)?.confidential ?? false,
    voided: of.voided,
    extensions: doc.extensions,
    replies: doc.replies,
    publications: doc.publications,
    evaluations: doc.evaluations,
    steps: doc.steps,
    ...(doc.backfilledEventIds.length === 0 ? {} : { backfilledEventIds: doc.backfilledEventIds }),
  };
};


/** The fact of the event, with where it stands in the log; its id kept apart when it was written under a backfill. */
const applyToFacts = (doc: ScoringFactsDoc, recorded: RecordedEvent): ScoringFactsDoc => {
  const next = applyFact(doc, recorded);
  if (next === doc) return doc;
  const list = factLists.findIndex((name) => next[name].length !== doc[name].length);
  const ref: RecordedRef = [list, Date.parse(recorded.metadata.recordedAt), recorded.position];
  const known = { ...next, recorded: [...next.recorded, ref] };
  if (backfillIdOf(recorded.metadata) === undefined) return known;
  return { ...known, backfilledEventIds: [...known.backfilledEventIds, recorded.id] };
};

const applyFact = (doc: ScoringFactsDoc, recorded: RecordedEvent): ScoringFactsDoc => {
  const event = asDutyEvent(recorded);
  const eventId = recorded.id;
  switch (event.type) {
    case "SuggestionSubmitted":
      return { ...doc, submissions: [...doc.submissions, { eventId, confidential: event.data.confidential }] };
    // A reassignment (改办) is an assignment of its own: the one in force from then on.
    case "SuggestionAssigned":
    case "SuggestionReassigned": {
      const d = event.data;
      const assignment: AssignmentFact = { eventId, leadUnitId: d.leadUnitId, assignedAt: d.assignedAt, dueAt: d.dueAt, period: String(shanghaiYearOf(d.assignedAt)) };
      return { ...doc, assignments: [...doc.assignments, assignment] };
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
      return { ...doc, steps: [...doc.steps, step] };
    }
    case "SuggestionReplied": {
      const d = event.data;
      return { ...doc, replies: [...doc.replies, { eventId, repliedAt: d.repliedAt, category: d.category, unitId: d.unitId }] };
    }
    case "ReplyPublished":
      return { ...doc, publications: [...doc.publications, { eventId, publishedAt: event.data.publishedAt }] };
    case "DeadlineExtended":
      return { ...doc, extensions: [...doc.extensions, { eventId, grantedAt: event.data.grantedAt, newDueAt: event.data.newDueAt }] };
    case "SuggestionEvaluated": {
      const d = event.data;
      return { ...doc, evaluations: [...doc.evaluations, { eventId, evaluatedAt: d.evaluatedAt, rating: d.rating }] };
    }
    default:
      return doc;
  }
};

/** Values of the `periodUnit` index. */
export const periodUnitValue = (period: string, unitId: string): string => `${period}|${unitId}`;

/**
 * The period and lead unit of the assignment the facts are about first, then those of every
 * other assignment the suggestion had (replaced or voided): known at an earlier time
 * (`factsDocKnownAt`) it may be one of those, and `listFacts` must find it there. The readers
 * keep a document only for the period and unit of the assignment in force at the time asked.
 */
const indexesOfFacts = (doc: ScoringFactsDoc): IndexEntry[] => {
  const of = assignmentOf(doc);
  if (of === null) return [];
  const entries: IndexEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: IndexEntry): void => {
    const id = `${entry.name}\u0000${entry.value}`;
    if (seen.has(id)) return;
    seen.add(id);
    entries.push(entry);
  };
  for (const { period, leadUnitId } of [of.assignment, ...doc.assignments, ...doc.voidedAssignments]) {
    add({ name: "period", value: period });
    add({ name: "periodUnit", value: periodUnitValue(period, leadUnitId) });
  }
  return entries;
};

export const scoringFactsEventTypes = [
  "SuggestionSubmitted",
  "SuggestionAssigned",
  "SuggestionReassigned",
  "HandlingStepRecorded",
  "SuggestionReplied",
  "ReplyPublished",
  "DeadlineExtended",
  "SuggestionEvaluated",
] as const;

/** The one fact an event makes, named by its list; `undefined` for an event that makes none. */
const voidedFactOf = (suggestionId: string, voided: RecordedEvent, note: VoidingNote): VoidedFact | undefined => {
  const alone = applyFact(initScoringFactsDoc(suggestionId), voided);
  const where = { recordedAt: voided.metadata.recordedAt, position: voided.position, backfilled: backfillIdOf(voided.metadata) !== undefined, voidedRecordedAt: note.recordedAt };
  for (const list of factLists) {
    const fact = alone[list][0];
    if (fact !== undefined) return { list, fact, ...where } as VoidedFact;
  }
  return undefined;
};

/**
 * A voided fact is kept apart with its voiding's recording time (what the ledger knew before
 * it); a voided assignment also in `voidedAssignments`: the facts of a suggestion whose
 * assignment was voided say so.
 */
const noteVoidedFact = (doc: ScoringFactsDoc, note: VoidingNote, voided: RecordedEvent | undefined): ScoringFactsDoc => {
  const fact = voided === undefined ? undefined : voidedFactOf(doc.suggestionId, voided, note);
  if (fact === undefined) return doc;
  const noted = { ...doc, voidedFacts: [...doc.voidedFacts, fact] };
  return fact.list === "assignments" ? { ...noted, voidedAssignments: [...doc.voidedAssignments, fact.fact] } : noted;
};

/** Indexes: `period` (`YYYY` of the assignment, Asia/Shanghai) and `periodUnit` (`YYYY|<leadUnitId>`), of every assignment it had. */
export const scoringFactsProjection: Projection<ScoringFactsDoc> = {
  name: SCORING_FACTS,
  version: 5,
  handles: scoringFactsEventTypes,
  keysOf: (recorded) => entityKeyIn(recorded, "suggestion"),
  init: initScoringFactsDoc,
  apply: applyToFacts,
  indexesOf: indexesOfFacts,
  noteVoiding: noteVoidedFact,
};
