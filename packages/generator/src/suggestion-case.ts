import { deciders, shanghaiIsoOf, type CommandActor, type EvaluationRating, type ReplyCategory, type SuggestionPhase, type SuggestionState } from "@duty-ledger/domain";
import { CO_UNITS, RATINGS_BY_CATEGORY, REHANDLING_CATEGORIES, REHANDLING_RATINGS, REPLY_CATEGORIES } from "./calibration.js";
import { deputyIdOf, type DeputyRef, type RegionPlan, type UnitPlan } from "./region-plan.js";
import { DAY_MS, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import type { StreamEntity } from "./simulation.js";
import type { SuggestionPlace } from "./suggestion-places.js";
import { countersOf, type ContactCase, type SessionWindow, type World } from "./world.js";

/**
 * A suggestion as the generator follows it (suggestion-activity.ts submits and pre-reviews it,
 * suggestion-handling.ts assigns and handles it), who acts on it, and the draws that pick its
 * lead deputy, units, reply category and rating.
 */

export interface SuggestionCase {
  readonly entity: StreamEntity<SuggestionState>;
  readonly suggestionId: string;
  readonly region: RegionPlan;
  readonly window: SessionWindow | undefined;
  readonly lead: DeputyRef;
  readonly title: string;
  /** Which of its topic's titles (suggestion-texts.ts): the reply follows it. */
  readonly variant: number;
  readonly place: SuggestionPlace;
  readonly topicKey: string;
  readonly citations: readonly { contact: ContactCase; opinionIds: string[] }[];
  readonly duplicateStep: boolean;
  reviews: number;
  unit: UnitPlan | undefined;
  coUnits: readonly UnitPlan[];
}

export const deputyActor = (deputy: DeputyRef): CommandActor => ({ id: deputy.id, role: "deputy" });
export const officeActor = (region: RegionPlan): CommandActor => ({ id: region.officeId, role: "office" });
export const unitActor = (unit: UnitPlan): CommandActor => ({ id: unit.id, role: "unit" });

export const titles = (region: RegionPlan): { head: string[]; congress: string[] } => {
  switch (region.level) {
    case "county":
      return { head: ["县长", "副县长"], congress: ["县人大常委会主任", "县人大常委会副主任"] };
    case "municipal":
      return { head: ["市长", "副市长"], congress: ["市人大常委会主任", "市人大常委会副主任"] };
    case "provincial":
      return { head: ["副省长"], congress: ["省人大常委会副主任"] };
    default: {
      const _exhaustive: never = region.level;
      throw new Error(`unknown level ${String(_exhaustive)}`);
    }
  }
};

/** A deputy of the region's level; a few deputies are far more active than most. */
export const pickLead = (world: World, region: RegionPlan, phase: SuggestionPhase, submittedAt: number): DeputyRef => {
  const { random, pools } = world;
  const recent = countersOf(world, region).recentPoolOwners;
  if (recent.length > 0 && random.chance(phase === "recess" ? 0.6 : 0.4)) {
    const id = random.pick(recent);
    if (pools.has(id, submittedAt)) {
      const index = Number(id.slice(id.lastIndexOf("-") + 1)) - 1;
      return { id, region, index };
    }
  }
  const index = Math.floor(region.suggestionDeputies * random.next() ** 1.8);
  return { id: deputyIdOf(region, index), region, index };
};

export const pickCategory = (world: World, round: number, unit: UnitPlan): ReplyCategory => {
  if (round > 1) return world.random.weighted(Object.entries(REHANDLING_CATEGORIES) as [ReplyCategory, number][]);
  const rest = 1 - REPLY_CATEGORIES.A;
  const scale = (1 - unit.categoryAShare) / rest;
  return world.random.weighted([
    ["A", unit.categoryAShare],
    ["B", REPLY_CATEGORIES.B * scale],
    ["C", REPLY_CATEGORIES.C * scale],
    ["D", REPLY_CATEGORIES.D * scale],
  ] as const);
};

export const pickRating = (world: World, round: number, category: ReplyCategory): EvaluationRating => {
  const weights = round === 1 ? RATINGS_BY_CATEGORY[category] : REHANDLING_RATINGS;
  const unsatisfied = round >= 3 ? 0 : weights[2];
  return world.random.weighted([
    ["satisfied", weights[0]],
    ["basically-satisfied", weights[1]],
    ["unsatisfied", unsatisfied],
  ] as const);
};

export const pickUnits = (world: World, region: RegionPlan, topicKey: string): { unit: UnitPlan; coUnits: UnitPlan[] } => {
  const { random } = world;
  const handling = region.units.filter((u) => u.topics.includes(topicKey));
  const unit = handling.length > 0 ? random.weighted(handling.map((u, i) => [u, 1 / (i + 1)] as const)) : random.pick(region.units);
  const coCount = Math.min(region.units.length - 1, random.weighted(CO_UNITS));
  const others = region.units.filter((u) => u !== unit);
  const coUnits = random.distinct(others.length, coCount).map((i) => others[i] as UnitPlan);
  return { unit, coUnits };
};

/** The lead deputy tells the constituents behind the cited opinions what came of them. */
export const answerCitations = (world: World, c: SuggestionCase, text: string, causationId: string | undefined): void => {
  const { sim, random } = world;
  for (const { contact, opinionIds } of c.citations) {
    sim.schedule(nextWorkingTime(sim.now + random.between(3, 20) * DAY_MS, random.int(0, 400) * MINUTE_MS), () => {
      sim.decide(
        deciders.contact,
        contact.entity,
        {
          type: "GiveContactFeedback",
          data: { contactId: contact.contactId, opinionIds, feedbackAt: shanghaiIsoOf(sim.now, "second"), text: `${text}（${c.suggestionId}）` },
          metadata: sim.metadata(deputyActor(c.lead)),
        },
        causationId,
      );
    });
  }
};
