import { dutyEventTypes, ValidationError } from "@duty-ledger/domain";
import type { EventStore, RecordedEvent } from "@duty-ledger/event-store";
import { shanghaiIsoOf, shanghaiYearOf } from "@duty-ledger/domain";
import { asDutyEvent, createReadModels, occurredAtOf, type DeputyRecord, type StreamLog } from "@duty-ledger/projections";
import {
  buildScoresAnswer,
  buildUnitScoresAnswer,
  compareIds,
  defaultRuleSet,
  periodOf,
  type RuleSet,
  type ScoresAnswer,
  type SuggestionFacts,
  type UnitScoresAnswer,
} from "@duty-ledger/scoring";
import { createInMemoryFold } from "./replay-fold.js";
import { normaliseTime } from "./time-bound.js";

/**
 * `replayAsOf`: the duty records and the scores as they stood at a moment of the log,
 * computed from the log alone. The log is read once, in order, and folded in memory through
 * the projections the services use (`replay-fold.ts`); the answers are then assembled by the
 * same readers (`createReadModels`, whose records read each deputy's streams up to the cut) and scoring functions (`buildScoresAnswer`,
 * `buildUnitScoresAnswer`) as the query API's, so they match it digit for digit when both see
 * the same log.
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
   * Events per fold batch. Default 2000: the batch being folded is what each young-generation
   * collection finds alive and copies; over the province, 2 000 replayed in 44–47 s (49–53 CPU-s,
   * 1.33 GiB) against 52–55 s (63–67 CPU-s, 1.9 GiB) with 5 000 (docs/performance.md).
   */
  readonly batchSize?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly progressEvery?: number;
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

const domainTypes: ReadonlySet<string> = new Set(dutyEventTypes);

/** Whether the event was recorded by the time cut (every event without one). */
const recordedBy = (event: RecordedEvent, timeCut: number | undefined): boolean => timeCut === undefined || Date.parse(event.metadata.recordedAt) <= timeCut;

/**
 * The log as the fold saw it, for the readers that read streams (the records): with a time cut,
 * only the events recorded by then (positions are cut by the fold's checkpoint).
 */
const logAsFolded = (store: EventStore, timeCut: number | undefined): StreamLog => ({
  readStreams: async (streamIds, options) => (await store.readStreams(streamIds, options)).filter((event) => recordedBy(event, timeCut)),
});

export const replayAsOf = async (store: EventStore, options: ReplayOptions = {}): Promise<Replay> => {
  const cut = options.asOf;
  const head = await store.headPosition();
  const upTo = cut !== undefined && "position" in cut ? Math.min(cut.position, head) : head;
  if (cut !== undefined && "position" in cut && (!Number.isSafeInteger(cut.position) || cut.position < 0)) {
    throw new ValidationError(`asOf position must be a non-negative integer: ${cut.position}`, { errors: [{ path: "asOf", message: "must be a position or a time" }] });
  }
  const timeCut = cut !== undefined && "time" in cut ? Date.parse(normaliseTime(cut.time, "end", "asOf")) : undefined;
  const ruleSet = options.ruleSet ?? defaultRuleSet;
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const every = Math.max(1, options.progressEvery ?? 10_000);

  const fold = createInMemoryFold();
  try {
    const deputies = new Set<string>();
    const years = new Set<number>();
    const periods = new Set<string>();
    let events = 0;
    let read = 0;
    let position = 0;
    let lastRecordedAt: string | undefined;
    let batch: RecordedEvent[] = [];

    if (upTo > 0) {
      for await (const event of store.readAll()) {
        if (event.position > upTo) break;
        read++;
        if (read % every === 0) options.onProgress?.({ events, position: event.position, upTo });
        if (!recordedBy(event, timeCut)) continue;
        events++;
        position = event.position;
        lastRecordedAt = event.metadata.recordedAt;
        if (domainTypes.has(event.type)) {
          const duty = asDutyEvent(event);
          years.add(shanghaiYearOf(occurredAtOf(duty)));
          if (duty.type === "DeputyRegistered") deputies.add(duty.data.deputyId);
          else if (duty.type === "SuggestionAssigned") periods.add(periodOf(duty.data.assignedAt));
        }
        batch.push(event);
        if (batch.length >= batchSize) {
          await fold.apply(batch);
          batch = [];
        }
      }
    }
    await fold.apply(batch);
    await fold.flush();
    options.onProgress?.({ events, position, upTo });

    let asOf: string;
    if (options.scoresAsOf !== undefined) asOf = normaliseTime(options.scoresAsOf, "end", "scoresAsOf");
    else if (cut !== undefined && "time" in cut) asOf = normaliseTime(cut.time, "end", "asOf");
    else if (cut !== undefined && lastRecordedAt !== undefined) asOf = shanghaiIsoOf(Date.parse(lastRecordedAt));
    else asOf = shanghaiIsoOf((options.clock ?? (() => new Date()))().getTime());

    const readModels = createReadModels(fold.store, logAsFolded(store, timeCut));
    const pick = <T>(all: Iterable<T>, only: readonly T[] | undefined): T[] => (only === undefined ? [...all] : [...all].filter((x) => only.includes(x)));

    const deputyRecords: DeputyRecord[] = [];
    const recordYears = pick(years, options.years).sort((a, b) => a - b);
    for (const deputyId of pick(deputies, options.deputyIds).sort(compareIds)) {
      for (const record of await readModels.getDeputyRecords(deputyId, recordYears)) {
        if (record !== null && record.served !== null) deputyRecords.push(record);
      }
    }

    const scores: ScoresAnswer[] = [];
    const unitScores: UnitScoresAnswer[] = [];
    for (const period of pick(periods, options.periods).sort(compareIds)) {
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

    const done: ReplayCutDone =
      cut === undefined
        ? { by: "head", at: head, position, events }
        : "position" in cut
          ? { by: "position", at: cut.position, position, events }
          : { by: "time", at: normaliseTime(cut.time, "end", "asOf"), position, events };
    return { cut: done, asOf, rules: ruleSet.name, rulesVersion: ruleSet.version, deputyRecords, scores, unitScores };
  } finally {
    await fold.close();
  }
};
