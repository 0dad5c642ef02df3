import type { AnswerOpinion, CommandActor, RecordConstituentFeedback, ReferOpinion } from "./commands.js";
import { requireClaimedTime } from "./claimed-time.js";
import { ConflictError, ForbiddenError, NotFoundError, type LedgerError } from "./errors.js";
import type { EventData, Opinion } from "./events.js";
import { domainRule, refuse, required, requireNotBefore, requireRole } from "./guards.js";
import { instant } from "./primitives.js";
import { workingDaysDue } from "./working-days.js";

/**
 * 转办 on the contact's stream: an opinion referred to a unit (due 15 working days on unless
 * the referral says when), answered by that unit, and the constituent's feedback on the answer;
 * an unsatisfied constituent re-opens it, due 10 working days on. Part of the contact decider
 * (`contact-decider.ts`): these are its referral's state, guards and decisions.
 */

export const REFERRAL_WORKING_DAYS = 15;
export const REOPENED_WORKING_DAYS = 10;

export type ReferralStage = "awaiting-answer" | "answered" | "closed";

export interface Referral {
  readonly unitId: string;
  readonly referredAt: string;
  /** The due date in force: the referral's, or the last re-opening's. */
  readonly dueAt: string;
  /** When the unit's clock started: `referredAt`, or the unsatisfied feedback that re-opened it. */
  readonly openedAt: string;
  readonly stage: ReferralStage;
  readonly answeredAt: string | undefined;
}

/** What the referral's rules read of a contact. */
export interface ReferableContact {
  readonly contactId: string;
  readonly stationId: string | undefined;
  readonly occurredAt: string;
  readonly opinions: readonly Opinion[];
  readonly referrals: ReadonlyMap<string, Referral>;
  /** Whether the deputy took part (named, and confirmed when that was asked). */
  readonly tookPart: (deputyId: string) => boolean;
}

type ReferralEventType = "OpinionReferred" | "OpinionAnswered" | "ConstituentFeedbackRecorded";
export type ReferralEvent = { [T in ReferralEventType]: { readonly type: T; readonly data: EventData<T> } }[ReferralEventType];

/** The referrals after one of their events. */
export const evolveReferrals = (referrals: ReadonlyMap<string, Referral>, event: ReferralEvent): ReadonlyMap<string, Referral> => {
  const next = new Map(referrals);
  switch (event.type) {
    case "OpinionReferred": {
      const { opinionId, unitId, referredAt, dueAt } = event.data;
      next.set(opinionId, { unitId, referredAt, dueAt, openedAt: referredAt, stage: "awaiting-answer", answeredAt: undefined });
      return next;
    }
    case "OpinionAnswered": {
      const referral = referrals.get(event.data.opinionId);
      if (referral !== undefined) next.set(event.data.opinionId, { ...referral, stage: "answered", answeredAt: event.data.answeredAt });
      return next;
    }
    case "ConstituentFeedbackRecorded": {
      const referral = referrals.get(event.data.opinionId);
      if (referral === undefined) return next;
      const { satisfied, feedbackAt, reopenedDueAt } = event.data;
      next.set(
        event.data.opinionId,
        satisfied ? { ...referral, stage: "closed" } : { ...referral, stage: "awaiting-answer", openedAt: feedbackAt, dueAt: reopenedDueAt ?? referral.dueAt, answeredAt: undefined },
      );
      return next;
    }
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const missingContact = (contactId: string): NotFoundError => new NotFoundError(`contact ${contactId} does not exist`);

/** 404 unless the contact is recorded and the opinion is one of its own. */
const missingOpinion = (contact: ReferableContact | undefined, contactId: string, opinionId: string): NotFoundError | undefined => {
  if (contact === undefined) return missingContact(contactId);
  return contact.opinions.some((o) => o.opinionId === opinionId) ? undefined : new NotFoundError(`contact ${contactId} has no opinion ${opinionId}`);
};

/** The referral of the opinion, or the refusal (404 no opinion, 409 not referred). */
const referralOr = (contact: ReferableContact | undefined, d: { readonly contactId: string; readonly opinionId: string }): Referral | LedgerError => {
  const missing = missingOpinion(contact, d.contactId, d.opinionId);
  if (missing !== undefined) return missing;
  return contact?.referrals.get(d.opinionId) ?? new ConflictError(`opinion ${d.opinionId} of contact ${d.contactId} was not referred to a unit`);
};

const isReferral = (value: Referral | LedgerError): value is Referral => !(value instanceof Error);

/** The state preconditions of the referral's events (the contact decider's guards for them). */
export const referralGuards = {
  OpinionReferred: (contact: ReferableContact | undefined, d: Pick<EventData<"OpinionReferred">, "contactId" | "opinionId">): LedgerError | undefined => {
    const missing = missingOpinion(contact, d.contactId, d.opinionId);
    if (missing !== undefined) return missing;
    const referral = contact?.referrals.get(d.opinionId);
    return referral === undefined ? undefined : new ConflictError(`opinion ${d.opinionId} of contact ${d.contactId} is already referred to ${referral.unitId}`);
  },
  OpinionAnswered: (contact: ReferableContact | undefined, d: Pick<EventData<"OpinionAnswered">, "contactId" | "opinionId" | "unitId">): LedgerError | undefined => {
    const referral = referralOr(contact, d);
    if (!isReferral(referral)) return referral;
    if (referral.unitId !== d.unitId) return new ForbiddenError(`opinion ${d.opinionId} is not referred to unit ${d.unitId}`);
    return referral.stage === "awaiting-answer" ? undefined : new ConflictError(`opinion ${d.opinionId} is ${referral.stage === "answered" ? "already answered" : "closed"}`);
  },
  ConstituentFeedbackRecorded: (contact: ReferableContact | undefined, d: Pick<EventData<"ConstituentFeedbackRecorded">, "contactId" | "opinionId">): LedgerError | undefined => {
    const referral = referralOr(contact, d);
    if (!isReferral(referral)) return referral;
    if (referral.stage === "awaiting-answer") return new ConflictError(`opinion ${d.opinionId} awaits the unit's answer: no answer to give feedback on`);
    return referral.stage === "closed" ? new ConflictError(`opinion ${d.opinionId} is closed: the constituent was satisfied`) : undefined;
  },
};

/**
 * A deputy acts only on a contact they took part in, a clerk only on one at their station;
 * checked before the contact's state, so that an unknown contact is the same 403 as another's.
 */
const requireOnReferableContact = (actor: CommandActor, contact: ReferableContact | undefined, contactId: string): void => {
  if (actor.role === "deputy" && (contact === undefined || !contact.tookPart(actor.id))) {
    throw new ForbiddenError(`deputy ${actor.id} did not take part in contact ${contactId}`);
  }
  if (actor.role === "clerk" && (contact === undefined || actor.stationId === undefined || actor.stationId !== contact.stationId)) {
    throw new ForbiddenError(`contact ${contactId} was not at the clerk's station`);
  }
};

/** Refers an opinion: the clerk of the contact's station, the office, or a deputy who took part. */
export const decideReferral = (command: ReferOpinion, contact: ReferableContact | undefined): EventData<"OpinionReferred"> => {
  const { actor } = command.metadata;
  const { contactId, opinionId, unitId, referredAt, dueAt, calendar } = command.data;
  requireRole(actor, ["office", "clerk", "deputy"], "refer opinions");
  requireOnReferableContact(actor, contact, contactId);
  refuse(referralGuards.OpinionReferred(contact, command.data));
  const found = required(contact, "the contact");
  requireClaimedTime(command.metadata, "referredAt", referredAt);
  requireNotBefore("referredAt", referredAt, "the contact's occurredAt", found.occurredAt);
  if (dueAt !== undefined && instant(dueAt) <= instant(referredAt)) throw domainRule("dueAt", "must be after referredAt");
  return { contactId, opinionId, unitId, referredAt, dueAt: dueAt ?? workingDaysDue(referredAt, REFERRAL_WORKING_DAYS, calendar) };
};

/** Answers a referred opinion: the unit referred to, only (any other caller, or an unknown contact: 403). */
export const decideAnswer = (command: AnswerOpinion, contact: ReferableContact | undefined): EventData<"OpinionAnswered"> => {
  const { actor } = command.metadata;
  const { contactId, opinionId, answeredAt, text, outcome } = command.data;
  requireRole(actor, ["unit"], "answer referred opinions");
  if (contact === undefined || contact.referrals.get(opinionId)?.unitId !== actor.id) {
    throw new ForbiddenError(`opinion ${opinionId} of contact ${contactId} is not referred to unit ${actor.id}`);
  }
  const data = { contactId, opinionId, unitId: actor.id, answeredAt, text, outcome };
  refuse(referralGuards.OpinionAnswered(contact, data));
  const referral = required(contact.referrals.get(opinionId), "the referral");
  requireClaimedTime(command.metadata, "answeredAt", answeredAt);
  requireNotBefore("answeredAt", answeredAt, "the referral's (re)opening", referral.openedAt);
  return data;
};

/** The constituent's feedback on the answer: the clerk of the station or a deputy who took part. */
export const decideConstituentFeedback = (command: RecordConstituentFeedback, contact: ReferableContact | undefined): EventData<"ConstituentFeedbackRecorded"> => {
  const { actor } = command.metadata;
  const { contactId, opinionId, at, satisfied, calendar } = command.data;
  requireRole(actor, ["clerk", "deputy"], "record a constituent's feedback");
  requireOnReferableContact(actor, contact, contactId);
  refuse(referralGuards.ConstituentFeedbackRecorded(contact, command.data));
  const referral = required(contact?.referrals.get(opinionId), "the referral");
  requireClaimedTime(command.metadata, "at", at);
  requireNotBefore("at", at, "the answer's answeredAt", required(referral.answeredAt, "the answer"));
  return { contactId, opinionId, feedbackAt: at, satisfied, ...(satisfied ? {} : { reopenedDueAt: workingDaysDue(at, REOPENED_WORKING_DAYS, calendar) }) };
};
