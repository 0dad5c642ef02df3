import { contactChannels, type ContactChannel } from "@duty-ledger/domain";
import type { StationRecord } from "./opinions-view.js";
import type { ReceptionDoc, ReceptionReferral } from "./station-receptions.js";

/** What a referral adds to a station's record as of `asOfMs`; `null` when it was not yet referred then. */
interface ReferralFigures {
  readonly answered: boolean;
  readonly resolved: boolean;
  readonly satisfied: boolean;
  /** Its first answer was given by the due date in force then (`null`: none yet, or late). */
  readonly firstAnswerOnTime: boolean | null;
  readonly overdue: boolean;
}

/**
 * `referralAt` (`opinion-referral-state.ts`) on a reception's referral, reduced to what the
 * record counts: the steps claimed by `asOfMs`, in the order recorded.
 */
const referralFiguresAt = (referral: ReceptionReferral, asOfMs: number): ReferralFigures | null => {
  if (referral.referredAt > asOfMs) return null;
  let dueAt = referral.dueAt;
  let awaiting = true;
  let answered = false;
  let resolved = false;
  let satisfied = false;
  let firstAnswerOnTime: boolean | null = null;
  for (const step of referral.steps) {
    if (step.at > asOfMs) continue;
    if (step.kind === "answer") {
      answered = true;
      resolved = step.resolved;
      if (firstAnswerOnTime === null) firstAnswerOnTime = step.at <= dueAt;
      awaiting = false;
    } else {
      satisfied = step.satisfied;
      awaiting = !step.satisfied;
      if (!step.satisfied && step.reopenedDueAt !== undefined) dueAt = step.reopenedDueAt;
    }
  }
  return { answered, resolved, satisfied, firstAnswerOnTime, overdue: awaiting && asOfMs > dueAt };
};

/**
 * A station's year from its receptions of the year (`station-year`; others are ignored), as of
 * `asOf`: the same answer as `stationRecordOf` (`opinions-view.ts`) over the contacts' documents.
 */
export const stationRecordOfReceptions = (stationId: string, year: number, docs: Iterable<ReceptionDoc>, asOf: string): StationRecord => {
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
    const { reception } = doc;
    if (reception === null || reception.stationId !== stationId || reception.year !== year || reception.occurredAt > asOfMs) continue;
    receptions += 1;
    constituentsReceived += reception.constituents;
    byChannel[reception.channel] += 1;
    opinions += reception.opinionIds.length;
    for (const deputyId of reception.deputyIds) deputies.add(deputyId);
    for (const deputyId of reception.unconfirmedDeputyIds) {
      const confirmedAt = doc.confirmedAt[deputyId];
      if (confirmedAt !== undefined && confirmedAt <= asOfMs) deputies.add(deputyId);
    }
    for (const opinionId of reception.opinionIds) {
      const referral = doc.referrals[opinionId];
      const figures = referral === undefined ? null : referralFiguresAt(referral, asOfMs);
      if (figures === null) continue;
      referred += 1;
      if (figures.answered) answered += 1;
      if (figures.answered && figures.resolved) resolved += 1;
      if (figures.satisfied) feedbackSatisfied += 1;
      if (figures.firstAnswerOnTime !== null || figures.overdue) {
        judged += 1;
        if (figures.firstAnswerOnTime === true) onTime += 1;
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
