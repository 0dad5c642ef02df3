import { shanghaiIsoOf, ValidationError } from "@duty-ledger/domain";
import type { EventStore } from "@duty-ledger/event-store";
import {
  createMemoryReadModelStore,
  createReadModels,
  deputyRecordProjection,
  SUGGESTIONS,
  suggestionFactsProjection,
  type AnyProjection,
  type DeputyRecord,
} from "@duty-ledger/projections";
import {
  buildScoresAnswer,
  buildUnitScoresAnswer,
  compareIds,
  defaultRuleSet,
  type RuleSet,
  type ScoresAnswer,
  type SuggestionFacts,
  type UnitScoresAnswer,
} from "@duty-ledger/scoring";
import { consumeDeputyRecords } from "./consume-deputy-records.js";
import { foldLogPrefix } from "./fold-log-prefix.js";
import { normaliseTime } from "./time-bound.js";

/**
 * `replayAsOf`: the duty records and the scores as they stood at a moment of the log,
 * computed from the log alone. The projector's own engine and projections (the duty records'
 * documents and the suggestions' scoring facts) fold the log up to the cut (`foldLogPrefix`)
 * into a read-model store held in memory (`createMemoryReadModelStore`: nothing serialised,
 * nothing on disk); the answers are then assembled by the same readers (`createReadModels`,
 * `deputyRecordsOf`) and scoring functions (`buildScoresAnswer`, `buildUnitScoresAnswer`) as the query API's, so they
 * match it digit for digit when both see the same log: "replay = live" rests on one engine.
 * The scores are assembled first and their documents dropped; each record document is dropped
 * once its last deputy was read (`consumeDeputyRecords`), so that the records being built do
 * not add to every document folded (docs/performance.md, "Audit").
 *
 * The cut:
 * - `{ position }`: the events at or before that position; the scores' `asOf` is the moment
 *   the last of them was recorded (what the query API answered by default just then);
 * - `{ time }`: the events the ledger had recorded (`recordedAt`) at or before that time;
 *   the scores' `asOf` is that time;
 * - none: the whole log as it is when the replay starts; `asOf` is the clock's now.
 * `scoresAsOf` overrides the scores' `asOf`.
 */

export type ReplayCut = { readonly position: number } | { readonly time: string };

export interface ReplayProgress {
  readonly events: number;
  readonly position: number;
  readonly upTo: number;
}

export interface ReplayOptions {
  readonly asOf?: ReplayCut;
  readonly scoresAsOf?: string;
  /** The clock for a replay without a cut. Default: the system clock. */
  readonly clock?: () => Date;
  /** Default: the built-in `default-2024`. */
  readonly ruleSet?: RuleSet;
  /** Only these deputies' records (default: every registered deputy). */
  readonly deputyIds?: readonly string[];
  /** Only these years of the records (default: every Shanghai year in which an event occurred). */
  readonly years?: readonly number[];
  /** Only these periods of the scores (default: every period with an assignment). */
  readonly periods?: readonly string[];
  /** Only these units' detailed scores (the ranking of a period always lists every unit). */
  readonly unitIds?: readonly string[];
  /**
   * Changed documents the engine holds before it writes them (its `catchUpCachedDocs`): the
   * replay's memory bound. Default `REPLAY_CACHED_DOCUMENTS`.
   */
  readonly cachedDocuments?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly progressEvery?: number;
  /** After the fold: the deputies whose records are built, of all (every 1 000, and the last). */
  readonly onRecordsProgress?: (progress: { readonly deputies: number; readonly of: number }) => void;
}

export interface ReplayCutDone {
  readonly by: "head" | "position" | "time";
  /** The cut as given (position, or time normalised), or the head. */
  readonly at: number | string;
  /** Position of the last event folded (0: none). */
  readonly position: number;
  /** Events folded. */
  readonly events: number;
}

export interface Replay {
  readonly cut: ReplayCutDone;
  /** The scores' `asOf`. */
  readonly asOf: string;
  readonly rules: string;
  readonly rulesVersion: number;
  /** By deputy id, then year; deputies registered by the year's end only. */
  readonly deputyRecords: readonly DeputyRecord[];
  /** One ranking per period, oldest first (`GET /v1/scores`). */
  readonly scores: readonly ScoresAnswer[];
  /** Every ranked unit of every period (`GET /v1/units/:id/scores`), by period then rank order. */
  readonly unitScores: readonly UnitScoresAnswer[];
}

/** `--as-of`: digits are a position; anything else a time (ISO with offset, or a date: its end in Shanghai). */
export const parseReplayCut = (text: string): ReplayCut => {
  if (/^\d{1,15}$/.test(text)) return { position: Number(text) };
  return { time: normaliseTime(text, "end", "asOf") };
};

/** The projections a replay folds: what the records and the scores are read from. */
export const replayProjections: readonly AnyProjection[] = [deputyRecordProjection as AnyProjection, suggestionFactsProjection as AnyProjection];

/** Changed documents held in memory before a write (docs/performance.md, "Audit"). */
export const REPLAY_CACHED_DOCUMENTS = 100_000;

export const replayAsOf = async (store: EventStore, options: ReplayOptions = {}): Promise<Replay> => {
  const cut = options.asOf;
  const head = await store.headPosition();
  const upTo = cut !== undefined && "position" in cut ? Math.min(cut.position, head) : head;
  if (cut !== undefined && "position" in cut && (!Number.isSafeInteger(cut.position) || cut.position < 0)) {
    throw new ValidationError(`asOf position must be a non-negative integer: ${cut.position}`, { errors: [{ path: "asOf", message: "must be a position or a time" }] });
  }
  const timeCut = cut !== undefined && "time" in cut ? Date.parse(normaliseTime(cut.time, "end", "asOf")) : undefined;
  const ruleSet = options.ruleSet ?? defaultRuleSet;
  const every = Math.max(1, options.progressEvery ?? 10_000);

  const readModelStore = createMemoryReadModelStore();
  try {
    const folded = await foldLogPrefix(store, readModelStore, { upTo, timeCut }, {
      projections: replayProjections,
      cachedDocuments: options.cachedDocuments ?? REPLAY_CACHED_DOCUMENTS,
      onEvent: (events, position) => {
        if (events % every === 0) options.onProgress?.({ events, position, upTo });
      },
    });
    const { events, position, lastRecordedAt } = folded;
    options.onProgress?.({ events, position, upTo });

    let asOf: string;
    if (options.scoresAsOf !== undefined) asOf = normaliseTime(options.scoresAsOf, "end", "scoresAsOf");
    else if (cut !== undefined && "time" in cut) asOf = normaliseTime(cut.time, "end", "asOf");
    else if (cut !== undefined && lastRecordedAt !== undefined) asOf = shanghaiIsoOf(Date.parse(lastRecordedAt));
    else asOf = shanghaiIsoOf((options.clock ?? (() => new Date()))().getTime());

    const readModels = createReadModels(readModelStore);
    const pick = <T>(all: Iterable<T>, only: readonly T[] | undefined): T[] => (only === undefined ? [...all] : [...all].filter((x) => only.includes(x)));

    // The scores first: then the facts' documents can go before the records are built.
    const scores: ScoresAnswer[] = [];
    const unitScores: UnitScoresAnswer[] = [];
    for (const period of pick(folded.periods, options.periods).sort(compareIds)) {
      const facts = await readModels.listFacts(period);
      if (facts.length === 0) continue;
      const answer = buildScoresAnswer(facts, { period, asOf, ruleSet });
      scores.push(answer);
      // A unit's facts are the period's facts it leads (what `listFacts(period, unitId)` reads), in the same order.
      const factsByUnit = new Map<string, SuggestionFacts[]>();
      for (const fact of facts) {
        const list = factsByUnit.get(fact.leadUnitId);
        if (list === undefined) factsByUnit.set(fact.leadUnitId, [fact]);
        else list.push(fact);
      }
      for (const unit of answer.units) {
        if (options.unitIds !== undefined && !options.unitIds.includes(unit.unitId)) continue;
        const unitFacts = factsByUnit.get(unit.unitId) ?? [];
        unitScores.push(buildUnitScoresAnswer(unitFacts, { unitId: unit.unitId, period, asOf, ruleSet }));
      }
    }
    await readModelStore.transaction((writer) => writer.dropProjection(SUGGESTIONS));

    const deputyRecords: DeputyRecord[] = [];
    const recordYears = pick(folded.years, options.years).sort((a, b) => a - b);
    const deputyIds = pick(folded.deputies, options.deputyIds).sort(compareIds);
    let deputies = 0;
    for await (const records of consumeDeputyRecords(readModelStore, deputyIds, recordYears)) {
      for (const record of records) if (record !== null && record.served !== null) deputyRecords.push(record);
      deputies += 1;
      if (deputies % 1000 === 0 || deputies === deputyIds.length) options.onRecordsProgress?.({ deputies, of: deputyIds.length });
    }

    const done: ReplayCutDone =
      cut === undefined
        ? { by: "head", at: head, position, events }
        : "position" in cut
          ? { by: "position", at: cut.position, position, events }
          : { by: "time", at: normaliseTime(cut.time, "end", "asOf"), position, events };
    return { cut: done, asOf, rules: ruleSet.name, rulesVersion: ruleSet.version, deputyRecords, scores, unitScores };
  } finally {
    await readModelStore.close();
  }
};
