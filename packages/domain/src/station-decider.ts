import type { StationCommand } from "./commands.js";
import type { Decider } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { StationEvent } from "./events.js";
import { domainRule, requireRole } from "./guards.js";

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
    case "EventVoided":
      return state;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const decide = (command: StationCommand, state: StationState): StationEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterStation": {
      requireRole(actor, ["office"], "register stations");
      if (state.status === "registered") throw new ConflictError(`station ${command.data.stationId} is already registered`);
      const { stationId, name, region } = command.data;
      return [{ type: "StationRegistered", data: { stationId, name, region, registeredAt: now } }];
    }
    case "CorrectStation": {
      requireRole(actor, ["office"], "correct stations");
      if (state.status !== "registered") throw new NotFoundError(`station ${command.data.stationId} is not registered`);
      const { stationId, name, region, reason } = command.data;
      const s = state.station;
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

const admits = (state: StationState, event: StationEvent): boolean => {
  switch (event.type) {
    case "StationRegistered":
      return state.status === "none";
    case "StationCorrected":
    case "EventVoided":
      return state.status === "registered";
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Station registry: `RegisterStation` (office, once), `CorrectStation` (office, registered, must change something). */
export const stationDecider: Decider<StationCommand, StationEvent, StationState> = {
  name: "station",
  eventTypes: ["StationRegistered", "StationCorrected"],
  initialState,
  evolve,
  decide,
  admits,
};
