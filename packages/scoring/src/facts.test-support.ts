// Builders of SuggestionFacts for the tests (excluded from the build).
import type {
  EvaluationFact,
  EvaluationRating,
  ExtensionFact,
  PublicationFact,
  RecordedVia,
  ReplyCategory,
  ReplyFact,
  StepFact,
  StepKind,
  SuggestionFacts,
} from "./facts.js";

export const suggestion = (suggestionId: string, fields: Partial<SuggestionFacts> = {}): SuggestionFacts => ({
  suggestionId,
  leadUnitId: "U-1",
  assignmentEventId: `${suggestionId}:assigned`,
  assignedAt: "2024-03-01T09:00:00+08:00",
  dueAt: "2024-06-01T23:59:59.999+08:00",
  confidential: false,
  voided: false,
  extensions: [],
  replies: [],
  publications: [],
  evaluations: [],
  steps: [],
  ...fields,
});

export const reply = (eventId: string, repliedAt: string, category: ReplyCategory = "A", unitId = "U-1"): ReplyFact => ({
  eventId,
  repliedAt,
  category,
  unitId,
});

export const extension = (eventId: string, grantedAt: string, newDueAt: string): ExtensionFact => ({
  eventId,
  grantedAt,
  newDueAt,
});

export const publication = (eventId: string, publishedAt: string): PublicationFact => ({ eventId, publishedAt });

export const evaluation = (eventId: string, evaluatedAt: string, rating: EvaluationRating): EvaluationFact => ({
  eventId,
  evaluatedAt,
  rating,
});

export const step = (
  eventId: string,
  kind: StepKind,
  occurredAt: string,
  fields: { unitId?: string; recordedAt?: string; recordedVia?: RecordedVia; deputyPresent?: boolean } = {},
): StepFact => ({
  eventId,
  kind,
  occurredAt,
  unitId: fields.unitId ?? "U-1",
  recordedAt: fields.recordedAt ?? occurredAt,
  recordedVia: fields.recordedVia ?? "online",
  deputyPresent: fields.deputyPresent ?? false,
});
