import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * Deputies' timelines (GET /v1/deputies/:id/timeline) are served from the log itself: a
 * timeline entry is an event of the deputy's streams, rendered when it is read
 * (`timelineEntriesOf`). What the log cannot answer quickly is *which* streams concern a
 * deputy — a contact names several deputies, a suggestion its lead and co-signers — and that
 * is what this projection keeps: one document per entity stream with every deputy any of its
 * events concerned, and a `deputy` index entry per (deputy, stream).
 *
 * Only the events that name a stream's deputies are read (registry, contact, submission), and a
 * stream's document is written again only when a deputy is added to it (a re-submission after
 * a voided one), so the projection writes about one small document per stream (v2 copied every
 * event's summary into its stream's document: 43 % of all read-model JSON). A deputy stays in
 * the document when a later event names others: the reader shows each deputy only the entries
 * that concerned them.
 */
export const DEPUTY_TIMELINE = "deputy-timeline";

export interface TimelineDoc {
  /** Every deputy an event of the stream concerned, in order of first mention. */
  readonly deputyIds: readonly string[];
}

export const initTimelineDoc = (): TimelineDoc => ({ deputyIds: [] });

/**
 * The deputies an event makes its stream concern from then on, or `null` when it keeps the
 * stream's deputies (every later handling event, feedback, revision, voiding).
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

const applyToTimeline = (doc: TimelineDoc, event: RecordedEvent): TimelineDoc => {
  const named = deputiesNamedBy(event);
  if (named === null) return doc;
  const added = named.filter((deputyId, i) => !doc.deputyIds.includes(deputyId) && named.indexOf(deputyId) === i);
  return added.length === 0 ? doc : { deputyIds: [...doc.deputyIds, ...added] };
};

const indexesOfTimeline = (doc: TimelineDoc): IndexEntry[] => doc.deputyIds.map((deputyId) => ({ name: "deputy", value: deputyId }));

/** The events that name a stream's deputies: the only ones the projection reads. */
export const deputyNamingEventTypes = ["DeputyRegistered", "DeputyCorrected", "ContactRecorded", "SuggestionSubmitted"] as const;

/** The streams a timeline shows: a deputy's registry, contacts and suggestions. */
const timelineCategories: ReadonlySet<string> = new Set(["deputy", "contact", "suggestion"]);

/** Index: `deputy` (value: deputy id), one per deputy any event of the stream concerned. */
export const deputyTimelineProjection: Projection<TimelineDoc> = {
  name: DEPUTY_TIMELINE,
  version: 3,
  handles: deputyNamingEventTypes,
  keysOf: (event) => streamKeyIn(event, timelineCategories),
  init: initTimelineDoc,
  apply: applyToTimeline,
  indexesOf: indexesOfTimeline,
};
