import type { UnitCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { EventData, UnitEvent } from "./events.js";
import { domainRule, refuse, required, requireRole } from "./guards.js";

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
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The state preconditions of each event (`decide` throws these refusals; `admits` is derived). */
const guards = {
  UnitRegistered: (state, d: Pick<EventData<"UnitRegistered">, "unitId">) =>
    state.status === "registered" ? new ConflictError(`unit ${d.unitId} is already registered`) : undefined,
  UnitCorrected: (state, d: Pick<EventData<"UnitCorrected">, "unitId">) =>
    state.status !== "registered" ? new NotFoundError(`unit ${d.unitId} is not registered`) : undefined,
} satisfies Guards<UnitState, UnitEvent>;

const decide = (command: UnitCommand, state: UnitState): UnitEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterUnit": {
      requireRole(actor, ["office"], "register units");
      refuse(guards.UnitRegistered(state, command.data));
      const { unitId, name } = command.data;
      return [{ type: "UnitRegistered", data: { unitId, name, registeredAt: now } }];
    }
    case "CorrectUnit": {
      requireRole(actor, ["office"], "correct units");
      refuse(guards.UnitCorrected(state, command.data));
      const unit = required(state.status === "registered" ? state.unit : undefined, "the unit");
      const { unitId, name, reason } = command.data;
      if (name === undefined || name === unit.name) throw domainRule("", "the correction changes nothing", `correction of unit ${unitId} changes nothing`);
      return [{ type: "UnitCorrected", data: { unitId, name, reason, correctedAt: now } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Unit registry: `RegisterUnit` (office, once), `CorrectUnit` (office, registered, must change something). */
export const unitDecider = defineDecider<UnitCommand, "unit", UnitState>({ name: "unit", initialState, evolve, decide, guards });
