import { deciders, foldStream, ForbiddenError, NotFoundError, streamIdOf, type Contact, type SealedPerson } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import type { Principal } from "@duty-ledger/http-kit";
import type { PeopleKeyStore } from "./key-store.js";
import { openPerson } from "./sealing.js";

/** What stands in place of an erased person's fields (personal-data.md). */
export const ERASED = "[已删除]";

/** A person as a read shows them: in clear, erased, or (to an auditor) sealed. */
export type PersonView =
  | { readonly personId: string; readonly name: string; readonly phone?: string; readonly idNumber?: string }
  | { readonly personId: string; readonly name: typeof ERASED; readonly erased: true }
  | { readonly personId: string; readonly sealed: string };

export interface ContactPeopleView {
  readonly contactId: string;
  readonly people: readonly PersonView[];
  readonly opinions: readonly { readonly opinionId: string; readonly people: readonly PersonView[] }[];
}

interface RecordedPeople {
  readonly people?: readonly SealedPerson[] | undefined;
  readonly opinions: readonly { readonly opinionId: string; readonly people?: readonly SealedPerson[] | undefined }[];
}

/**
 * Who sees a contact's people (personal-data.md): the office; the deputies named in it; the
 * clerks of its station; auditors (ciphertext only). Anyone else — units (being referred an
 * opinion does not show its people yet), other deputies and clerks — hears the same 403 whether
 * the contact exists or not; the office and auditors hear 404 for an unknown one.
 */
const mayRead = (principal: Principal, contact: Contact | undefined): boolean => {
  switch (principal.role) {
    case "office":
    case "auditor":
      return true;
    case "deputy":
      return contact !== undefined && contact.deputyIds.includes(principal.id);
    case "clerk":
      return contact !== undefined && principal.stationId !== undefined && principal.stationId === contact.stationId;
    case "unit":
      return false;
    default: {
      const _exhaustive: never = principal.role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

/**
 * The people a contact and its opinions name, as `principal` may see them: opened with each
 * person's key, `[已删除]` once erased, sealed to an auditor. Every person returned in clear is
 * written to the access log (who, when, which contact).
 */
export const readContactPeople = async (store: EventStore, keys: PeopleKeyStore, principal: Principal, contactId: string, now: string): Promise<ContactPeopleView> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.contact(contactId))) events.push(event);
  const state = foldStream(deciders.contact, events, { validate: false });
  const contact = state.status === "recorded" ? state.contact : undefined;
  if (!mayRead(principal, contact)) throw new ForbiddenError(`${principal.role} ${principal.id} may not read the people of contact ${contactId}`);
  const recorded = events.findLast((event) => event.type === "ContactRecorded");
  if (contact === undefined || recorded === undefined) throw new NotFoundError(`contact ${contactId} does not exist`);
  const data = recorded.data as RecordedPeople;

  const shown = new Set<string>();
  const view = (person: SealedPerson): PersonView => {
    if (principal.role === "auditor") return { personId: person.personId, sealed: person.sealed };
    const key = keys.keyOf(person.personId);
    if (key.status !== "kept") return { personId: person.personId, name: ERASED, erased: true };
    const clear = openPerson(key.key, person.personId, person.sealed);
    shown.add(person.personId);
    return { personId: person.personId, ...clear };
  };
  const answer = {
    contactId,
    people: (data.people ?? []).map(view),
    opinions: data.opinions.filter((opinion) => opinion.people !== undefined).map((opinion) => ({ opinionId: opinion.opinionId, people: (opinion.people ?? []).map(view) })),
  };
  // One entry per person and read, however often the contact names them.
  for (const personId of shown) keys.recordAccess(personId, { at: now, actorRole: principal.role, actorId: principal.id, what: `contact ${contactId}` });
  return answer;
};
