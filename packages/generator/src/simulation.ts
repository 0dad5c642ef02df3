import {
  decideVoid,
  foldStream,
  shanghaiIsoOf,
  type CommandActor,
  type CommandMetadata,
  type Decider,
  type DutyEvent,
  type StoredEventLike,
  type VoidEvent,
} from "@duty-ledger/domain";
import type { ExpectedRevision, NewEvent } from "@duty-ledger/event-store";
import { createActionQueue, type ActionQueue } from "./action-queue.js";
import type { EventIdFactory } from "./event-id-factory.js";
import { toSecond } from "./working-time.js";

/**
 * The core of the generator: a discrete-event simulation. Actions run in simulated-time order;
 * an action issues COMMANDS to the domain deciders against the current state of a stream and
 * commits the events they decide (never events made up by hand). Committed events become
 * appends `{streamId, expectedRevision, events}` with `recordedAt` = the action's time.
 */

/** One append of the generated history. */
export interface GeneratedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
  /** Simulated time the ledger received it (ISO 8601, +08:00); see `seedStore` for how it is kept. */
  readonly recordedAt: string;
}

/** A stream the simulation is acting on: its state folded from the events committed so far. */
export interface StreamEntity<S> {
  readonly streamId: string;
  /** Last revision, -1 before the first event. */
  revision: number;
  state: S;
  /** The events as committed, kept only for streams where an event will be voided. */
  readonly stored: StoredEventLike[] | undefined;
}

export const newEntity = <S>(streamId: string, initialState: S, keepEvents = false): StreamEntity<S> => ({
  streamId,
  revision: -1,
  state: initialState,
  stored: keepEvents ? [] : undefined,
});

/** The generator refused its own command: a bug of the generator, never of the data. */
export class GeneratorRefusedError extends Error {
  readonly code = "GENERATOR_REFUSED";
}

interface PendingAppend {
  readonly streamId: string;
  readonly at: number;
  readonly actorId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: NewEvent[];
}

export interface SimulationOptions {
  readonly eventIds: EventIdFactory;
  /** Actions later than this are dropped: the end of the simulated window. */
  readonly until: number;
  /** Written as `metadata.correlationId` of every event: marks the data as generated. */
  readonly correlationId: string;
}

export class Simulation {
  private readonly queue: ActionQueue = createActionQueue();
  private readonly out: PendingAppend[] = [];
  private readonly eventIds: EventIdFactory;
  private readonly correlationId: string;
  readonly until: number;
  /** Time of the action running now. */
  now = 0;
  events = 0;
  appends = 0;

  constructor(options: SimulationOptions) {
    this.eventIds = options.eventIds;
    this.until = options.until;
    this.correlationId = options.correlationId;
  }

  /** Schedules `run` at `at`, in whole seconds, never before the current action; false when past the window. */
  schedule(at: number, run: () => void): boolean {
    const time = Math.max(toSecond(at), this.now);
    if (time >= this.until) return false;
    this.queue.push(time, run);
    return true;
  }

  get pendingActions(): number {
    return this.queue.size;
  }

  /** Runs actions until at least one append is ready; `undefined` when the agenda is empty. */
  nextAppends(): GeneratedAppend[] | undefined {
    while (this.out.length === 0) {
      const action = this.queue.pop();
      if (action === undefined) return undefined;
      this.now = action.at;
      action.run();
    }
    const ready = this.out.splice(0, this.out.length);
    return ready.map((pending) => ({
      streamId: pending.streamId,
      expectedRevision: pending.expectedRevision,
      events: pending.events,
      recordedAt: shanghaiIsoOf(pending.at, "second"),
    }));
  }

  /**
   * The command metadata of an actor acting now. Bulk history is not written through HTTP and
   * keeps its own times: no recording grace applies to its claimed times (only the future is refused).
   */
  metadata(actor: CommandActor): CommandMetadata {
    return { actor, now: shanghaiIsoOf(this.now, "second"), recordingGraceMs: Number.MAX_SAFE_INTEGER };
  }

  /** Decides `command` on the entity's state, folds and commits the events; returns their ids. */
  decide<C, E extends DutyEvent, S>(decider: Decider<C, E, S>, entity: StreamEntity<S>, command: C & { readonly metadata: CommandMetadata }, causationId?: string): string[] {
    let events: E[];
    try {
      events = decider.decide(command, entity.state);
    } catch (error) {
      throw new GeneratorRefusedError(
        `generator bug: ${decider.name} refused ${(command as { type?: string }).type ?? "a command"} on ${entity.streamId}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    for (const event of events) entity.state = decider.evolve(entity.state, event);
    return this.commit(entity, events, command.metadata.actor, causationId);
  }

  /** Voids an event of the entity's stream through `decideVoid`, then refolds the stream. */
  void<C, E extends DutyEvent, S>(decider: Decider<C, E, S>, entity: StreamEntity<S>, command: VoidEvent): string[] {
    const stored = entity.stored;
    if (stored === undefined) throw new GeneratorRefusedError(`generator bug: ${entity.streamId} keeps no events to void`);
    let events: DutyEvent[];
    try {
      events = decideVoid(decider, entity.streamId, stored, command);
    } catch (error) {
      throw new GeneratorRefusedError(`generator bug: voiding on ${entity.streamId} refused: ${(error as Error).message}`, { cause: error });
    }
    const ids = this.commit(entity, events, command.metadata.actor);
    entity.state = foldStream(decider, stored, { validate: false });
    return ids;
  }

  private commit<S>(entity: StreamEntity<S>, events: readonly DutyEvent[], actor: CommandActor, causationId?: string): string[] {
    if (events.length === 0) return [];
    const metadata = {
      actor: actor.stationId === undefined ? { id: actor.id, role: actor.role } : { id: actor.id, role: actor.role, stationId: actor.stationId },
      correlationId: this.correlationId,
      ...(causationId === undefined ? {} : { causationId }),
    };
    const ids: string[] = [];
    const newEvents: NewEvent[] = events.map((event) => {
      const id = this.eventIds(this.now);
      ids.push(id);
      entity.stored?.push({ id, type: event.type, data: event.data });
      return { id, type: event.type, data: event.data, metadata };
    });
    const last = this.out[this.out.length - 1];
    if (last !== undefined && last.streamId === entity.streamId && last.at === this.now && last.actorId === actor.id) {
      last.events.push(...newEvents); // one append per burst of one actor on one stream
    } else {
      this.out.push({
        streamId: entity.streamId,
        at: this.now,
        actorId: actor.id,
        expectedRevision: entity.revision < 0 ? "no_stream" : entity.revision,
        events: newEvents,
      });
      this.appends++;
    }
    entity.revision += events.length;
    this.events += events.length;
    return ids;
  }
}
