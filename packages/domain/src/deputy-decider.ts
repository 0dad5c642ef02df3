import type { DeputyCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { DeputyEvent, DeputyLevel, EventData } from "./events.js";
import { domainRule, refuse, required, requireRole } from "./guards.js";

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
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The state preconditions of each event (`decide` throws these refusals; `admits` is derived). */
const guards = {
  DeputyRegistered: (state, d: Pick<EventData<"DeputyRegistered">, "deputyId">) =>
    state.status === "registered" ? new ConflictError(`deputy ${d.deputyId} is already registered`) : undefined,
  DeputyCorrected: (state, d: Pick<EventData<"DeputyCorrected">, "deputyId">) =>
    state.status !== "registered" ? new NotFoundError(`deputy ${d.deputyId} is not registered`) : undefined,
} satisfies Guards<DeputyState, DeputyEvent>;

const decide = (command: DeputyCommand, state: DeputyState): DeputyEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "RegisterDeputy": {
      requireRole(actor, ["office"], "register deputies");
      refuse(guards.DeputyRegistered(state, command.data));
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
      refuse(guards.DeputyCorrected(state, command.data));
      const d = required(state.status === "registered" ? state.deputy : undefined, "the deputy");
      const { deputyId, name, level, term, constituency, stationId, reason } = command.data;
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

/** Deputy registry: `RegisterDeputy` (office, once), `CorrectDeputy` (office, registered, must change something). */
export const deputyDecider = defineDecider<DeputyCommand, "deputy", DeputyState>({ name: "deputy", initialState, evolve, decide, guards });
