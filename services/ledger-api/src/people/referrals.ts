import { deciders, foldStream, participationCounts, streamIdOf, type Contact } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";

/**
 * Which opinions were referred to a unit (personal-data.md: a unit sees an opinion's people's
 * names only when it was referred to them): an opinion is referred to a unit when a suggestion
 * that cites it (`sourceOpinionIds`), led by a deputy whose part in the contact counts, is
 * assigned to that unit, as lead or co-unit (its current assignment, voidings applied).
 *
 * Opinion ids do not name their suggestions, so the index opinion id → citing suggestion ids is
 * read from the log's `SuggestionSubmitted` events, caught up to the head before each look-up
 * (one per people API, nothing shared).
 */
export interface ReferralIndex {
  /** The opinions of `contact` referred to `unitId`. */
  referredTo(contact: Contact, unitId: string): Promise<ReadonlySet<string>>;
}

export const createReferralIndex = (store: EventStore): ReferralIndex => {
  const citing = new Map<string, string[]>();
  let position = 0;
  let catchingUp: Promise<void> = Promise.resolve();

  const catchUp = async (): Promise<void> => {
    const head = await store.headPosition();
    if (head <= position) return;
    for await (const event of store.readAll({ fromPosition: position + 1, filter: { eventTypes: ["SuggestionSubmitted"] } })) {
      const data = event.data as { readonly suggestionId: string; readonly sourceOpinionIds?: readonly string[] };
      for (const opinionId of data.sourceOpinionIds ?? []) {
        const known = citing.get(opinionId);
        if (known === undefined) citing.set(opinionId, [data.suggestionId]);
        else if (!known.includes(data.suggestionId)) known.push(data.suggestionId);
      }
      position = Math.max(position, event.position);
    }
    position = Math.max(position, head);
  };

  const suggestionOf = async (suggestionId: string) => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamIdOf.suggestion(suggestionId))) events.push(event);
    return foldStream(deciders.suggestion, events, { validate: false });
  };

  return {
    async referredTo(contact, unitId) {
      catchingUp = catchingUp.catch(() => undefined).then(catchUp);
      await catchingUp;
      const referred = new Set<string>();
      for (const { opinionId } of contact.opinions) {
        for (const suggestionId of citing.get(opinionId) ?? []) {
          const state = await suggestionOf(suggestionId);
          const assignment = state.status === "none" ? undefined : state.assignment;
          const assigned = assignment !== undefined && (assignment.leadUnitId === unitId || assignment.coUnitIds.includes(unitId));
          if (assigned && participationCounts(contact, state.leadDeputyId)) {
            referred.add(opinionId);
            break;
          }
        }
      }
      return referred;
    },
  };
};
