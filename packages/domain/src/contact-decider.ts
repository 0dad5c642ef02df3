import type { CommandActor, ContactCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import type { ContactChannel, ContactEvent, EventData, Opinion } from "./events.js";
import { requireClaimedTime } from "./claimed-time.js";
import { domainRule, refuse, required, requireNotBefore, requireRole } from "./guards.js";
import { decideAnswer, decideConstituentFeedback, decideReferral, evolveReferrals, referralGuards, type ReferableContact, type Referral } from "./opinion-referral.js";

/** A contact with constituents (联系群众), stream `contact-<id>`. */
export interface Contact {
  readonly contactId: string;
  readonly deputyIds: readonly string[];
  readonly stationId: string | undefined;
  readonly channel: ContactChannel;
  readonly occurredAt: string;
  readonly constituents: number;
  readonly opinions: readonly Opinion[];
  /** Opinions whose feedback was given back to the constituents (有回应). */
  readonly answeredOpinionIds: ReadonlySet<string>;
  /** Named deputies whose participation does not count yet: they have not confirmed it. */
  readonly unconfirmedDeputyIds: ReadonlySet<string>;
  /** The opinions referred to a unit (转办), by opinion id. */
  readonly referrals: ReadonlyMap<string, Referral>;
}

/** Whether the deputy's participation in the contact counts: named, and confirmed when that was asked. */
export const participationCounts = (contact: Contact, deputyId: string): boolean =>
  contact.deputyIds.includes(deputyId) && !contact.unconfirmedDeputyIds.has(deputyId);

export type ContactState = { readonly status: "none" } | { readonly status: "recorded"; readonly contact: Contact };

const initialState: ContactState = { status: "none" };

const evolve = (state: ContactState, event: ContactEvent): ContactState => {
  switch (event.type) {
    case "ContactRecorded": {
      const { contactId, deputyIds, stationId, channel, occurredAt, constituents, opinions, unconfirmedDeputyIds } = event.data;
      return {
        status: "recorded",
        contact: {
          contactId,
          deputyIds,
          stationId,
          channel,
          occurredAt,
          constituents,
          opinions,
          answeredOpinionIds: new Set(),
          unconfirmedDeputyIds: new Set(unconfirmedDeputyIds ?? []),
          referrals: new Map(),
        },
      };
    }
    case "ContactFeedbackGiven": {
      if (state.status !== "recorded") return state;
      const answered = new Set(state.contact.answeredOpinionIds);
      for (const id of event.data.opinionIds) answered.add(id);
      return { status: "recorded", contact: { ...state.contact, answeredOpinionIds: answered } };
    }
    case "ContactParticipationConfirmed": {
      if (state.status !== "recorded") return state;
      const unconfirmed = new Set(state.contact.unconfirmedDeputyIds);
      unconfirmed.delete(event.data.deputyId);
      return { status: "recorded", contact: { ...state.contact, unconfirmedDeputyIds: unconfirmed } };
    }
    case "OpinionReferred":
    case "OpinionAnswered":
    case "ConstituentFeedbackRecorded":
      return state.status === "recorded" ? { status: "recorded", contact: { ...state.contact, referrals: evolveReferrals(state.contact.referrals, event) } } : state;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The recorded contact, if any. */
const contactOf = (state: ContactState): Contact | undefined => (state.status === "recorded" ? state.contact : undefined);

/** The recorded contact as the referral's rules read it (`opinion-referral.ts`). */
const referableOf = (state: ContactState): ReferableContact | undefined => {
  const contact = contactOf(state);
  return contact === undefined ? undefined : { ...contact, tookPart: (deputyId) => participationCounts(contact, deputyId) };
};

/** 404 unless the contact is recorded: the first precondition of every event but the recording. */
const missing = (state: ContactState, contactId: string): NotFoundError | undefined =>
  state.status === "recorded" ? undefined : new NotFoundError(`contact ${contactId} does not exist`);

/** The state preconditions of each event (`decide` throws these refusals; `admits` is derived). */
const guards = {
  ContactRecorded: (state, d: Pick<EventData<"ContactRecorded">, "contactId">) =>
    state.status === "recorded" ? new ConflictError(`contact ${d.contactId} is already recorded`) : undefined,
  ContactFeedbackGiven: (state, d: Pick<EventData<"ContactFeedbackGiven">, "contactId" | "opinionIds">) => {
    const contact = contactOf(state);
    if (contact === undefined) return missing(state, d.contactId);
    const known = new Set(contact.opinions.map((o) => o.opinionId));
    const unknown = d.opinionIds.filter((id) => !known.has(id));
    if (unknown.length > 0) return domainRule("opinionIds", `not opinions of contact ${d.contactId}: ${unknown.join(", ")}`);
    const answered = d.opinionIds.filter((id) => contact.answeredOpinionIds.has(id));
    if (answered.length > 0) return new ConflictError(`feedback was already given on ${answered.join(", ")}`);
    return undefined;
  },
  ContactParticipationConfirmed: (state, d: Pick<EventData<"ContactParticipationConfirmed">, "contactId" | "deputyId">) => {
    const contact = contactOf(state);
    if (contact === undefined) return missing(state, d.contactId);
    if (!contact.deputyIds.includes(d.deputyId)) return new ForbiddenError(`deputy ${d.deputyId} is not named in contact ${d.contactId}`);
    if (!contact.unconfirmedDeputyIds.has(d.deputyId)) return new ConflictError(`the participation of ${d.deputyId} in contact ${d.contactId} already counts`);
    return undefined;
  },
  OpinionReferred: (state, d) => referralGuards.OpinionReferred(referableOf(state), d),
  OpinionAnswered: (state, d) => referralGuards.OpinionAnswered(referableOf(state), d),
  ConstituentFeedbackRecorded: (state, d) => referralGuards.ConstituentFeedbackRecorded(referableOf(state), d),
} satisfies Guards<ContactState, ContactEvent>;

/**
 * Who may record a contact: a deputy among its deputies, a clerk of its station, the office.
 * Pure of the registries, so the shell checks it before looking the named deputies and station
 * up (an unknown station is the same 403 to a clerk as another's).
 */
export const requireMayRecordContact = (actor: CommandActor, deputyIds: readonly string[], stationId: string | undefined): void => {
  requireRole(actor, ["office", "deputy", "clerk"], "record contacts");
  if (actor.role === "deputy" && !deputyIds.includes(actor.id)) {
    throw new ForbiddenError(`deputy ${actor.id} may only record contacts they took part in`);
  }
  if (actor.role === "clerk" && (actor.stationId === undefined || actor.stationId !== stationId)) {
    throw new ForbiddenError(`a clerk may only record contacts at their own station`);
  }
};

/**
 * A deputy acts only on a contact they are named in, a clerk only on one at their station;
 * checked before the contact's state, so that an unknown contact is the same 403 as another's.
 */
const requireOnContact = (actor: CommandActor, contact: Contact | undefined, contactId: string): void => {
  if (actor.role === "deputy" && (contact === undefined || !contact.deputyIds.includes(actor.id))) {
    throw new ForbiddenError(`deputy ${actor.id} is not named in contact ${contactId}`);
  }
  if (actor.role === "clerk" && (contact === undefined || actor.stationId === undefined || actor.stationId !== contact.stationId)) {
    throw new ForbiddenError(`contact ${contactId} was not at the clerk's station`);
  }
};

const decide = (command: ContactCommand, state: ContactState): ContactEvent[] => {
  const { actor } = command.metadata;
  switch (command.type) {
    case "RecordContact": {
      const { contactId, deputyIds, stationId, channel, occurredAt, constituents, topic, summary, opinions, people } = command.data;
      requireMayRecordContact(actor, deputyIds, stationId);
      refuse(guards.ContactRecorded(state, command.data));
      if (channel === "station" && stationId === undefined) {
        throw domainRule("stationId", "required for a reception at a station (channel station)");
      }
      requireClaimedTime(command.metadata, "occurredAt", occurredAt);
      // A deputy vouches only for themself: the others named count once they confirm.
      const unconfirmedDeputyIds = actor.role === "deputy" ? deputyIds.filter((id) => id !== actor.id) : [];
      return [
        {
          type: "ContactRecorded",
          data: {
            contactId,
            deputyIds,
            ...(stationId === undefined ? {} : { stationId }),
            channel,
            occurredAt,
            constituents,
            topic,
            summary,
            opinions: opinions ?? [],
            ...(unconfirmedDeputyIds.length === 0 ? {} : { unconfirmedDeputyIds }),
            ...(people === undefined ? {} : { people }),
          },
        },
      ];
    }
    case "GiveContactFeedback": {
      const { contactId, opinionIds, feedbackAt, text } = command.data;
      requireRole(actor, ["office", "deputy", "clerk"], "give feedback on contacts");
      requireOnContact(actor, contactOf(state), contactId);
      refuse(missing(state, contactId));
      const contact = required(contactOf(state), "the contact");
      refuse(guards.ContactFeedbackGiven(state, command.data));
      requireClaimedTime(command.metadata, "feedbackAt", feedbackAt);
      requireNotBefore("feedbackAt", feedbackAt, "the contact's occurredAt", contact.occurredAt);
      return [{ type: "ContactFeedbackGiven", data: { contactId, opinionIds, feedbackAt, text } }];
    }
    case "ConfirmContactParticipation": {
      const { contactId, confirmedAt } = command.data;
      requireRole(actor, ["deputy"], "confirm participation in contacts");
      const data = { contactId, deputyId: actor.id, confirmedAt };
      requireOnContact(actor, contactOf(state), contactId);
      refuse(guards.ContactParticipationConfirmed(state, data));
      const contact = required(contactOf(state), "the contact");
      requireClaimedTime(command.metadata, "confirmedAt", confirmedAt);
      requireNotBefore("confirmedAt", confirmedAt, "the contact's occurredAt", contact.occurredAt);
      return [{ type: "ContactParticipationConfirmed", data }];
    }
    case "ReferOpinion":
      return [{ type: "OpinionReferred", data: decideReferral(command, referableOf(state)) }];
    case "AnswerOpinion":
      return [{ type: "OpinionAnswered", data: decideAnswer(command, referableOf(state)) }];
    case "RecordConstituentFeedback":
      return [{ type: "ConstituentFeedbackRecorded", data: decideConstituentFeedback(command, referableOf(state)) }];
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/**
 * Contacts: `RecordContact` (deputy among `deputyIds`, clerk of the station, office),
 * `GiveContactFeedback` (a deputy of the contact, the clerk of its station, office) on
 * opinions of the contact, each once, and `ConfirmContactParticipation` (a named deputy whose
 * participation awaits it: recorded by another deputy), once; and 转办 (`opinion-referral.ts`):
 * `ReferOpinion`, `AnswerOpinion`, `RecordConstituentFeedback`.
 */
export const contactDecider = defineDecider<ContactCommand, "contact", ContactState>({ name: "contact", initialState, evolve, decide, guards });
