import type { DeputyCommand } from "./commands.js";
import type { Decider } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { DeputyEvent, DeputyLevel } from "./events.js";
import { domainRule, requireRole } from "./guards.js";

/** The deputy registry entry (stream `deputy-<id>`). */
export interface Deputy {
  readonly deputyId: string;
  readonly name: string;
  readonly level: DeputyLevel;
  readonly term: string;
  readonly constituency: string;
  readonly stationId: string | undefined;
  readonly registeredAt: string;
}

export type DeputyState = { readonly status: "none" } | { readonly status: "registered"; readonly deputy: Deputy };

const initialState: DeputyState = { status: "none" };

const evolve = (state: DeputyState, event: DeputyEvent): DeputyState => {
  switch (event.type) {
    case "DeputyRegistered": {
      const { deputyId, name, level, term, constituency, stationId, registeredAt } = event.data;
      return { status: "registered", deputy: { deputyId, name, level, term, constituency, stationId, registeredAt } };
    }
    case "DeputyCorrected": {
      if (state.status !== "registered") return state;
      const { name, level, term, constituency, stationId } = event.data;
      const d = state.deputy;
      return {
        status: "registered",
        deputy: {
          ...d,
          name: name ?? d.name,
          level: level ?? d.level,
          term: term ?? d.term,
          constituency: constituency ?? d.constituency,
          stationId: stationId === undefined ? d.stationId : (stationId ?? undefined),
        },
      };
    }
    case "EventVoided":
      return state;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const decide = (command: DeputyCommand, state: DeputyState): DeputyEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterDeputy": {
      requireRole(actor, ["office"], "register deputies");
      if (state.status === "registered") throw new ConflictError(`deputy ${command.data.deputyId} is already registered`);
      const { deputyId, name, level, term, constituency, stationId } = command.data;
      return [
        {
          type: "DeputyRegistered",
          data: { deputyId, name, level, term, constituency, ...(stationId === undefined ? {} : { stationId }), registeredAt: now },
        },
      ];
    }
    case "CorrectDeputy": {
      requireRole(actor, ["office"], "correct deputies");
      if (state.status !== "registered") throw new NotFoundError(`deputy ${command.data.deputyId} is not registered`);
      const { deputyId, name, level, term, constituency, stationId, reason } = command.data;
      const d = state.deputy;
      const changes = {
        ...(name !== undefined && name !== d.name ? { name } : {}),
        ...(level !== undefined && level !== d.level ? { level } : {}),
        ...(term !== undefined && term !== d.term ? { term } : {}),
        ...(constituency !== undefined && constituency !== d.constituency ? { constituency } : {}),
        ...(stationId !== undefined && (stationId ?? undefined) !== d.stationId ? { stationId } : {}),
      };
      if (Object.keys(changes).length === 0) throw domainRule("", "the correction changes nothing", `correction of deputy ${deputyId} changes nothing`);
      return [{ type: "DeputyCorrected", data: { deputyId, ...changes, reason, correctedAt: now } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const admits = (state: DeputyState, event: DeputyEvent): boolean => {
  switch (event.type) {
    case "DeputyRegistered":
      return state.status === "none";
    case "DeputyCorrected":
    case "EventVoided":
      return state.status === "registered";
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Deputy registry: `RegisterDeputy` (office, once), `CorrectDeputy` (office, registered, must change something). */
export const deputyDecider: Decider<DeputyCommand, DeputyEvent, DeputyState> = {
  name: "deputy",
  eventTypes: ["DeputyRegistered", "DeputyCorrected"],
  initialState,
  evolve,
  decide,
  admits,
};
