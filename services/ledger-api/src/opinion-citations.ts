import { deciders, DomainRuleError, foldStream, participationCounts, streamIdOf, type ContactState, type FieldError } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";

/**
 * `sourceOpinionIds` must name opinions of contacts the lead deputy took part in (trust.md,
 * "Participation that counts is confirmed"). Opinion ids do not name their contact, so the
 * write side keeps an index opinion id → contact ids, read from the log's `ContactRecorded`
 * events and caught up to the log's head before each check (one per ledger API, nothing shared
 * between instances). The index only says where to look: each candidate contact's stream is
 * folded (voidings applied), and the opinion counts only if the counting contact holds it and
 * the lead's participation in it counts (named, and confirmed when that was asked).
 */
export interface OpinionIndex {
  /** The contacts whose recording named each opinion id (any, voided ones included), after catching up with the log. */
  contactsOf(opinionIds: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>;
}

export const createOpinionIndex = (store: EventStore): OpinionIndex => {
  const contacts = new Map<string, string[]>();
  let position = 0;
  let catchingUp: Promise<void> = Promise.resolve();

  const catchUp = async (): Promise<void> => {
    const head = await store.headPosition();
    if (head <= position) return;
    for await (const event of store.readAll({ fromPosition: position + 1, filter: { eventTypes: ["ContactRecorded"] } })) {
      const data = event.data as { readonly contactId: string; readonly opinions: readonly { readonly opinionId: string }[] };
      for (const { opinionId } of data.opinions) {
        const known = contacts.get(opinionId);
        if (known === undefined) contacts.set(opinionId, [data.contactId]);
        else if (!known.includes(data.contactId)) known.push(data.contactId);
      }
      position = Math.max(position, event.position);
    }
    position = Math.max(position, head);
  };

  return {
    async contactsOf(opinionIds) {
      // One catch-up at a time: each starts where the previous one stopped.
      catchingUp = catchingUp.catch(() => undefined).then(catchUp);
      await catchingUp;
      return new Map(opinionIds.map((id) => [id, [...(contacts.get(id) ?? [])]]));
    },
  };
};

const contactStateOf = async (store: EventStore, contactId: string): Promise<ContactState> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.contact(contactId))) events.push(event);
  return foldStream(deciders.contact, events, { validate: false });
};

/** Refuses (422, one error per bad `sourceOpinionIds.<i>`) citations of opinions the lead deputy did not take part in. */
export const requireCitedOpinions = async (store: EventStore, index: OpinionIndex, leadDeputyId: string, sourceOpinionIds: readonly string[]): Promise<void> => {
  if (sourceOpinionIds.length === 0) return;
  const candidates = await index.contactsOf(sourceOpinionIds);
  const states = new Map<string, Promise<ContactState>>();
  const stateOf = (contactId: string): Promise<ContactState> => {
    let state = states.get(contactId);
    if (state === undefined) states.set(contactId, (state = contactStateOf(store, contactId)));
    return state;
  };
  const errors: FieldError[] = [];
  for (const [i, opinionId] of sourceOpinionIds.entries()) {
    let cited = false;
    for (const contactId of candidates.get(opinionId) ?? []) {
      const state = await stateOf(contactId);
      if (state.status !== "recorded") continue;
      const { contact } = state;
      if (contact.opinions.some((o) => o.opinionId === opinionId) && participationCounts(contact, leadDeputyId)) {
        cited = true;
        break;
      }
    }
    if (!cited) errors.push({ path: `sourceOpinionIds.${i}`, message: `not an opinion of a contact deputy ${leadDeputyId} took part in (confirmed)` });
  }
  if (errors.length > 0) throw new DomainRuleError(errors.map((e) => `${e.path}: ${e.message}`).join("; "), { errors });
};
