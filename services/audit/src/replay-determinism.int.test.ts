import { join } from "node:path";
import { dutyEventTypes } from "@duty-ledger/domain";
import type { RecordedEvent, SqliteEventStore } from "@duty-ledger/event-store";
import {
  allProjections,
  asDutyEvent,
  createProjectionEngine,
  createReadModels,
  createSqliteReadModelStore,
  type DeputyRecord,
  type ReadModels,
} from "@duty-ledger/projections";
import { occurredAtOf, shanghaiIsoOf, shanghaiYearOf } from "@duty-ledger/domain";
import { generateSampleLog, type SampleAppend } from "@duty-ledger/testing";
import { buildScoresAnswer, buildUnitScoresAnswer, defaultRuleSet, periodOf, type ScoresAnswer, type UnitScoresAnswer } from "@duty-ledger/scoring";
import fc from "fast-check";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { runAuditCommand } from "./audit-command.js";
import { captureIo, openStore, tempDir } from "./audit.test-support.js";
import type { Replay } from "./replay.js";

// The determinism property: for random valid histories (decided by the domain's deciders, see
// `generateSampleLog`), the figures the CLI's replay computes from the log at a moment are the
// figures the live projection engine's read models gave at that moment, digit for digit.

const domainTypes: ReadonlySet<string> = new Set(dutyEventTypes);

/** What the live side must answer for: deputies, years and periods of the appends, as the commands made them. */
interface Keys {
  readonly deputies: Set<string>;
  readonly years: Set<number>;
  readonly periods: Set<string>;
}

const keysOf = (appends: readonly SampleAppend[]): Keys => {
  const keys: Keys = { deputies: new Set(), years: new Set(), periods: new Set() };
  for (const append of appends) {
    for (const event of append.events) {
      if (!domainTypes.has(event.type)) continue;
      const duty = asDutyEvent(event as unknown as RecordedEvent);
      keys.years.add(shanghaiYearOf(occurredAtOf(duty)));
      if (duty.type === "DeputyRegistered") keys.deputies.add(duty.data.deputyId);
      if (duty.type === "SuggestionAssigned") keys.periods.add(periodOf(duty.data.assignedAt));
    }
  }
  return keys;
};

const latestOccurrence = (append: SampleAppend): number =>
  Math.max(
    ...append.events.filter((event) => domainTypes.has(event.type)).map((event) => Date.parse(occurredAtOf(asDutyEvent(event as unknown as RecordedEvent)))),
  );

interface Figures {
  readonly deputyRecords: DeputyRecord[];
  readonly scores: ScoresAnswer[];
  readonly unitScores: UnitScoresAnswer[];
}

/** The live read models' answers (what the query API serves), as JSON. */
const liveFigures = async (readModels: ReadModels, keys: Keys, asOf: string): Promise<Figures> => {
  const deputyRecords: DeputyRecord[] = [];
  for (const deputyId of [...keys.deputies].sort()) {
    for (const year of [...keys.years].sort((a, b) => a - b)) {
      const record = await readModels.getDeputyRecord(deputyId, year);
      if (record !== null && record.served !== null) deputyRecords.push(record);
    }
  }
  const scores: ScoresAnswer[] = [];
  const unitScores: UnitScoresAnswer[] = [];
  for (const period of [...keys.periods].sort()) {
    const facts = await readModels.listFacts(period);
    if (facts.length === 0) continue;
    const answer = buildScoresAnswer(facts, { period, asOf, ruleSet: defaultRuleSet });
    scores.push(answer);
    for (const unit of answer.units) {
      unitScores.push(buildUnitScoresAnswer(await readModels.listFacts(period, unit.unitId), { unitId: unit.unitId, period, asOf, ruleSet: defaultRuleSet }));
    }
  }
  return JSON.parse(JSON.stringify({ deputyRecords, scores, unitScores })) as Figures;
};

const cliReplay = async (argv: readonly string[]): Promise<Replay> => {
  const io = captureIo(["replay", ...argv]);
  const code = await runAuditCommand(io);
  if (code !== 0) throw new Error(`replay exited ${code}: ${io.err.text()}`);
  return JSON.parse(io.out.text()) as Replay;
};

const figuresOf = (replay: Replay): Figures => ({
  deputyRecords: [...replay.deputyRecords],
  scores: [...replay.scores],
  unitScores: [...replay.unitScores],
});

const historyArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  deputies: fc.integer({ min: 2, max: 10 }),
  units: fc.integer({ min: 1, max: 5 }),
  stations: fc.integer({ min: 1, max: 3 }),
  contacts: fc.integer({ min: 0, max: 30 }),
  suggestions: fc.integer({ min: 1, max: 40 }),
  voidRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  days: fc.integer({ min: 30, max: 500 }),
  cut: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  scoresAsOfDays: fc.integer({ min: 0, max: 700 }),
});

describe("replay determinism (property)", () => {
  it("replays, at a position and at a time, the figures the live projector gave then; and at the head", async () => {
    const seen = { records: 0, rankings: 0, units: 0, rankedUnits: 0 };
    await fc.assert(
      fc.asyncProperty(historyArbitrary, async (history) => {
        const temp = tempDir("determinism");
        const path = join(temp.dir, "events.sqlite");
        let clock = Date.parse("2024-01-01T00:00:00Z");
        const store: SqliteEventStore = openStore(path, () => new Date(clock));
        const readModelStore = createSqliteReadModelStore({ path: join(temp.dir, "read-models.sqlite") });
        const engine = createProjectionEngine({ store, readModels: readModelStore, projections: allProjections, logger: pino({ level: "silent" }), maxBatchWaitMs: 5 });
        const live = createReadModels(readModelStore);
        try {
          await engine.start();
          const appends = generateSampleLog(history);
          const split = Math.max(1, Math.floor(appends.length * history.cut));
          const append = async (batch: readonly SampleAppend[]): Promise<number> => {
            let head = await store.headPosition();
            for (const a of batch) {
              // The ledger receives each command a little after it happened (recordedAt never goes back).
              clock = Math.max(clock + 1, latestOccurrence(a) + 60_000);
              head = (await store.append(a.streamId, a.events)).position;
            }
            return head;
          };

          const position = await append(appends.slice(0, split));
          const recordedUpTo = clock;
          expect(await engine.waitFor(position, 20_000)).toBe(true);
          const keys = keysOf(appends.slice(0, split));
          const timeCut = new Date(recordedUpTo).toISOString();
          const liveAtPosition = await liveFigures(live, keys, shanghaiIsoOf(recordedUpTo));
          const liveAtTime = await liveFigures(live, keys, timeCut);

          clock += 86_400_000; // the rest of the history is recorded later
          const head = await append(appends.slice(split));
          expect(await engine.waitFor(head, 20_000)).toBe(true);
          const scoresAsOf = shanghaiIsoOf(Date.parse("2024-01-01T00:00:00+08:00") + history.scoresAsOfDays * 86_400_000);
          const liveAtHead = await liveFigures(live, keysOf(appends), scoresAsOf);

          const byPosition = await cliReplay(["--store-url", path, "--as-of", String(position)]);
          expect(byPosition.cut).toMatchObject({ by: "position", position });
          expect(byPosition.asOf).toBe(shanghaiIsoOf(recordedUpTo));
          expect(figuresOf(byPosition)).toEqual(liveAtPosition);

          const byTime = await cliReplay(["--store-url", path, "--as-of", timeCut]);
          expect(byTime.cut).toMatchObject({ by: "time", position, events: position });
          expect(figuresOf(byTime)).toEqual(liveAtTime);

          const atHead = await cliReplay(["--store-url", path, "--scores-as-of", scoresAsOf]);
          expect(atHead.cut).toMatchObject({ by: "head", position: head });
          expect(figuresOf(atHead)).toEqual(liveAtHead);
          seen.records += liveAtPosition.deputyRecords.length + liveAtHead.deputyRecords.length;
          seen.rankings += liveAtPosition.scores.length + liveAtHead.scores.length;
          seen.units += liveAtHead.unitScores.length;
          seen.rankedUnits += liveAtHead.scores.flatMap((answer) => answer.units).filter((unit) => unit.rank !== null).length;
        } finally {
          await engine.stop();
          await readModelStore.close();
          await store.close();
          temp.remove();
        }
      }),
      { numRuns: 12 },
    );
    // The histories were not trivial: there were figures to compare.
    expect(seen.records).toBeGreaterThan(0);
    expect(seen.rankings).toBeGreaterThan(0);
    expect(seen.units).toBeGreaterThan(0);
    console.info(`replay determinism: compared ${seen.records} duty records, ${seen.rankings} rankings, ${seen.units} unit answers (${seen.rankedUnits} ranked)`);
  });
});
