import type { BackfillCommand } from "./commands.js";
import { CLOCK_SKEW_MS, type BackfillWindow } from "./claimed-time.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError } from "./errors.js";
import type { BackfillEvent, EventData } from "./events.js";
import { domainRule, refuse, requireRole } from "./guards.js";
import { instant } from "./primitives.js";

/** A backfill grant (补录许可), stream `backfill-<id>`. */
export type BackfillGrant = Omit<EventData<"BackfillGranted">, "reason">;

export type BackfillState = { readonly status: "none" } | { readonly status: "granted"; readonly grant: BackfillGrant };

const initialState: BackfillState = { status: "none" };

const evolve = (state: BackfillState, event: BackfillEvent): BackfillState => {
  switch (event.type) {
    case "BackfillGranted": {
      const { reason: _reason, ...grant } = event.data;
      return { status: "granted", grant };
    }
    default: {
      const _exhaustive: never = event.type;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const guards = {
  BackfillGranted: (state, d: Pick<EventData<"BackfillGranted">, "backfillId">) =>
    state.status === "granted" ? new ConflictError(`backfill ${d.backfillId} is already granted`) : undefined,
} satisfies Guards<BackfillState, BackfillEvent>;

const decide = (command: BackfillCommand, state: BackfillState): BackfillEvent[] => {
  const { actor, now } = command.metadata;
  switch (command.type) {
    case "GrantBackfill": {
      requireRole(actor, ["office"], "grant backfills");
      refuse(guards.BackfillGranted(state, command.data));
      const d = command.data;
      if (instant(d.to) < instant(d.from)) throw domainRule("to", "must not be before from");
      if (instant(d.to) > instant(now) + CLOCK_SKEW_MS) throw domainRule("to", "a backfill enters past records: to must not lie in the future");
      if (instant(d.expiresAt) <= instant(now)) throw domainRule("expiresAt", "must lie in the future");
      return [{ type: "BackfillGranted", data: { ...d, grantedAt: now } }];
    }
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Backfills: `GrantBackfill` (office, once per id; `from ≤ to ≤ now`, `expiresAt` after now). */
export const backfillDecider = defineDecider<BackfillCommand, "backfill", BackfillState>({ name: "backfill", initialState, evolve, decide, guards });

/**
 * The window an actor may write under, at `now`: the grant must still count (not voided), be
 * the actor's (role and id), and not have expired. Otherwise the refusal, on the field `backfillId`.
 */
export const backfillWindowFor = (
  state: BackfillState,
  backfillId: string,
  actor: { readonly id: string; readonly role: string },
  now: string,
): BackfillWindow => {
  if (state.status !== "granted") throw domainRule("backfillId", `no backfill ${backfillId} is granted`);
  const { grant } = state;
  if (grant.actorRole !== actor.role || grant.actorId !== actor.id) throw domainRule("backfillId", `backfill ${backfillId} is granted to another actor`);
  if (instant(now) >= instant(grant.expiresAt)) throw domainRule("backfillId", `backfill ${backfillId} expired at ${grant.expiresAt}`);
  return { backfillId, from: grant.from, to: grant.to };
};
