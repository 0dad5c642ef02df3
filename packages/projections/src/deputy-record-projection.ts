import { backfillIdOf, parseStreamId, shanghaiYearOf, type CoSignatureDecision, type ContactChannel, type DeputyLevel, type EvaluationRating, type ReplyCategory, type SuggestionPhase } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import {
  applyToProgrammeRecord,
  applyToProjectRecord,
  countsInLivelihoodRecord,
  deputiesOfLivelihoodRecord,
  initProgrammeRecordDoc,
  initProjectRecordDoc,
  livelihoodRecordEventTypes,
  type LivelihoodRecordDoc,
} from "./deputy-record-livelihood.js";
import { activityRecordEventTypes, applyToActivityRecord, deputiesOfActivityRecord, initActivityRecordDoc, type ActivityRecordDoc } from "./deputy-record-activity.js";
import { streamKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * The deputy duty record's parts (GET /v1/deputies/:id/record?year=).
 *
 * Events such as a contact's feedback or a handling step do not name the deputies
 * they concern, so a document per (deputy, year) cannot be keyed from the event. The record
 * is summed instead from one small document per entity stream, with exactly the facts the
 * record counts, each with its event id and its Shanghai calendar year:
 *
 * - `deputy-<id>`: registrations and corrections (profile, served period);
 * - `contact-<id>`: the contact (deputies, those whose participation awaits confirmation,
 *   channel, year, constituents, opinion ids), the feedback given and the confirmations;
 * - `suggestion-<id>`: submission (lead, co-signers, phase, year, cited opinions), the
 *   co-signers' decisions, replies' categories, evaluations, consultations with the deputy present;
 * - `programme-<id>` and `project-<id>`: the livelihood facts (attendance at the vote, candidates
 *   proposed, inspections, evaluations: `deputy-record-livelihood.ts`).
 *
 * A part built from an event written under a backfill (`metadata.backfillId`) says
 * `backfilled: true` (absent otherwise).
 *
 * The documents are stored, each indexed `deputy` under every deputy it concerns (the
 * registry's own deputy, a contact's deputies, a suggestion's lead and co-signers), so a
 * record is one index query and `buildDeputyRecord` sums a deputy's year from the documents.
 * Each document is the fold of its stream's counting events (the engine folds it again after a
 * voiding), so a voided event stops counting everywhere at once.
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

/** `backfilled: true` on a part built from an event written under a backfill (absent otherwise). */
export interface Backfilled {
  readonly backfilled?: true;
}

export interface ContactRecordPart extends Backfilled {
  readonly eventId: string;
  readonly deputyIds: readonly string[];
  /** Named deputies whose participation counts only once they confirm it (recorded by another deputy). */
  readonly unconfirmedDeputyIds: readonly string[];
  readonly channel: ContactChannel;
  readonly occurredAt: string;
  /** Shanghai calendar year of `occurredAt`. */
  readonly year: number;
  readonly constituents: number;
  readonly opinionIds: readonly string[];
}

export interface FeedbackPart extends Backfilled {
  readonly eventId: string;
  readonly opinionIds: readonly string[];
  readonly feedbackAt: string;
}

export interface ConfirmationPart extends Backfilled {
  readonly eventId: string;
  readonly deputyId: string;
  readonly confirmedAt: string;
}

export interface ContactDoc {
  readonly kind: "contact";
  readonly contactId: string;
  readonly records: readonly ContactRecordPart[];
  readonly feedback: readonly FeedbackPart[];
  readonly confirmations: readonly ConfirmationPart[];
}

export interface SubmissionPart extends Backfilled {
  readonly eventId: string;
  readonly leadDeputyId: string;
  readonly coSignerIds: readonly string[];
  readonly phase: SuggestionPhase;
  readonly submittedAt: string;
  readonly year: number;
  readonly sourceOpinionIds: readonly string[];
}

export interface ReplyPart extends Backfilled {
  readonly eventId: string;
  readonly category: ReplyCategory;
  readonly repliedAt: string;
}

export interface EvaluationPart extends Backfilled {
  readonly eventId: string;
  readonly deputyId: string;
  readonly rating: EvaluationRating;
  readonly evaluatedAt: string;
  readonly year: number;
}

/** A consultation step (面商) with the deputy present. */
export interface ConsultationPart extends Backfilled {
  readonly eventId: string;
  readonly unitId: string;
  readonly occurredAt: string;
  readonly year: number;
}

/** A co-signer's decision on co-signing (only an accepted co-signature counts as `coSigned`). */
export interface CoSignaturePart extends Backfilled {
  readonly eventId: string;
  readonly deputyId: string;
  readonly decision: CoSignatureDecision;
  readonly decidedAt: string;
}

export interface SuggestionPartsDoc {
  readonly kind: "suggestion";
  readonly suggestionId: string;
  readonly submissions: readonly SubmissionPart[];
  readonly coSignatures: readonly CoSignaturePart[];
  readonly replies: readonly ReplyPart[];
  readonly evaluations: readonly EvaluationPart[];
  readonly consultations: readonly ConsultationPart[];
}

/** A stream of a category the record does not read (never stored). */
export interface IgnoredDoc {
  readonly kind: "ignored";
  readonly streamId: string;
}

export type DeputyRecordDoc = DeputyRegistryDoc | ContactDoc | SuggestionPartsDoc | LivelihoodRecordDoc | ActivityRecordDoc | IgnoredDoc;

export const initDeputyRecordDoc = (streamId: string): DeputyRecordDoc => {
  const parsed = parseStreamId(streamId);
  switch (parsed?.category) {
    case "deputy":
      return { kind: "deputy", deputyId: parsed.id, registrations: [], corrections: [] };
    case "contact":
      return { kind: "contact", contactId: parsed.id, records: [], feedback: [], confirmations: [] };
    case "suggestion":
      return { kind: "suggestion", suggestionId: parsed.id, submissions: [], coSignatures: [], replies: [], evaluations: [], consultations: [] };
    case "programme":
      return initProgrammeRecordDoc(parsed.id);
    case "project":
      return initProjectRecordDoc(parsed.id);
    case "activity":
      return initActivityRecordDoc(parsed.id);
    default:
      return { kind: "ignored", streamId };
  }
};

const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

/** `{backfilled: true}` for an event written under a backfill, else nothing. */
const backfilledOf = (recorded: RecordedEvent): Backfilled => (backfillIdOf(recorded.metadata) === undefined ? {} : { backfilled: true });

/** The counting contact record (the latest, when one was voided and recorded again). */
export const contactRecordOf = (doc: ContactDoc): ContactRecordPart | undefined => last(doc.records);

/** The counting submission. */
export const submissionOf = (doc: SuggestionPartsDoc): SubmissionPart | undefined => last(doc.submissions);

/** Whether the deputy's participation in the contact counts: named, and confirmed when that was asked. */
export const participationCountsIn = (doc: ContactDoc, record: ContactRecordPart, deputyId: string): boolean =>
  record.deputyIds.includes(deputyId) && (!record.unconfirmedDeputyIds.includes(deputyId) || doc.confirmations.some((c) => c.deputyId === deputyId));

/** A co-signer's latest decision on co-signing, if any (only `accept` counts as `coSigned`). */
export const coSignatureOf = (doc: SuggestionPartsDoc, deputyId: string): CoSignatureDecision | undefined =>
  last(doc.coSignatures.filter((c) => c.deputyId === deputyId))?.decision;

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
        unconfirmedDeputyIds: d.unconfirmedDeputyIds ?? [],
        channel: d.channel,
        occurredAt: d.occurredAt,
        year: shanghaiYearOf(d.occurredAt),
        constituents: d.constituents,
        opinionIds: d.opinions.map((o) => o.opinionId),
        ...backfilledOf(recorded),
      };
      return { ...doc, records: [...doc.records, part] };
    }
    case "ContactFeedbackGiven":
      return { ...doc, feedback: [...doc.feedback, { eventId: recorded.id, opinionIds: event.data.opinionIds, feedbackAt: event.data.feedbackAt, ...backfilledOf(recorded) }] };
    case "ContactParticipationConfirmed": {
      const part: ConfirmationPart = { eventId: recorded.id, deputyId: event.data.deputyId, confirmedAt: event.data.confirmedAt, ...backfilledOf(recorded) };
      return { ...doc, confirmations: [...doc.confirmations, part] };
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
        ...backfilledOf(recorded),
      };
      return { ...doc, submissions: [...doc.submissions, part] };
    }
    case "CoSignatureDecided": {
      const d = event.data;
      const part: CoSignaturePart = { eventId: recorded.id, deputyId: d.deputyId, decision: d.decision, decidedAt: d.decidedAt, ...backfilledOf(recorded) };
      return { ...doc, coSignatures: [...doc.coSignatures, part] };
    }
    case "SuggestionReplied":
      return { ...doc, replies: [...doc.replies, { eventId: recorded.id, category: event.data.category, repliedAt: event.data.repliedAt, ...backfilledOf(recorded) }] };
    case "SuggestionEvaluated": {
      const d = event.data;
      const part: EvaluationPart = {
        eventId: recorded.id,
        deputyId: d.deputyId,
        rating: d.rating,
        evaluatedAt: d.evaluatedAt,
        year: shanghaiYearOf(d.evaluatedAt),
        ...backfilledOf(recorded),
      };
      return { ...doc, evaluations: [...doc.evaluations, part] };
    }
    case "HandlingStepRecorded": {
      const d = event.data;
      if (d.kind !== "consultation" || d.deputyPresent !== true) return doc;
      const part: ConsultationPart = { eventId: recorded.id, unitId: d.unitId, occurredAt: d.occurredAt, year: shanghaiYearOf(d.occurredAt), ...backfilledOf(recorded) };
      return { ...doc, consultations: [...doc.consultations, part] };
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
    case "programme":
      return applyToProgrammeRecord(doc, event);
    case "project":
      return applyToProjectRecord(doc, event);
    case "activity":
      return applyToActivityRecord(doc, event);
    case "ignored":
      return doc;
    default: {
      const _exhaustive: never = doc;
      throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The deputies a document concerns: its `deputy` index entries. */
export const deputiesOfRecordDoc = (doc: DeputyRecordDoc): readonly string[] => {
  switch (doc.kind) {
    case "deputy":
      return doc.registrations.length === 0 ? [] : [doc.deputyId];
    case "contact":
      return contactRecordOf(doc)?.deputyIds ?? [];
    case "suggestion": {
      const submission = submissionOf(doc);
      return submission === undefined ? [] : [...new Set([submission.leadDeputyId, ...submission.coSignerIds])];
    }
    case "programme":
    case "project":
      return deputiesOfLivelihoodRecord(doc);
    case "activity":
      return deputiesOfActivityRecord(doc);
    case "ignored":
      return [];
    default: {
      const _exhaustive: never = doc;
      throw new Error(`unknown document ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The `registered` index's single value: every registered deputy (`GET /v1/deputies`), sorted by deputy id. */
export const REGISTERED_DEPUTY = "deputy";

const indexesOfRecordDoc = (doc: DeputyRecordDoc): IndexEntry[] => {
  const entries: IndexEntry[] = deputiesOfRecordDoc(doc).map((deputyId) => ({ name: "deputy", value: deputyId }));
  if (doc.kind === "deputy" && doc.registrations.length > 0) entries.push({ name: "registered", value: REGISTERED_DEPUTY, sort: doc.deputyId });
  return entries;
};

export const deputyRecordEventTypes = [
  "DeputyRegistered",
  "DeputyCorrected",
  "ContactRecorded",
  "ContactFeedbackGiven",
  "ContactParticipationConfirmed",
  "SuggestionSubmitted",
  "CoSignatureDecided",
  "SuggestionReplied",
  "SuggestionEvaluated",
  "HandlingStepRecorded",
  ...livelihoodRecordEventTypes,
  ...activityRecordEventTypes,
] as const;
const recordCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion", "programme", "project", "activity"]);

/** Keyed by stream id; index `deputy` (every deputy the document concerns), `registered` (a registered deputy's registry). */
export const deputyRecordProjection: Projection<DeputyRecordDoc> = {
  name: DEPUTY_RECORD,
  version: 7,
  handles: deputyRecordEventTypes,
  keysOf: (recorded) => {
    const event = asDutyEvent(recorded);
    if (event.type === "HandlingStepRecorded" && (event.data.kind !== "consultation" || event.data.deputyPresent !== true)) return [];
    if (!countsInLivelihoodRecord(recorded)) return [];
    return streamKeyIn(recorded, recordCategories);
  },
  init: initDeputyRecordDoc,
  apply: applyToRecordDoc,
  indexesOf: indexesOfRecordDoc,
};
