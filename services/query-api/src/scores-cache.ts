import { buildScoresAnswer, toInstant, type RuleSet, type SuggestionFacts } from "@duty-ledger/scoring";

/**
 * The answers of `GET /v1/scores` (every unit of a period), computed once and reused.
 *
 * Scoring every unit of a period reads every suggestion's facts and costs tens of
 * milliseconds of CPU (a city: ~2,000 suggestions, ~60 ms), far too much per request. The
 * answer depends on three things only, and the cache keys on each exactly:
 *
 * - **the facts**: read once per period and kept with the read-model position observed
 *   before reading them, so they hold the log at least up to it. A request that saw position
 *   `p` (its `X-Read-Model-Position`) reuses facts read at a position ≥ `p`; otherwise the
 *   facts are read again. Concurrent requests share one read (single flight).
 * - **the rule set** (by identity: the registry's objects).
 * - **`asOf`**: scoring uses it only to compare with the facts' own instants (`t ≤ asOf`:
 *   assigned, replied, evaluated, published, step occurred). Two `asOf` with the same
 *   number of the facts' instants before them and at them therefore give the same scores.
 *   The class of an `asOf` is that pair of counts over EVERY instant of the facts (a
 *   superset of those compared, so the key is never coarser than what scoring sees); the
 *   default `asOf` (now, after every fact of a past period) is one class. Only the answer's
 *   `asOf` field differs within a class: it is spliced into the stored JSON text.
 *
 * `scores-cache.int.test.ts` checks the cached text is byte for byte
 * `JSON.stringify(buildScoresAnswer(facts, …))` for an `asOf` at, just before and just after
 * instants of a generated history.
 */

export interface ScoresCacheOptions {
  /** The facts of the suggestions assigned in `period` (`ReadModels.listFacts`). */
  readonly listFacts: (period: string) => Promise<SuggestionFacts[]>;
  /** Periods whose facts are kept, least recently used dropped first. Default 4. */
  readonly maxPeriods?: number;
  /** Answers kept per period (rule set × `asOf` class), least recently used dropped first. Default 16. */
  readonly maxAnswersPerPeriod?: number;
}

export interface ScoresRequest {
  /** `YYYY`, already validated. */
  readonly period: string;
  readonly ruleSet: RuleSet;
  /** ISO 8601 with offset, as the answer shows it. */
  readonly asOf: string;
  /** The read-model position the request saw (its `X-Read-Model-Position`). */
  readonly position: number;
}

export interface ScoresCacheStats {
  /** Times the facts of a period were read. */
  readonly factReads: number;
  /** Answers computed (scoring run). */
  readonly computed: number;
  /** Answers served from a stored one. */
  readonly reused: number;
}

export interface ScoresCache {
  /** The `GET /v1/scores` answer as JSON text. */
  scoresJson(request: ScoresRequest): Promise<string>;
  stats(): ScoresCacheStats;
}

interface PeriodFacts {
  readonly facts: readonly SuggestionFacts[];
  /** Every instant of the facts in ms, ascending; `null` when one does not parse (then nothing is reused). */
  readonly instants: Float64Array | null;
}

interface PeriodEntry {
  readonly position: number;
  readonly facts: Promise<PeriodFacts>;
  /** Key: rule set id and asOf class. Value: the answer's JSON text around its `asOf` value. */
  readonly answers: Map<string, { readonly before: string; readonly after: string }>;
}

const instantsOf = (facts: readonly SuggestionFacts[]): Float64Array | null => {
  const times: string[] = [];
  for (const f of facts) {
    times.push(f.assignedAt, f.dueAt);
    for (const e of f.extensions) times.push(e.grantedAt, e.newDueAt);
    for (const r of f.replies) times.push(r.repliedAt);
    for (const p of f.publications) times.push(p.publishedAt);
    for (const e of f.evaluations) times.push(e.evaluatedAt);
    for (const s of f.steps) times.push(s.occurredAt, s.recordedAt);
  }
  const instants = new Float64Array(times.length);
  for (const [i, time] of times.entries()) {
    const ms = Date.parse(time);
    if (!Number.isFinite(ms)) return null;
    instants[i] = ms;
  }
  return instants.sort();
};

/** How many of the ascending `sorted` are below `value` (`orEqual`: at or below). */
const countBelow = (sorted: Float64Array, value: number, orEqual: boolean): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle] as number;
    if (item < value || (orEqual && item === value)) low = middle + 1;
    else high = middle;
  }
  return low;
};

const touch = <K, V>(map: Map<K, V>, key: K, value: V, max: number): void => {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
};

export const createScoresCache = (options: ScoresCacheOptions): ScoresCache => {
  const maxPeriods = options.maxPeriods ?? 4;
  const maxAnswers = options.maxAnswersPerPeriod ?? 16;
  const periods = new Map<string, PeriodEntry>();
  const ruleSetIds = new WeakMap<RuleSet, number>();
  let nextRuleSetId = 0;
  let factReads = 0;
  let computed = 0;
  let reused = 0;

  const ruleSetId = (ruleSet: RuleSet): number => {
    let id = ruleSetIds.get(ruleSet);
    if (id === undefined) {
      id = nextRuleSetId++;
      ruleSetIds.set(ruleSet, id);
    }
    return id;
  };

  const entryFor = (period: string, position: number): PeriodEntry => {
    const current = periods.get(period);
    if (current !== undefined && current.position >= position) {
      touch(periods, period, current, maxPeriods);
      return current;
    }
    factReads++;
    const facts = options.listFacts(period).then((list) => ({ facts: list, instants: instantsOf(list) }));
    const entry: PeriodEntry = { position, facts, answers: new Map() };
    touch(periods, period, entry, maxPeriods);
    facts.catch(() => {
      if (periods.get(period) === entry) periods.delete(period);
    });
    return entry;
  };

  return {
    async scoresJson({ period, ruleSet, asOf, position }) {
      const asOfMs = toInstant(asOf, "asOf");
      const entry = entryFor(period, position);
      const { facts, instants } = await entry.facts;
      const compute = (): string => {
        computed++;
        return JSON.stringify(buildScoresAnswer(facts, { period, asOf, ruleSet }));
      };
      if (instants === null) return compute();
      const key = `${ruleSetId(ruleSet)}|${countBelow(instants, asOfMs, false)}|${countBelow(instants, asOfMs, true)}`;
      const stored = entry.answers.get(key);
      const asOfJson = JSON.stringify(asOf);
      if (stored !== undefined) {
        reused++;
        touch(entry.answers, key, stored, maxAnswers);
        return `${stored.before}${asOfJson}${stored.after}`;
      }
      const text = compute();
      // The answer's keys are rules, rulesVersion, period, asOf, units: the first `"asOf":` is the answer's own.
      const marker = `"asOf":${asOfJson}`;
      const at = text.indexOf(marker);
      if (at >= 0) {
        const split = at + marker.length - asOfJson.length;
        touch(entry.answers, key, { before: text.slice(0, split), after: text.slice(split + asOfJson.length) }, maxAnswers);
      }
      return text;
    },
    stats: () => ({ factReads, computed, reused }),
  };
};
