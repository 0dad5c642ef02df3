import {
  ConflictError,
  foldStream,
  type CommandActor,
  type Decider,
  type DutyEvent,
} from "@duty-ledger/domain";
import { isWrongExpectedRevision, type EventStore, type NewEvent, type RecordedEvent } from "@duty-ledger/event-store";
import type { KeyedLock } from "./keyed-lock.js";

/** The ids of the events a command appends: index -> id (deterministic under an idempotency key). */
export type EventIdSource = (index: number) => string;

export interface HandleOptions {
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
}

/** What an accepted command appended: the events as stored (or, on a retry, as stored the first time). */
export interface Handled {
  readonly streamId: string;
  readonly events: readonly RecordedEvent[];
  /** Global position of the last event of the command. */
  readonly position: number;
}

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly lock: KeyedLock;
  /** Attempts on a concurrent write to the same stream before answering 409. Default 5. */
  readonly maxAttempts?: number;
}

/**
 * The write path of one command: load the stream, fold it, decide, append with the stream's
 * revision as the expected revision. Commands on one stream are serialised in this process
 * (keyed lock); a concurrent writer in another process is caught by the expected revision and
 * the command is decided again on the new state, a bounded number of times.
 *
 * Retries after a crash: when the stream already holds the command's first event id (the ids
 * derive from the idempotency key), the command was appended before; its events are the answer
 * and nothing is appended again.
 */
export const createCommandHandler = ({ store, lock, maxAttempts = 5 }: CommandHandlerOptions) => {
  const loadStream = async (streamId: string): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamId)) events.push(event);
    return events;
  };

  const attempt = async <C extends { metadata: { actor: CommandActor } }, E extends DutyEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    eventIds: EventIdSource,
    options: HandleOptions,
    decide: (state: S, history: readonly RecordedEvent[]) => readonly DutyEvent[],
  ): Promise<Handled | "retry"> => {
    const history = await loadStream(streamId);
    const firstId = eventIds(0);
    const previous = history.findIndex((event) => event.id === firstId);
    if (previous !== -1) return answerOf(streamId, history.slice(previous).filter((e, i) => e.id === eventIds(i)));

    const decided = decide(foldStream(decider, history), history);
    if (decided.length === 0) throw new ConflictError("the command changes nothing");
    const { actor } = command.metadata;
    const events: NewEvent[] = decided.map((event, index) => ({
      id: eventIds(index),
      type: event.type,
      data: event.data,
      metadata: {
        actor: { id: actor.id, role: actor.role, ...(actor.stationId === undefined ? {} : { stationId: actor.stationId }) },
        correlationId: options.correlationId,
        causationId: options.causationId,
      },
    }));
    const last = history.at(-1);
    try {
      const result = await store.append(streamId, events, { expectedRevision: last === undefined ? "no_stream" : last.revision });
      return answerOf(streamId, result.events);
    } catch (error) {
      if (isWrongExpectedRevision(error)) return "retry";
      throw error;
    }
  };

  return {
    /** Decides `command` on the stream with `decider.decide` and appends the result. */
    handle<C extends { metadata: { actor: CommandActor } }, E extends DutyEvent, S>(
      decider: Decider<C, E, S>,
      streamId: string,
      command: C,
      eventIds: EventIdSource,
      options: HandleOptions = {},
    ): Promise<Handled> {
      return this.handleWith(decider, streamId, command, eventIds, options, (state) => decider.decide(command, state));
    },

    /** Like `handle`, with a decision that also sees the stream's history (voiding). */
    async handleWith<C extends { metadata: { actor: CommandActor } }, E extends DutyEvent, S>(
      decider: Decider<C, E, S>,
      streamId: string,
      command: C,
      eventIds: EventIdSource,
      options: HandleOptions,
      decide: (state: S, history: readonly RecordedEvent[]) => readonly DutyEvent[],
    ): Promise<Handled> {
      return lock.run(streamId, async () => {
        for (let round = 1; round <= maxAttempts; round += 1) {
          const outcome = await attempt(decider, streamId, command, eventIds, options, decide);
          if (outcome !== "retry") return outcome;
        }
        throw new ConflictError(`stream ${streamId} kept changing under concurrent writes; retry the request`);
      });
    },
  };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;

const answerOf = (streamId: string, events: readonly RecordedEvent[]): Handled => {
  const last = events.at(-1);
  if (last === undefined) throw new Error(`no events to answer with for ${streamId}`);
  return { streamId, events, position: last.position };
};
