import { isVoiding, occurredAtOf, streamEventTypes, summaryOf, voidingEventType } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, voidingNoteOf, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * Deputies' timelines (GET /v1/deputies/:id/timeline): every event of a deputy's registry, of
 * the contacts and of the suggestions that name them, newest first.
 *
 * One document per stream (key: stream id) lists the stream's events as timeline entries, each
 * with the deputies it concerns, and is indexed `deputy` under each of them: a deputy's
 * timeline is one index query, its entries merged by position. The timeline is a view of the
 * log as it is (`logView`): a voiding is an entry of its own, and the event it voided stays,
 * marked `voidedBy`.
 */
export const DEPUTY_TIMELINE = "deputy-timeline";

/** A line of a deputy's timeline: one event of a stream that concerns the deputy. */
export interface TimelineEntry {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  /** When the fact occurred, as the event's data gives it (ISO 8601). */
  readonly occurredAt: string;
  /** Bilingual, at most `MAX_SUMMARY` characters. */
  readonly summary: string;
  /** The deputies the stream concerned when the event was recorded: whose timelines show it. */
  readonly deputyIds: readonly string[];
  /** The voiding that voided the event (it stays in the timeline, no longer counting), or `null`. */
  readonly voidedBy: string | null;
}

export interface TimelineDoc {
  /** The stream's events, oldest first. */
  readonly entries: readonly TimelineEntry[];
}

export const initTimelineDoc = (): TimelineDoc => ({ entries: [] });

/**
 * The deputies an event names, or `null` when it names none (every later handling event,
 * feedback, revision, voiding): they follow the stream's earlier events.
 */
export const deputiesNamedBy = (event: RecordedEvent): readonly string[] | null => {
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
      return null;
  }
};

/**
 * The document after one more event of its stream. An event concerns the deputies its stream
 * named by then (a re-submission after a voided submission names new ones); a voiding concerns
 * the deputies of the event it voids, and marks it.
 */
const applyToTimeline = (doc: TimelineDoc, event: RecordedEvent): TimelineDoc => {
  const note = voidingNoteOf(event);
  let entries = doc.entries;
  let deputyIds: readonly string[];
  if (note === undefined) {
    deputyIds = deputiesNamedBy(event) ?? entries.findLast((entry) => !isVoiding(entry))?.deputyIds ?? [];
  } else {
    const target = entries.findIndex((entry) => entry.eventId === note.voidedEventId);
    const voided = entries[target];
    deputyIds = voided?.deputyIds ?? [];
    if (voided !== undefined) entries = entries.with(target, { ...voided, voidedBy: event.id });
  }
  const entry: TimelineEntry = {
    position: event.position,
    eventId: event.id,
    type: event.type,
    occurredAt: occurredAtOf(asDutyEvent(event)),
    summary: summaryOf(asDutyEvent(event)),
    deputyIds,
    voidedBy: null,
  };
  return { entries: [...entries, entry] };
};

const indexesOfTimeline = (doc: TimelineDoc): IndexEntry[] => {
  const deputies = new Set<string>();
  for (const entry of doc.entries) for (const deputyId of entry.deputyIds) deputies.add(deputyId);
  return [...deputies].map((deputyId) => ({ name: "deputy", value: deputyId }));
};

/** The streams a timeline shows: a deputy's registry, contacts and suggestions. */
const timelineCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** Every event type of the streams shown, voidings included. */
export const timelineEventTypes: readonly string[] = [
  ...streamEventTypes.deputy,
  ...streamEventTypes.contact,
  ...streamEventTypes.suggestion,
  voidingEventType,
];

/** Keyed by stream id; index `deputy` (every deputy an entry concerns). */
export const deputyTimelineProjection: Projection<TimelineDoc> = {
  name: DEPUTY_TIMELINE,
  version: 5,
  handles: timelineEventTypes,
  keysOf: (event) => streamKeyIn(event, timelineCategories),
  init: initTimelineDoc,
  apply: applyToTimeline,
  indexesOf: indexesOfTimeline,
  logView: true,
};
