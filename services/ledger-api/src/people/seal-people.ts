import { domainRule, type Opinion, type SealedPerson } from "@duty-ledger/domain";
import type { PeopleKeyStore } from "./key-store.js";
import type { ClearPerson } from "./people-bodies.js";
import { sealPerson } from "./sealing.js";

/** What a contact body's people become in its command: sealed, and every person id it names. */
export interface SealedContactPeople {
  readonly people: SealedPerson[] | undefined;
  readonly opinions: Opinion[];
  readonly personIds: readonly string[];
}

interface ClearOpinion {
  readonly opinionId: string;
  readonly text: string;
  readonly people?: readonly ClearPerson[] | undefined;
}

/**
 * Seals each person of a contact body under that person's data key (made on first mention),
 * so that the command — and the log — only ever holds ciphertext. Refused (422 naming the
 * field): people on a ledger without a key store, and a person whose data was erased.
 */
export const sealContactPeople = (
  keys: PeopleKeyStore | undefined,
  body: { readonly people?: readonly ClearPerson[] | undefined; readonly opinions?: readonly ClearOpinion[] | undefined },
  at: string,
): SealedContactPeople => {
  const personIds = new Set<string>();
  const seal = (list: readonly ClearPerson[] | undefined, path: string): SealedPerson[] | undefined => {
    if (list === undefined) return undefined;
    if (keys === undefined) throw domainRule(path, "this ledger keeps no personal data (no key store)");
    return list.map((person, index) => {
      const key = keys.dataKeyFor(person.personId, at);
      if (key.status !== "kept") throw domainRule(`${path}.${index}.personId`, `the data of person ${person.personId} was erased`);
      personIds.add(person.personId);
      return { personId: person.personId, sealed: sealPerson(key.key, person.personId, person) };
    });
  };
  const people = seal(body.people, "people");
  const opinions = (body.opinions ?? []).map((opinion, index): Opinion => {
    const sealed = seal(opinion.people, `opinions.${index}.people`);
    return { opinionId: opinion.opinionId, text: opinion.text, ...(sealed === undefined ? {} : { people: sealed }) };
  });
  return { people, opinions, personIds: [...personIds] };
};
