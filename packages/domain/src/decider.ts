import type { LedgerError } from "./errors.js";
import { streamEventTypes, type DutyEvent, type EventData, type FactEvent, type StreamCategory, type StreamEvent } from "./events.js";

/**
 * The decider pattern: `decide(command, state) -> events`, `evolve(state, event) -> state`,
 * `initialState`. Pure: no clock, no ids, no I/O (they arrive in the command).
 * A decider knows only its stream's facts; voiding is `voiding.ts`'s: `foldStream` folds the
 * events that still count, so `evolve` never sees a voiding, and `decideVoid` replays the
 * rest through `admits`.
 */
export interface Decider<Command, Event extends DutyEvent, State> {
  /** The stream category, e.g. `suggestion`. */
  readonly name: string;
  /** The (fact) event types this stream holds. */
  readonly eventTypes: readonly Event["type"][];
  readonly initialState: State;
  /** Never throws: folds any event of `eventTypes`. */
  evolve(state: State, event: Event): State;
  /** The events the command causes, or a LedgerError (403/404/409/422) when refused. */
  decide(command: Command, state: State): Event[];
  /**
   * Whether the event could have been recorded in this state: its guard passes (the state
   * preconditions of `decide`, without actor or time checks). Used to refuse a voiding that
   * would leave a later event without its prerequisite.
   */
  admits(state: State, event: Event): boolean;
}

/**
 * The state preconditions of recording one event type: the refusal `decide` throws when the
 * state does not allow it, or `undefined`. A guard may read only part of the data.
 */
export type Guard<State, T extends FactEvent["type"]> = (state: State, data: EventData<T>) => LedgerError | undefined;
/** One guard per event type of the stream. */
export type Guards<State, Event extends FactEvent> = { readonly [T in Event["type"]]: Guard<State, T> };

/** `admits`, from the guards: the event's guard refuses nothing. */
export const admitsOf =
  <State, Event extends FactEvent>(guards: Guards<State, Event>) =>
  (state: State, event: Event): boolean =>
    (guards[event.type as Event["type"]] as (state: State, data: unknown) => LedgerError | undefined)(state, event.data) === undefined;

/** The decider of a stream category: its events are the category's facts, each with a guard. */
export interface StreamDecider<Command, C extends StreamCategory, State> extends Decider<Command, StreamEvent<C>, State> {
  readonly name: C;
  readonly guards: Guards<State, StreamEvent<C>>;
}

export interface StreamDeciderSpec<Command, C extends StreamCategory, State> {
  readonly name: C;
  readonly initialState: State;
  evolve(state: State, event: StreamEvent<C>): State;
  decide(command: Command, state: State): StreamEvent<C>[];
  readonly guards: Guards<State, StreamEvent<C>>;
}

/** A stream's decider: `eventTypes` from the event catalog, `admits` from the guards. */
export const defineDecider = <Command, C extends StreamCategory, State>(spec: StreamDeciderSpec<Command, C, State>): StreamDecider<Command, C, State> => ({
  name: spec.name,
  eventTypes: streamEventTypes[spec.name] as readonly StreamEvent<C>["type"][],
  initialState: spec.initialState,
  evolve: spec.evolve,
  decide: spec.decide,
  guards: spec.guards,
  admits: admitsOf(spec.guards),
});

/** The least a stored event must carry for folding: `id`, `type`, `data`. */
export interface StoredEventLike {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
}

// The variance of `evolve`/`decide` makes a precise "any decider" type awkward; this is it.
export type AnyDecider = Decider<any, any, any>;
export type StateOf<D> = D extends Decider<unknown, DutyEvent, infer S> ? S : never;
export type CommandOf<D> = D extends Decider<infer C, DutyEvent, unknown> ? C : never;
export type EventOfDecider<D> = D extends Decider<unknown, infer E, unknown> ? E : never;

/** Folds plain events (no ids, so no voiding) — for tests and replays of already-filtered logs. */
export const foldEvents = <C, E extends DutyEvent, S>(decider: Decider<C, E, S>, events: readonly E[]): S =>
  events.reduce<S>((state, event) => decider.evolve(state, event), decider.initialState);
