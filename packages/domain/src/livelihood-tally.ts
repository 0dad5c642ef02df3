import type { Ballot, VoteResult } from "./events/livelihood-events.js";
import type { EvaluationRating } from "./vocabulary.js";

/**
 * The arithmetic of 民生实事票决 (design/livelihood.md), pure and shared by the programme decider
 * (closing the vote), the read model and the auditors' replay: the tally of the ballot boxes and
 * the adoption rule, and the evaluation of a project in a round.
 */

/** What the tally reads of a ballot box. */
export interface CountedBox {
  readonly ballots: readonly Ballot[];
  /** Ballots the tellers found invalid on their own. */
  readonly invalid: number;
}

export interface TallyInput {
  /** The shortlisted candidates, in the shortlist's order (the tally's key order). */
  readonly shortlist: readonly string[];
  readonly slots: number;
  readonly electorateSize: number;
  /** How many deputies were present. */
  readonly attendance: number;
  readonly boxes: readonly CountedBox[];
}

/** A ballot with a choice for a candidate not shortlisted is invalid (that ballot only). */
export const isValidBallot = (ballot: Ballot, shortlist: ReadonlySet<string>): boolean => Object.keys(ballot.choices).every((id) => shortlist.has(id));

/** How many ballots a box holds, valid and invalid. */
export const ballotsInBox = (box: CountedBox): number => box.ballots.length + box.invalid;

/** `yes` strictly above half the electorate. */
export const hasMajority = (yes: number, electorateSize: number): boolean => yes * 2 > electorateSize;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Adoption: a candidate is adopted when its `yes` exceeds half the electorate and it is among the
 * `slots` candidates with the most `yes`. When candidates tie for the last slot (the `slots`-th
 * and the next have as many `yes`), none of the tied is adopted; the tie is reported when it
 * decides something, that is when the tied have a majority (a new vote decides between them).
 * Lists are sorted by candidate id.
 */
export const adoptionOf = (yesOf: ReadonlyMap<string, number>, slots: number, electorateSize: number): { adopted: string[]; tieAtBoundary: string[] } => {
  const ranked = [...yesOf.entries()].sort(([a, ya], [b, yb]) => yb - ya || byId(a, b));
  const lastIn = ranked[slots - 1];
  const firstOut = ranked[slots];
  const boundary = lastIn !== undefined && firstOut !== undefined && lastIn[1] === firstOut[1] ? lastIn[1] : undefined;
  const top = ranked.slice(0, slots).filter(([, yes]) => boundary === undefined || yes > boundary);
  const adopted = top.filter(([, yes]) => hasMajority(yes, electorateSize)).map(([id]) => id);
  const tieAtBoundary =
    boundary !== undefined && hasMajority(boundary, electorateSize) ? ranked.filter(([, yes]) => yes === boundary).map(([id]) => id) : [];
  return { adopted: adopted.sort(byId), tieAtBoundary: tieAtBoundary.sort(byId) };
};

/** The result of a vote from its ballot boxes: independent of the order of ballots and of their split over boxes. */
export const tallyVote = (input: TallyInput): VoteResult => {
  const shortlist = new Set(input.shortlist);
  const tally: Record<string, { yes: number; no: number; abstain: number }> = {};
  for (const id of input.shortlist) tally[id] = { yes: 0, no: 0, abstain: 0 };
  let ballots = 0;
  let invalid = 0;
  for (const box of input.boxes) {
    ballots += ballotsInBox(box);
    invalid += box.invalid;
    for (const ballot of box.ballots) {
      if (!isValidBallot(ballot, shortlist)) {
        invalid += 1;
        continue;
      }
      for (const [id, choice] of Object.entries(ballot.choices)) {
        const votes = tally[id];
        if (votes !== undefined) votes[choice] += 1;
      }
    }
  }
  const yesOf = new Map(input.shortlist.map((id) => [id, tally[id]?.yes ?? 0]));
  const { adopted, tieAtBoundary } = adoptionOf(yesOf, input.slots, input.electorateSize);
  return { adopted, tally, ballots, invalid, attendance: input.attendance, tieAtBoundary };
};

/** A project's evaluation in one round. */
export interface RoundEvaluation {
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly unsatisfied: number;
  /** (satisfied + basically satisfied) / all; `null` before any evaluation. */
  readonly rate: number | null;
  /** Needs rectification (整改): `unsatisfied` exceeds one third of the evaluations. */
  readonly rectification: boolean;
}

export const evaluateRound = (ratings: readonly EvaluationRating[]): RoundEvaluation => {
  let satisfied = 0;
  let basicallySatisfied = 0;
  let unsatisfied = 0;
  for (const rating of ratings) {
    switch (rating) {
      case "satisfied":
        satisfied += 1;
        break;
      case "basically-satisfied":
        basicallySatisfied += 1;
        break;
      case "unsatisfied":
        unsatisfied += 1;
        break;
      default: {
        const _exhaustive: never = rating;
        throw new Error(`unexpected rating ${String(_exhaustive)}`);
      }
    }
  }
  const total = ratings.length;
  return { satisfied, basicallySatisfied, unsatisfied, rate: total === 0 ? null : (satisfied + basicallySatisfied) / total, rectification: unsatisfied * 3 > total };
};

/** Whether two results are the same, digit for digit, whatever the order of their keys (a stored event's keys are sorted). */
export const sameVoteResult = (a: VoteResult, b: VoteResult): boolean => {
  const sameList = (x: readonly string[], y: readonly string[]): boolean => x.length === y.length && x.every((id, i) => id === y[i]);
  const ids = Object.keys(a.tally);
  return (
    sameList(a.adopted, b.adopted) &&
    sameList(a.tieAtBoundary, b.tieAtBoundary) &&
    a.ballots === b.ballots &&
    a.invalid === b.invalid &&
    a.attendance === b.attendance &&
    ids.length === Object.keys(b.tally).length &&
    ids.every((id) => {
      const x = a.tally[id];
      const y = b.tally[id];
      return x !== undefined && y !== undefined && x.yes === y.yes && x.no === y.no && x.abstain === y.abstain;
    })
  );
};
