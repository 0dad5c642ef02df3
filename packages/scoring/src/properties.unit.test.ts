import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildScoresAnswer } from "./answers.js";
import type { EvaluationRating, RecordedVia, ReplyCategory, StepKind, SuggestionFacts } from "./facts.js";
import { INDICATOR_KEYS } from "./indicator-keys.js";
import { parseRuleSet, type RuleSet } from "./rule-set.js";
import { scoreUnits } from "./score-unit.js";

const UNITS = ["U-1", "U-2", "U-3"];
const BASE = Date.parse("2023-12-20T00:00:00Z");
const HOUR = 3_600_000;

/** An instant on a coarse grid (6 h steps over ~14 months, so ties happen), written with one of several offsets. */
const isoArb = fc
  .tuple(fc.integer({ min: 0, max: 1_700 }), fc.constantFrom(0, 480, -300, 330))
  .map(([slot, offsetMin]) => {
    const ms = BASE + slot * 6 * HOUR;
    const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
    if (offsetMin === 0) return `${local}Z`;
    const sign = offsetMin < 0 ? "-" : "+";
    const abs = Math.abs(offsetMin);
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  });

const unitArb = fc.constantFrom(...UNITS);
const kindArb = fc.constantFrom<StepKind>("plan", "head-led", "leadership-meeting", "consultation", "site-visit", "progress", "co-unit-opinion");

const suggestionArb = fc.record({
  leadUnitId: unitArb,
  assignedAt: isoArb,
  dueAt: isoArb,
  confidential: fc.boolean(),
  voided: fc.boolean(),
  extensions: fc.array(fc.record({ grantedAt: isoArb, newDueAt: isoArb }), { maxLength: 2 }),
  replies: fc.array(
    fc.record({ repliedAt: isoArb, category: fc.constantFrom<ReplyCategory>("A", "B", "C", "D"), other: fc.boolean() }),
    { maxLength: 3 },
  ),
  publications: fc.array(fc.record({ publishedAt: isoArb }), { maxLength: 2 }),
  evaluations: fc.array(
    fc.record({ evaluatedAt: isoArb, rating: fc.constantFrom<EvaluationRating>("satisfied", "basically-satisfied", "unsatisfied") }),
    { maxLength: 3 },
  ),
  steps: fc.array(
    fc.record({
      unitId: unitArb,
      kind: kindArb,
      occurredAt: isoArb,
      recordedAt: isoArb,
      recordedVia: fc.constantFrom<RecordedVia>("online", "backfill"),
      deputyPresent: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
});

/** Facts with unique suggestion and event ids. */
const factsArb = fc.array(suggestionArb, { maxLength: 25 }).map((list) =>
  list.map(
    (s, i): SuggestionFacts => ({
      suggestionId: `S${i}`,
      leadUnitId: s.leadUnitId,
      assignmentEventId: `S${i}:a`,
      assignedAt: s.assignedAt,
      dueAt: s.dueAt,
      confidential: s.confidential,
      voided: s.voided,
      extensions: s.extensions.map((e, j) => ({ eventId: `S${i}:x${j}`, ...e })),
      replies: s.replies.map((r, j) => ({
        eventId: `S${i}:r${j}`,
        repliedAt: r.repliedAt,
        category: r.category,
        unitId: r.other ? "U-other" : s.leadUnitId,
      })),
      publications: s.publications.map((p, j) => ({ eventId: `S${i}:p${j}`, ...p })),
      evaluations: s.evaluations.map((e, j) => ({ eventId: `S${i}:e${j}`, ...e })),
      steps: s.steps.map((st, j) => ({ eventId: `S${i}:s${j}`, ...st })),
    }),
  ),
);

const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .record({
    weights: fc.record(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, fc.integer({ min: 0, max: 30 })])) as Record<
      (typeof INDICATOR_KEYS)[number],
      fc.Arbitrary<number>
    >),
    basicWeight: fc.double({ min: 0, max: 1, noNaN: true }),
    resolvedCategories: fc.subarray<ReplyCategory>(["A", "B", "C", "D"], { minLength: 1 }),
    timelyDays: fc.double({ min: 0.1, max: 10, noNaN: true }),
    minSuggestions: fc.integer({ min: 0, max: 6 }),
  })
  .filter((r) => Object.values(r.weights).some((w) => w > 0))
  .map(({ weights, ...options }) => parseRuleSet({ name: "random", version: 1, weights, options }));

/** A deterministic Fisher-Yates shuffle from a seed (mulberry32). */
const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** Shuffles the list and every list inside each suggestion. */
const shuffleDeep = (facts: readonly SuggestionFacts[], seed: number): SuggestionFacts[] =>
  shuffle(facts, seed).map((f, i) => ({
    ...f,
    extensions: shuffle(f.extensions, seed + i + 1),
    replies: shuffle(f.replies, seed + i + 2),
    publications: shuffle(f.publications, seed + i + 3),
    evaluations: shuffle(f.evaluations, seed + i + 4),
    steps: shuffle(f.steps, seed + i + 5),
  }));

const periodArb = fc.constantFrom("2023", "2024", "2025");

describe("properties of scoring", () => {
  it("every value is in [0, 1] or null, numerator <= denominator, index in [0, 100] or null", () => {
    fc.assert(
      fc.property(factsArb, ruleSetArb, periodArb, isoArb, (facts, ruleSet, period, asOf) => {
        for (const score of scoreUnits(facts, { period, asOf, ruleSet, unitIds: UNITS })) {
          for (const key of INDICATOR_KEYS) {
            const { value, numerator, denominator } = score.indicators[key];
            if (value === null) {
              expect(denominator).toBe(0);
            } else {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(1);
              expect(numerator).toBeLessThanOrEqual(denominator);
            }
          }
          if (score.index !== null) {
            expect(score.index).toBeGreaterThanOrEqual(0);
            expect(score.index).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a permutation of the facts (and of the lists inside them) does not change the answer", () => {
    fc.assert(
      fc.property(factsArb, ruleSetArb, periodArb, isoArb, fc.integer(), (facts, ruleSet, period, asOf, seed) => {
        const options = { period, asOf, ruleSet, unitIds: UNITS };
        expect(buildScoresAnswer(shuffleDeep(facts, seed), options)).toEqual(buildScoresAnswer(facts, options));
        expect(scoreUnits(shuffleDeep(facts, seed), options)).toEqual(scoreUnits(facts, options));
      }),
      { numRuns: 300 },
    );
  });
});
