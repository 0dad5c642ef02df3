import { requireClaimedTime } from "./claimed-time.js";
import type { ProjectCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import type { EventData, ProjectEvent } from "./events.js";
import { domainRule, refuse, requireRole } from "./guards.js";
import { instant } from "./primitives.js";

/**
 * A livelihood project (an adopted candidate), stream `project-<candidateId>`: its responsible
 * unit's milestones and progress (percent never goes down), deputies' inspections (视察) and
 * evaluations (once per deputy per round, inside the round). The shell finds the project in its
 * programme (adopted, and its unit) and the round; the decider stays pure.
 */
export interface ProjectState {
  readonly milestones: ReadonlySet<string>;
  readonly percent: number | null;
  readonly inspections: ReadonlySet<string>;
  /** `<roundId>/<deputyId>` of each evaluation. */
  readonly evaluations: ReadonlySet<string>;
}

const initialState: ProjectState = { milestones: new Set(), percent: null, inspections: new Set(), evaluations: new Set() };

const evaluationKey = (roundId: string, deputyId: string): string => `${roundId}/${deputyId}`;

const evolve = (state: ProjectState, event: ProjectEvent): ProjectState => {
  switch (event.type) {
    case "LivelihoodMilestonePlanned":
      return { ...state, milestones: new Set(state.milestones).add(event.data.milestoneId) };
    case "LivelihoodProgressReported":
      return { ...state, percent: event.data.percent };
    case "LivelihoodProjectInspected":
      return { ...state, inspections: new Set(state.inspections).add(event.data.inspectionId) };
    case "LivelihoodProjectEvaluated":
      return { ...state, evaluations: new Set(state.evaluations).add(evaluationKey(event.data.roundId, event.data.deputyId)) };
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const guards = {
  LivelihoodMilestonePlanned: (state, d: Pick<EventData<"LivelihoodMilestonePlanned">, "milestoneId">) =>
    state.milestones.has(d.milestoneId) ? new ConflictError(`milestone ${d.milestoneId} is already set`) : undefined,
  LivelihoodProgressReported: (state, d: Pick<EventData<"LivelihoodProgressReported">, "percent">) =>
    state.percent !== null && d.percent < state.percent ? domainRule("percent", `progress never goes down: last reported ${state.percent}%`) : undefined,
  LivelihoodProjectInspected: (state, d: Pick<EventData<"LivelihoodProjectInspected">, "inspectionId">) =>
    state.inspections.has(d.inspectionId) ? new ConflictError(`inspection ${d.inspectionId} is already recorded`) : undefined,
  LivelihoodProjectEvaluated: (state, d: Pick<EventData<"LivelihoodProjectEvaluated">, "roundId" | "deputyId">) =>
    state.evaluations.has(evaluationKey(d.roundId, d.deputyId)) ? new ConflictError(`deputy ${d.deputyId} has already evaluated this project in round ${d.roundId}`) : undefined,
} satisfies Guards<ProjectState, ProjectEvent>;

const requireResponsibleUnit = (command: ProjectCommand, action: string): void => {
  const { actor } = command.metadata;
  requireRole(actor, ["unit"], action);
  if (actor.id !== command.data.project.responsibleUnitId) throw new ForbiddenError(`unit ${actor.id} is not responsible for project ${command.data.projectId}`);
};

const decide = (command: ProjectCommand, state: ProjectState): ProjectEvent[] => {
  const { actor, now } = command.metadata;
  const { metadata } = command;
  switch (command.type) {
    case "SetLivelihoodMilestone": {
      requireResponsibleUnit(command, "set milestones");
      const { project, ...d } = command.data;
      refuse(guards.LivelihoodMilestonePlanned(state, d));
      return [{ type: "LivelihoodMilestonePlanned", data: { ...d, programmeId: project.programmeId, plannedAt: now } }];
    }
    case "ReportLivelihoodProgress": {
      requireResponsibleUnit(command, "report progress");
      const { project, ...d } = command.data;
      refuse(guards.LivelihoodProgressReported(state, d));
      requireClaimedTime(metadata, "reportedAt", d.reportedAt);
      return [{ type: "LivelihoodProgressReported", data: { ...d, programmeId: project.programmeId } }];
    }
    case "RecordLivelihoodInspection": {
      const { project, at, ...d } = command.data;
      requireRole(actor, ["deputy", "office"], "record inspections");
      if (actor.role === "deputy" && (d.deputyIds.length !== 1 || d.deputyIds[0] !== actor.id)) {
        throw new ForbiddenError(`a deputy records its own inspection: deputyIds must be ["${actor.id}"] (the office records a group's)`);
      }
      refuse(guards.LivelihoodProjectInspected(state, d));
      requireClaimedTime(metadata, "at", at);
      return [{ type: "LivelihoodProjectInspected", data: { ...d, programmeId: project.programmeId, inspectedAt: at } }];
    }
    case "EvaluateLivelihoodProject": {
      const { project, round, ...d } = command.data;
      requireRole(actor, ["deputy"], "evaluate projects");
      if (round === undefined) throw new NotFoundError(`no evaluation round ${d.roundId} in programme ${project.programmeId}`);
      const data = { ...d, programmeId: project.programmeId, deputyId: actor.id };
      refuse(guards.LivelihoodProjectEvaluated(state, data));
      const at = instant(d.evaluatedAt);
      if (at < instant(round.opensAt) || at > instant(round.closesAt)) throw domainRule("evaluatedAt", `must lie inside round ${d.roundId} (${round.opensAt} to ${round.closesAt})`);
      requireClaimedTime(metadata, "evaluatedAt", d.evaluatedAt);
      return [{ type: "LivelihoodProjectEvaluated", data }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Livelihood projects: milestones and progress (unit), inspections (deputy, office), evaluations (deputy). */
export const projectDecider = defineDecider<ProjectCommand, "project", ProjectState>({ name: "project", initialState, evolve, decide, guards });
