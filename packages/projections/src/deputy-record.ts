import {
  contactChannels,
  replyCategories,
  shanghaiDateOf,
  shanghaiDaysInclusive,
  shanghaiYearStart,
  suggestionPhases,
  type ContactChannel,
  type DeputyLevel,
  type ReplyCategory,
  type SuggestionPhase,
} from "@duty-ledger/domain";
import { livelihoodRecordOf, type LivelihoodRecord, type LivelihoodRecordDoc } from "./deputy-record-livelihood.js";
import { activityRecordOf, type ActivityRecord, type ActivityRecordDoc } from "./deputy-record-activity.js";
import {
  contactRecordOf,
  coSignatureOf,
  participationCountsIn,
  submissionOf,
  type ContactDoc,
  type DeputyRecordDoc,
  type DeputyRegistryDoc,
  type SuggestionPartsDoc,
} from "./deputy-record-projection.js";

/**
 * A deputy's duty record for one Shanghai calendar year (GET /v1/deputies/:id/record),
 * summed at query time from the `deputy-record` documents. Which time puts a fact in a year:
 *
 * - contacts: the contact's `occurredAt`;
 * - `suggestions.led` / `coSigned` / `byPhase` (led and co-signed) / `byCategory` (the latest
 *   reply's category, of suggestions led): the suggestion's `submittedAt`;
 * - `suggestions.evaluated`: evaluations the deputy made in the year (`evaluatedAt`);
 * - `consultations`: consultation steps with the deputy present (`deputyPresent: true`) on
 *   suggestions they led or co-signed, by the step's `occurredAt`;
 * - `livelihood` (民生实事, design/livelihood.md): programmes whose vote the deputy attended
 *   (`attendedAt`), inspections taken part in (`inspectedAt`), evaluations made (`evaluatedAt`),
 *   candidates proposed in its own name (`proposedAt`);
 * - `loop` follows the year's opinions (collected at the deputy's contacts in the year):
 *   `opinions` ⊇ `suggested` (cited in `sourceOpinionIds` by a suggestion the deputy led or
 *   co-signed, any year) ⊇ `replied` (that suggestion has a reply) ⊇ `answeredBack`
 *   (and feedback was given back on the opinion: the loop closed);
 * - `contacts.opinionsAnsweredBack`: the year's opinions with feedback given, cited or not.
 *
 * Participation that counts is confirmed (trust.md): a contact another deputy recorded naming
 * this one counts only once they confirmed it, a suggestion listing them as co-signer only once
 * they accepted; until then it is listed in `pendingConfirmation` (a declined co-signature
 * nowhere). `backfilled` names the sources whose counted facts include an event written under a
 * backfill.
 */

export interface DeputyProfile {
  readonly deputyId: string;
  readonly name: string;
  readonly level: DeputyLevel;
  readonly term: string;
  readonly constituency: string;
  readonly stationId: string | null;
  readonly registeredAt: string;
  readonly registrationEventId: string;
  readonly correctionEventIds: readonly string[];
}

export interface DeputyRecord {
  readonly deputyId: string;
  readonly year: number;
  readonly deputy: DeputyProfile;
  /** The part of the year the deputy served (registeredAt onward), Shanghai dates; `null`: registered after the year. */
  readonly served: { readonly from: string; readonly to: string; readonly days: number } | null;
  readonly contacts: {
    readonly total: number;
    readonly byChannel: Record<ContactChannel, number>;
    readonly constituents: number;
    readonly opinions: number;
    readonly opinionsAnsweredBack: number;
  };
  readonly suggestions: {
    readonly led: number;
    readonly coSigned: number;
    readonly byPhase: Record<SuggestionPhase, number>;
    readonly byCategory: Record<ReplyCategory, number>;
    readonly evaluated: number;
  };
  readonly consultations: number;
  /** 民生实事项目: attending the vote, inspecting and evaluating projects, candidates proposed. */
  readonly livelihood: LivelihoodRecord;
  /** Other duty activities (视察、调研、培训、列席、听证、述职) the deputy's part counts in, by the activity's `occurredAt` (`deputy-record-activity.ts`). */
  readonly activities: ActivityRecord;
  readonly loop: { readonly opinions: number; readonly suggested: number; readonly replied: number; readonly answeredBack: number };
  /** The entities behind the figures (explainability). */
  readonly sources: { readonly contactIds: readonly string[]; readonly suggestionIds: readonly string[] };
  /** The year's participation that does not count (yet): contacts not confirmed, co-signatures not accepted. */
  readonly pendingConfirmation: {
    readonly contacts: number;
    readonly contactIds: readonly string[];
    readonly coSignatures: number;
    readonly suggestionIds: readonly string[];
  };
  /** Sources whose counted facts include an event written under a backfill (`backfilled: true`). */
  readonly backfilled: { readonly contactIds: readonly string[]; readonly suggestionIds: readonly string[] };
}

export interface DeputyRecordInput {
  readonly registry: DeputyRegistryDoc | undefined;
  /** Contact documents indexed under the deputy (those of other years are ignored). */
  readonly contacts: readonly ContactDoc[];
  /** Suggestion documents of the deputy, any year (others are ignored). */
  readonly suggestions: readonly SuggestionPartsDoc[];
  /** Livelihood documents concerning the deputy, any year (others are ignored); none when absent. */
  readonly livelihood?: readonly LivelihoodRecordDoc[];
  /** Activity documents concerning the deputy, any year; none when absent. */
  readonly activities?: readonly ActivityRecordDoc[];
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The deputy's profile: the counting registration and the corrections recorded after it. */
export const deputyProfileOf = (registry: DeputyRegistryDoc | undefined): DeputyProfile | null => {
  const registration = registry?.registrations[registry.registrations.length - 1];
  if (registry === undefined || registration === undefined) return null;
  let profile: DeputyProfile = {
    deputyId: registry.deputyId,
    name: registration.name,
    level: registration.level,
    term: registration.term,
    constituency: registration.constituency,
    stationId: registration.stationId,
    registeredAt: registration.registeredAt,
    registrationEventId: registration.eventId,
    correctionEventIds: [],
  };
  for (const correction of registry.corrections) {
    if (correction.position < registration.position) continue;
    profile = { ...profile, ...correction.changes, correctionEventIds: [...profile.correctionEventIds, correction.eventId] };
  }
  return profile;
};

const servedIn = (registeredAt: string, year: number): DeputyRecord["served"] => {
  const start = shanghaiYearStart(year);
  const end = shanghaiYearStart(year + 1) - 1;
  const registered = Date.parse(registeredAt);
  if (registered > end) return null;
  const from = Math.max(start, registered);
  return { from: shanghaiDateOf(from), to: shanghaiDateOf(end), days: shanghaiDaysInclusive(from, end) };
};

/** The record of `deputyId` for `year`, or `null` when the deputy has no counting registration. */
export const buildDeputyRecord = (deputyId: string, year: number, input: DeputyRecordInput): DeputyRecord | null => {
  const deputy = deputyProfileOf(input.registry);
  if (deputy === null) return null;

  const byChannel = zeros(contactChannels);
  let total = 0;
  let constituents = 0;
  let opinionsAnsweredBack = 0;
  const yearOpinions = new Set<string>();
  const answered = new Set<string>();
  const contactIds: string[] = [];
  const pendingContactIds: string[] = [];
  const backfilledContactIds: string[] = [];
  for (const doc of input.contacts) {
    const record = contactRecordOf(doc);
    if (record === undefined || record.year !== year || !record.deputyIds.includes(deputyId)) continue;
    if (!participationCountsIn(doc, record, deputyId)) {
      pendingContactIds.push(doc.contactId);
      continue;
    }
    contactIds.push(doc.contactId);
    const own = doc.confirmations.filter((c) => c.deputyId === deputyId);
    if ([record, ...doc.feedback, ...own].some((part) => part.backfilled === true)) backfilledContactIds.push(doc.contactId);
    total += 1;
    byChannel[record.channel] += 1;
    constituents += record.constituents;
    const fedBack = new Set(doc.feedback.flatMap((f) => f.opinionIds));
    for (const opinionId of record.opinionIds) {
      yearOpinions.add(opinionId);
      if (fedBack.has(opinionId)) {
        answered.add(opinionId);
        opinionsAnsweredBack += 1;
      }
    }
  }

  const byPhase = zeros(suggestionPhases);
  const byCategory = zeros(replyCategories);
  let led = 0;
  let coSigned = 0;
  let evaluated = 0;
  let consultations = 0;
  const cited = new Set<string>();
  const citedReplied = new Set<string>();
  const suggestionIds = new Set<string>();
  const pendingSuggestionIds: string[] = [];
  const backfilledSuggestionIds = new Set<string>();
  for (const doc of input.suggestions) {
    const submission = submissionOf(doc);
    if (submission === undefined) continue;
    const isLead = submission.leadDeputyId === deputyId;
    const coSignature = isLead || !submission.coSignerIds.includes(deputyId) ? undefined : coSignatureOf(doc, deputyId);
    if (coSignature === undefined && !isLead && submission.coSignerIds.includes(deputyId) && submission.year === year) pendingSuggestionIds.push(doc.suggestionId);
    const isCoSigner = coSignature === "accept";
    if (!isLead && !isCoSigner) continue;
    const counted = [submission, ...doc.replies, ...doc.coSignatures.filter((c) => c.deputyId === deputyId)];
    for (const opinionId of submission.sourceOpinionIds) {
      cited.add(opinionId);
      if (doc.replies.length > 0) citedReplied.add(opinionId);
    }
    if (submission.year === year) {
      suggestionIds.add(doc.suggestionId);
      if (counted.some((part) => part.backfilled === true)) backfilledSuggestionIds.add(doc.suggestionId);
      byPhase[submission.phase] += 1;
      if (isLead) {
        led += 1;
        const latestReply = doc.replies[doc.replies.length - 1];
        if (latestReply !== undefined) byCategory[latestReply.category] += 1;
      } else {
        coSigned += 1;
      }
    }
    for (const evaluation of doc.evaluations) {
      if (evaluation.deputyId === deputyId && evaluation.year === year) {
        evaluated += 1;
        suggestionIds.add(doc.suggestionId);
        if (evaluation.backfilled === true) backfilledSuggestionIds.add(doc.suggestionId);
      }
    }
    for (const consultation of doc.consultations) {
      if (consultation.year === year) {
        consultations += 1;
        suggestionIds.add(doc.suggestionId);
        if (consultation.backfilled === true) backfilledSuggestionIds.add(doc.suggestionId);
      }
    }
  }

  let suggested = 0;
  let replied = 0;
  let answeredBack = 0;
  for (const opinionId of yearOpinions) {
    if (!cited.has(opinionId)) continue;
    suggested += 1;
    if (!citedReplied.has(opinionId)) continue;
    replied += 1;
    if (answered.has(opinionId)) answeredBack += 1;
  }

  return {
    deputyId,
    year,
    deputy,
    served: servedIn(deputy.registeredAt, year),
    contacts: { total, byChannel, constituents, opinions: yearOpinions.size, opinionsAnsweredBack },
    suggestions: { led, coSigned, byPhase, byCategory, evaluated },
    consultations,
    livelihood: livelihoodRecordOf(deputyId, year, input.livelihood ?? []),
    activities: activityRecordOf(deputyId, year, input.activities ?? []),
    loop: { opinions: yearOpinions.size, suggested, replied, answeredBack },
    sources: { contactIds: contactIds.sort(), suggestionIds: [...suggestionIds].sort() },
    pendingConfirmation: {
      contacts: pendingContactIds.length,
      contactIds: pendingContactIds.sort(),
      coSignatures: pendingSuggestionIds.length,
      suggestionIds: pendingSuggestionIds.sort(),
    },
    backfilled: { contactIds: backfilledContactIds.sort(), suggestionIds: [...backfilledSuggestionIds].sort() },
  };
};

/**
 * The deputy's records for `years` (one each, `null` when not registered), from the `deputy-record`
 * documents indexed under the deputy (`getDeputyRecords` reads them by one index query; the
 * audit's replay hands over those it read the same way).
 */
export const deputyRecordsOf = (deputyId: string, years: readonly number[], docs: readonly DeputyRecordDoc[]): (DeputyRecord | null)[] => {
  if (years.length === 0) return [];
  const input: DeputyRecordInput = {
    registry: docs.find((doc): doc is DeputyRegistryDoc => doc.kind === "deputy" && doc.deputyId === deputyId),
    contacts: docs.filter((doc): doc is ContactDoc => doc.kind === "contact"),
    suggestions: docs.filter((doc): doc is SuggestionPartsDoc => doc.kind === "suggestion"),
    livelihood: docs.filter((doc): doc is LivelihoodRecordDoc => doc.kind === "programme" || doc.kind === "project"),
    activities: docs.filter((doc): doc is ActivityRecordDoc => doc.kind === "activity"),
  };
  // `buildDeputyRecord` counts only the parts of its year that concern the deputy.
  return years.map((year) => buildDeputyRecord(deputyId, year, input));
};
