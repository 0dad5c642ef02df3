import { attentionStepKinds, ValidationError } from "@duty-ledger/domain";
import type { EvaluationFact, ExtensionFact, PublicationFact, ReplyFact, StepFact, SuggestionFacts } from "./facts.js";
import { INDICATOR_KEYS, type IndicatorKey } from "./indicator-keys.js";
import { compareIds, toInstant } from "./instant.js";
import { assertPeriod, periodOf } from "./period.js";
import type { RuleSet } from "./rule-set.js";
import type { AttentionScore, Contribution, IndicatorScore, IndicatorScores, UnitScore } from "./unit-score.js";

export interface ScoreUnitOptions {
  readonly unitId: string;
  /** Calendar year in Asia/Shanghai of the assignment, `YYYY`. */
  readonly period: string;
  /** ISO date-time with offset: only events that occurred at or before it count. */
  readonly asOf: string;
  readonly ruleSet: RuleSet;
}

export interface ScoreUnitsOptions {
  readonly period: string;
  readonly asOf: string;
  readonly ruleSet: RuleSet;
  /** Units to score even when they lead no suggestion in the period (e.g. every registered unit). */
  readonly unitIds?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Timed<T> {
  readonly fact: T;
  readonly ms: number;
}

interface TimedStep {
  readonly fact: StepFact;
  readonly occurredMs: number;
  readonly recordedMs: number;
}

/** One suggestion of A, cut at asOf. */
interface CutSuggestion {
  readonly facts: SuggestionFacts;
  readonly firstReply: Timed<ReplyFact> | undefined;
  readonly latestReply: Timed<ReplyFact> | undefined;
  /** The latest extension granted at or before the first reply (only when there is one). */
  readonly extensionInForce: ExtensionFact | undefined;
  readonly onTime: boolean;
  /** The evaluations up to `asOf`, oldest first. */
  readonly evaluations: readonly Timed<EvaluationFact>[];
  readonly publications: readonly PublicationFact[];
  /** Steps recorded by the unit itself that occurred at or before asOf, by (occurredAt, eventId). */
  readonly ownSteps: readonly TimedStep[];
}

/** Orders by instant, then event id, so equal instants never depend on input order. */
const byTime = <T extends { readonly eventId: string }>(a: Timed<T>, b: Timed<T>): number =>
  a.ms - b.ms || compareIds(a.fact.eventId, b.fact.eventId);

/** The facts at or before `asOfMs`, oldest first. */
const cutAndSort = <T extends { readonly eventId: string }>(
  items: readonly T[],
  time: (item: T) => string,
  field: string,
  asOfMs: number,
): Timed<T>[] =>
  items
    .map((fact) => ({ fact, ms: toInstant(time(fact), field) }))
    .filter((item) => item.ms <= asOfMs)
    .sort(byTime);

const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort(compareIds);

const cutSuggestion = (facts: SuggestionFacts, unitId: string, asOfMs: number): CutSuggestion => {
  const replies = cutAndSort(
    facts.replies.filter((reply) => reply.unitId === facts.leadUnitId),
    (r) => r.repliedAt,
    "repliedAt",
    asOfMs,
  );
  const firstReply = replies[0];
  const latestReply = replies.at(-1);

  let extensionInForce: ExtensionFact | undefined;
  let onTime = false;
  if (firstReply !== undefined) {
    const granted = cutAndSort(facts.extensions, (e) => e.grantedAt, "grantedAt", firstReply.ms);
    extensionInForce = granted.at(-1)?.fact;
    const dueMs =
      extensionInForce === undefined ? toInstant(facts.dueAt, "dueAt") : toInstant(extensionInForce.newDueAt, "newDueAt");
    onTime = firstReply.ms <= dueMs;
  }

  const ownSteps = facts.steps
    .filter((step) => step.unitId === unitId)
    .map((fact) => ({
      fact,
      occurredMs: toInstant(fact.occurredAt, "occurredAt"),
      recordedMs: toInstant(fact.recordedAt, "recordedAt"),
    }))
    .filter((step) => step.occurredMs <= asOfMs)
    .sort((a, b) => a.occurredMs - b.occurredMs || compareIds(a.fact.eventId, b.fact.eventId));

  return {
    facts,
    firstReply,
    latestReply,
    extensionInForce,
    onTime,
    evaluations: cutAndSort(facts.evaluations, (e) => e.evaluatedAt, "evaluatedAt", asOfMs),
    publications: cutAndSort(facts.publications, (p) => p.publishedAt, "publishedAt", asOfMs).map((p) => p.fact),
    ownSteps,
  };
};

/** A suggestion's share of an indicator, with the events it stands on; `backfilled: true` when one of them was written under a backfill. */
const contribution = (facts: SuggestionFacts, numerator: number, denominator: number, eventIds: Iterable<string>): Contribution => {
  const ids = sortedUnique(eventIds);
  const backfilled = facts.backfilledEventIds;
  const base = { suggestionId: facts.suggestionId, numerator, denominator, eventIds: ids };
  return backfilled !== undefined && ids.some((id) => backfilled.includes(id)) ? { ...base, backfilled: true } : base;
};

/** Sums the contributions (in suggestion-id order) into an indicator. */
const ratio = (contributions: readonly Contribution[]): IndicatorScore => {
  let numerator = 0;
  let denominator = 0;
  for (const c of contributions) {
    numerator += c.numerator;
    denominator += c.denominator;
  }
  return {
    value: denominator === 0 ? null : numerator / denominator,
    numerator,
    denominator,
    suggestionIds: contributions.map((c) => c.suggestionId),
    eventIds: sortedUnique(contributions.flatMap((c) => c.eventIds)),
    contributions,
  };
};

/** The step kinds that count for attention (单位重视): the domain's table of kinds says which. */
const ATTENTION_KINDS: ReadonlySet<string> = new Set(attentionStepKinds);

const attentionOf = (inA: readonly CutSuggestion[]): AttentionScore => {
  const plan = ratio(
    inA.map((s) => {
      const steps = s.ownSteps.filter((step) => ATTENTION_KINDS.has(step.fact.kind));
      const planned = steps.some((step) => step.fact.kind === "plan");
      return contribution(s.facts, planned ? 1 : 0, 1, [
        s.facts.assignmentEventId,
        ...steps.map((step) => step.fact.eventId),
      ]);
    }),
  );
  const headLed = inA.some((s) => s.ownSteps.some((step) => step.fact.kind === "head-led"));
  const leadershipMeeting = inA.some((s) => s.ownSteps.some((step) => step.fact.kind === "leadership-meeting"));
  const value =
    plan.value === null ? null : 0.4 * (headLed ? 1 : 0) + 0.3 * (leadershipMeeting ? 1 : 0) + 0.3 * plan.value;
  return { ...plan, value, components: { headLed, leadershipMeeting, planShare: plan.value } };
};

const completionOf = (inA: readonly CutSuggestion[]): IndicatorScore =>
  ratio(
    inA.map((s) =>
      contribution(s.facts, s.onTime ? 1 : 0, 1, [
        s.facts.assignmentEventId,
        ...(s.firstReply === undefined ? [] : [s.firstReply.fact.eventId]),
        ...(s.extensionInForce === undefined ? [] : [s.extensionInForce.eventId]),
      ]),
    ),
  );

/** R: the suggestions of A with a (first) reply at or before asOf. */
type Replied = CutSuggestion & { readonly firstReply: Timed<ReplyFact>; readonly latestReply: Timed<ReplyFact> };

const consultationOf = (inR: readonly Replied[], unitId: string): IndicatorScore =>
  ratio(
    inR.map((s) => {
      const consultations = s.ownSteps.filter(
        (step) =>
          step.fact.kind === "consultation" &&
          step.fact.unitId === unitId &&
          step.fact.deputyPresent &&
          step.occurredMs <= s.firstReply.ms,
      );
      return contribution(s.facts, consultations.length > 0 ? 1 : 0, 1, [
        s.firstReply.fact.eventId,
        ...consultations.map((step) => step.fact.eventId),
      ]);
    }),
  );

const satisfactionOf = (inR: readonly Replied[], basicWeight: number, which: "latest" | "first"): IndicatorScore =>
  ratio(
    inR.flatMap((s) => {
      const scored = which === "first" ? s.evaluations[0] : s.evaluations.at(-1);
      if (scored === undefined) return [];
      const rating = scored.fact.rating;
      let credit: number;
      switch (rating) {
        case "satisfied":
          credit = 1;
          break;
        case "basically-satisfied":
          credit = basicWeight;
          break;
        case "unsatisfied":
          credit = 0;
          break;
        default: {
          const _exhaustive: never = rating;
          throw new ValidationError(`unknown evaluation rating: ${String(_exhaustive)}`);
        }
      }
      return [contribution(s.facts, credit, 1, [s.firstReply.fact.eventId, scored.fact.eventId])];
    }),
  );

const resolutionOf = (inR: readonly Replied[], resolved: ReadonlySet<string>): IndicatorScore =>
  ratio(
    inR.map((s) =>
      contribution(s.facts, resolved.has(s.latestReply.fact.category) ? 1 : 0, 1, [
        s.firstReply.fact.eventId,
        s.latestReply.fact.eventId,
      ]),
    ),
  );

const publicationOf = (inR: readonly Replied[]): IndicatorScore =>
  ratio(
    inR
      .filter((s) => !s.facts.confidential)
      .map((s) =>
        contribution(s.facts, s.publications.length > 0 ? 1 : 0, 1, [
          s.firstReply.fact.eventId,
          ...s.publications.map((p) => p.eventId),
        ]),
      ),
  );

const digitalOf = (inA: readonly CutSuggestion[], timelyDays: number): IndicatorScore => {
  const limitMs = timelyDays * DAY_MS;
  return ratio(
    inA
      .filter((s) => s.ownSteps.length > 0)
      .map((s) => {
        const timely = s.ownSteps.filter(
          (step) => step.fact.recordedVia === "online" && step.recordedMs - step.occurredMs <= limitMs,
        );
        return contribution(
          s.facts,
          timely.length,
          s.ownSteps.length,
          s.ownSteps.map((step) => step.fact.eventId),
        );
      }),
  );
};

const assertUniqueSuggestions = (facts: readonly SuggestionFacts[]): void => {
  const seen = new Set<string>();
  for (const f of facts) {
    if (seen.has(f.suggestionId)) {
      throw new ValidationError(`suggestion ${f.suggestionId} appears twice in the facts`, {
        errors: [{ path: "suggestionId", message: "duplicate suggestion" }],
      });
    }
    seen.add(f.suggestionId);
  }
};

/** Index and effective weights from the indicator values (weights of unscored indicators shared out). */
const composite = (
  indicators: IndicatorScores,
  weights: RuleSet["weights"],
): { index: number | null; effectiveWeights: { [K in IndicatorKey]: number | null } } => {
  let weighted = 0;
  let total = 0;
  for (const key of INDICATOR_KEYS) {
    const value = indicators[key].value;
    if (value === null) continue;
    weighted += weights[key] * value;
    total += weights[key];
  }
  const effective = (key: IndicatorKey): number | null =>
    indicators[key].value === null || total === 0 ? null : weights[key] / total;
  return {
    index: total === 0 ? null : 100 * (weighted / total),
    effectiveWeights: {
      attention: effective("attention"),
      completion: effective("completion"),
      consultation: effective("consultation"),
      satisfaction: effective("satisfaction"),
      resolution: effective("resolution"),
      publication: effective("publication"),
      digital: effective("digital"),
    },
  };
};

/** Scores a unit from facts already validated (unique ids, valid period and asOf). */
const scoreValidated = (
  facts: readonly SuggestionFacts[],
  options: ScoreUnitOptions,
  asOfMs: number,
): UnitScore => {
  const { unitId, period, ruleSet } = options;
  const inA = facts
    .filter(
      (f) =>
        f.leadUnitId === unitId &&
        !f.voided &&
        toInstant(f.assignedAt, "assignedAt") <= asOfMs &&
        periodOf(f.assignedAt) === period,
    )
    .sort((a, b) => compareIds(a.suggestionId, b.suggestionId))
    .map((f) => cutSuggestion(f, unitId, asOfMs));
  const inR = inA.filter((s): s is Replied => s.firstReply !== undefined && s.latestReply !== undefined);

  const indicators: IndicatorScores = {
    attention: attentionOf(inA),
    completion: completionOf(inA),
    consultation: consultationOf(inR, unitId),
    satisfaction: satisfactionOf(inR, ruleSet.options.basicWeight, ruleSet.options.evaluation ?? "latest"),
    resolution: resolutionOf(inR, new Set(ruleSet.options.resolvedCategories)),
    publication: publicationOf(inR),
    digital: digitalOf(inA, ruleSet.options.timelyDays),
  };
  const { index, effectiveWeights } = composite(indicators, ruleSet.weights);
  return {
    unitId,
    period,
    asOf: options.asOf,
    rules: { name: ruleSet.name, version: ruleSet.version },
    assigned: inA.length,
    index,
    indicators,
    effectiveWeights,
  };
};

/**
 * The seven indicators and the composite index of one unit (scoring.md). `facts` may hold
 * other units' suggestions and other periods: only the unit's own, non-voided suggestions
 * assigned in `period` at or before `asOf` count. The order of `facts` does not matter.
 */
export const scoreUnit = (facts: readonly SuggestionFacts[], options: ScoreUnitOptions): UnitScore => {
  assertPeriod(options.period);
  const asOfMs = toInstant(options.asOf, "asOf");
  assertUniqueSuggestions(facts);
  return scoreValidated(facts, options, asOfMs);
};

/**
 * Scores every unit that leads at least one counted suggestion in the period, plus every
 * unit of `unitIds`, sorted by unit id.
 */
export const scoreUnits = (facts: readonly SuggestionFacts[], options: ScoreUnitsOptions): UnitScore[] => {
  assertPeriod(options.period);
  const asOfMs = toInstant(options.asOf, "asOf");
  assertUniqueSuggestions(facts);
  const byUnit = new Map<string, SuggestionFacts[]>();
  for (const unitId of options.unitIds ?? []) byUnit.set(unitId, []);
  for (const f of facts) {
    const list = byUnit.get(f.leadUnitId) ?? [];
    list.push(f);
    byUnit.set(f.leadUnitId, list);
  }
  const wanted = new Set(options.unitIds ?? []);
  return [...byUnit.keys()]
    .sort(compareIds)
    .map((unitId) =>
      scoreValidated(byUnit.get(unitId) ?? [], { unitId, period: options.period, asOf: options.asOf, ruleSet: options.ruleSet }, asOfMs),
    )
    .filter((score) => score.assigned > 0 || wanted.has(score.unitId));
};
