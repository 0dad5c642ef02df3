import type { UnitCommand } from "./commands.js";
import type { Decider } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { UnitEvent } from "./events.js";
import { domainRule, requireRole } from "./guards.js";

/** A handling unit (承办单位), stream `unit-<id>`. */
export interface Unit {
  readonly unitId: string;
  readonly name: string;
  readonly registeredAt: string;
}

export type UnitState = { readonly status: "none" } | { readonly status: "registered"; readonly unit: Unit };

const initialState: UnitState = { status: "none" };

const evolve = (state: UnitState, event: UnitEvent): UnitState => {
  switch (event.type) {
    case "UnitRegistered": {
      const { unitId, name, registeredAt } = event.data;
      return { status: "registered", unit: { unitId, name, registeredAt } };
    }
    case "UnitCorrected":
      if (state.status !== "registered") return state;
      return { status: "registered", unit: { ...state.unit, name: event.data.name ?? state.unit.name } };
    case "EventVoided":
      return state;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const decide = (command: UnitCommand, state: UnitState): UnitEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterUnit": {
      requireRole(actor, ["office"], "register units");
      if (state.status === "registered") throw new ConflictError(`unit ${command.data.unitId} is already registered`);
      const { unitId, name } = command.data;
      return [{ type: "UnitRegistered", data: { unitId, name, registeredAt: now } }];
    }
    case "CorrectUnit": {
      requireRole(actor, ["office"], "correct units");
      if (state.status !== "registered") throw new NotFoundError(`unit ${command.data.unitId} is not registered`);
      const { unitId, name, reason } = command.data;
      if (name === undefined || name === state.unit.name) throw domainRule("", "the correction changes nothing", `correction of unit ${unitId} changes nothing`);
      return [{ type: "UnitCorrected", data: { unitId, name, reason, correctedAt: now } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const admits = (state: UnitState, event: UnitEvent): boolean => {
  switch (event.type) {
    case "UnitRegistered":
      return state.status === "none";
    case "UnitCorrected":
    case "EventVoided":
      return state.status === "registered";
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Unit registry: `RegisterUnit` (office, once), `CorrectUnit` (office, registered, must change something). */
export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState> = {
  name: "unit",
  eventTypes: ["UnitRegistered", "UnitCorrected"],
  initialState,
  evolve,
  decide,
  admits,
};
