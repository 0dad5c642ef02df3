import { requireClaimedTime } from "./claimed-time.js";
import type { ProgrammeCommand } from "./commands.js";
import { defineDecider, type Guards } from "./decider.js";
import { ConflictError, DomainRuleError, NotFoundError, type LedgerError } from "./errors.js";
import type { EventData, ProgrammeEvent, VoteResult } from "./events.js";
import { domainRule, refuse, requireRole } from "./guards.js";
import { ballotsInBox, sameVoteResult, tallyVote, type CountedBox, type TallyInput } from "./livelihood-tally.js";
import { instant } from "./primitives.js";

/**
 * A livelihood programme (民生实事项目票决), stream `programme-<id>`: collect candidates until
 * `collectUntil`, screen a 差额 shortlist, record attendance, count the ballot boxes, close the
 * vote (the result is `tallyVote`'s), open evaluation rounds. Rules: design/livelihood.md.
 */

export interface OpenProgramme {
  readonly status: "open";
  readonly programme: Omit<EventData<"LivelihoodProgrammeOpened">, "openedAt">;
  /** Candidate id -> its responsible unit. */
  readonly candidates: ReadonlyMap<string, { readonly responsibleUnitId: string }>;
  readonly shortlist: readonly string[] | null;
  readonly attendance: ReadonlySet<string>;
  readonly boxes: ReadonlyMap<string, CountedBox>;
  readonly result: VoteResult | null;
  readonly rounds: ReadonlyMap<string, { readonly opensAt: string; readonly closesAt: string }>;
}
export type ProgrammeState = { readonly status: "none" } | OpenProgramme;

const initialState: ProgrammeState = { status: "none" };

/** The tally input of the boxes counted so far. */
export const tallyInputOf = (state: OpenProgramme): TallyInput => ({
  shortlist: state.shortlist ?? [],
  slots: state.programme.slots,
  electorateSize: state.programme.electorateSize,
  attendance: state.attendance.size,
  boxes: [...state.boxes.values()],
});

const ballotsCounted = (state: OpenProgramme): number => [...state.boxes.values()].reduce((sum, box) => sum + ballotsInBox(box), 0);

const evolveOpen = (state: OpenProgramme, event: Exclude<ProgrammeEvent, { type: "LivelihoodProgrammeOpened" }>): OpenProgramme => {
  switch (event.type) {
    case "LivelihoodCandidateProposed":
      return { ...state, candidates: new Map(state.candidates).set(event.data.candidateId, { responsibleUnitId: event.data.responsibleUnitId }) };
    case "LivelihoodShortlistDecided":
      return { ...state, shortlist: event.data.candidateIds };
    case "LivelihoodAttendanceRecorded":
      return { ...state, attendance: new Set([...state.attendance, ...event.data.deputyIds]) };
    case "LivelihoodBallotBoxCounted":
      return { ...state, boxes: new Map(state.boxes).set(event.data.boxId, { ballots: event.data.ballots, invalid: event.data.invalid }) };
    case "LivelihoodVoteClosed":
      return { ...state, result: event.data.result };
    case "LivelihoodEvaluationRoundOpened":
      return { ...state, rounds: new Map(state.rounds).set(event.data.roundId, { opensAt: event.data.opensAt, closesAt: event.data.closesAt }) };
    default: {
      const _exhaustive: never = event;
      throw new Error(`unexpected event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const evolve = (state: ProgrammeState, event: ProgrammeEvent): ProgrammeState => {
  if (event.type === "LivelihoodProgrammeOpened") {
    const { openedAt: _openedAt, ...programme } = event.data;
    return { status: "open", programme, candidates: new Map(), shortlist: null, attendance: new Set(), boxes: new Map(), result: null, rounds: new Map() };
  }
  return state.status === "open" ? evolveOpen(state, event) : state;
};

type Refusal = LedgerError | undefined;

const opened = (state: ProgrammeState, id: string): OpenProgramme | NotFoundError =>
  state.status === "open" ? state : new NotFoundError(`no livelihood programme ${id}`);

/** Shortlisted and the vote still open. */
const voting = (state: ProgrammeState, id: string): OpenProgramme | LedgerError => {
  const open = opened(state, id);
  if (!("status" in open)) return open;
  if (open.shortlist === null) return new ConflictError(`programme ${id} has no shortlist yet: screen the candidates first`);
  if (open.result !== null) return new ConflictError(`the vote of programme ${id} is closed`);
  return open;
};

const check = (found: OpenProgramme | LedgerError, rule: (state: OpenProgramme) => Refusal): Refusal => ("status" in found ? rule(found) : found);

type Id = { readonly programmeId: string };

const guards = {
  LivelihoodProgrammeOpened: (state, d: Id) => (state.status === "open" ? new ConflictError(`livelihood programme ${d.programmeId} is already open`) : undefined),
  LivelihoodCandidateProposed: (state, d: Id & { readonly candidateId: string }) =>
    check(opened(state, d.programmeId), (s) => {
      if (s.shortlist !== null) return new ConflictError(`programme ${d.programmeId} is screened: candidates are no longer collected`);
      return s.candidates.has(d.candidateId) ? new ConflictError(`candidate ${d.candidateId} is already proposed`) : undefined;
    }),
  LivelihoodShortlistDecided: (state, d: Id & { readonly candidateIds: readonly string[] }) =>
    check(opened(state, d.programmeId), (s) => {
      if (s.shortlist !== null) return new ConflictError(`programme ${d.programmeId} is already screened`);
      const unknown = d.candidateIds.filter((id) => !s.candidates.has(id));
      if (unknown.length > 0) return domainRule("candidateIds", `not candidates of the programme: ${unknown.join(", ")}`);
      const least = s.programme.slots + 1;
      if (d.candidateIds.length < least) {
        return domainRule("candidateIds", `差额: the vote needs more candidates than slots, at least ${least} for ${s.programme.slots} slots`);
      }
      return undefined;
    }),
  LivelihoodAttendanceRecorded: (state, d: Id & { readonly deputyIds: readonly string[] }) =>
    check(voting(state, d.programmeId), (s) => {
      const present = new Set([...s.attendance, ...d.deputyIds]).size;
      return present > s.programme.electorateSize ? domainRule("deputyIds", `${present} present exceeds the electorate of ${s.programme.electorateSize}`) : undefined;
    }),
  LivelihoodBallotBoxCounted: (state, d: Id & Pick<EventData<"LivelihoodBallotBoxCounted">, "boxId" | "ballots" | "invalid">) =>
    check(voting(state, d.programmeId), (s) => {
      if (s.boxes.has(d.boxId)) return new ConflictError(`ballot box ${d.boxId} is already counted`);
      const total = ballotsCounted(s) + ballotsInBox(d);
      return total > s.attendance.size ? domainRule("ballots", `${total} ballots exceed the attendance of ${s.attendance.size}`) : undefined;
    }),
  LivelihoodVoteClosed: (state, d: Id & { readonly result?: VoteResult }) =>
    check(voting(state, d.programmeId), (s) => {
      // Replayed (voiding): the recorded result must still be the tally of the boxes.
      if (d.result !== undefined && !sameVoteResult(d.result, tallyVote(tallyInputOf(s)))) {
        return new ConflictError(`the recorded result of programme ${d.programmeId} is not the tally of its boxes`);
      }
      return undefined;
    }),
  LivelihoodEvaluationRoundOpened: (state, d: Pick<EventData<"LivelihoodEvaluationRoundOpened">, "programmeId" | "roundId" | "opensAt" | "closesAt">) =>
    check(opened(state, d.programmeId), (s) => {
      if (s.result === null) return new ConflictError(`the vote of programme ${d.programmeId} is not closed: nothing to evaluate yet`);
      if (s.rounds.has(d.roundId)) return new ConflictError(`evaluation round ${d.roundId} is already open`);
      return instant(d.closesAt) <= instant(d.opensAt) ? domainRule("closesAt", "must be after opensAt") : undefined;
    }),
} satisfies Guards<ProgrammeState, ProgrammeEvent>;

const decide = (command: ProgrammeCommand, state: ProgrammeState): ProgrammeEvent[] => {
  const { actor, now } = command.metadata;
  const { metadata } = command;
  switch (command.type) {
    case "OpenLivelihoodProgramme":
      requireRole(actor, ["office"], "open livelihood programmes");
      refuse(guards.LivelihoodProgrammeOpened(state, command.data));
      return [{ type: "LivelihoodProgrammeOpened", data: { ...command.data, openedAt: now } }];
    case "ProposeLivelihoodCandidate": {
      const d = command.data;
      requireRole(actor, ["office", "deputy"], "propose livelihood candidates");
      if (actor.role === "deputy" && (d.proposedBy.kind !== "deputy" || d.proposedBy.id !== actor.id)) {
        throw new DomainRuleError("a deputy proposes in its own name", { errors: [{ path: "proposedBy", message: `must be {kind: "deputy", id: "${actor.id}"}` }] });
      }
      refuse(guards.LivelihoodCandidateProposed(state, d));
      const open = state as OpenProgramme;
      if (instant(now) > instant(open.programme.collectUntil)) throw domainRule("collectUntil", `candidates are collected until ${open.programme.collectUntil}`);
      return [{ type: "LivelihoodCandidateProposed", data: { ...d, proposedAt: now } }];
    }
    case "ShortlistLivelihoodCandidates":
      requireRole(actor, ["office"], "screen livelihood candidates");
      refuse(guards.LivelihoodShortlistDecided(state, command.data));
      requireClaimedTime(metadata, "decidedAt", command.data.decidedAt);
      return [{ type: "LivelihoodShortlistDecided", data: command.data }];
    case "RecordLivelihoodAttendance":
      requireRole(actor, ["office", "clerk"], "record attendance");
      refuse(guards.LivelihoodAttendanceRecorded(state, command.data));
      requireClaimedTime(metadata, "at", command.data.at);
      return [{ type: "LivelihoodAttendanceRecorded", data: { programmeId: command.data.programmeId, deputyIds: command.data.deputyIds, attendedAt: command.data.at } }];
    case "CountLivelihoodBallotBox":
      requireRole(actor, ["office"], "count ballot boxes");
      refuse(guards.LivelihoodBallotBoxCounted(state, command.data));
      requireClaimedTime(metadata, "countedAt", command.data.countedAt);
      return [{ type: "LivelihoodBallotBoxCounted", data: command.data }];
    case "CloseLivelihoodVote": {
      requireRole(actor, ["office"], "close the vote");
      refuse(guards.LivelihoodVoteClosed(state, command.data));
      requireClaimedTime(metadata, "closedAt", command.data.closedAt);
      const result = tallyVote(tallyInputOf(state as OpenProgramme));
      return [{ type: "LivelihoodVoteClosed", data: { ...command.data, result } }];
    }
    case "OpenLivelihoodEvaluationRound":
      requireRole(actor, ["office"], "open evaluation rounds");
      refuse(guards.LivelihoodEvaluationRoundOpened(state, command.data));
      return [{ type: "LivelihoodEvaluationRoundOpened", data: command.data }];
    default: {
      const _exhaustive: never = command;
      throw new Error(`unexpected command ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** Livelihood programmes: collect, screen (差额), attendance, ballot boxes, close (tally), evaluation rounds. */
export const programmeDecider = defineDecider<ProgrammeCommand, "programme", ProgrammeState>({ name: "programme", initialState, evolve, decide, guards });
