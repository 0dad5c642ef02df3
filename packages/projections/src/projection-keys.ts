import { parseStreamId, type StreamCategory } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";

/**
 * Keys shared by the projections. Every event of the ledger lives in the stream of its
 * entity, and an `EventVoided` is appended to the stream of the event it voids, so "the
 * stream's entity" is a key derivable from ANY event: the projections key their documents by
 * it, and cross-entity questions (a deputy's year, a unit's watch list) go through the
 * documents' index entries.
 */

/** The entity id of the event's stream when it is of `category`, else `null`. */
export const entityIdIn = (event: RecordedEvent, category: StreamCategory): string | null => {
  const parsed = parseStreamId(event.streamId);
  return parsed !== null && parsed.category === category ? parsed.id : null;
};

/** `[entityId]` when the event's stream is of `category`, else no key. */
export const entityKeyIn = (event: RecordedEvent, category: StreamCategory): readonly string[] => {
  const id = entityIdIn(event, category);
  return id === null ? [] : [id];
};

/** The instant of an ISO time, for index sort values. */
export const instantOf = (iso: string): number => Date.parse(iso);
