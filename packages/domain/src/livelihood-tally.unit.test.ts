import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ballot } from "./events/livelihood-events.js";
import { adoptionOf, evaluateRound, tallyVote, type CountedBox } from "./livelihood-tally.js";

const SHORTLIST = ["C-1", "C-2", "C-3", "C-4", "C-5"];
const choice = fc.constantFrom("yes" as const, "no" as const, "abstain" as const);
/** A ballot over the shortlist (some candidates left blank), now and then naming one not shortlisted. */
const ballotArb: fc.Arbitrary<Ballot> = fc
  .tuple(fc.dictionary(fc.constantFrom(...SHORTLIST), choice), fc.option(choice, { freq: 8 }))
  .map(([choices, stray]) => ({ choices: stray === null ? choices : { ...choices, "C-X": stray } }));

/** Splits a list into boxes at the given cut points. */
const split = <T>(items: readonly T[], cuts: readonly number[]): T[][] => {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let from = 0;
  for (const point of [...points, items.length]) {
    parts.push(items.slice(from, point));
    from = point;
  }
  return parts;
};

describe("the tally", () => {
  it("any ballots, in any order and any split over boxes, give the same result", () => {
    fc.assert(
      fc.property(
        fc.array(ballotArb, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat({ max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 80 }),
        fc.infiniteStream(fc.nat()),
        (ballots, cutsA, cutsB, invalid, slots, electorateSize, random) => {
          const shuffled = [...ballots].map((b) => ({ b, key: random.next().value })).sort((x, y) => x.key - y.key).map((x) => x.b);
          const boxesOf = (list: readonly Ballot[], cuts: readonly number[]): CountedBox[] =>
            split(list, cuts).map((part, i) => ({ ballots: part, invalid: i === 0 ? invalid : 0 }));
          const input = { shortlist: SHORTLIST, slots, electorateSize, attendance: ballots.length + invalid };
          const one = tallyVote({ ...input, boxes: boxesOf(ballots, cutsA) });
          const other = tallyVote({ ...input, boxes: [...boxesOf(shuffled, cutsB)].reverse() });
          expect(JSON.stringify(other)).toBe(JSON.stringify(one));
          expect(one.ballots).toBe(ballots.length + invalid);
        },
      ),
    );
  });

  it("adopts at most `slots`, each with a majority, never one tied at the boundary", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...SHORTLIST), fc.nat({ max: 20 })), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }), (yes, slots, electorateSize) => {
        const { adopted, tieAtBoundary } = adoptionOf(new Map(Object.entries(yes)), slots, electorateSize);
        expect(adopted.length).toBeLessThanOrEqual(slots);
        for (const id of adopted) expect((yes[id] ?? 0) * 2).toBeGreaterThan(electorateSize);
        for (const id of tieAtBoundary) expect(adopted).not.toContain(id);
      }),
    );
  });

  it("a ballot naming a candidate not shortlisted is invalid, the others count", () => {
    const result = tallyVote({ shortlist: ["C-1", "C-2"], slots: 1, electorateSize: 3, attendance: 3, boxes: [{ ballots: [{ choices: { "C-1": "yes" } }, { choices: { "C-1": "yes", "C-9": "no" } }], invalid: 1 }] });
    expect(result).toEqual({ adopted: [], tally: { "C-1": { yes: 1, no: 0, abstain: 0 }, "C-2": { yes: 0, no: 0, abstain: 0 } }, ballots: 3, invalid: 2, attendance: 3, tieAtBoundary: [] });
  });
});

describe("the evaluation of a round", () => {
  it("needs rectification when unsatisfied exceeds one third, not at one third", () => {
    expect(evaluateRound(["satisfied", "basically-satisfied", "unsatisfied"])).toEqual({ satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, rate: 2 / 3, rectification: false });
    expect(evaluateRound(["satisfied", "unsatisfied", "unsatisfied"]).rectification).toBe(true);
    expect(evaluateRound([])).toEqual({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, rate: null, rectification: false });
  });
});
