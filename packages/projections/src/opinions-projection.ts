import { shanghaiYearOf, type ContactChannel } from "@duty-ledger/domain";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { asDutyEvent, type Projection } from "./projection.js";
import { streamKeyIn } from "./projection-keys.js";
import {
  lastChangeOf,
  OPINION_CHANGED_INDEX,
  OPINION_DUE_INDEX,
  opinionDueSort,
  opinionDueValue,
  referralAt,
  stageOfStatus,
  type OpinionReferralDoc,
  type OpinionStep,
} from "./opinion-referral-state.js";
import type { IndexEntry } from "./read-model-store.js";

/**
 * 听民意 (design/voice-and-supervision.md): one document per `contact-` stream with what the
 * opinions list and the station record read — the contact (station, channel, year, constituents,
 * deputies and whose part counts), its opinions' text (never the people: they are sealed and
 * stay out of the read models) and each opinion's referral with its answers and the
 * constituent's feedback, in the order recorded; and one per `station-` stream, whether it is
 * registered. Each is the fold of its stream's counting events. Statuses are computed at read
 * time as of `asOf` (`opinions-view.ts`), never stored.
 *
 * Indexes: `station` (a contact at that station, sorted by `occurredAt`), `registered`
 * (`station`, a registered station), and the opinions list's `opinion-due` (each referred
 * opinion under its latest stage and under `any`, by due date in force, for every scope: all,
 * its unit, its station) and `opinion-changed` (the contact by its referrals' latest claimed time, per scope):
 * `opinion-referral-state.ts`.
 */
export const OPINIONS = "opinions";

export interface ContactOpinionsDoc {
  readonly kind: "contact";
  readonly contactId: string;
  /** `null` until the recording is applied (a referral never comes before it). */
  readonly contact: {
    readonly stationId: string | null;
    readonly channel: ContactChannel;
    readonly occurredAt: string;
    readonly year: number;
    readonly constituents: number;
    readonly deputyIds: readonly string[];
    readonly unconfirmedDeputyIds: readonly string[];
  } | null;
  /** Named deputies' confirmations of their part (a deputy's recording names others unconfirmed). */
  readonly confirmations: readonly { readonly deputyId: string; readonly confirmedAt: string }[];
  readonly opinions: readonly { readonly opinionId: string; readonly text: string }[];
  /** By opinion id. */
  readonly referrals: Readonly<Record<string, OpinionReferralDoc>>;
}

export interface StationOpinionsDoc {
  readonly kind: "station";
  readonly stationId: string;
  readonly registered: boolean;
  /** The registered name and region, as corrected since (`GET /v1/stations`); `null` before the registration. */
  readonly name?: string | null;
  readonly region?: string | null;
}

export type OpinionsDoc = ContactOpinionsDoc | StationOpinionsDoc;

const categories: ReadonlySet<string> = new Set(["contact", "station"]);

export const initOpinionsDoc = (key: string): OpinionsDoc =>
  key.startsWith("station-")
    ? { kind: "station", stationId: key.slice("station-".length), registered: false }
    : { kind: "contact", contactId: key.slice("contact-".length), contact: null, confirmations: [], opinions: [], referrals: {} };

const withStep = (doc: ContactOpinionsDoc, opinionId: string, step: OpinionStep): ContactOpinionsDoc => {
  const referral = doc.referrals[opinionId];
  if (referral === undefined) return doc;
  return { ...doc, referrals: { ...doc.referrals, [opinionId]: { ...referral, steps: [...referral.steps, step] } } };
};

const applyToContact = (doc: ContactOpinionsDoc, recorded: RecordedEvent): ContactOpinionsDoc => {
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "ContactRecorded": {
      const d = event.data;
      return {
        ...doc,
        contact: {
          stationId: d.stationId ?? null,
          channel: d.channel,
          occurredAt: d.occurredAt,
          year: shanghaiYearOf(d.occurredAt),
          constituents: d.constituents,
          deputyIds: d.deputyIds,
          unconfirmedDeputyIds: d.unconfirmedDeputyIds ?? [],
        },
        opinions: d.opinions.map(({ opinionId, text }) => ({ opinionId, text })),
      };
    }
    case "ContactParticipationConfirmed":
      return { ...doc, confirmations: [...doc.confirmations, { deputyId: event.data.deputyId, confirmedAt: event.data.confirmedAt }] };
    case "OpinionReferred": {
      const { opinionId, unitId, referredAt, dueAt } = event.data;
      return { ...doc, referrals: { ...doc.referrals, [opinionId]: { unitId, referredAt, dueAt, steps: [] } } };
    }
    case "OpinionAnswered": {
      const { opinionId, answeredAt, outcome, text } = event.data;
      return withStep(doc, opinionId, { kind: "answer", at: answeredAt, outcome, text });
    }
    case "ConstituentFeedbackRecorded": {
      const { opinionId, feedbackAt, satisfied, reopenedDueAt } = event.data;
      return withStep(doc, opinionId, { kind: "feedback", at: feedbackAt, satisfied, ...(reopenedDueAt === undefined ? {} : { reopenedDueAt }) });
    }
    default:
      return doc;
  }
};

const applyToOpinionsDoc = (doc: OpinionsDoc, recorded: RecordedEvent): OpinionsDoc => {
  if (doc.kind === "contact") return applyToContact(doc, recorded);
  const event = asDutyEvent(recorded);
  switch (event.type) {
    case "StationRegistered":
      return doc.registered ? doc : { ...doc, registered: true, name: event.data.name, region: event.data.region };
    case "StationCorrected":
      return doc.registered ? { ...doc, name: event.data.name ?? doc.name ?? null, region: event.data.region ?? doc.region ?? null } : doc;
    default:
      return doc;
  }
};

const indexesOfOpinionsDoc = (doc: OpinionsDoc): IndexEntry[] => {
  if (doc.kind === "station") return doc.registered ? [{ name: "registered", value: "station", sort: doc.stationId }] : [];
  const { contact } = doc;
  if (contact === null) return [];
  const entries: IndexEntry[] = [];
  if (contact.stationId !== null) entries.push({ name: "station", value: contact.stationId, sort: contact.occurredAt });
  const station = contact.stationId === null ? [] : [`s ${contact.stationId}`];
  const units = new Set<string>();
  let lastChange = Number.NEGATIVE_INFINITY;
  for (const { opinionId } of doc.opinions) {
    const referral = doc.referrals[opinionId];
    const latest = referral === undefined ? null : referralAt(referral, Number.POSITIVE_INFINITY);
    if (referral === undefined || latest === null) continue;
    units.add(referral.unitId);
    lastChange = Math.max(lastChange, lastChangeOf(referral));
    const stage = stageOfStatus(latest.status);
    const sort = opinionDueSort(Date.parse(latest.dueAt), doc.contactId, opinionId);
    for (const scope of ["*", `u ${referral.unitId}`, ...station]) {
      entries.push({ name: OPINION_DUE_INDEX, value: opinionDueValue(stage, scope), sort }, { name: OPINION_DUE_INDEX, value: opinionDueValue("any", scope), sort });
    }
  }
  if (units.size > 0) {
    for (const scope of ["*", ...[...units].map((unitId) => `u ${unitId}`), ...station]) entries.push({ name: OPINION_CHANGED_INDEX, value: scope, sort: lastChange });
  }
  return entries;
};

/** Keyed by stream id (`contact-<id>`, `station-<id>`). */
export const opinionsProjection: Projection<OpinionsDoc> = {
  name: OPINIONS,
  version: 4,
  handles: ["StationRegistered", "StationCorrected", "ContactRecorded", "ContactParticipationConfirmed", "OpinionReferred", "OpinionAnswered", "ConstituentFeedbackRecorded"],
  keysOf: (event) => streamKeyIn(event, categories),
  init: initOpinionsDoc,
  apply: applyToOpinionsDoc,
  indexesOf: indexesOfOpinionsDoc,
};
