import { voidingEventType, type DutyEvent } from "@duty-ledger/domain";
import type { GeneratedAppend } from "./simulation.js";

/**
 * Figures of a generated history, folded from its appends: what the calibration is checked
 * against (tests, docs/data-generator.md). Keeps one small record per suggestion, so it is
 * meant for county and city histories, or a prefix of a province.
 */

export interface HistorySummary {
  readonly events: number;
  readonly appends: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly deputiesByLevel: Readonly<Record<string, number>>;
  readonly stations: { readonly township: number; readonly room: number; readonly online: number };
  readonly units: number;
  readonly contacts: {
    readonly total: number;
    readonly byChannel: Readonly<Record<string, number>>;
    readonly constituentsByChannel: Readonly<Record<string, number>>;
    readonly opinions: number;
    readonly opinionsAnsweredBack: number;
    readonly voided: number;
  };
  readonly suggestions: {
    readonly submitted: number;
    readonly recess: number;
    /** Session-phase suggestions by session label (a session's pre-submissions may start in the year before). */
    readonly bySession: Readonly<Record<string, number>>;
    readonly citingOpinions: number;
    readonly revised: number;
    readonly returned: number;
    readonly assigned: number;
    readonly complex: number;
    readonly firstReplies: number;
    readonly firstReplyCategories: Readonly<Record<string, number>>;
    /** First replies after the due date in force at the reply. */
    readonly lateFirstReplies: number;
    readonly extended: number;
    readonly rehandled: number;
    /** First replies of non-confidential suggestions, and how many of those were published. */
    readonly publishable: number;
    readonly published: number;
    readonly evaluated: number;
    /** Latest rating of each evaluated suggestion. */
    readonly ratings: Readonly<Record<string, number>>;
    /** Replied suggestions with a consultation (deputy present) before the first reply. */
    readonly consulted: number;
  };
  readonly steps: {
    readonly total: number;
    readonly online: number;
    /** Online steps recorded within 48 h of occurring (the `digital` indicator's numerator). */
    readonly timely: number;
    readonly voided: number;
  };
  /** Recorded time of the first and last append. */
  readonly firstRecordedAt: string | undefined;
  readonly lastRecordedAt: string | undefined;
}

interface SuggestionFacts {
  phase: string;
  confidential: boolean;
  dueAt: number;
  firstReplyAt: number | undefined;
  consulted: boolean;
  published: boolean;
  rating: string | undefined;
  rounds: number;
}

const bump = (record: Record<string, number>, key: string, by = 1): void => {
  record[key] = (record[key] ?? 0) + by;
};

const TIMELY_MS = 2 * 24 * 3_600_000;

export const summarizeHistory = (appends: Iterable<GeneratedAppend>): HistorySummary => {
  let events = 0;
  let appendCount = 0;
  const byType: Record<string, number> = {};
  const deputiesByLevel: Record<string, number> = {};
  const stations = { township: 0, room: 0, online: 0 };
  let units = 0;
  const byChannel: Record<string, number> = {};
  const constituentsByChannel: Record<string, number> = {};
  let opinions = 0;
  let answered = 0;
  let contactsVoided = 0;
  const s = { submitted: 0, recess: 0, citingOpinions: 0, revised: 0, returned: 0, assigned: 0, complex: 0, firstReplies: 0, lateFirstReplies: 0, extended: 0, rehandled: 0, publishable: 0, published: 0, evaluated: 0, consulted: 0 };
  const firstReplyCategories: Record<string, number> = {};
  const bySession: Record<string, number> = {};
  const steps = { total: 0, online: 0, timely: 0, voided: 0 };
  const suggestions = new Map<string, SuggestionFacts>();
  let firstRecordedAt: string | undefined;
  let lastRecordedAt: string | undefined;

  for (const append of appends) {
    appendCount++;
    firstRecordedAt ??= append.recordedAt;
    lastRecordedAt = append.recordedAt;
    const recordedAt = Date.parse(append.recordedAt);
    for (const stored of append.events) {
      events++;
      bump(byType, stored.type);
      const event = { type: stored.type, data: stored.data } as DutyEvent;
      switch (event.type) {
        case "DeputyRegistered":
          bump(deputiesByLevel, event.data.level);
          break;
        case "StationRegistered":
          if (event.data.name.includes("网上")) stations.online++;
          else if (event.data.name.endsWith("联络室")) stations.room++;
          else stations.township++;
          break;
        case "UnitRegistered":
          units++;
          break;
        case "ContactRecorded":
          bump(byChannel, event.data.channel);
          bump(constituentsByChannel, event.data.channel, event.data.constituents);
          opinions += event.data.opinions.length;
          break;
        case "ContactFeedbackGiven":
          answered += event.data.opinionIds.length;
          break;
        case "SuggestionSubmitted":
          s.submitted++;
          if (event.data.phase === "recess") s.recess++;
          else bump(bySession, event.data.session);
          if (event.data.sourceOpinionIds.length > 0) s.citingOpinions++;
          suggestions.set(event.data.suggestionId, { phase: event.data.phase, confidential: event.data.confidential, dueAt: 0, firstReplyAt: undefined, consulted: false, published: false, rating: undefined, rounds: 0 });
          break;
        case "SuggestionRevised":
          s.revised++;
          break;
        case "SuggestionPreReviewed":
          if (event.data.outcome === "return") s.returned++;
          break;
        case "SuggestionAssigned": {
          s.assigned++;
          if (event.data.complex) s.complex++;
          const facts = suggestions.get(event.data.suggestionId);
          if (facts !== undefined) facts.dueAt = Date.parse(event.data.dueAt);
          break;
        }
        case "DeadlineExtended": {
          s.extended++;
          const facts = suggestions.get(event.data.suggestionId);
          if (facts !== undefined && facts.firstReplyAt === undefined) facts.dueAt = Date.parse(event.data.newDueAt);
          break;
        }
        case "HandlingStepRecorded": {
          steps.total++;
          if (event.data.recordedVia === "online") {
            steps.online++;
            if (recordedAt - Date.parse(event.data.occurredAt) <= TIMELY_MS) steps.timely++;
          }
          const facts = suggestions.get(event.data.suggestionId);
          if (facts !== undefined && facts.firstReplyAt === undefined && event.data.kind === "consultation" && event.data.deputyPresent === true) facts.consulted = true;
          break;
        }
        case "SuggestionReplied": {
          const facts = suggestions.get(event.data.suggestionId);
          if (event.data.round > 1) {
            if (event.data.round === 2) s.rehandled++;
            break;
          }
          s.firstReplies++;
          bump(firstReplyCategories, event.data.category);
          if (facts === undefined) break;
          facts.firstReplyAt = Date.parse(event.data.repliedAt);
          if (facts.firstReplyAt > facts.dueAt) s.lateFirstReplies++;
          if (facts.consulted) s.consulted++;
          if (!facts.confidential) s.publishable++;
          break;
        }
        case "ReplyPublished": {
          const facts = suggestions.get(event.data.suggestionId);
          if (facts !== undefined && event.data.round === 1 && !facts.published) {
            facts.published = true;
            s.published++;
          }
          break;
        }
        case "SuggestionEvaluated": {
          const facts = suggestions.get(event.data.suggestionId);
          if (facts === undefined) break;
          if (facts.rating === undefined) s.evaluated++;
          facts.rating = event.data.rating;
          break;
        }
        case voidingEventType: {
          const data = event.data;
          if (data.voidedType === "ContactRecorded") contactsVoided++;
          if (data.voidedType === "HandlingStepRecorded") steps.voided++;
          break;
        }
        case "DeputyCorrected":
        case "UnitCorrected":
        case "StationCorrected":
        case "ContactParticipationConfirmed":
        case "CoSignatureDecided":
        case "BackfillGranted":
        case "RankingPublished":
        case "PersonErased":
        case "SupervisionRecorded":
        case "ExtensionRequested":
        case "ExtensionRequestRefused":
        case "ReturnRequested":
        case "ReturnRequestRefused":
        case "SuggestionReassigned":
        case "LivelihoodProgrammeOpened":
        case "LivelihoodCandidateProposed":
        case "LivelihoodShortlistDecided":
        case "LivelihoodAttendanceRecorded":
        case "LivelihoodBallotBoxCounted":
        case "LivelihoodVoteClosed":
        case "LivelihoodEvaluationRoundOpened":
        case "LivelihoodMilestonePlanned":
        case "LivelihoodProgressReported":
        case "LivelihoodProjectInspected":
        case "LivelihoodProjectEvaluated":
        case "OpinionReferred":
        case "OpinionAnswered":
        case "ConstituentFeedbackRecorded":
        case "ActivityRecorded":
        case "ActivityParticipationConfirmed":
          break;
        default: {
          const _exhaustive: never = event;
          throw new Error(`unknown event ${JSON.stringify(_exhaustive)}`);
        }
      }
    }
  }
  const ratings: Record<string, number> = {};
  for (const facts of suggestions.values()) if (facts.rating !== undefined) bump(ratings, facts.rating);
  return {
    events,
    appends: appendCount,
    byType,
    deputiesByLevel,
    stations,
    units,
    contacts: {
      total: Object.values(byChannel).reduce((a, b) => a + b, 0),
      byChannel,
      constituentsByChannel,
      opinions,
      opinionsAnsweredBack: answered,
      voided: contactsVoided,
    },
    suggestions: { ...s, bySession, firstReplyCategories, ratings },
    steps,
    firstRecordedAt,
    lastRecordedAt,
  };
};
