import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";

/**
 * Deputies' timelines (GET /v1/deputies/:id/timeline) and duty records are served from the log
 * itself: a timeline entry is an event of the deputy's streams, rendered when it is read
 * (`timelineEntriesOf`), and a record is summed from those streams' parts when it is read.
 * What the log cannot answer quickly is *which* streams concern a deputy — a contact names
 * several deputies, a suggestion its lead and co-signers — and that is what this projection
 * keeps: one document per deputy, keyed by deputy id, listing every stream any event named
 * the deputy in, in order of first mention.
 *
 * Only the events that name deputies are read (registry, contact, submission), and a deputy's
 * document is written again only when a new stream names them, so the projection writes one
 * small document per deputy and no index entry (v3 kept a document per stream with a `deputy`
 * index entry per (deputy, stream): 590 k documents and 873 k index rows in the province,
 * against 143 k documents now). A stream stays in the list when a later event (a voiding, a
 * re-submission naming others) no longer names the deputy: the readers show each deputy only
 * the entries and parts that concern them.
 */
export const DEPUTY_TIMELINE = "deputy-timeline";

export interface DeputyStreamsDoc {
  /** Every stream an event named the deputy in, in order of first mention. */
  readonly streams: readonly string[];
}

export const initDeputyStreamsDoc = (): DeputyStreamsDoc => ({ streams: [] });

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

/** The streams a timeline shows: a deputy's registry, contacts and suggestions. */
const timelineCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** The deputies whose documents an event adds its stream to (each once). */
const deputyKeysOf = (event: RecordedEvent): readonly string[] => {
  if (streamKeyIn(event, timelineCategories).length === 0) return [];
  const named = deputiesNamedBy(event);
  if (named === null || named.length === 0) return [];
  return named.length === 1 ? named : [...new Set(named)];
};

/**
 * Adds the event's stream unless the deputy's list has it. The first event of a stream
 * (revision 0) cannot find it there — only events of a stream add it — so the list is not
 * searched then: most naming events are the first of their stream (a contact, a registration),
 * and the search compares every stream id of the list.
 */
const applyToDeputyStreams = (doc: DeputyStreamsDoc, event: RecordedEvent): DeputyStreamsDoc =>
  event.revision !== 0 && doc.streams.includes(event.streamId) ? doc : { streams: [...doc.streams, event.streamId] };

/** The events that name a stream's deputies: the only ones the projection reads. */
export const deputyNamingEventTypes = ["DeputyRegistered", "DeputyCorrected", "ContactRecorded", "SuggestionSubmitted"] as const;

/** Keyed by deputy id; no index. */
export const deputyTimelineProjection: Projection<DeputyStreamsDoc> = {
  name: DEPUTY_TIMELINE,
  version: 4,
  handles: deputyNamingEventTypes,
  keysOf: deputyKeysOf,
  init: initDeputyStreamsDoc,
  apply: applyToDeputyStreams,
};
