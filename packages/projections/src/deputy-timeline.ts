import type { RecordedEvent } from "@duty-ledger/event-store";
import { deputiesNamedBy } from "./deputy-timeline-projection.js";
import { occurredAtOf, summaryOf } from "./event-summary.js";
import { asDutyEvent } from "./projection.js";

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
  /** The `EventVoided` that voided the event (it stays in the timeline, no longer counting), or `null`. */
  readonly voidedBy: string | null;
}

/**
 * The timeline entries of one stream's events (in stream order), oldest first: every event of
 * a deputy's registry, a contact or a suggestion is an entry. An event concerns the deputies
 * its stream named by then (a re-submission after a voided submission names new ones); a
 * voiding concerns the deputies of the event it voids, and marks it.
 */
export const timelineEntriesOf = (events: readonly RecordedEvent[]): TimelineEntry[] => {
  const entries: { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] }[] = [];
  let current: readonly string[] = [];
  for (const recorded of events) {
    const event = asDutyEvent(recorded);
    let deputyIds = current;
    if (event.type === "EventVoided") {
      const target = entries.find((entry) => entry.eventId === event.data.eventId);
      if (target !== undefined) {
        target.voidedBy = recorded.id;
        deputyIds = target.deputyIds;
      }
    } else {
      current = deputiesNamedBy(recorded) ?? current;
      deputyIds = current;
    }
    entries.push({
      position: recorded.position,
      eventId: recorded.id,
      type: recorded.type,
      occurredAt: occurredAtOf(event),
      summary: summaryOf(event),
      deputyIds,
      voidedBy: null,
    });
  }
  return entries;
};
