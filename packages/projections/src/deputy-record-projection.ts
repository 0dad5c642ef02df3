import { parseStreamId, shanghaiYearOf, type ContactChannel, type DeputyLevel, type EvaluationRating, type ReplyCategory, type SuggestionPhase } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn, voidsNoneOf } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";
import { withoutEvent } from "./without-event.js";

/**
 * The deputy duty record's parts (GET /v1/deputies/:id/record?year=).
 *
 * Events such as a contact's feedback, a handling step or a voiding do not name the deputies
 * they concern, so a document per (deputy, year) cannot be keyed from the event. The record
 * is summed instead from one small document per entity stream, with exactly the facts the
 * record counts, each with its event id and its Shanghai calendar year:
 *
 * - `deputy-<id>`: registrations and corrections (profile, served period);
 * - `contact-<id>`: the contact (deputies, channel, year, constituents, opinion ids) and the
 *   feedback given (`deputyYear` = `<deputyId>|<year>` for each deputy present);
 * - `suggestion-<id>`: submission (lead, co-signers, phase, year, cited opinions), replies'
 *   categories, evaluations, consultations with the deputy present (`deputy`, lead and
 *   co-signers).
 *
 * These documents are not stored: the reader folds them from a deputy's streams
 * (`foldDocument`, key = stream id) when the record is read (the `deputy-timeline` projection names the streams), with this
 * projection's own `keysOf` and `apply` — the shape in which its specifications test it.
 * `buildDeputyRecord` sums a deputy's year from them. A voided event's part is removed from its
 * document, so it stops counting everywhere at once.
 */
export const DEPUTY_RECORD = "deputy-record";

export interface RegistrationPart {
  readonly eventId: string;
  readonly position: number;
  readonly name: string;
  readonly level: DeputyLevel;
  readonly term: string;
  readonly constituency: string;
  readonly stationId: string | null;
  readonly registeredAt: string;
}

export interface CorrectionPart {
  readonly eventId: string;
  readonly position: number;
  readonly changes: {
    readonly name?: string;
    readonly level?: DeputyLevel;
    readonly term?: string;
    readonly constituency?: string;
    readonly stationId?: string | null;
  };
  readonly correctedAt: string;
}

export interface DeputyRegistryDoc {
  readonly kind: "deputy";
  readonly deputyId: string;
  readonly registrations: readonly RegistrationPart[];
  readonly corrections: readonly CorrectionPart[];
}

export interface ContactRecordPart {
  readonly eventId: string;
  readonly deputyIds: readonly string[];
  readonly channel: ContactChannel;
  readonly occurredAt: string;
  /** Shanghai calendar year of `occurredAt`. */
  readonly year: number;
  readonly constituents: number;
  readonly opinionIds: readonly string[];
}

export interface FeedbackPart {
  readonly eventId: string;
  readonly opinionIds: readonly string[];
  readonly feedbackAt: string;
}

export interface ContactDoc {
  readonly kind: "contact";
  readonly contactId: string;
  readonly records: readonly ContactRecordPart[];
  readonly feedback: readonly FeedbackPart[];
}

export interface SubmissionPart {
  readonly eventId: string;
  readonly leadDeputyId: string;
  readonly coSignerIds: readonly string[];
  readonly phase: SuggestionPhase;
  readonly submittedAt: string;
  readonly year: number;
  readonly sourceOpinionIds: readonly string[];
}

export interface ReplyPart {
  readonly eventId: string;
  readonly category: ReplyCategory;
  readonly repliedAt: string;
}

export interface EvaluationPart {
  readonly eventId: string;
  readonly deputyId: string;
  readonly rating: EvaluationRating;
  readonly evaluatedAt: string;
  readonly year: number;
}

/** A consultation step (面商) with the deputy present. */
export interface ConsultationPart {
  readonly eventId: string;
  readonly unitId: string;
  readonly occurredAt: string;
  readonly year: number;
}

export interface SuggestionPartsDoc {
  readonly kind: "suggestion";
  readonly suggestionId: string;
  readonly submissions: readonly SubmissionPart[];
  readonly replies: readonly ReplyPart[];
  readonly evaluations: readonly EvaluationPart[];
  readonly consultations: readonly ConsultationPart[];
}

/** A stream of a category the record does not read (never stored). */
export interface IgnoredDoc {
  readonly kind: "ignored";
  readonly streamId: string;
}

export type DeputyRecordDoc = DeputyRegistryDoc | ContactDoc | SuggestionPartsDoc | IgnoredDoc;

export const initDeputyRecordDoc = (streamId: string): DeputyRecordDoc => {
  const parsed = parseStreamId(streamId);
  switch (parsed?.category) {
    case "deputy":
      return { kind: "deputy", deputyId: parsed.id, registrations: [], corrections: [] };
    case "contact":
      return { kind: "contact", contactId: parsed.id, records: [], feedback: [] };
    case "suggestion":
      return { kind: "suggestion", suggestionId: parsed.id, submissions: [], replies: [], evaluations: [], consultations: [] };
    default:
      return { kind: "ignored", streamId };
  }
};

const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];


/** The counting contact record (the latest, when one was voided and recorded again). */
export const contactRecordOf = (doc: ContactDoc): ContactRecordPart | undefined => last(doc.records);

/** The counting submission. */
export const submissionOf = (doc: SuggestionPartsDoc): SubmissionPart | undefined => last(doc.submissions);

const applyToRegistry = (doc: DeputyRegistryDoc, recorded: RecordedEvent): DeputyRegistryDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "DeputyRegistered": {
      const d = event.data;
      const part: RegistrationPart = {
        eventId: recorded.id,
        position: recorded.position,
        name: d.name,
        level: d.level,
        term: d.term,
        constituency: d.constituency,
        stationId: d.stationId ?? null,
        registeredAt: d.registeredAt,
      };
      return { ...doc, registrations: [...doc.registrations, part] };
    }
    case "DeputyCorrected": {
      const d = event.data;
      const changes: { -readonly [K in keyof CorrectionPart["changes"]]: CorrectionPart["changes"][K] } = {};
      if (d.name !== undefined) changes.name = d.name;
      if (d.level !== undefined) changes.level = d.level;
      if (d.term !== undefined) changes.term = d.term;
      if (d.constituency !== undefined) changes.constituency = d.constituency;
      if (d.stationId !== undefined) changes.stationId = d.stationId;
      return { ...doc, corrections: [...doc.corrections, { eventId: recorded.id, position: recorded.position, changes, correctedAt: d.correctedAt }] };
    }
    case "EventVoided": {
      const id = event.data.eventId;
      const registrations = withoutEvent(doc.registrations, id);
      const corrections = withoutEvent(doc.corrections, id);
      return registrations === doc.registrations && corrections === doc.corrections ? doc : { ...doc, registrations, corrections };
    }
    default:
      return doc;
  }
};

const applyToContact = (doc: ContactDoc, recorded: RecordedEvent): ContactDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "ContactRecorded": {
      const d = event.data;
      const part: ContactRecordPart = {
        eventId: recorded.id,
        deputyIds: d.deputyIds,
        channel: d.channel,
        occurredAt: d.occurredAt,
        year: shanghaiYearOf(d.occurredAt),
        constituents: d.constituents,
        opinionIds: d.opinions.map((o) => o.opinionId),
      };
      return { ...doc, records: [...doc.records, part] };
    }
    case "ContactFeedbackGiven":
      return { ...doc, feedback: [...doc.feedback, { eventId: recorded.id, opinionIds: event.data.opinionIds, feedbackAt: event.data.feedbackAt }] };
    case "EventVoided": {
      const id = event.data.eventId;
      const records = withoutEvent(doc.records, id);
      const feedback = withoutEvent(doc.feedback, id);
      return records === doc.records && feedback === doc.feedback ? doc : { ...doc, records, feedback };
    }
    default:
      return doc;
  }
};

const applyToSuggestion = (doc: SuggestionPartsDoc, recorded: RecordedEvent): SuggestionPartsDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "SuggestionSubmitted": {
      const d = event.data;
      const part: SubmissionPart = {
        eventId: recorded.id,
        leadDeputyId: d.leadDeputyId,
        coSignerIds: d.coSignerIds,
        phase: d.phase,
        submittedAt: d.submittedAt,
        year: shanghaiYearOf(d.submittedAt),
        sourceOpinionIds: d.sourceOpinionIds,
      };
      return { ...doc, submissions: [...doc.submissions, part] };
    }
    case "SuggestionReplied":
      return { ...doc, replies: [...doc.replies, { eventId: recorded.id, category: event.data.category, repliedAt: event.data.repliedAt }] };
    case "SuggestionEvaluated": {
      const d = event.data;
      const part: EvaluationPart = { eventId: recorded.id, deputyId: d.deputyId, rating: d.rating, evaluatedAt: d.evaluatedAt, year: shanghaiYearOf(d.evaluatedAt) };
      return { ...doc, evaluations: [...doc.evaluations, part] };
    }
    case "HandlingStepRecorded": {
      const d = event.data;
      if (d.kind !== "consultation" || d.deputyPresent !== true) return doc;
      const part: ConsultationPart = { eventId: recorded.id, unitId: d.unitId, occurredAt: d.occurredAt, year: shanghaiYearOf(d.occurredAt) };
      return { ...doc, consultations: [...doc.consultations, part] };
    }
    case "EventVoided": {
      const id = event.data.eventId;
      const next: SuggestionPartsDoc = {
        ...doc,
        submissions: withoutEvent(doc.submissions, id),
        replies: withoutEvent(doc.replies, id),
        evaluations: withoutEvent(doc.evaluations, id),
        consultations: withoutEvent(doc.consultations, id),
      };
      return next.submissions === doc.submissions &&
        next.replies === doc.replies &&
        next.evaluations === doc.evaluations &&
        next.consultations === doc.consultations
        ? doc
        : next;
    }
    default:
      return doc;
  }
};

const applyToRecordDoc = (doc: DeputyRecordDoc, event: RecordedEvent): DeputyRecordDoc => {
  switch (doc.kind) {
    case "deputy":
      return applyToRegistry(doc, event);
    case "contact":
      return applyToContact(doc, event);
    case "suggestion":
      return applyToSuggestion(doc, event);
    case "ignored":
      return doc;
    default: {
      const _exhaustive: never = doc;
      throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Values of the `deputyYear` index. */
export const deputyYearValue = (deputyId: string, year: number): string => `${deputyId}|${year}`;

const indexesOfRecordDoc = (doc: DeputyRecordDoc): IndexEntry[] => {
  switch (doc.kind) {
    case "contact": {
      const record = contactRecordOf(doc);
      return record === undefined ? [] : record.deputyIds.map((deputyId) => ({ name: "deputyYear", value: deputyYearValue(deputyId, record.year) }));
    }
    case "suggestion": {
      const submission = submissionOf(doc);
      return submission === undefined
        ? []
        : [submission.leadDeputyId, ...submission.coSignerIds].map((deputyId) => ({ name: "deputy", value: deputyId }));
    }
    case "deputy":
    case "ignored":
      return [];
    default: {
      const _exhaustive: never = doc;
      throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
    }
  }
};

export const deputyRecordEventTypes = [
  "DeputyRegistered",
  "DeputyCorrected",
  "ContactRecorded",
  "ContactFeedbackGiven",
  "SuggestionSubmitted",
  "SuggestionReplied",
  "SuggestionEvaluated",
  "HandlingStepRecorded",
  "EventVoided",
] as const;

const irrelevantVoiding = voidsNoneOf(deputyRecordEventTypes);
const recordCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** Indexes: `deputyYear` on contacts (`<deputyId>|<year>`), `deputy` on suggestions (lead and co-signers). */
export const deputyRecordProjection: Projection<DeputyRecordDoc> = {
  name: DEPUTY_RECORD,
  version: 1,
  handles: deputyRecordEventTypes,
  keysOf: (recorded) => {
    const event = asDutyEvent(recorded);
    if (irrelevantVoiding(recorded)) return [];
    if (event.type === "HandlingStepRecorded" && (event.data.kind !== "consultation" || event.data.deputyPresent !== true)) return [];
    return streamKeyIn(recorded, recordCategories);
  },
  init: initDeputyRecordDoc,
  apply: applyToRecordDoc,
  indexesOf: indexesOfRecordDoc,
};
