import { isVoiding, occurredAtOf, streamEventTypes, summaryOf, voidingEventType } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection, type VoidingNote } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * Deputies' timelines (GET /v1/deputies/:id/timeline): every event of a deputy's registry, of
 * the contacts and of the suggestions that name them, newest first.
 *
 * One document per stream (key: stream id) lists the stream's events as timeline entries, each
 * with the deputies it concerns, and is indexed `deputy` under each of them: a deputy's
 * timeline is one index query, its entries merged by position. The entries are the stream's
 * counting events; each voiding is noted where it stands (`noteVoiding`, when the engine folds
 * the stream's documents again): a line of its own, and the event it voided shown in its place,
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

/** The line of one event, concerning `deputyIds`. */
const entryOf = (event: RecordedEvent, deputyIds: readonly string[], voidedBy: string | null): TimelineEntry => ({
  position: event.position,
  eventId: event.id,
  type: event.type,
  occurredAt: occurredAtOf(asDutyEvent(event)),
  summary: summaryOf(asDutyEvent(event)),
  deputyIds,
  voidedBy,
});

/** The deputies an event concerns: those it names, else those of the stream's last fact before it. */
const deputiesAt = (entries: readonly TimelineEntry[], event: RecordedEvent): readonly string[] =>
  deputiesNamedBy(event) ?? entries.findLast((entry) => entry.position < event.position && !isVoiding(entry))?.deputyIds ?? [];

/** The document after one more counting event of its stream. */
const applyToTimeline = (doc: TimelineDoc, event: RecordedEvent): TimelineDoc => ({ entries: [...doc.entries, entryOf(event, deputiesAt(doc.entries, event), null)] });

/**
 * A voiding, where it stands in the stream: the event it voided is shown in its place, marked
 * `voidedBy`, and the voiding is a line of its own, concerning the same deputies.
 */
const noteVoidingInTimeline = (doc: TimelineDoc, note: VoidingNote, voided: RecordedEvent | undefined): TimelineDoc => {
  if (voided === undefined) return doc;
  const shown = entryOf(voided, deputiesAt(doc.entries, voided), note.eventId);
  const at = doc.entries.findIndex((entry) => entry.position > voided.position);
  const entries = at === -1 ? [...doc.entries, shown] : [...doc.entries.slice(0, at), shown, ...doc.entries.slice(at)];
  const voiding: TimelineEntry = {
    position: note.position,
    eventId: note.eventId,
    type: voidingEventType,
    occurredAt: note.voidedAt,
    summary: summaryOf({
      type: voidingEventType,
      data: { streamId: voided.streamId, eventId: note.voidedEventId, voidedType: note.voidedType, reason: note.reason, voidedAt: note.voidedAt },
    }),
    deputyIds: shown.deputyIds,
    voidedBy: null,
  };
  return { entries: [...entries, voiding] };
};

const indexesOfTimeline = (doc: TimelineDoc): IndexEntry[] => {
  const deputies = new Set<string>();
  for (const entry of doc.entries) for (const deputyId of entry.deputyIds) deputies.add(deputyId);
  return [...deputies].map((deputyId) => ({ name: "deputy", value: deputyId }));
};

/** The streams a timeline shows: a deputy's registry, contacts and suggestions. */
const timelineCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** Every event type of the streams shown (a voiding is noted, `noteVoiding`). */
export const timelineEventTypes: readonly string[] = [...streamEventTypes.deputy, ...streamEventTypes.contact, ...streamEventTypes.suggestion];

/** Keyed by stream id; index `deputy` (every deputy an entry concerns). */
export const deputyTimelineProjection: Projection<TimelineDoc> = {
  name: DEPUTY_TIMELINE,
  version: 6,
  handles: timelineEventTypes,
  keysOf: (event) => streamKeyIn(event, timelineCategories),
  init: initTimelineDoc,
  apply: applyToTimeline,
  indexesOf: indexesOfTimeline,
  noteVoiding: noteVoidingInTimeline,
};
