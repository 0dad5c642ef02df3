import type { RecordedEvent } from "@duty-ledger/event-store";
import { occurredAtOf, summaryOf } from "./event-summary.js";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * Deputies' timelines (GET /v1/deputies/:id/timeline): every event that concerns a deputy —
 * their registry events, the contacts they were in (and the feedback), the suggestions they
 * led or co-signed and every handling event of those (evaluations included), and voidings.
 *
 * One document per entity stream (keyed by stream id) holds the entries of its events, each
 * with the deputies it concerns; the `deputy` index has one entry per (deputy, document), so a
 * deputy's timeline is read from the documents of their streams, merged newest first by
 * position (v1 had an index entry per (deputy, entry): three quarters of all index rows). A voided event's entry stays in the timeline, marked `voided` (what happened
 * is history), and the voiding itself is an entry.
 */
export const DEPUTY_TIMELINE = "deputy-timeline";

export interface TimelineEntry {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly summary: string;
  /** The deputies whose timeline shows the entry. */
  readonly deputyIds: readonly string[];
  /** Set when the event was voided: it no longer counts. */
  readonly voided: { readonly eventId: string; readonly reason: string; readonly voidedAt: string } | null;
}

export interface TimelineDoc {
  readonly streamId: string;
  /** The deputies the stream's entity concerns now (contact's deputies, suggestion's lead and co-signers). */
  readonly deputyIds: readonly string[];
  readonly entries: readonly TimelineEntry[];
}

export const initTimelineDoc = (streamId: string): TimelineDoc => ({ streamId, deputyIds: [], entries: [] });

const deputiesAfter = (doc: TimelineDoc, event: RecordedEvent): readonly string[] => {
  const e = asDutyEvent(event);
  switch (e.type) {
    case "DeputyRegistered":
    case "DeputyCorrected":
      return [e.data.deputyId];
    case "ContactRecorded":
      return e.data.deputyIds;
    case "SuggestionSubmitted":
      return [e.data.leadDeputyId, ...e.data.coSignerIds];
    default:
      return doc.deputyIds;
  }
};

const applyToTimeline = (doc: TimelineDoc, recorded: RecordedEvent): TimelineDoc => {
  const event = asDutyEvent(recorded);
  const occurredAt = occurredAtOf(event);
  const summary = summaryOf(event);
  if (event.type === "EventVoided") {
    const { eventId, reason, voidedAt } = event.data;
    const target = doc.entries.find((entry) => entry.eventId === eventId);
    const entries = doc.entries.map((entry) => (entry.eventId === eventId ? { ...entry, voided: { eventId: recorded.id, reason, voidedAt } } : entry));
    entries.push({
      position: recorded.position,
      eventId: recorded.id,
      type: recorded.type,
      occurredAt,
      summary,
      deputyIds: target?.deputyIds ?? doc.deputyIds,
      voided: null,
    });
    return { streamId: doc.streamId, deputyIds: doc.deputyIds, entries };
  }
  const deputyIds = deputiesAfter(doc, recorded);
  const entry: TimelineEntry = { position: recorded.position, eventId: recorded.id, type: recorded.type, occurredAt, summary, deputyIds, voided: null };
  return { streamId: doc.streamId, deputyIds, entries: [...doc.entries, entry] };
};

/**
 * One `deputy` entry per deputy the document's entries concern (sort 0): the timeline reader
 * finds a deputy's streams there and orders their entries by position itself. Entries are
 * never removed from a timeline, so a document's index entries only grow: each is written once.
 */
const indexesOfTimeline = (doc: TimelineDoc): IndexEntry[] => {
  const deputies: string[] = [];
  for (const entry of doc.entries) {
    for (const deputyId of entry.deputyIds) if (!deputies.includes(deputyId)) deputies.push(deputyId);
  }
  return deputies.map((deputyId) => ({ name: "deputy", value: deputyId }));
};

export const deputyTimelineEventTypes = [
  "DeputyRegistered",
  "DeputyCorrected",
  "ContactRecorded",
  "ContactFeedbackGiven",
  "SuggestionSubmitted",
  "SuggestionRevised",
  "SuggestionPreReviewed",
  "SuggestionAssigned",
  "HandlingStepRecorded",
  "SuggestionReplied",
  "ReplyPublished",
  "DeadlineExtended",
  "SuggestionEvaluated",
  "EventVoided",
] as const;

const timelineCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** Index: `deputy` (value: deputy id), one per deputy any entry of the document concerns. */
export const deputyTimelineProjection: Projection<TimelineDoc> = {
  name: DEPUTY_TIMELINE,
  version: 2,
  handles: deputyTimelineEventTypes,
  keysOf: (event) => streamKeyIn(event, timelineCategories),
  init: initTimelineDoc,
  apply: applyToTimeline,
  indexesOf: indexesOfTimeline,
};
