import type { VoidEvent } from "./commands.js";
import { ConflictError, DomainRuleError, NotFoundError } from "./errors.js";
import { parseEvent, type DutyEvent, type DutyEventType, type EventVoided } from "./events.js";
import { requireRole } from "./guards.js";

/**
 * The decider pattern: `decide(command, state) -> events`, `evolve(state, event) -> state`,
 * `initialState`. Pure: no clock, no ids, no I/O (they arrive in the command).
 * Voiding is common to every stream: an `EventVoided` makes the event it names stop
 * counting, so the state is the fold of the events that still count (`foldStream`).
 */
export interface Decider<Command, Event extends DutyEvent, State> {
  /** The stream category, e.g. `suggestion`. */
  readonly name: string;
  /** The event types this stream holds (besides `EventVoided`). */
  readonly eventTypes: readonly Event["type"][];
  readonly initialState: State;
  /** Never throws: folds any event of `eventTypes`; `EventVoided` leaves the state unchanged. */
  evolve(state: State, event: Event): State;
  /** The events the command causes, or a LedgerError (403/404/409/422) when refused. */
  decide(command: Command, state: State): Event[];
  /**
   * Whether the event could have been recorded in this state (the state preconditions of
   * `decide`, without actor or time checks). Used to refuse a voiding that would leave a
   * later event without its prerequisite.
   */
  admits(state: State, event: Event): boolean;
}

/** The least a stored event must carry for folding: `id`, `type`, `data`. */
export interface StoredEventLike {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
}

export interface FoldOptions {
  /** Validate each event's data against its schema (default true). */
  readonly validate?: boolean;
}

// The variance of `evolve`/`decide` makes a precise "any decider" type awkward; this is it.
export type AnyDecider = Decider<any, any, any>;
export type StateOf<D> = D extends Decider<unknown, DutyEvent, infer S> ? S : never;
export type CommandOf<D> = D extends Decider<infer C, DutyEvent, unknown> ? C : never;
export type EventOfDecider<D> = D extends Decider<unknown, infer E, unknown> ? E : never;

const toEvent = (stored: StoredEventLike, decider: AnyDecider, validate: boolean): DutyEvent => {
  if (stored.type !== "EventVoided" && !(decider.eventTypes as readonly string[]).includes(stored.type)) {
    throw new Error(`event ${stored.id} of type ${stored.type} does not belong to a ${decider.name} stream`);
  }
  return validate ? parseEvent(stored.type, stored.data) : ({ type: stored.type, data: stored.data } as DutyEvent);
};

/** The type of the event that voids another: the one event no decider's `evolve` and no projection's `apply` sees. */
export const voidingEventType = "EventVoided" satisfies DutyEventType;

/** Whether the event voids another (an `EventVoided`). */
export const isVoiding = (event: { readonly type: string }): boolean => event.type === voidingEventType;

/** The ids of the events an `EventVoided` of the stream voids. */
export const voidedEventIds = (events: readonly StoredEventLike[]): Set<string> => {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === "EventVoided") ids.add((event.data as EventVoided["data"]).eventId);
  }
  return ids;
};

/** The events that still count: neither voided nor voidings themselves. */
export const countingEvents = <T extends StoredEventLike>(events: readonly T[]): T[] => {
  const voided = voidedEventIds(events);
  return events.filter((event) => event.type !== "EventVoided" && !voided.has(event.id));
};

/** The state of a stream: its counting events folded from `initialState`. */
export const foldStream = <C, E extends DutyEvent, S>(
  decider: Decider<C, E, S>,
  events: readonly StoredEventLike[],
  options: FoldOptions = {},
): S => {
  const validate = options.validate ?? true;
  return countingEvents(events).reduce<S>((state, stored) => decider.evolve(state, toEvent(stored, decider, validate) as E), decider.initialState);
};

/** Folds plain events (no ids, so no voiding) — for tests and replays of already-filtered logs. */
export const foldEvents = <C, E extends DutyEvent, S>(decider: Decider<C, E, S>, events: readonly E[]): S =>
  events.reduce<S>((state, event) => decider.evolve(state, event), decider.initialState);

/**
 * Decides a `VoidEvent` against the stream that holds the event (the shell finds the stream
 * by the event id and loads it). Refusals: 403 not office; 404 no such event in the stream;
 * 422 voiding a voiding; 409 already voided, or a later counting event depends on it
 * (void that one first).
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
  if (target.type === "EventVoided") {
    throw new DomainRuleError(`event ${eventId} is itself a voiding and cannot be voided`, { errors: [{ path: "eventId", message: "a voiding cannot be voided" }] });
  }
  if (voidedEventIds(events).has(eventId)) throw new ConflictError(`event ${eventId} is already voided`);

  const validate = options.validate ?? true;
  let state = decider.initialState;
  for (const stored of countingEvents(events)) {
    if (stored.id === eventId) continue;
    const event = toEvent(stored, decider, validate) as E;
    if (!decider.admits(state, event)) {
      throw new ConflictError(
        `voiding ${target.type} ${eventId} would leave ${stored.type} ${stored.id} without its prerequisite; void that event first`,
      );
    }
    state = decider.evolve(state, event);
  }
  return [
    {
      type: "EventVoided",
      data: { streamId, eventId, voidedType: target.type as DutyEventType, reason, voidedAt: command.metadata.now },
    },
  ];
};
