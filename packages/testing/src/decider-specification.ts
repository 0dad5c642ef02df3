import {
  decideVoid,
  foldStream,
  isLedgerError,
  parseEvent,
  type Decider,
  type DomainErrorCode,
  type DutyEvent,
  type StoredEventLike,
  type VoidEvent,
} from "@duty-ledger/domain";
import { expect } from "vitest";

/**
 * Given/when/then for deciders:
 *
 *   DeciderSpecification.for(suggestionDecider)
 *     .given([submitted, accepted])      // past events (with `id` to take part in voiding)
 *     .when(assignCommand)
 *     .then([assignedEvent]);            // or .thenThrows("CONFLICT") / .thenNothing()
 *
 * `given` folds the events with `foldStream` (voided events stop counting), validating each
 * against its schema. `then` also checks that every event the decider emits is valid.
 */

/**
 * A given event: a typed `{type, data}`, optionally with the `id` it was stored under (an
 * id is made up when absent), or any stored-looking `{id?, type, data}` (validated on fold).
 */
export type GivenEvent<E extends DutyEvent> = E | (E & { readonly id: string }) | { readonly id?: string; readonly type: string; readonly data: unknown };

/** What `thenThrows` expects: an error code, or a predicate over the thrown error. */
export type ExpectedThrow = DomainErrorCode | ((error: unknown) => boolean);

export interface DeciderThen<E extends DutyEvent> {
  /** The decider emits exactly these events (deep equality), each valid against its schema. */
  then(expected: readonly E[]): void;
  /** The decider refuses: throws a LedgerError with this code (and message matching `message`). */
  thenThrows(expected: ExpectedThrow, message?: RegExp | string): void;
  /** The decider accepts and emits nothing. */
  thenNothing(): void;
}

export interface DeciderWhen<C, E extends DutyEvent, S> {
  when(command: C): DeciderThen<E>;
  /** Decides a `VoidEvent` against the given events (which need `id`s to be named). */
  whenVoiding(command: VoidEvent, streamId?: string): DeciderThen<DutyEvent>;
  /** The state the given events fold to. */
  state(): S;
}

const toStored = (events: readonly GivenEvent<DutyEvent>[]): StoredEventLike[] =>
  events.map((event, index) => ({
    id: "id" in event && typeof event.id === "string" ? event.id : `given-${index}`,
    type: event.type,
    data: event.data,
  }));

const describeError = (error: unknown): string =>
  isLedgerError(error) ? `${error.name} (${error.code}): ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const thenOf = <E extends DutyEvent>(run: () => readonly E[]): DeciderThen<E> => {
  const outcome = (): { events: readonly E[] } | { error: unknown } => {
    try {
      return { events: run() };
    } catch (error) {
      return { error };
    }
  };
  const expectEvents = (expected: readonly E[]): void => {
    const result = outcome();
    if ("error" in result) expect.fail(`expected events, but the decider threw ${describeError(result.error)}`);
    for (const event of result.events) {
      expect(parseEvent(event.type, event.data), `emitted ${event.type} must be valid against its schema`).toEqual(event);
    }
    expect(result.events).toEqual(expected);
  };
  return {
    then: expectEvents,
    thenNothing: () => expectEvents([]),
    thenThrows: (expected, message) => {
      const result = outcome();
      if (!("error" in result)) expect.fail(`expected the decider to throw, but it emitted ${JSON.stringify(result.events)}`);
      const { error } = result;
      if (typeof expected === "function") {
        expect(expected(error), `unexpected error ${describeError(error)}`).toBe(true);
      } else {
        expect(isLedgerError(error) ? error.code : describeError(error), `unexpected error ${describeError(error)}`).toBe(expected);
      }
      if (message !== undefined) {
        const text = error instanceof Error ? error.message : String(error);
        if (typeof message === "string") expect(text).toContain(message);
        else expect(text).toMatch(message);
      }
    },
  };
};

const specification = <C, E extends DutyEvent, S>(decider: Decider<C, E, S>, given: readonly GivenEvent<E>[]): DeciderWhen<C, E, S> => {
  const stored = toStored(given);
  const state = (): S => foldStream(decider, stored);
  return {
    state,
    when: (command) => thenOf<E>(() => decider.decide(command, state())),
    whenVoiding: (command, streamId = "test-stream") => thenOf<DutyEvent>(() => decideVoid(decider, streamId, stored, command)),
  };
};

export const DeciderSpecification = {
  for: <C, E extends DutyEvent, S>(decider: Decider<C, E, S>) => ({
    given: (events: readonly GivenEvent<E>[]): DeciderWhen<C, E, S> => specification(decider, events),
    when: (command: C): DeciderThen<E> => specification(decider, []).when(command),
  }),
} as const;
