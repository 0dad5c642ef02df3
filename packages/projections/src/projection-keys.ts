import { streamCategories, type StreamCategory } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";

/**
 * Keys shared by the projections. Every event of the ledger lives in the stream of its
 * entity (a voiding too, in the stream of the event it voids), so "the stream's entity" is a
 * key derivable from any event: the projections key their documents by it (each document is
 * the fold of one stream), and cross-entity questions (a deputy's year, a unit's watch list)
 * go through the documents' index entries.
 */

const categories: ReadonlySet<string> = new Set(streamCategories);

/** The category of a stream id `<category>-<id>` (as the domain's `parseStreamId`), or `null`. */
export const streamCategoryOf = (streamId: string): StreamCategory | null => {
  const dash = streamId.indexOf("-");
  if (dash <= 0 || dash === streamId.length - 1) return null;
  const category = streamId.slice(0, dash);
  return categories.has(category) ? (category as StreamCategory) : null;
};

/** `[entityId]` when the event's stream is of `category`, else no key. */
export const entityKeyIn = (event: RecordedEvent, category: StreamCategory): readonly string[] =>
  streamCategoryOf(event.streamId) === category ? [event.streamId.slice(category.length + 1)] : [];

/** `[streamId]` when the event's stream is of one of `categories`, else no key. */
export const streamKeyIn = (event: RecordedEvent, wanted: ReadonlySet<string>): readonly string[] => {
  const category = streamCategoryOf(event.streamId);
  return category !== null && wanted.has(category) ? [event.streamId] : [];
};

/** The instant of an ISO time, for index sort values. */
export const instantOf = (iso: string): number => Date.parse(iso);
