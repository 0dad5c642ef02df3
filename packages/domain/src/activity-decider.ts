import type { ActivityCommand, CommandActor } from "./commands.js";
import { requireClaimedTime } from "./claimed-time.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import type { ActivityEvent, ActivityKind, EventData } from "./events.js";
import { refuse, required, requireNotBefore, requireRole } from "./guards.js";

/** A duty activity (视察、调研、培训、列席、听证、述职…), stream `activity-<id>`. */
export interface Activity {
  readonly activityId: string;
  readonly kind: ActivityKind;
  readonly deputyIds: readonly string[];
  readonly occurredAt: string;
  /** Named deputies whose participation does not count yet: they have not confirmed it. */
  readonly unconfirmedDeputyIds: ReadonlySet<string>;
}

export type ActivityState = { readonly status: "none" } | { readonly status: "recorded"; readonly activity: Activity };

const initialState: ActivityState = { status: "none" };

const evolve = (state: ActivityState, event: ActivityEvent): ActivityState => {
  switch (event.type) {
    case "ActivityRecorded": {
      const { activityId, kind, deputyIds, occurredAt, unconfirmedDeputyIds } = event.data;
      return { status: "recorded", activity: { activityId, kind, deputyIds, occurredAt, unconfirmedDeputyIds: new Set(unconfirmedDeputyIds ?? []) } };
    }
    case "ActivityParticipationConfirmed": {
      if (state.status !== "recorded") return state;
      const unconfirmed = new Set(state.activity.unconfirmedDeputyIds);
      unconfirmed.delete(event.data.deputyId);
      return { status: "recorded", activity: { ...state.activity, unconfirmedDeputyIds: unconfirmed } };
    }
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const activityOf = (state: ActivityState): Activity | undefined => (state.status === "recorded" ? state.activity : undefined);

const guards = {
  ActivityRecorded: (state, d: Pick<EventData<"ActivityRecorded">, "activityId">) =>
    state.status === "recorded" ? new ConflictError(`activity ${d.activityId} is already recorded`) : undefined,
  ActivityParticipationConfirmed: (state, d: Pick<EventData<"ActivityParticipationConfirmed">, "activityId" | "deputyId">) => {
    const activity = activityOf(state);
    if (activity === undefined) return new NotFoundError(`activity ${d.activityId} does not exist`);
    if (!activity.deputyIds.includes(d.deputyId)) return new ForbiddenError(`deputy ${d.deputyId} is not named in activity ${d.activityId}`);
    if (!activity.unconfirmedDeputyIds.has(d.deputyId)) return new ConflictError(`the participation of ${d.deputyId} in activity ${d.activityId} already counts`);
    return undefined;
  },
} satisfies Guards<ActivityState, ActivityEvent>;

/** Who may record an activity: the office, a clerk, a deputy among its deputies (pure of the registries: checked first). */
export const requireMayRecordActivity = (actor: CommandActor, deputyIds: readonly string[]): void => {
  requireRole(actor, ["office", "clerk", "deputy"], "record duty activities");
  if (actor.role === "deputy" && !deputyIds.includes(actor.id)) throw new ForbiddenError(`deputy ${actor.id} may only record activities they took part in`);
};

const decide = (command: ActivityCommand, state: ActivityState): ActivityEvent[] => {
  const { actor } = command.metadata;
  switch (command.type) {
    case "RecordActivity": {
      const { activityId, kind, deputyIds, at, title, hours } = command.data;
      requireMayRecordActivity(actor, deputyIds);
      refuse(guards.ActivityRecorded(state, command.data));
      requireClaimedTime(command.metadata, "at", at);
      // A deputy vouches only for themself: the others named count once they confirm, as for contacts.
      const unconfirmedDeputyIds = actor.role === "deputy" ? deputyIds.filter((id) => id !== actor.id) : [];
      return [
        {
          type: "ActivityRecorded",
          data: { activityId, kind, deputyIds, occurredAt: at, title, ...(hours === undefined ? {} : { hours }), ...(unconfirmedDeputyIds.length === 0 ? {} : { unconfirmedDeputyIds }) },
        },
      ];
    }
    case "ConfirmActivityParticipation": {
      const { activityId, confirmedAt } = command.data;
      requireRole(actor, ["deputy"], "confirm participation in duty activities");
      const activity = activityOf(state);
      // An unknown activity is the same 403 as one the deputy is not named in.
      if (activity === undefined || !activity.deputyIds.includes(actor.id)) throw new ForbiddenError(`deputy ${actor.id} is not named in activity ${activityId}`);
      const data = { activityId, deputyId: actor.id, confirmedAt };
      refuse(guards.ActivityParticipationConfirmed(state, data));
      requireClaimedTime(command.metadata, "confirmedAt", confirmedAt);
      requireNotBefore("confirmedAt", confirmedAt, "the activity's time", required(activity, "the activity").occurredAt);
      return [{ type: "ActivityParticipationConfirmed", data }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/**
 * Duty activities: `RecordActivity` (office, clerk, or a deputy among `deputyIds`, whose
 * co-deputies then confirm), `ConfirmActivityParticipation` (a named deputy whose participation
 * awaits it), once.
 */
export const activityDecider = defineDecider<ActivityCommand, "activity", ActivityState>({ name: "activity", initialState, evolve, decide, guards });
