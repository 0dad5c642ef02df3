import type { CommandActor, ContactCommand } from "./commands.js";
import type { Decider } from "./decider.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import type { ContactChannel, ContactEvent, Opinion } from "./events.js";
import { domainRule, requireNotBefore, requireNotFuture, requireRole } from "./guards.js";

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
}

export type ContactState = { readonly status: "none" } | { readonly status: "recorded"; readonly contact: Contact };

const initialState: ContactState = { status: "none" };

const evolve = (state: ContactState, event: ContactEvent): ContactState => {
  switch (event.type) {
    case "ContactRecorded": {
      const { contactId, deputyIds, stationId, channel, occurredAt, constituents, opinions } = event.data;
      return {
        status: "recorded",
        contact: { contactId, deputyIds, stationId, channel, occurredAt, constituents, opinions, answeredOpinionIds: new Set() },
      };
    }
    case "ContactFeedbackGiven": {
      if (state.status !== "recorded") return state;
      const answered = new Set(state.contact.answeredOpinionIds);
      for (const id of event.data.opinionIds) answered.add(id);
      return { status: "recorded", contact: { ...state.contact, answeredOpinionIds: answered } };
    }
    case "EventVoided":
      return state;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const requireMayRecord = (actor: CommandActor, deputyIds: readonly string[], stationId: string | undefined): void => {
  requireRole(actor, ["office", "deputy", "clerk"], "record contacts");
  if (actor.role === "deputy" && !deputyIds.includes(actor.id)) {
    throw new ForbiddenError(`deputy ${actor.id} may only record contacts they took part in`);
  }
  if (actor.role === "clerk" && (actor.stationId === undefined || actor.stationId !== stationId)) {
    throw new ForbiddenError(`a clerk may only record contacts at their own station`);
  }
};

const decide = (command: ContactCommand, state: ContactState): ContactEvent[] => {
  const { actor } = command.metadata;
  switch (command.type) {
    case "RecordContact": {
      const { contactId, deputyIds, stationId, channel, occurredAt, constituents, topic, summary, opinions } = command.data;
      requireMayRecord(actor, deputyIds, stationId);
      if (state.status === "recorded") throw new ConflictError(`contact ${contactId} is already recorded`);
      if (channel === "station" && stationId === undefined) {
        throw domainRule("stationId", "required for a reception at a station (channel station)");
      }
      requireNotFuture(command.metadata, "occurredAt", occurredAt);
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
          },
        },
      ];
    }
    case "GiveContactFeedback": {
      const { contactId, opinionIds, feedbackAt, text } = command.data;
      requireRole(actor, ["office", "deputy", "clerk"], "give feedback on contacts");
      if (state.status !== "recorded") throw new NotFoundError(`contact ${contactId} does not exist`);
      const contact = state.contact;
      if (actor.role === "deputy" && !contact.deputyIds.includes(actor.id)) {
        throw new ForbiddenError(`deputy ${actor.id} did not take part in contact ${contactId}`);
      }
      if (actor.role === "clerk" && (actor.stationId === undefined || actor.stationId !== contact.stationId)) {
        throw new ForbiddenError(`contact ${contactId} was not at the clerk's station`);
      }
      const known = new Set(contact.opinions.map((o) => o.opinionId));
      const unknown = opinionIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw domainRule("opinionIds", `not opinions of contact ${contactId}: ${unknown.join(", ")}`);
      }
      const answered = opinionIds.filter((id) => contact.answeredOpinionIds.has(id));
      if (answered.length > 0) throw new ConflictError(`feedback was already given on ${answered.join(", ")}`);
      requireNotFuture(command.metadata, "feedbackAt", feedbackAt);
      requireNotBefore("feedbackAt", feedbackAt, "the contact's occurredAt", contact.occurredAt);
      return [{ type: "ContactFeedbackGiven", data: { contactId, opinionIds, feedbackAt, text } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const admits = (state: ContactState, event: ContactEvent): boolean => {
  switch (event.type) {
    case "ContactRecorded":
      return state.status === "none";
    case "ContactFeedbackGiven": {
      if (state.status !== "recorded") return false;
      const known = new Set(state.contact.opinions.map((o) => o.opinionId));
      return event.data.opinionIds.every((id) => known.has(id) && !state.contact.answeredOpinionIds.has(id));
    }
    case "EventVoided":
      return state.status === "recorded";
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/**
 * Contacts: `RecordContact` (deputy among `deputyIds`, clerk of the station, office) and
 * `GiveContactFeedback` (a deputy of the contact, the clerk of its station, office) on
 * opinions of the contact, each once.
 */
export const contactDecider: Decider<ContactCommand, ContactEvent, ContactState> = {
  name: "contact",
  eventTypes: ["ContactRecorded", "ContactFeedbackGiven"],
  initialState,
  evolve,
  decide,
  admits,
};
