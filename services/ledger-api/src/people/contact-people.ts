import { deciders, foldStream, ForbiddenError, NotFoundError, streamIdOf, type Contact, type SealedPerson } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import type { Principal } from "@duty-ledger/http-kit";
import type { PeopleKeyStore } from "./key-store.js";
import type { ReferralIndex } from "./referrals.js";
import { openPerson } from "./sealing.js";

/** What stands in place of an erased person's fields (personal-data.md). */
export const ERASED = "[已删除]";

/** A person as a read shows them: in clear (a unit: the name only), erased, or (to an auditor) sealed. */
export type PersonView =
  | { readonly personId: string; readonly name: string; readonly phone?: string; readonly idNumber?: string }
  | { readonly personId: string; readonly name: typeof ERASED; readonly erased: true }
  | { readonly personId: string; readonly sealed: string };

export interface ContactPeopleView {
  readonly contactId: string;
  readonly people: readonly PersonView[];
  readonly opinions: readonly { readonly opinionId: string; readonly text: string; readonly people: readonly PersonView[] }[];
}

interface RecordedPeople {
  readonly people?: readonly SealedPerson[] | undefined;
  readonly opinions: readonly { readonly opinionId: string; readonly text: string; readonly people?: readonly SealedPerson[] | undefined }[];
}

/** What a principal sees of a contact's people: all of it, the opinions referred to it (names only), or nothing. */
type Sight = { readonly kind: "all" } | { readonly kind: "sealed" } | { readonly kind: "referred"; readonly opinionIds: ReadonlySet<string> } | { readonly kind: "none" };

/**
 * Who sees a contact's people (personal-data.md): the office, the deputies named in it and the
 * clerks of its station, in full; auditors, ciphertext only; a unit, the opinions referred to it
 * (cited by a suggestion assigned to it) with their people's names only. Anyone else — and a
 * unit with nothing referred — hears the same 403 whether the contact exists or not; the office
 * and auditors hear 404 for an unknown one.
 */
const sightOf = async (principal: Principal, contact: Contact | undefined, referrals: ReferralIndex): Promise<Sight> => {
  switch (principal.role) {
    case "office":
      return { kind: "all" };
    case "auditor":
      return { kind: "sealed" };
    case "deputy":
      return contact !== undefined && contact.deputyIds.includes(principal.id) ? { kind: "all" } : { kind: "none" };
    case "clerk":
      return contact !== undefined && principal.stationId !== undefined && principal.stationId === contact.stationId ? { kind: "all" } : { kind: "none" };
    case "unit": {
      const opinionIds = contact === undefined ? new Set<string>() : await referrals.referredTo(contact, principal.id);
      return opinionIds.size === 0 ? { kind: "none" } : { kind: "referred", opinionIds };
    }
    default: {
      const _exhaustive: never = principal.role;
      throw new Error(`unknown role ${String(_exhaustive)}`);
    }
  }
};

/**
 * The people a contact and its opinions name, as `principal` may see them: opened with each
 * person's key, `[已删除]` once erased, sealed to an auditor. Every person returned in clear is
 * written to the access log, once per read (who, when, which contact).
 */
export const readContactPeople = async (
  store: EventStore,
  keys: PeopleKeyStore,
  referrals: ReferralIndex,
  principal: Principal,
  contactId: string,
  now: string,
): Promise<ContactPeopleView> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.contact(contactId))) events.push(event);
  const state = foldStream(deciders.contact, events, { validate: false });
  const contact = state.status === "recorded" ? state.contact : undefined;
  const sight = await sightOf(principal, contact, referrals);
  if (sight.kind === "none") throw new ForbiddenError(`${principal.role} ${principal.id} may not read the people of contact ${contactId}`);
  const recorded = events.findLast((event) => event.type === "ContactRecorded");
  if (contact === undefined || recorded === undefined) throw new NotFoundError(`contact ${contactId} does not exist`);
  const data = recorded.data as RecordedPeople;

  const shown = new Set<string>();
  const view = (person: SealedPerson): PersonView => {
    if (sight.kind === "sealed") return { personId: person.personId, sealed: person.sealed };
    const key = keys.keyOf(person.personId);
    if (key.status !== "kept") return { personId: person.personId, name: ERASED, erased: true };
    const clear = openPerson(key.key, person.personId, person.sealed);
    shown.add(person.personId);
    return sight.kind === "referred" ? { personId: person.personId, name: clear.name } : { personId: person.personId, ...clear };
  };
  const opinions = data.opinions.filter((opinion) => (sight.kind === "referred" ? sight.opinionIds.has(opinion.opinionId) : opinion.people !== undefined));
  const answer: ContactPeopleView = {
    contactId,
    people: sight.kind === "referred" ? [] : (data.people ?? []).map(view),
    opinions: opinions.map((opinion) => ({ opinionId: opinion.opinionId, text: opinion.text, people: (opinion.people ?? []).map(view) })),
  };
  for (const personId of shown) keys.recordAccess(personId, { at: now, actorRole: principal.role, actorId: principal.id, what: `contact ${contactId}` });
  return answer;
};
