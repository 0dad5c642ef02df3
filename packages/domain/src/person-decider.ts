import { requireClaimedTime } from "./claimed-time.js";
import type { PersonCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError } from "./errors.js";
import type { EventData, PersonEvent } from "./events.js";
import { refuse, requireRole } from "./guards.js";

/** A person named in contacts or opinions, stream `person-<personId>`: whether their data was erased. */
export type PersonState = { readonly status: "kept" } | { readonly status: "erased"; readonly erasedAt: string };

const initialState: PersonState = { status: "kept" };

const evolve = (state: PersonState, event: PersonEvent): PersonState => {
  switch (event.type) {
    case "PersonErased":
      return { status: "erased", erasedAt: event.data.erasedAt };
    default: {
      const _exhaustive: never = event.type;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const guards = {
  PersonErased: (state, d: Pick<EventData<"PersonErased">, "personId">) =>
    state.status === "erased" ? new ConflictError(`the data of person ${d.personId} is already erased`) : undefined,
} satisfies Guards<PersonState, PersonEvent>;

const decide = (command: PersonCommand, state: PersonState): PersonEvent[] => {
  const { actor } = command.metadata;
  switch (command.type) {
    case "ErasePerson": {
      requireRole(actor, ["office"], "erase personal data");
      const { personId, at, reason } = command.data;
      refuse(guards.PersonErased(state, { personId }));
      requireClaimedTime(command.metadata, "at", at);
      return [{ type: "PersonErased", data: { personId, erasedAt: at, reason } }];
    }
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/**
 * Personal data erasure (personal-data.md): `ErasePerson` (office, once per person; `at` a
 * claimed time). The decider records the fact; the shell destroys the person's key. A person
 * never named can be erased too (the office need not know where they were named).
 */
export const personDecider = defineDecider<PersonCommand, "person", PersonState>({ name: "person", initialState, evolve, decide, guards });
