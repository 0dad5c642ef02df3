import type { EvaluationRating, HandlingStepKind, RecordedVia, ReplyCategory } from "@duty-ledger/domain";

/**
 * The input of scoring: what the projections know about one suggestion a unit leads.
 *
 * Scoring never reads events. A projection folds the log into one `SuggestionFacts` per
 * suggestion and drops whatever a voiding event cancelled (a voided reply, step, evaluation,
 * publication or extension is simply absent; a voided suggestion keeps `voided: true`).
 * Every fact carries the id of the event it came from, so each figure can be explained.
 *
 * Times are ISO 8601 strings WITH an offset (`Z` or `+08:00`); scoring compares them as
 * instants (`Date.parse`), never as strings.
 */

/** The domain's vocabularies, under scoring's names. */
export type StepKind = HandlingStepKind;
export type { EvaluationRating, RecordedVia, ReplyCategory };

/** A deadline extension granted by the office. */
export interface ExtensionFact {
  readonly eventId: string;
  readonly grantedAt: string;
  readonly newDueAt: string;
}

/** A reply (答复) by a unit; `unitId` must be the lead unit to count. */
export interface ReplyFact {
  readonly eventId: string;
  readonly repliedAt: string;
  readonly category: ReplyCategory;
  readonly unitId: string;
}

/** The reply published online (上网公开). */
export interface PublicationFact {
  readonly eventId: string;
  readonly publishedAt: string;
}

/** The lead deputy's evaluation (评价) of a reply. */
export interface EvaluationFact {
  readonly eventId: string;
  readonly evaluatedAt: string;
  readonly rating: EvaluationRating;
}

/** A handling step recorded by the lead unit or a co-unit. */
export interface StepFact {
  readonly eventId: string;
  readonly unitId: string;
  readonly kind: StepKind;
  /** When the step happened (client-given). */
  readonly occurredAt: string;
  /** When the ledger received it (server-set). */
  readonly recordedAt: string;
  readonly recordedVia: RecordedVia;
  /** For consultations: the deputy was present (面商). */
  readonly deputyPresent: boolean;
}

/** Everything scoring needs about one assigned suggestion. */
export interface SuggestionFacts {
  readonly suggestionId: string;
  /** The lead unit (主办单位) of the assignment. */
  readonly leadUnitId: string;
  /** The assignment event's id. */
  readonly assignmentEventId: string;
  readonly assignedAt: string;
  /** The reply due date stored in the assignment event. */
  readonly dueAt: string;
  /** The suggestion was submitted as confidential (not to be published). */
  readonly confidential: boolean;
  /** The suggestion (or its assignment) was voided: it does not count at all. */
  readonly voided: boolean;
  readonly extensions: readonly ExtensionFact[];
  readonly replies: readonly ReplyFact[];
  readonly publications: readonly PublicationFact[];
  readonly evaluations: readonly EvaluationFact[];
  readonly steps: readonly StepFact[];
  /** The ids of the facts' events written under a backfill (trust.md); absent when none was. */
  readonly backfilledEventIds?: readonly string[];
}
