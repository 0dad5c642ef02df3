import { addShanghaiYears, shanghaiDateStart, shanghaiIsoOf, shanghaiYearOfInstant, shanghaiYearStart } from "@duty-ledger/domain";
import { startCountyContacts, startUpperContacts } from "./contact-activity.js";
import { startDutyActivities } from "./duty-activity.js";
import { createEventIdFactory } from "./event-id-factory.js";
import { createRandom } from "./random.js";
import { buildHistoryPlan, type GeneratorProfile, type HistoryPlan, type RegionLevel } from "./region-plan.js";
import { scheduleRegistrations } from "./registry-activity.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import { Simulation, type GeneratedAppend } from "./simulation.js";
import { scheduleLivelihoodProgramme } from "./livelihood-activity.js";
import { scheduleSession, startRecessSuggestions } from "./suggestion-activity.js";
import { OpinionPools, type SessionWindow, type World } from "./world.js";

/**
 * `generateHistory`: a deterministic, lazily generated event history of a county, a city or a
 * province. Iterating it runs the simulation from scratch (so it can be iterated again, with the
 * same result); memory stays bounded by what is open at one moment (suggestions in handling,
 * contacts awaiting feedback), never by the length of the history.
 */

export interface GenerateHistoryOptions {
  readonly profile: GeneratorProfile;
  /** Same seed, same history, byte for byte (a number or a string; taken as text). */
  readonly seed: number | string;
  /** Multiplies every population and count of every region (default 1). */
  readonly scale?: number;
  /** First day of the history, `YYYY-MM-DD`, Asia/Shanghai (default 2024-01-01). */
  readonly from?: string;
  /** Length of the history in years (default: county 1, city 1, province 2). */
  readonly years?: number;
  /**
   * Last day of the history, `YYYY-MM-DD`, Asia/Shanghai, included (instead of `years`): a
   * history up to today has items due this month and overdue last month, as a live ledger has.
   */
  readonly until?: string;
}

export interface ResolvedHistoryOptions {
  readonly profile: GeneratorProfile;
  readonly seed: string;
  readonly scale: number;
  readonly from: string;
  /** Years of history (a fraction when the history ends on a given day). */
  readonly years: number;
  /** Start and end of the simulated window (ISO 8601, +08:00). */
  readonly fromInstant: string;
  readonly untilInstant: string;
}

export const DEFAULT_HISTORY_FROM = "2024-01-01";
const YEAR_MS = 365.2425 * DAY_MS;
export const defaultHistoryYears: Readonly<Record<GeneratorProfile, number>> = { county: 1, city: 1, province: 2 };

export interface GeneratorStats {
  readonly events: number;
  readonly appends: number;
  /** Actions on the agenda: a measure of the simulation's memory. */
  readonly pendingActions: number;
  /** Deputies holding opinions for a future suggestion. */
  readonly opinionPools: number;
  /** Simulated time of the last action run (ISO 8601, +08:00). */
  readonly simulatedTime: string;
  /** Fraction of the simulated window done, 0..1. */
  readonly progress: number;
}

export interface HistoryIterator extends IterableIterator<GeneratedAppend> {
  readonly plan: HistoryPlan;
  stats(): GeneratorStats;
}

export interface GeneratedHistory extends Iterable<GeneratedAppend> {
  readonly options: ResolvedHistoryOptions;
  [Symbol.iterator](): HistoryIterator;
}

export const resolveHistoryOptions = (options: GenerateHistoryOptions): ResolvedHistoryOptions => {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const from = options.from ?? DEFAULT_HISTORY_FROM;
  const fromMs = shanghaiDateStart(from);
  if (options.until !== undefined) {
    if (options.years !== undefined) throw new RangeError("give years or until, not both");
    const untilMs = shanghaiDateStart(options.until) + DAY_MS;
    const years = (untilMs - fromMs) / YEAR_MS;
    if (!(untilMs > fromMs) || years > 50) throw new RangeError(`until must be a day from ${from} to 50 years after it, got ${options.until}`);
    return { profile: options.profile, seed: String(options.seed), scale, from, years, fromInstant: shanghaiIsoOf(fromMs, "second"), untilInstant: shanghaiIsoOf(untilMs, "second") };
  }
  const years = options.years ?? defaultHistoryYears[options.profile];
  if (!(years > 0) || !Number.isInteger(years) || years > 50) throw new RangeError(`years must be an integer in 1..50, got ${years}`);
  return {
    profile: options.profile,
    seed: String(options.seed),
    scale,
    from,
    years,
    fromInstant: shanghaiIsoOf(fromMs, "second"),
    untilInstant: shanghaiIsoOf(addShanghaiYears(fromMs, years), "second"),
  };
};

const SESSION_DAYS: Readonly<Record<RegionLevel, number>> = { county: 3, municipal: 4, provincial: 5 };
/** Days after 1 January when sessions open: local congresses meet in January–February. */
const SESSION_OPENING: Readonly<Record<RegionLevel, readonly [number, number]>> = { county: [7, 50], municipal: [5, 30], provincial: [12, 24] };

const startSimulation = (options: ResolvedHistoryOptions): HistoryIterator => {
  const fromMs = Date.parse(options.fromInstant);
  const untilMs = Date.parse(options.untilInstant);
  const plan = buildHistoryPlan(options.profile, createRandom(`plan/${options.seed}`), options.scale);
  const random = createRandom(`sim/${options.seed}`);
  const sim = new Simulation({
    eventIds: createEventIdFactory(createRandom(`ids/${options.seed}`)),
    until: untilMs,
    correlationId: `seed:${options.profile}:${options.seed}`,
  });

  // The registries first: every office registers its stations, units and deputies; the
  // municipal and provincial offices after the counties, whose stations their deputies name.
  let registered = fromMs;
  let countiesRegistered = fromMs;
  for (const region of plan.regions) {
    let start = nextWorkingTime(fromMs + random.int(0, 2) * DAY_MS + random.int(0, 120) * MINUTE_MS);
    if (region.level !== "county") start = nextWorkingTime(Math.max(start, countiesRegistered + random.int(5, 60) * MINUTE_MS));
    const done = scheduleRegistrations({ sim, random }, region, start, random.int(40, 80) * 1_000);
    if (region.level === "county") countiesRegistered = Math.max(countiesRegistered, done);
    registered = Math.max(registered, done);
  }
  const activityStart = nextWorkingTime(registered + DAY_MS);

  // Session windows of each region, year by year.
  const sessions = new Map<string, SessionWindow[]>();
  for (const region of plan.regions) {
    const windows: SessionWindow[] = [];
    const [earliest, latest] = SESSION_OPENING[region.level];
    for (let year = shanghaiYearOfInstant(fromMs); year <= shanghaiYearOfInstant(untilMs); year++) {
      const yearStart = shanghaiYearStart(year);
      let start = nextWorkingTime(yearStart + random.int(earliest, latest) * DAY_MS + 9 * HOUR_MS);
      if (start - 20 * DAY_MS < activityStart) start = nextWorkingTime(activityStart + (21 + random.int(0, 7)) * DAY_MS + 9 * HOUR_MS);
      if (start > yearStart + 120 * DAY_MS) continue; // the year's session was before the history began
      const submissionsOpen = start - 20 * DAY_MS;
      if (submissionsOpen >= untilMs) continue;
      const end = start + SESSION_DAYS[region.level] * DAY_MS + 3 * HOUR_MS;
      const meeting = nextWorkingTime(end + random.int(10, 30) * DAY_MS + random.int(0, 60) * MINUTE_MS);
      windows.push({ year, submissionsOpen, start, end, meeting, assigned: 0 });
    }
    sessions.set(region.code, windows);
  }

  const world: World = { sim, random, text: createRandom(`text/${options.seed}`), plan, pools: new OpinionPools(), activityStart, sessions, counters: new Map() };
  // The livelihood programmes draw from a stream of their own: the rest of the history stays as it was without them.
  const livelihoodWorld: World = { ...world, random: createRandom(`livelihood/${options.seed}`) };
  // So do the other duty activities (视察、调研、培训…).
  const dutyWorld: World = { ...world, random: createRandom(`activities/${options.seed}`) };
  for (const region of plan.regions) {
    for (const window of sessions.get(region.code) ?? []) {
      scheduleSession(world, region, window);
      scheduleLivelihoodProgramme(livelihoodWorld, region, window);
    }
    startRecessSuggestions(world, region, activityStart);
    if (region.level === "county") {
      startCountyContacts(world, region, activityStart);
      startDutyActivities(dutyWorld, region, activityStart);
    }
    else startUpperContacts(world, region, activityStart);
  }

  let buffer: GeneratedAppend[] = [];
  let index = 0;
  const iterator: HistoryIterator = {
    plan,
    next(): IteratorResult<GeneratedAppend> {
      if (index >= buffer.length) {
        const more = sim.nextAppends();
        if (more === undefined) return { done: true, value: undefined };
        buffer = more;
        index = 0;
      }
      return { done: false, value: buffer[index++] as GeneratedAppend };
    },
    [Symbol.iterator]() {
      return iterator;
    },
    stats: () => ({
      events: sim.events,
      appends: sim.appends,
      pendingActions: sim.pendingActions,
      opinionPools: world.pools.size,
      simulatedTime: shanghaiIsoOf(Math.max(sim.now, fromMs), "second"),
      progress: Math.min(1, Math.max(0, (sim.now - fromMs) / (untilMs - fromMs))),
    }),
  };
  return iterator;
};

/** A deterministic history of appends `{streamId, expectedRevision, events, recordedAt}` in time order. */
export const generateHistory = (options: GenerateHistoryOptions): GeneratedHistory => {
  const resolved = resolveHistoryOptions(options);
  return {
    options: resolved,
    [Symbol.iterator]: () => startSimulation(resolved),
  };
};
