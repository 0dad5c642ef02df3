import {
  ConflictError,
  foldStream,
  type CommandActor,
  type Decider,
  type DutyEvent,
} from "@duty-ledger/domain";
import {
  isIdempotencyConflict,
  isWrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from "@duty-ledger/event-store";
import type { KeyedLock } from "./keyed-lock.js";

/** The ids of the events a command appends: index -> id (deterministic under an idempotency key). */
export type EventIdSource = (index: number) => string;

export interface HandleOptions {
  readonly correlationId?: string | undefined;
  readonly causationId?: string | undefined;
  /**
   * The command usually starts its stream (a registration, a new contact or suggestion): decide
   * on the empty state and append expecting no stream, without reading it first. Should the
   * stream exist after all (or the decision on the empty state refuse or change nothing), the
   * command takes the ordinary path: read, fold, decide. Same answers, one read less.
   */
  readonly expectNewStream?: boolean;
}

/** What an accepted command appended: the events as stored (or, on a retry, as stored the first time). */
export interface Handled {
  readonly streamId: string;
  /** The ids of `events`, in order (known without decoding the events). */
  readonly eventIds: readonly string[];
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

type Decide<S> = (state: S, history: readonly RecordedEvent[]) => readonly DutyEvent[];

/** One command bound to its stream: its decision on a history, and how its events are named. */
interface Job {
  readonly streamId: string;
  decideOn(history: readonly RecordedEvent[]): readonly DutyEvent[];
  readonly actor: CommandActor;
  /** The backfill the command was decided under: its events carry `metadata.backfillId`. */
  readonly backfillId: string | undefined;
  readonly eventIds: EventIdSource;
  readonly options: HandleOptions;
}

/** What the handler reads of a command besides its decision: the actor, and the backfill it is written under. */
interface CommandLike {
  readonly metadata: { readonly actor: CommandActor; readonly backfill?: { readonly backfillId: string } | undefined };
}

/** An append the store refused for a reason the caller handles by deciding again. */
const refused = "refused";

const noHistory: readonly RecordedEvent[] = [];

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

  /** Appends the decided events at `expectedRevision`: the answer, or `refused` when the store refuses for a reason `isRefusal` accepts. */
  const append = async (
    job: Job,
    decided: readonly DutyEvent[],
    expectedRevision: ExpectedRevision,
    isRefusal: (error: unknown) => boolean,
  ): Promise<Handled | typeof refused> => {
    const { actor, eventIds, options } = job;
    const metadataActor = { id: actor.id, role: actor.role, ...(actor.stationId === undefined ? {} : { stationId: actor.stationId }) };
    // The stores keep every member of a caller's metadata: `backfillId` is one (see `backfillIdOf`).
    const metadata = {
      actor: metadataActor,
      correlationId: options.correlationId,
      causationId: options.causationId,
      ...(job.backfillId === undefined ? {} : { backfillId: job.backfillId }),
    };
    const events: NewEvent[] = decided.map((event, index) => ({ id: eventIds(index), type: event.type, data: event.data, metadata }));
    try {
      return appendedAnswer(job.streamId, events, await store.append(job.streamId, events, { expectedRevision }));
    } catch (error) {
      if (isRefusal(error)) return refused;
      throw error;
    }
  };

  /** The ordinary path: `refused` when another writer changed the stream since it was read. */
  const attempt = async (job: Job): Promise<Handled | typeof refused> => {
    const history = await loadStream(job.streamId);
    const firstId = job.eventIds(0);
    const previous = history.findIndex((event) => event.id === firstId);
    if (previous !== -1) return storedAnswer(job.streamId, history.slice(previous).filter((e, i) => e.id === job.eventIds(i)));

    const decided = job.decideOn(history);
    if (decided.length === 0) throw new ConflictError("the command changes nothing");
    const last = history.at(-1);
    return append(job, decided, last === undefined ? "no_stream" : last.revision, isWrongExpectedRevision);
  };

  /** `expectNewStream`: the answer, or `refused` when the ordinary path must decide. */
  const attemptNewStream = async (job: Job): Promise<Handled | typeof refused> => {
    let decided: readonly DutyEvent[];
    try {
      decided = job.decideOn(noHistory);
    } catch {
      return refused; // the stream's real state may refuse otherwise (e.g. "already registered")
    }
    if (decided.length === 0) return refused;
    // Accepted only when the stream is empty at commit: then the empty state was the state.
    // (Or, on a retry under an idempotency key, when these very events are stored: the store
    // answers with the originals.) Refused, nothing written: the stream exists, or holds these
    // ids with other content (a retry decided at another time); the ordinary path finds out which.
    return append(job, decided, "no_stream", (error) => isWrongExpectedRevision(error) || isIdempotencyConflict(error));
  };

  const handleWith = async <C extends CommandLike, E extends DutyEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    eventIds: EventIdSource,
    options: HandleOptions,
    decide: Decide<S>,
  ): Promise<Handled> => {
    const job: Job = {
      streamId,
      decideOn: (history) => decide(foldStream(decider, history), history),
      actor: command.metadata.actor,
      backfillId: command.metadata.backfill?.backfillId,
      eventIds,
      options,
    };
    return lock.run(streamId, async () => {
      if (options.expectNewStream === true) {
        const outcome = await attemptNewStream(job);
        if (outcome !== refused) return outcome;
      }
      for (let round = 1; round <= maxAttempts; round += 1) {
        const outcome = await attempt(job);
        if (outcome !== refused) return outcome;
      }
      throw new ConflictError(`stream ${streamId} kept changing under concurrent writes; retry the request`);
    });
  };

  return {
    /** Decides `command` on the stream with `decider.decide` and appends the result. */
    handle<C extends CommandLike, E extends DutyEvent, S>(
      decider: Decider<C, E, S>,
      streamId: string,
      command: C,
      eventIds: EventIdSource,
      options: HandleOptions = {},
    ): Promise<Handled> {
      return handleWith(decider, streamId, command, eventIds, options, (state) => decider.decide(command, state));
    },

    /** Like `handle`, with a decision that also sees the stream's history (voiding). */
    handleWith,
  };
};

export type CommandHandler = ReturnType<typeof createCommandHandler>;

/** The answer from events read back from the stream (a retry of a command appended before). */
const storedAnswer = (streamId: string, events: readonly RecordedEvent[]): Handled => {
  const last = events.at(-1);
  if (last === undefined) throw new Error(`no events to answer with for ${streamId}`);
  return { streamId, eventIds: events.map((event) => event.id), events, position: last.position };
};

/**
 * The answer of an accepted append. Its ids are those appended (an idempotent repeat returns the
 * originals, which have the same ids); the events are taken from the result only when read, so
 * an answer that needs only ids and position never decodes them.
 */
const appendedAnswer = (streamId: string, appended: readonly NewEvent[], result: AppendResult): Handled => ({
  streamId,
  eventIds: appended.map((event) => event.id),
  get events(): readonly RecordedEvent[] {
    return result.events;
  },
  position: result.position,
});
