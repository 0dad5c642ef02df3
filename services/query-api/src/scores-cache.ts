import { createHash } from "node:crypto";
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
 *   `asOf` field differs within a class: it is spliced into the stored JSON bytes.
 *
 * The answer comes as UTF-8 JSON bytes with a weak ETag naming exactly those bytes (so the
 * HTTP layer neither re-encodes ~80 KiB of text nor hashes it for every request), in chunks
 * to be sent one after the other: the stored bytes before `asOf`, `asOf`, `knownAt`, the
 * stored bytes after it. Joining them copied ~80 KiB for every request; at 500 requests a second that was
 * 40 MB/s of buffers for the collector, and after a while of other reads the server ran a
 * full collection every ~250 ms (performance.md).
 *
 * `scores-cache.int.test.ts` checks the answer is byte for byte
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
  /**
   * The answer's `knownAt`, ISO 8601 with offset: the time of the request (the facts are those
   * the read models hold; a `knownAt` in the past is answered without the cache, from the facts
   * known then).
   */
  readonly knownAt: string;
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

export interface ScoresAnswerBytes {
  /** The answer, `JSON.stringify(buildScoresAnswer(…))` in UTF-8: these chunks, in order. */
  readonly chunks: readonly Buffer[];
  /** The chunks' total length in bytes. */
  readonly byteLength: number;
  /** A weak ETag that changes whenever the bytes do. */
  readonly etag: string;
}

export interface ScoresCache {
  /** The `GET /v1/scores` answer. */
  scores(request: ScoresRequest): Promise<ScoresAnswerBytes>;
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
  /** Key: rule set id and asOf class. */
  readonly answers: Map<string, StoredAnswer>;
}

/** An answer's JSON bytes before its `asOf` value and after its `knownAt` value (which follows `asOf`), and a digest of both. */
interface StoredAnswer {
  readonly before: Buffer;
  readonly after: Buffer;
  readonly digest: string;
}

const sha1 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  return hash.digest("base64url");
};

/** An answer of these chunks, tagged with their length and `digest` (naming exactly their bytes). */
const answerOf = (chunks: readonly Buffer[], digest: string): ScoresAnswerBytes => {
  const byteLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  return { chunks, byteLength, etag: `W/"${byteLength.toString(16)}-${digest}"` };
};

const knownAtKey = Buffer.from(',"knownAt":', "utf8");

const bytesOf = (stored: StoredAnswer, asOfJson: string, knownAtJson: string): ScoresAnswerBytes =>
  answerOf([stored.before, Buffer.from(asOfJson, "utf8"), knownAtKey, Buffer.from(knownAtJson, "utf8"), stored.after], sha1(stored.digest, asOfJson, "\u0000", knownAtJson));

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
    async scores({ period, ruleSet, asOf, knownAt, position }) {
      const asOfMs = toInstant(asOf, "asOf");
      const entry = entryFor(period, position);
      const { facts, instants } = await entry.facts;
      const asOfJson = JSON.stringify(asOf);
      const knownAtJson = JSON.stringify(knownAt);
      const key = instants === null ? null : `${ruleSetId(ruleSet)}|${countBelow(instants, asOfMs, false)}|${countBelow(instants, asOfMs, true)}`;
      const found = key === null ? undefined : entry.answers.get(key);
      if (key !== null && found !== undefined) {
        reused++;
        touch(entry.answers, key, found, maxAnswers);
        return bytesOf(found, asOfJson, knownAtJson);
      }
      computed++;
      const text = JSON.stringify(buildScoresAnswer(facts, { period, asOf, knownAt, ruleSet }));
      // The answer's keys are rules, rulesVersion, period, asOf, knownAt, units: the first `"asOf":` is the answer's own.
      const times = `"asOf":${asOfJson},"knownAt":${knownAtJson}`;
      const at = text.indexOf(times);
      if (at < 0) {
        const json = Buffer.from(text, "utf8");
        return answerOf([json], sha1(json));
      }
      const before = Buffer.from(text.slice(0, at + '"asOf":'.length), "utf8");
      const after = Buffer.from(text.slice(at + times.length), "utf8");
      const stored: StoredAnswer = { before, after, digest: sha1(before, "\u0000", after) };
      if (key !== null) touch(entry.answers, key, stored, maxAnswers);
      return bytesOf(stored, asOfJson, knownAtJson);
    },
    stats: () => ({ factReads, computed, reused }),
  };
};
