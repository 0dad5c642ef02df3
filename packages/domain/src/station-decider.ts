import type { StationCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { EventData, StationEvent } from "./events.js";
import { domainRule, refuse, required, requireRole } from "./guards.js";

/** A liaison station (联络站), stream `station-<id>`. */
export interface Station {
  readonly stationId: string;
  readonly name: string;
  readonly region: string;
  readonly registeredAt: string;
}

export type StationState = { readonly status: "none" } | { readonly status: "registered"; readonly station: Station };

const initialState: StationState = { status: "none" };

const evolve = (state: StationState, event: StationEvent): StationState => {
  switch (event.type) {
    case "StationRegistered": {
      const { stationId, name, region, registeredAt } = event.data;
      return { status: "registered", station: { stationId, name, region, registeredAt } };
    }
    case "StationCorrected": {
      if (state.status !== "registered") return state;
      const s = state.station;
      return { status: "registered", station: { ...s, name: event.data.name ?? s.name, region: event.data.region ?? s.region } };
    }
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The state preconditions of each event (`decide` throws these refusals; `admits` is derived). */
const guards = {
  StationRegistered: (state, d: Pick<EventData<"StationRegistered">, "stationId">) =>
    state.status === "registered" ? new ConflictError(`station ${d.stationId} is already registered`) : undefined,
  StationCorrected: (state, d: Pick<EventData<"StationCorrected">, "stationId">) =>
    state.status !== "registered" ? new NotFoundError(`station ${d.stationId} is not registered`) : undefined,
} satisfies Guards<StationState, StationEvent>;

const decide = (command: StationCommand, state: StationState): StationEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterStation": {
      requireRole(actor, ["office"], "register stations");
      refuse(guards.StationRegistered(state, command.data));
      const { stationId, name, region } = command.data;
      return [{ type: "StationRegistered", data: { stationId, name, region, registeredAt: now } }];
    }
    case "CorrectStation": {
      requireRole(actor, ["office"], "correct stations");
      refuse(guards.StationCorrected(state, command.data));
      const s = required(state.status === "registered" ? state.station : undefined, "the station");
      const { stationId, name, region, reason } = command.data;
      const changes = {
        ...(name !== undefined && name !== s.name ? { name } : {}),
        ...(region !== undefined && region !== s.region ? { region } : {}),
      };
      if (Object.keys(changes).length === 0) throw domainRule("", "the correction changes nothing", `correction of station ${stationId} changes nothing`);
      return [{ type: "StationCorrected", data: { stationId, ...changes, reason, correctedAt: now } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Station registry: `RegisterStation` (office, once), `CorrectStation` (office, registered, must change something). */
export const stationDecider = defineDecider<StationCommand, "station", StationState>({ name: "station", initialState, evolve, decide, guards });
