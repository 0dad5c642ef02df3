import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { deciders, streamIdOf, tallyVote, type Ballot, type BallotChoice, type CountedBox, type ProgrammeCommand } from "@duty-ledger/domain";
import { createSqliteEventStore, type NewEvent, type SqliteEventStore } from "@duty-ledger/event-store";
import { createCommandHandler, createKeyedLock } from "@duty-ledger/ledger-api";
import { createProjectionEngine, createSqliteReadModelStore, LIVELIHOOD, livelihoodProjection, type AnyProjection } from "@duty-ledger/projections";
import { createSeededRandom } from "@duty-ledger/generator";
import { bareScanSubject, benchLog, benchRounds, benchScale, formatResults, runWorkload, scaled, silentLogger, type Subject, type SubjectSession } from "@duty-ledger/testing/bench";

/**
 * 民生实事票决 (design/livelihood.md, issue 22), two workloads, each against a bare scan in the
 * same run:
 *
 * 1. Closing a vote of 500 deputies × 15 candidates: programmes of 500 deputies (about 460
 *    present, their ballots in 5 boxes, a choice for each of 15 shortlisted candidates) are
 *    written to a SQLite log (untimed), then closed through the ledger's write path
 *    (`createCommandHandler`: the stream read, folded by the programme decider, the vote tallied,
 *    the result appended) — ballots per second. Baseline: the programme streams' rows read back
 *    by raw better-sqlite3 and `JSON.parse`d, nothing else. Peer: `tallyVote` alone on the
 *    decoded boxes (the arithmetic). 20 programmes per repetition (× BENCH_SCALE).
 * 2. Rebuilding every programme of the province: the livelihood read model (every `programme-`
 *    and `project-` document and their indexes) rebuilt by one projection engine from an empty
 *    read-model file over the generated province's log (the city's when BENCH_SCALE < 1),
 *    against `bareScanSubject` of the same log — events of the log per second.
 *
 * No goal is set: the rows are the measure (docs/performance.md).
 */

const DEPUTIES = 500;
const CANDIDATES = 15;
const SLOTS = 10;
const BOXES = 5;
const office = { id: "O-BENCH", role: "office" as const };

/** The events of one programme up to its close: opened, 15 candidates shortlisted, ~92 % present, the boxes counted. */
const programmeEvents = (programmeId: string, seed: string): { events: NewEvent[]; ballots: number } => {
  const random = createSeededRandom(seed);
  const metadata = { actor: office };
  const at = "2026-01-15T09:00:00+08:00";
  const candidateIds = Array.from({ length: CANDIDATES }, (_, i) => `${programmeId}-C${String(i + 1).padStart(2, "0")}`);
  const present = Array.from({ length: DEPUTIES }, (_, i) => `D-${String(i + 1).padStart(4, "0")}`).filter(() => random.chance(0.92));
  const support = candidateIds.map((_, i) => (i < SLOTS ? random.between(0.6, 0.95) : random.between(0.3, 0.6)));
  const ballots: Ballot[] = present.map(() => ({
    choices: Object.fromEntries(candidateIds.map((id, i): [string, BallotChoice] => [id, random.chance(support[i] as number) ? "yes" : random.chance(0.3) ? "abstain" : "no"])),
  }));
  const events: NewEvent[] = [
    { id: `${programmeId}-open`, type: "LivelihoodProgrammeOpened", data: { programmeId, title: "民生实事项目", year: 2026, session: "2026", slots: SLOTS, electorateSize: DEPUTIES, collectUntil: at, openedAt: "2026-01-02T09:00:00+08:00" }, metadata },
    ...candidateIds.map((candidateId) => ({
      id: `${programmeId}-${candidateId}`,
      type: "LivelihoodCandidateProposed",
      data: { programmeId, candidateId, title: "村道硬化", description: "村道硬化提升工程", proposedBy: { kind: "public" }, estimatedBudgetYuan: 25_000_000, responsibleUnitId: "U-1", proposedAt: "2026-01-05T09:00:00+08:00" },
      metadata,
    })),
    { id: `${programmeId}-short`, type: "LivelihoodShortlistDecided", data: { programmeId, candidateIds, decidedAt: at, reason: "差额" }, metadata },
    { id: `${programmeId}-att`, type: "LivelihoodAttendanceRecorded", data: { programmeId, deputyIds: present, attendedAt: at }, metadata },
    ...Array.from({ length: BOXES }, (_, b) => ({
      id: `${programmeId}-B${b + 1}`,
      type: "LivelihoodBallotBoxCounted",
      data: { programmeId, boxId: `B-${b + 1}`, countedAt: at, ballots: ballots.slice(Math.floor((b * ballots.length) / BOXES), Math.floor(((b + 1) * ballots.length) / BOXES)), invalid: 0 },
      metadata,
    })),
  ];
  return { events, ballots: ballots.length };
};

/** Writes `count` programmes into the store (untimed); their ids and ballots. */
const writeProgrammes = async (store: SqliteEventStore, prefix: string, count: number): Promise<{ ids: string[]; ballots: number }> => {
  const ids: string[] = [];
  let ballots = 0;
  for (let i = 0; i < count; i++) {
    const programmeId = `${prefix}-${i + 1}`;
    const written = programmeEvents(programmeId, programmeId);
    await store.append(streamIdOf.programme(programmeId), written.events);
    ids.push(programmeId);
    ballots += written.ballots;
  }
  return { ids, ballots };
};

const programmesPerRepetition = (): number => scaled(20, benchScale());

const openStore = (path: string): SqliteEventStore => createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });

const removeDb = (path: string): void => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
};

/** Baseline: the programmes' rows read back and decoded, nothing else. */
const scanProgrammesSubject = (): Subject => ({
  name: "bare scan of the programme streams (raw better-sqlite3 + JSON.parse)",
  role: "baseline",
  open: async (dir): Promise<SubjectSession> => {
    const path = join(dir, "programmes.sqlite");
    const store = openStore(path);
    const { ids, ballots } = await writeProgrammes(store, "LP-SCAN", programmesPerRepetition());
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare("SELECT data, metadata FROM events WHERE stream_id = ? ORDER BY revision").raw();
    return {
      run: async () => {
        const start = performance.now();
        for (const id of ids) {
          for (const row of rows.iterate(streamIdOf.programme(id)) as Iterable<unknown[]>) {
            JSON.parse(row[0] as string);
            JSON.parse(row[1] as string);
          }
        }
        return { ops: ballots, seconds: (performance.now() - start) / 1000 };
      },
      close: async () => {
        db.close();
        removeDb(path);
      },
    };
  },
});

/** The close through the ledger's write path, fresh programmes each repetition. */
const closeSubject = (): Subject => ({
  name: "close-vote through the write path (read, fold, tally, append)",
  role: "subject",
  open: async (dir): Promise<SubjectSession> => {
    const path = join(dir, "close.sqlite");
    const store = openStore(path);
    const commands = createCommandHandler({ store, lock: createKeyedLock() });
    return {
      run: async (repetition) => {
        const { ids, ballots } = await writeProgrammes(store, `LP-CLOSE-${repetition}`, programmesPerRepetition());
        const start = performance.now();
        for (const programmeId of ids) {
          const command: ProgrammeCommand = {
            type: "CloseLivelihoodVote",
            data: { programmeId, closedAt: "2026-01-15T12:00:00+08:00" },
            metadata: { actor: office, now: "2026-01-15T12:00:00+08:00" },
          };
          await commands.handle(deciders.programme, streamIdOf.programme(programmeId), command, (index) => `${programmeId}-close-${index}`, { correlationId: "bench" });
        }
        return { ops: ballots, seconds: (performance.now() - start) / 1000 };
      },
      close: async () => {
        await store.close();
        removeDb(path);
      },
    };
  },
});

/** Peer: the tally alone, on boxes already decoded. */
const tallySubject = (): Subject => ({
  name: "tallyVote alone (decoded boxes)",
  role: "peer",
  open: async (): Promise<SubjectSession> => {
    const programmes = Array.from({ length: programmesPerRepetition() }, (_, i) => programmeEvents(`LP-TALLY-${i + 1}`, `LP-SCAN-${i + 1}`));
    const inputs = programmes.map(({ events }) => {
      const boxes = events.filter((e) => e.type === "LivelihoodBallotBoxCounted").map((e) => e.data as CountedBox);
      const shortlist = (events.find((e) => e.type === "LivelihoodShortlistDecided")?.data as { candidateIds: string[] }).candidateIds;
      const attendance = (events.find((e) => e.type === "LivelihoodAttendanceRecorded")?.data as { deputyIds: string[] }).deputyIds.length;
      return { shortlist, slots: SLOTS, electorateSize: DEPUTIES, attendance, boxes };
    });
    const ballots = programmes.reduce((sum, p) => sum + p.ballots, 0);
    return {
      run: async () => {
        const start = performance.now();
        for (const input of inputs) tallyVote(input);
        return { ops: ballots, seconds: (performance.now() - start) / 1000 };
      },
      close: async () => undefined,
    };
  },
});

/** Every programme and project of the log rebuilt into an empty read-model file by one engine. */
const rebuildSubject = (logPath: string, events: number): Subject => {
  const documents: number[] = [];
  return {
    name: "livelihood read model rebuilt (one engine, every programme and project)",
    role: "subject",
    open: async (dir): Promise<SubjectSession> => ({
      run: async (repetition) => {
        const path = join(dir, `livelihood-${repetition}.sqlite`);
        const store = openStore(logPath);
        const readModels = createSqliteReadModelStore({ path });
        try {
          const engine = createProjectionEngine({ store, readModels, projections: [livelihoodProjection as AnyProjection], logger: silentLogger });
          const start = performance.now();
          await engine.start();
          const reached = await engine.waitFor(events, 1_800_000);
          const seconds = (performance.now() - start) / 1000;
          await engine.stop();
          if (!reached) throw new Error(`the engine did not reach the head (${events})`);
          documents.push((await readModels.listByIndex(LIVELIHOOD, { name: "year", values: ["2024", "2025", "2026"] })).length);
          return { ops: events, seconds };
        } finally {
          await readModels.close();
          await store.close();
          removeDb(path);
        }
      },
      close: async () => undefined,
      note: () => (documents.length === 0 ? null : `programmes rebuilt per run: ${documents[documents.length - 1] ?? 0}`),
    }),
  };
};

const main = async (): Promise<void> => {
  const rounds = benchRounds();
  const log = (line: string): void => console.log(line);
  const closeRows = await runWorkload(
    {
      name: `close a vote (${DEPUTIES} deputies × ${CANDIDATES} candidates, ${programmesPerRepetition()} programmes per repetition)`,
      unit: "ballots",
      subjects: [scanProgrammesSubject(), closeSubject(), tallySubject()],
    },
    { ...rounds, log },
  );
  console.log(formatResults(closeRows));
  const { profile, logPath, events } = await benchLog("livelihood");
  const rebuildRows = await runWorkload(
    { name: `rebuild every livelihood programme (${profile}, ${events} events)`, unit: "events", subjects: [bareScanSubject(logPath, events), rebuildSubject(logPath, events)] },
    { ...rounds, log },
  );
  console.log(formatResults(rebuildRows));
};

await main();
