import type { CommandActor, ContactState } from "@duty-ledger/domain";
import type { Random } from "./random.js";
import type { HistoryPlan, RegionPlan } from "./region-plan.js";
import type { Simulation, StreamEntity } from "./simulation.js";

/** What every activity of the generator shares: the simulation, the random stream, the plan. */
export interface World {
  readonly sim: Simulation;
  readonly random: Random;
  /** Draws of the texts (titles, bodies, replies): a stream of their own, so wording never moves an event. */
  readonly text: Random;
  readonly plan: HistoryPlan;
  readonly pools: OpinionPools;
  /** No contact or suggestion before this (the registries are filled first). */
  readonly activityStart: number;
  /** Session windows of each region, by region code. */
  readonly sessions: ReadonlyMap<string, readonly SessionWindow[]>;
  /** Running numbers for ids, by region code. */
  readonly counters: Map<string, RegionCounters>;
}

export interface SessionWindow {
  readonly year: number;
  /** Deputies hand in suggestions before the session (预交) from here. */
  readonly submissionsOpen: number;
  readonly start: number;
  readonly end: number;
  /** The assignment meeting (交办会). */
  readonly meeting: number;
  /** Assignments recorded at the meeting so far (the office records them one after the other). */
  assigned: number;
}

export interface RegionCounters {
  contacts: number;
  /** Duty activities recorded so far (ids `AC-<region>-<nnnnnn>`). */
  activities: number;
  suggestions: Map<number, number>;
  /** Deputies who recently kept an opinion for a suggestion (recess suggestions often start there). */
  readonly recentPoolOwners: string[];
  /** Next place in each station's rota of deputies on duty (全员进站), by station id. */
  readonly rota: Map<string, number>;
}

export const countersOf = (world: World, region: RegionPlan): RegionCounters => {
  let counters = world.counters.get(region.code);
  if (counters === undefined) {
    counters = { contacts: 0, activities: 0, suggestions: new Map(), recentPoolOwners: [], rota: new Map() };
    world.counters.set(region.code, counters);
  }
  return counters;
};

/** A recorded contact the simulation may still act on (feedback), and who recorded it. */
export interface ContactCase {
  readonly entity: StreamEntity<ContactState>;
  readonly contactId: string;
  readonly topicKey: string;
  /** Who gives feedback to the constituents on the contact's opinions. */
  readonly feedbackActor: CommandActor;
}

export interface PoolEntry {
  readonly contact: ContactCase;
  readonly opinionId: string;
  readonly keptAt: number;
}

const POOL_CAPACITY = 4;
const POOL_MAX_AGE_MS = 240 * 24 * 3_600_000;
const RECENT_OWNERS = 64;

/**
 * Opinions a deputy keeps to turn into a suggestion (听民意 → 提建议). Bounded: at most a few
 * per deputy, dropped (left unanswered) when too old, so memory does not grow with history.
 */
export class OpinionPools {
  private readonly pools = new Map<string, PoolEntry[]>();

  keep(deputyId: string, entry: PoolEntry, counters: RegionCounters): void {
    let pool = this.pools.get(deputyId);
    if (pool === undefined) {
      pool = [];
      this.pools.set(deputyId, pool);
    }
    pool.push(entry);
    if (pool.length > POOL_CAPACITY) pool.shift();
    counters.recentPoolOwners.push(deputyId);
    if (counters.recentPoolOwners.length > RECENT_OWNERS) counters.recentPoolOwners.shift();
  }

  has(deputyId: string, now: number): boolean {
    return this.fresh(deputyId, now).length > 0;
  }

  /** Takes up to `max` of the deputy's fresh opinions, grouped by contact. */
  take(deputyId: string, now: number, max: number): { contact: ContactCase; opinionIds: string[] }[] {
    const fresh = this.fresh(deputyId, now);
    const taken = fresh.splice(0, max);
    if (fresh.length === 0) this.pools.delete(deputyId);
    else this.pools.set(deputyId, fresh);
    const groups = new Map<ContactCase, string[]>();
    for (const entry of taken) {
      const ids = groups.get(entry.contact) ?? [];
      ids.push(entry.opinionId);
      groups.set(entry.contact, ids);
    }
    return [...groups].map(([contact, opinionIds]) => ({ contact, opinionIds }));
  }

  get size(): number {
    return this.pools.size;
  }

  private fresh(deputyId: string, now: number): PoolEntry[] {
    const pool = this.pools.get(deputyId);
    if (pool === undefined) return [];
    const fresh = pool.filter((entry) => now - entry.keptAt <= POOL_MAX_AGE_MS);
    if (fresh.length === 0) this.pools.delete(deputyId);
    else if (fresh.length !== pool.length) this.pools.set(deputyId, fresh);
    return fresh;
  }
}
