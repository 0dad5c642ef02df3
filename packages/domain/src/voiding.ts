import type { VoidEvent } from "./commands.js";
import type { Decider, StoredEventLike } from "./decider.js";
import { ConflictError, DomainRuleError, NotFoundError } from "./errors.js";
import { isVoiding, parseEvent, voidingEventType, type DutyEvent, type DutyEventType, type EventVoided } from "./events.js";
import { requireRole } from "./guards.js";

/**
 * Voiding, common to every stream and the only domain code that knows it: an `EventVoided`
 * makes the event it names stop counting, so a stream's state is the fold of the events that
 * still count (`foldStream`) and a decider's `evolve` never sees a voiding.
 */

export interface FoldOptions {
  /** Validate each event's data against its schema (default true). */
  readonly validate?: boolean;
}

/** The ids of the events an `EventVoided` of the stream voids. */
export const voidedEventIds = (events: readonly StoredEventLike[]): Set<string> => {
  const ids = new Set<string>();
  for (const event of events) {
    if (isVoiding(event)) ids.add((event.data as EventVoided["data"]).eventId);
  }
  return ids;
};

/** The events that still count: neither voided nor voidings themselves. */
export const countingEvents = <T extends StoredEventLike>(events: readonly T[]): T[] => {
  const voided = voidedEventIds(events);
  return events.filter((event) => !isVoiding(event) && !voided.has(event.id));
};

/** A counting event of the decider's stream, validated unless told not to. */
const factOf = <E extends DutyEvent>(stored: StoredEventLike, decider: Decider<unknown, E, unknown>, validate: boolean): E => {
  if (!(decider.eventTypes as readonly string[]).includes(stored.type)) {
    throw new Error(`event ${stored.id} of type ${stored.type} does not belong to a ${decider.name} stream`);
  }
  return (validate ? parseEvent(stored.type, stored.data) : { type: stored.type, data: stored.data }) as E;
};

/** The state of a stream: its counting events folded from `initialState`. */
export const foldStream = <C, E extends DutyEvent, S>(decider: Decider<C, E, S>, events: readonly StoredEventLike[], options: FoldOptions = {}): S => {
  const validate = options.validate ?? true;
  return countingEvents(events).reduce<S>((state, stored) => decider.evolve(state, factOf(stored, decider, validate)), decider.initialState);
};

/**
 * Decides a `VoidEvent` against the stream that holds the event (the shell finds the stream
 * by the event id and loads it). Refusals: 403 not office; 404 no such event in the stream;
 * 422 voiding a voiding; 409 already voided, or a later counting event depends on it — the
 * counting events without it, replayed, are not all admitted by their guards (void that
 * one first).
 */
export const decideVoid = <C, E extends DutyEvent, S>(
  decider: Decider<C, E, S>,
  streamId: string,
  events: readonly StoredEventLike[],
  command: VoidEvent,
  options: FoldOptions = {},
): EventVoided[] => {
  requireRole(command.metadata.actor, ["office"], "void events");
  const { eventId, reason } = command.data;
  const target = events.find((event) => event.id === eventId);
  if (target === undefined) throw new NotFoundError(`no event ${eventId} in stream ${streamId}`);
  if (isVoiding(target)) {
    throw new DomainRuleError(`event ${eventId} is itself a voiding and cannot be voided`, { errors: [{ path: "eventId", message: "a voiding cannot be voided" }] });
  }
  if (voidedEventIds(events).has(eventId)) throw new ConflictError(`event ${eventId} is already voided`);

  const validate = options.validate ?? true;
  let state = decider.initialState;
  for (const stored of countingEvents(events)) {
    if (stored.id === eventId) continue;
    const event = factOf(stored, decider, validate);
    if (!decider.admits(state, event)) {
      throw new ConflictError(
        `voiding ${target.type} ${eventId} would leave ${stored.type} ${stored.id} without its prerequisite; void that event first`,
      );
    }
    state = decider.evolve(state, event);
  }
  return [
    {
      type: voidingEventType,
      data: { streamId, eventId, voidedType: target.type as DutyEventType, reason, voidedAt: command.metadata.now },
    },
  ];
};
