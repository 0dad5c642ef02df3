import { z } from "zod";
import type { BackfillWindow } from "./claimed-time.js";
import type { EventData, PolicyRef } from "./events.js";
import { roles, type Role } from "./vocabulary.js";
import type { WorkingCalendar } from "./working-days.js";

/**
 * Commands: what a caller asks the write side to do. The clock (`metadata.now`) and any
 * generated id arrive in the command; the domain never reads the clock or draws randoms.
 * A command's data is its event's data less what the decider decides (stamped times, the due
 * date the policy computes, the reply round); the HTTP request bodies that carry them are
 * services/ledger-api's (`request-bodies.ts`).
 */

// ---------------------------------------------------------------- actor and metadata

export { roles, type Role } from "./vocabulary.js";
export const roleSchema = z.enum(roles);

/** Who asks: the JWT's `sub` as `id`, its `role`, and a clerk's `stationId`. */
export interface CommandActor {
  readonly id: string;
  readonly role: Role;
  readonly stationId?: string | undefined;
}

export interface CommandMetadata {
  readonly actor: CommandActor;
  /** The server's clock when the command was received (ISO 8601 with offset). */
  readonly now: string;
  /**
   * How far before `now` (ms) a claimed time may lie: the recording grace (setting
   * `DUTY_LEDGER_RECORDING_GRACE`); default `DEFAULT_RECORDING_GRACE_MS` (`P3D`).
   */
  readonly recordingGraceMs?: number | undefined;
  /** The backfill the actor writes under (the shell checked it is theirs and not expired): its window replaces the grace. */
  readonly backfill?: BackfillWindow | undefined;
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

// ---------------------------------------------------------------- commands

/** `Data` with the keys `K` optional (the shell or the decider fills in a default). */
type WithOptional<Data, K extends keyof Data> = Omit<Data, K> & Partial<Pick<Data, K>>;

export type RegisterDeputy = Command<"RegisterDeputy", Omit<EventData<"DeputyRegistered">, "registeredAt">>;
/** Only the fields given change; `stationId: null` clears it. */
export type CorrectDeputy = Command<"CorrectDeputy", Omit<EventData<"DeputyCorrected">, "correctedAt">>;
export type RegisterUnit = Command<"RegisterUnit", Omit<EventData<"UnitRegistered">, "registeredAt">>;
export type CorrectUnit = Command<"CorrectUnit", Omit<EventData<"UnitCorrected">, "correctedAt">>;
export type RegisterStation = Command<"RegisterStation", Omit<EventData<"StationRegistered">, "registeredAt">>;
export type CorrectStation = Command<"CorrectStation", Omit<EventData<"StationCorrected">, "correctedAt">>;

/** `contactId` is required here (the shell generates one when the request has none); `opinions` defaults to none. */
export type RecordContact = Command<"RecordContact", WithOptional<EventData<"ContactRecorded">, "opinions">>;
export type GiveContactFeedback = Command<"GiveContactFeedback", EventData<"ContactFeedbackGiven">>;
/** The confirming deputy is the actor. */
export type ConfirmContactParticipation = Command<"ConfirmContactParticipation", Pick<EventData<"ContactParticipationConfirmed">, "contactId" | "confirmedAt">>;

/** 转办: `dueAt` defaults to 15 working days after `referredAt` in the calendar the shell loaded. */
export type ReferOpinion = Command<"ReferOpinion", WithOptional<EventData<"OpinionReferred">, "dueAt"> & { readonly calendar: WorkingCalendar }>;
/** The answering unit is the actor. */
export type AnswerOpinion = Command<"AnswerOpinion", Omit<EventData<"OpinionAnswered">, "unitId">>;
/** An unsatisfied constituent re-opens the referral: due 10 working days after `at` in the calendar the shell loaded. */
export type RecordConstituentFeedback = Command<
  "RecordConstituentFeedback",
  Omit<EventData<"ConstituentFeedbackRecorded">, "reopenedDueAt" | "feedbackAt"> & { readonly at: string; readonly calendar: WorkingCalendar }
>;

/** Other duty activities (视察、调研、培训、列席、听证、述职); a deputy recording one vouches only for themself. `at` becomes the event's `occurredAt`. */
export type RecordActivity = Command<"RecordActivity", Omit<EventData<"ActivityRecorded">, "unconfirmedDeputyIds" | "occurredAt"> & { readonly at: string }>;
/** The confirming deputy is the actor. */
export type ConfirmActivityParticipation = Command<"ConfirmActivityParticipation", Pick<EventData<"ActivityParticipationConfirmed">, "activityId" | "confirmedAt">>;

/**
 * `suggestionId` is required here (the shell generates one when the request has none);
 * `sourceOpinionIds` defaults to none, `confidential` to false.
 */
export type SubmitSuggestion = Command<"SubmitSuggestion", WithOptional<EventData<"SuggestionSubmitted">, "sourceOpinionIds" | "confidential">>;
export type ReviseSuggestion = Command<"ReviseSuggestion", EventData<"SuggestionRevised">>;
export type PreReviewSuggestion = Command<"PreReviewSuggestion", EventData<"SuggestionPreReviewed">>;
/** A deadline policy named by a command: a version pins it, else its latest version applies. */
export interface PolicyName {
  readonly name: string;
  readonly version?: number | undefined;
}
export type AssignSuggestion = Command<
  "AssignSuggestion",
  Omit<EventData<"SuggestionAssigned">, "dueAt" | "policy"> & {
    /** Which deadline policy to apply (the body's `policy: {name}`: its latest version); default the decider's (`national-default` v1). */
    readonly policy?: PolicyName | undefined;
    /** For policies whose clock starts at the session's close: when that session closed. */
    readonly sessionClosedAt?: string | undefined;
  }
>;
export type RecordHandlingStep = Command<"RecordHandlingStep", EventData<"HandlingStepRecorded">>;
export type ReplyToSuggestion = Command<"ReplyToSuggestion", Omit<EventData<"SuggestionReplied">, "round">>;
export type PublishReply = Command<"PublishReply", Omit<EventData<"ReplyPublished">, "round">>;
/** The evaluating deputy is the actor; the round, and for `unsatisfied` the re-handling due date and its policy, are the decider's. */
export type EvaluateReply = Command<"EvaluateReply", Pick<EventData<"SuggestionEvaluated">, "suggestionId" | "rating" | "evaluatedAt" | "comment">>;
export type ExtendDeadline = Command<"ExtendDeadline", Omit<EventData<"DeadlineExtended">, "previousDueAt">>;
/** The deciding co-signer is the actor. */
/** `at` (the body's name, so that a refusal names the body's field) becomes the event's `decidedAt`. */
export type DecideCoSignature = Command<"DecideCoSignature", Pick<EventData<"CoSignatureDecided">, "suggestionId" | "decision"> & { readonly at: string }>;

/** 督办: a supervision act of the office. */
/** `at` (the body's name) becomes the event's `supervisedAt`. */
export type RecordSupervision = Command<"RecordSupervision", Omit<EventData<"SupervisionRecorded">, "supervisedAt"> & { readonly at: string }>;
/** The requesting lead unit is the actor; `at` becomes the event's `requestedAt`. */
export type RequestExtension = Command<"RequestExtension", Pick<EventData<"ExtensionRequested">, "suggestionId" | "requestedDueAt" | "reason"> & { readonly at: string }>;
/** `at` becomes the event's `refusedAt`. */
export type RefuseExtensionRequest = Command<"RefuseExtensionRequest", Pick<EventData<"ExtensionRequestRefused">, "suggestionId" | "reason"> & { readonly at: string }>;
/** 退回/改办: the requesting lead unit is the actor; `at` becomes the event's `requestedAt`. */
export type RequestReturn = Command<"RequestReturn", Pick<EventData<"ReturnRequested">, "suggestionId" | "reason"> & { readonly at: string }>;
export type RefuseReturnRequest = Command<"RefuseReturnRequest", Pick<EventData<"ReturnRequestRefused">, "suggestionId" | "reason"> & { readonly at: string }>;
/** 改办: the office's answer to a return request, with the assignment's data (a new due date from it). */
export type ReassignSuggestion = Command<"ReassignSuggestion", AssignSuggestion["data"]>;

/** The office grants an actor a backfill window (`grantedAt` is the server's clock). */
export type GrantBackfill = Command<"GrantBackfill", Omit<EventData<"BackfillGranted">, "grantedAt">>;

/** The office publishes a ranking the shell computed as the ledger knew it at `metadata.now` (the event's `knownAt`). */
export type PublishRanking = Command<"PublishRanking", Omit<EventData<"RankingPublished">, "knownAt">>;

/** The office erases a person's data: the shell destroys their key; the event records it. */
export type ErasePerson = Command<"ErasePerson", { readonly personId: string; readonly at: string; readonly reason: string }>;

// ---------------------------------------------------------------- livelihood (民生实事票决)

/** The project a project command addresses, as the shell found it in its programme: an adopted candidate. */
export interface LivelihoodProjectContext {
  readonly programmeId: string;
  readonly responsibleUnitId: string;
}

export type OpenLivelihoodProgramme = Command<"OpenLivelihoodProgramme", Omit<EventData<"LivelihoodProgrammeOpened">, "openedAt">>;
export type ProposeLivelihoodCandidate = Command<"ProposeLivelihoodCandidate", Omit<EventData<"LivelihoodCandidateProposed">, "proposedAt">>;
export type ShortlistLivelihoodCandidates = Command<"ShortlistLivelihoodCandidates", EventData<"LivelihoodShortlistDecided">>;
/** `at` (the body's name) becomes the event's `attendedAt`. */
export type RecordLivelihoodAttendance = Command<"RecordLivelihoodAttendance", Omit<EventData<"LivelihoodAttendanceRecorded">, "attendedAt"> & { readonly at: string }>;
export type CountLivelihoodBallotBox = Command<"CountLivelihoodBallotBox", EventData<"LivelihoodBallotBoxCounted">>;
/** The result is the decider's: the tally of the boxes counted. */
export type CloseLivelihoodVote = Command<"CloseLivelihoodVote", Omit<EventData<"LivelihoodVoteClosed">, "result">>;
export type OpenLivelihoodEvaluationRound = Command<"OpenLivelihoodEvaluationRound", EventData<"LivelihoodEvaluationRoundOpened">>;

type ProjectData<T extends "LivelihoodMilestonePlanned" | "LivelihoodProgressReported" | "LivelihoodProjectInspected" | "LivelihoodProjectEvaluated", Stamped extends string = never> = Omit<
  EventData<T>,
  "programmeId" | Stamped
> & { readonly project: LivelihoodProjectContext };
export type SetLivelihoodMilestone = Command<"SetLivelihoodMilestone", ProjectData<"LivelihoodMilestonePlanned", "plannedAt">>;
export type ReportLivelihoodProgress = Command<"ReportLivelihoodProgress", ProjectData<"LivelihoodProgressReported">>;
/** `at` (the body's name) becomes the event's `inspectedAt`. */
export type RecordLivelihoodInspection = Command<"RecordLivelihoodInspection", ProjectData<"LivelihoodProjectInspected", "inspectedAt"> & { readonly at: string }>;
/** The evaluating deputy is the actor; `round` is the programme's round of that id as the shell found it (undefined: none). */
export type EvaluateLivelihoodProject = Command<
  "EvaluateLivelihoodProject",
  ProjectData<"LivelihoodProjectEvaluated", "deputyId"> & { readonly round: { readonly opensAt: string; readonly closesAt: string } | undefined }
>;

export type ProgrammeCommand =
  | OpenLivelihoodProgramme
  | ProposeLivelihoodCandidate
  | ShortlistLivelihoodCandidates
  | RecordLivelihoodAttendance
  | CountLivelihoodBallotBox
  | CloseLivelihoodVote
  | OpenLivelihoodEvaluationRound;
export type ProjectCommand = SetLivelihoodMilestone | ReportLivelihoodProgress | RecordLivelihoodInspection | EvaluateLivelihoodProject;

/** Voids an event of the stream the shell loaded (see `decideVoid`). */
export type VoidEvent = Command<"VoidEvent", { readonly eventId: string; readonly reason: string }>;

export type DeputyCommand = RegisterDeputy | CorrectDeputy;
export type UnitCommand = RegisterUnit | CorrectUnit;
export type StationCommand = RegisterStation | CorrectStation;
export type ContactCommand = RecordContact | GiveContactFeedback | ConfirmContactParticipation | ReferOpinion | AnswerOpinion | RecordConstituentFeedback;
export type ActivityCommand = RecordActivity | ConfirmActivityParticipation;
export type BackfillCommand = GrantBackfill;
export type RankingCommand = PublishRanking;
export type PersonCommand = ErasePerson;
export type SuggestionCommand =
  | SubmitSuggestion
  | ReviseSuggestion
  | PreReviewSuggestion
  | AssignSuggestion
  | RecordHandlingStep
  | ReplyToSuggestion
  | PublishReply
  | EvaluateReply
  | ExtendDeadline
  | DecideCoSignature
  | RecordSupervision
  | RequestExtension
  | RefuseExtensionRequest
  | RequestReturn
  | RefuseReturnRequest
  | ReassignSuggestion;

export type DutyCommand = DeputyCommand | UnitCommand | StationCommand | ContactCommand | SuggestionCommand | BackfillCommand | RankingCommand | PersonCommand | ProgrammeCommand | ProjectCommand | ActivityCommand | VoidEvent;
export type DutyCommandType = DutyCommand["type"];
