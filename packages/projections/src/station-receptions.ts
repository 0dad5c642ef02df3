import { shanghaiYearOf, type ContactChannel } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent } from "./projection.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * A contact at a station as the station's record counts it (`GET /v1/stations/:id/record`): the
 * `reception-<contactId>` document of the `opinions` projection, the fold of the same
 * `contact-` stream as the contact's own document but only what `stationRecordOfReceptions`
 * sums — no text, times as instants (ms) — and indexed under its station and Shanghai year
 * (`station-year`, value `<stationId> <year>`, sorted by `occurredAt`). So a station's year reads
 * that year's receptions up to `asOf`, a few hundred bytes each, whatever the station's other
 * years and however long its opinions and answers. Every claimed time stays, so the record is
 * still true as of any `asOf`. A contact at no station keeps the empty document (never written).
 */

export const STATION_YEAR_INDEX = "station-year";

export const stationYearValue = (stationId: string, year: number): string => `${stationId} ${year}`;

export type ReceptionStep =
  | { readonly kind: "answer"; readonly at: number; readonly resolved: boolean }
  | { readonly kind: "feedback"; readonly at: number; readonly satisfied: boolean; readonly reopenedDueAt?: number };

export interface ReceptionReferral {
  readonly referredAt: number;
  readonly dueAt: number;
  /** In the order recorded. */
  readonly steps: readonly ReceptionStep[];
}

export interface ReceptionDoc {
  readonly kind: "reception";
  readonly contactId: string;
  /** `null` until the contact is recorded at a station. */
  readonly reception: {
    readonly stationId: string;
    readonly year: number;
    readonly occurredAt: number;
    readonly channel: ContactChannel;
    readonly constituents: number;
    readonly opinionIds: readonly string[];
    /** The deputies whose part counts from the recording on. */
    readonly deputyIds: readonly string[];
    /** The deputies named unconfirmed: their part counts from their first confirmation on. */
    readonly unconfirmedDeputyIds: readonly string[];
  } | null;
  /** Each deputy's first confirmation (ms). */
  readonly confirmedAt: Readonly<Record<string, number>>;
  /** By opinion id. */
  readonly referrals: Readonly<Record<string, ReceptionReferral>>;
}

export const RECEPTION_KEY_PREFIX = "reception-";

/** The reception document of a `contact-<id>` stream. */
export const receptionKeyOf = (contactStreamId: string): string => `${RECEPTION_KEY_PREFIX}${contactStreamId.slice("contact-".length)}`;

export const initReceptionDoc = (key: string): ReceptionDoc => ({ kind: "reception", contactId: key.slice(RECEPTION_KEY_PREFIX.length), reception: null, confirmedAt: {}, referrals: {} });

const withStep = (doc: ReceptionDoc, opinionId: string, step: ReceptionStep): ReceptionDoc => {
  const referral = doc.referrals[opinionId];
  if (referral === undefined) return doc;
  return { ...doc, referrals: { ...doc.referrals, [opinionId]: { ...referral, steps: [...referral.steps, step] } } };
};

/** A contact at no station keeps its empty document (a referral never comes before the recording). */
export const applyToReception = (doc: ReceptionDoc, recorded: RecordedEvent): ReceptionDoc => {
  const event = asDutyEvent(recorded);
  if (doc.reception === null && event.type !== "ContactRecorded") return doc;
  switch (event.type) {
    case "ContactRecorded": {
      const d = event.data;
      if (d.stationId === undefined) return doc;
      const unconfirmed = new Set(d.unconfirmedDeputyIds ?? []);
      return {
        ...doc,
        reception: {
          stationId: d.stationId,
          year: shanghaiYearOf(d.occurredAt),
          occurredAt: Date.parse(d.occurredAt),
          channel: d.channel,
          constituents: d.constituents,
          opinionIds: d.opinions.map(({ opinionId }) => opinionId),
          deputyIds: d.deputyIds.filter((deputyId) => !unconfirmed.has(deputyId)),
          unconfirmedDeputyIds: d.deputyIds.filter((deputyId) => unconfirmed.has(deputyId)),
        },
      };
    }
    case "ContactParticipationConfirmed": {
      const { deputyId, confirmedAt } = event.data;
      const at = Date.parse(confirmedAt);
      const first = doc.confirmedAt[deputyId];
      return first !== undefined && first <= at ? doc : { ...doc, confirmedAt: { ...doc.confirmedAt, [deputyId]: at } };
    }
    case "OpinionReferred": {
      const { opinionId, referredAt, dueAt } = event.data;
      return { ...doc, referrals: { ...doc.referrals, [opinionId]: { referredAt: Date.parse(referredAt), dueAt: Date.parse(dueAt), steps: [] } } };
    }
    case "OpinionAnswered": {
      const { opinionId, answeredAt, outcome } = event.data;
      return withStep(doc, opinionId, { kind: "answer", at: Date.parse(answeredAt), resolved: outcome === "resolved" });
    }
    case "ConstituentFeedbackRecorded": {
      const { opinionId, feedbackAt, satisfied, reopenedDueAt } = event.data;
      return withStep(doc, opinionId, { kind: "feedback", at: Date.parse(feedbackAt), satisfied, ...(reopenedDueAt === undefined ? {} : { reopenedDueAt: Date.parse(reopenedDueAt) }) });
    }
    default:
      return doc;
  }
};

export const indexesOfReception = (doc: ReceptionDoc): IndexEntry[] =>
  doc.reception === null ? [] : [{ name: STATION_YEAR_INDEX, value: stationYearValue(doc.reception.stationId, doc.reception.year), sort: doc.reception.occurredAt }];
