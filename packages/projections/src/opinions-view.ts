import { contactChannels, type ContactChannel, type OpinionOutcome } from "@duty-ledger/domain";
import { referralAt, type OpinionStatus } from "./opinion-referral-state.js";
import type { ContactOpinionsDoc } from "./opinions-projection.js";

/**
 * What the opinions list and the station record answer, assembled at read time from the
 * `opinions` documents, true as of `asOf`: a referral, an answer or a feedback counts from its
 * own (claimed) time on. Status of a referred opinion: `open` awaiting the unit's answer and not
 * past its due date, `overdue` awaiting it past the due date, `answered` awaiting the
 * constituent's feedback, `closed` the constituent satisfied. An unsatisfied constituent re-opens
 * it with a new due date.
 */

export interface OpinionItem {
  readonly contactId: string;
  readonly opinionId: string;
  readonly text: string;
  readonly stationId: string | null;
  readonly channel: ContactChannel;
  readonly occurredAt: string;
  readonly unitId: string;
  readonly referredAt: string;
  /** The due date in force as of `asOf` (a re-opening's, after an unsatisfied constituent). */
  readonly dueAt: string;
  readonly status: OpinionStatus;
  /** The latest answer by `asOf`, if any. */
  readonly answer: { readonly answeredAt: string; readonly outcome: OpinionOutcome; readonly text: string } | null;
  /** The latest feedback by `asOf`, if any. */
  readonly feedback: { readonly feedbackAt: string; readonly satisfied: boolean } | null;
  /** How often an unsatisfied constituent re-opened it by `asOf`. */
  readonly reopened: number;
}

/** A referred opinion of a contact document as of `asOfMs`; `null` when it was not referred then. */
export const opinionItemOf = (doc: ContactOpinionsDoc, opinionId: string, asOfMs: number): OpinionItem | null => {
  const { contact } = doc;
  const referral = doc.referrals[opinionId];
  const opinion = doc.opinions.find((o) => o.opinionId === opinionId);
  if (contact === null || referral === undefined || opinion === undefined) return null;
  const at = referralAt(referral, asOfMs);
  if (at === null) return null;
  return {
    contactId: doc.contactId,
    opinionId,
    text: opinion.text,
    stationId: contact.stationId,
    channel: contact.channel,
    occurredAt: contact.occurredAt,
    unitId: referral.unitId,
    referredAt: referral.referredAt,
    dueAt: at.dueAt,
    status: at.status,
    answer: at.answer,
    feedback: at.feedback,
    reopened: at.reopened,
  };
};

/** The referred opinions of a contact document as of `asOfMs`, in the contact's opinion order. */
export const opinionItemsOf = (doc: ContactOpinionsDoc, asOfMs: number): OpinionItem[] =>
  doc.opinions.flatMap(({ opinionId }) => {
    const item = opinionItemOf(doc, opinionId, asOfMs);
    return item === null ? [] : [item];
  });

/** A station's figures of a Shanghai calendar year (the seeds': 接待选民 …人次, 收集解决问题 …件). */
export interface StationRecord {
  readonly stationId: string;
  readonly year: number;
  /** Contacts at the station in the year (by `occurredAt`), every channel. */
  readonly receptions: number;
  /** The constituents those contacts received (人次). */
  readonly constituentsReceived: number;
  /** Opinions gathered at those contacts. */
  readonly opinions: number;
  /** Of those, referred to a unit (as of `asOf`). */
  readonly referred: number;
  /** Of those referred, answered at least once. */
  readonly answered: number;
  /** Of those answered, the latest answer `resolved`. */
  readonly resolved: number;
  /** Of those answered, the constituent's latest feedback satisfied. */
  readonly feedbackSatisfied: number;
  /** First answers given by the due date in force, over the referrals answered or past due; `null` when none. */
  readonly onTimeAnswerRate: number | null;
  /** Deputies whose part counts in at least one of those contacts (confirmed by `asOf`, when that was asked). */
  readonly deputiesActive: number;
  readonly byChannel: Record<ContactChannel, number>;
  readonly asOf: string;
}

/** Sums a station's year from its contact documents (others are ignored), as of `asOf`. */
export const stationRecordOf = (stationId: string, year: number, docs: readonly ContactOpinionsDoc[], asOf: string): StationRecord => {
  const asOfMs = Date.parse(asOf);
  const byChannel = Object.fromEntries(contactChannels.map((channel) => [channel, 0])) as Record<ContactChannel, number>;
  const deputies = new Set<string>();
  let receptions = 0;
  let constituentsReceived = 0;
  let opinions = 0;
  let referred = 0;
  let answered = 0;
  let resolved = 0;
  let feedbackSatisfied = 0;
  let onTime = 0;
  let judged = 0;
  for (const doc of docs) {
    const { contact } = doc;
    if (contact === null || contact.stationId !== stationId || contact.year !== year || Date.parse(contact.occurredAt) > asOfMs) continue;
    receptions += 1;
    constituentsReceived += contact.constituents;
    byChannel[contact.channel] += 1;
    opinions += doc.opinions.length;
    for (const deputyId of contact.deputyIds) {
      const confirmed = doc.confirmations.some((c) => c.deputyId === deputyId && Date.parse(c.confirmedAt) <= asOfMs);
      if (!contact.unconfirmedDeputyIds.includes(deputyId) || confirmed) deputies.add(deputyId);
    }
    for (const { opinionId } of doc.opinions) {
      const referral = doc.referrals[opinionId];
      const at = referral === undefined ? null : referralAt(referral, asOfMs);
      if (at === null) continue;
      referred += 1;
      if (at.answer !== null) answered += 1;
      if (at.answer?.outcome === "resolved") resolved += 1;
      if (at.feedback?.satisfied === true) feedbackSatisfied += 1;
      if (at.firstAnswerOnTime !== null || at.status === "overdue") {
        judged += 1;
        if (at.firstAnswerOnTime === true) onTime += 1;
      }
    }
  }
  return {
    stationId,
    year,
    receptions,
    constituentsReceived,
    opinions,
    referred,
    answered,
    resolved,
    feedbackSatisfied,
    onTimeAnswerRate: judged === 0 ? null : onTime / judged,
    deputiesActive: deputies.size,
    byChannel,
    asOf,
  };
};
