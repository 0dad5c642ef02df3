import { activityKinds, shanghaiYearOf, type ActivityKind } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent } from "./projection.js";

/**
 * The other duty activities of the deputy duty record (视察、调研、培训、列席、听证、述职,
 * design/voice-and-supervision.md): one small document of the `deputy-record` projection per
 * `activity-` stream, with the recording (kind, deputies, those whose part awaits confirmation,
 * Shanghai year of `occurredAt`, hours) and the confirmations. A deputy's part counts once it is
 * confirmed, as for contacts; until then the activity is in the record's pending list.
 */

export interface ActivityRecordPart {
  readonly eventId: string;
  readonly kind: ActivityKind;
  readonly deputyIds: readonly string[];
  readonly unconfirmedDeputyIds: readonly string[];
  readonly year: number;
  readonly hours: number | null;
}

export interface ActivityRecordDoc {
  readonly kind: "activity";
  readonly activityId: string;
  /** The counting recording is the last (a voided one is folded away). */
  readonly records: readonly ActivityRecordPart[];
  readonly confirmations: readonly { readonly eventId: string; readonly deputyId: string }[];
}

export const activityRecordEventTypes = ["ActivityRecorded", "ActivityParticipationConfirmed"] as const;

export const initActivityRecordDoc = (activityId: string): ActivityRecordDoc => ({ kind: "activity", activityId, records: [], confirmations: [] });

export const applyToActivityRecord = (doc: ActivityRecordDoc, recorded: RecordedEvent): ActivityRecordDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "ActivityRecorded": {
      const { kind, deputyIds, unconfirmedDeputyIds, occurredAt, hours } = event.data;
      const part: ActivityRecordPart = { eventId: recorded.id, kind, deputyIds, unconfirmedDeputyIds: unconfirmedDeputyIds ?? [], year: shanghaiYearOf(occurredAt), hours: hours ?? null };
      return { ...doc, records: [...doc.records, part] };
    }
    case "ActivityParticipationConfirmed":
      return { ...doc, confirmations: [...doc.confirmations, { eventId: recorded.id, deputyId: event.data.deputyId }] };
    default:
      return doc;
  }
};

/** The deputies an activity document concerns (its `deputy` index entries). */
export const deputiesOfActivityRecord = (doc: ActivityRecordDoc): readonly string[] => doc.records[doc.records.length - 1]?.deputyIds ?? [];

/** The record's activities of a year. */
export interface ActivityRecord {
  /** Activities the deputy's part counts in (named, confirmed when that was asked). */
  readonly total: number;
  readonly byKind: Record<ActivityKind, number>;
  /** The hours of those activities that say how long they took. */
  readonly hours: number;
  readonly activityIds: readonly string[];
  /** Activities another deputy recorded naming this one, not confirmed yet (they do not count). */
  readonly pendingConfirmationIds: readonly string[];
}

/** Sums the deputy's `year` from the activity documents (those of other deputies and years are ignored). */
export const activityRecordOf = (deputyId: string, year: number, docs: readonly ActivityRecordDoc[]): ActivityRecord => {
  const byKind = Object.fromEntries(activityKinds.map((kind) => [kind, 0])) as Record<ActivityKind, number>;
  let hours = 0;
  const activityIds: string[] = [];
  const pending: string[] = [];
  for (const doc of docs) {
    const part = doc.records[doc.records.length - 1];
    if (part === undefined || part.year !== year || !part.deputyIds.includes(deputyId)) continue;
    if (part.unconfirmedDeputyIds.includes(deputyId) && !doc.confirmations.some((c) => c.deputyId === deputyId)) {
      pending.push(doc.activityId);
      continue;
    }
    byKind[part.kind] += 1;
    hours += part.hours ?? 0;
    activityIds.push(doc.activityId);
  }
  return { total: activityIds.length, byKind, hours, activityIds: activityIds.sort(), pendingConfirmationIds: pending.sort() };
};
