import type { DutyEvent, DutyEventType, EventOf } from "./catalog.js";
import type { voidingEventType } from "./voiding-events.js";

/** A name for each event's `{type, data}` (derived from the catalog, as everything else). */
export type DeputyRegistered = EventOf<"DeputyRegistered">;
export type DeputyCorrected = EventOf<"DeputyCorrected">;
export type UnitRegistered = EventOf<"UnitRegistered">;
export type UnitCorrected = EventOf<"UnitCorrected">;
export type StationRegistered = EventOf<"StationRegistered">;
export type StationCorrected = EventOf<"StationCorrected">;
export type ContactRecorded = EventOf<"ContactRecorded">;
export type ContactFeedbackGiven = EventOf<"ContactFeedbackGiven">;
export type ContactParticipationConfirmed = EventOf<"ContactParticipationConfirmed">;
export type SuggestionSubmitted = EventOf<"SuggestionSubmitted">;
export type SuggestionRevised = EventOf<"SuggestionRevised">;
export type SuggestionPreReviewed = EventOf<"SuggestionPreReviewed">;
export type SuggestionAssigned = EventOf<"SuggestionAssigned">;
export type HandlingStepRecorded = EventOf<"HandlingStepRecorded">;
export type SuggestionReplied = EventOf<"SuggestionReplied">;
export type ReplyPublished = EventOf<"ReplyPublished">;
export type DeadlineExtended = EventOf<"DeadlineExtended">;
export type SuggestionEvaluated = EventOf<"SuggestionEvaluated">;
export type CoSignatureDecided = EventOf<"CoSignatureDecided">;
export type BackfillGranted = EventOf<"BackfillGranted">;
export type RankingPublished = EventOf<"RankingPublished">;

/** The events that count: every event but the voiding. */
export type FactEvent = Exclude<DutyEvent, { readonly type: typeof voidingEventType }>;
export type FactEventType = Exclude<DutyEventType, typeof voidingEventType>;
