import { deciders, shanghaiIsoOf, shanghaiYearOfInstant, type PreReviewOutcome, type SuggestionPhase } from "@duty-ledger/domain";
import { CITE_OPINIONS, CONFIDENTIAL_SHARE, DUPLICATE_STEP_SHARE, MEAN_CO_SIGNERS, PRE_REVIEW, RECESS_SHARE } from "./calibration.js";
import { deputyIdOf, type DeputyRef, type RegionPlan } from "./region-plan.js";
import { scheduleCoSignatures } from "./participation.js";
import { newEntity } from "./simulation.js";
import { answerCitations, deputyActor, officeActor, pickLead, type SuggestionCase } from "./suggestion-case.js";
import { scheduleAssignment } from "./suggestion-handling.js";
import { DAY_MS, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import { placeFor } from "./suggestion-places.js";
import { textsOf, variantOf } from "./suggestion-texts.js";
import { TOPICS } from "./vocabulary.js";
import { countersOf, type SessionWindow, type World } from "./world.js";

/**
 * Suggestions (代表建议) from submission to closing, each step a command to the suggestion
 * decider: submission (during the session or in recess, citing opinions the lead deputy kept),
 * pre-review (accept / revise / return), assignment at the assignment meeting, the handling
 * steps, the reply, its publication, the lead deputy's evaluation, and re-handling after an
 * unsatisfied one. Also: extensions, late replies, and a duplicated step voided by the office.
 * Assignment and handling are in suggestion-handling.ts, the case and its draws in suggestion-case.ts.
 */

const YEAR_MS = 365.25 * DAY_MS;

// ---------------------------------------------------------------- submission and pre-review

/** What a suggestion grows out of, when not the lead deputy's kept opinions: a duty activity (调研、视察). */
export interface SuggestionOrigin {
  readonly lead: DeputyRef;
  readonly topicKey: string;
}

export const submitSuggestion = (world: World, region: RegionPlan, phase: SuggestionPhase, window: SessionWindow | undefined, submittedAt: number, origin?: SuggestionOrigin): void => {
  const { sim, random, pools } = world;
  const lead = origin?.lead ?? pickLead(world, region, phase, submittedAt);
  const citations = pools.has(lead.id, submittedAt) && random.chance(CITE_OPINIONS[phase]) ? pools.take(lead.id, submittedAt, 1 + Math.min(2, random.poisson(0.5))) : [];
  const cited = citations[0]?.contact.topicKey ?? origin?.topicKey;
  const topic = TOPICS.find((t) => t.key === cited) ?? random.pick(TOPICS);
  const texts = textsOf(topic.key);
  const place = placeFor(world.text, lead);
  const variant = world.text.int(0, texts.titles.length - 1);
  const title = `关于${variantOf(topic.key, variant).title(place)}的建议`;
  const year = shanghaiYearOfInstant(submittedAt);
  const counters = countersOf(world, region);
  const seq = (counters.suggestions.get(year) ?? 0) + 1;
  counters.suggestions.set(year, seq);
  const suggestionId = `S-${region.code}-${year}-${String(seq).padStart(4, "0")}`;
  const duplicateStep = random.chance(DUPLICATE_STEP_SHARE);
  const entity = newEntity(`suggestion-${suggestionId}`, deciders.suggestion.initialState, duplicateStep);
  const coSignerCount = Math.min(region.suggestionDeputies - 1, random.poisson(MEAN_CO_SIGNERS));
  const coSignerIds = random
    .distinct(region.suggestionDeputies, Math.min(region.suggestionDeputies, coSignerCount + 1))
    .filter((i) => i !== lead.index)
    .slice(0, coSignerCount)
    .map((i) => deputyIdOf(region, i));
  const session = window?.year ?? sessionLabelAt(world, region, submittedAt);
  const byOffice = phase === "session" && random.chance(0.3); // paper suggestions handed in at the session
  const actor = byOffice ? officeActor(region) : deputyActor(lead);
  const recordAt = byOffice ? nextWorkingTime(submittedAt + random.between(0.1, 2) * DAY_MS) : submittedAt;
  const opinionText = world.text.pick(topic.opinions);
  const caseOf: SuggestionCase = {
    entity,
    suggestionId,
    region,
    window,
    lead,
    title,
    variant,
    place,
    topicKey: topic.key,
    citations,
    duplicateStep,
    reviews: 0,
    unit: undefined,
    coUnits: [],
  };
  sim.schedule(recordAt, () => {
    sim.decide(deciders.suggestion, entity, {
      type: "SubmitSuggestion",
      data: {
        suggestionId,
        leadDeputyId: lead.id,
        coSignerIds,
        title,
        body: `${place.town}${place.village}部分群众反映：${opinionText}。为此，${texts.ask(place)}，切实解决群众急难愁盼问题。`,
        phase,
        session: String(session),
        submittedAt: shanghaiIsoOf(Math.min(submittedAt, sim.now), "second"),
        sourceOpinionIds: citations.flatMap((c) => c.opinionIds),
        confidential: random.chance(CONFIDENTIAL_SHARE),
      },
      metadata: sim.metadata(actor),
    });
    scheduleCoSignatures(world, entity, suggestionId, coSignerIds);
    schedulePreReview(world, caseOf);
  });
};

/** The year of the latest session held at `at` (a recess suggestion belongs to it). */
const sessionLabelAt = (world: World, region: RegionPlan, at: number): number => {
  const windows = world.sessions.get(region.code) ?? [];
  let label = shanghaiYearOfInstant(at) - 1;
  for (const w of windows) if (w.start <= at) label = w.year;
  return label;
};

const REVIEW_REASONS: Record<PreReviewOutcome, string> = {
  accept: "符合代表建议提出要求，予以采用。",
  revise: "建议所提问题和措施不够具体，请补充完善后重新提交。",
  return: "所提事项不属于代表建议范围，予以退回，已向代表说明。",
};

const schedulePreReview = (world: World, c: SuggestionCase): void => {
  const { sim, random } = world;
  sim.schedule(nextWorkingTime(sim.now + random.between(0.3, 4) * DAY_MS, random.int(0, 300) * MINUTE_MS), () => {
    c.reviews++;
    const outcome: PreReviewOutcome =
      c.reviews === 1
        ? random.weighted(Object.entries(PRE_REVIEW) as [PreReviewOutcome, number][])
        : random.weighted([["accept", 0.95], ["revise", c.reviews === 2 ? 0.02 : 0], ["return", 0.05]] as const);
    sim.decide(deciders.suggestion, c.entity, {
      type: "PreReviewSuggestion",
      data: { suggestionId: c.suggestionId, outcome, reason: REVIEW_REASONS[outcome], reviewedAt: shanghaiIsoOf(sim.now, "second") },
      metadata: sim.metadata(officeActor(c.region)),
    });
    switch (outcome) {
      case "accept":
        scheduleAssignment(world, c);
        return;
      case "revise":
        sim.schedule(sim.now + random.between(0.5, 5) * DAY_MS, () => {
          const ask = textsOf(c.topicKey).ask(c.place);
          sim.decide(deciders.suggestion, c.entity, {
            type: "ReviseSuggestion",
            data: { suggestionId: c.suggestionId, title: c.title, body: `根据预审意见补充了问题分析和具体措施：${c.place.town}${c.place.village}群众反映的问题由来已久，${ask}，并明确责任单位和完成时限。`, revisedAt: shanghaiIsoOf(sim.now, "second") },
            metadata: sim.metadata(deputyActor(c.lead)),
          });
          schedulePreReview(world, c);
        });
        return;
      case "return":
        answerCitations(world, c, "建议未被采纳，代表已向反映群众说明情况。", undefined);
        return;
      default: {
        const _exhaustive: never = outcome;
        throw new Error(`unknown outcome ${String(_exhaustive)}`);
      }
    }
  });
};

// ---------------------------------------------------------------- processes

/** The suggestions of one session: handed in from `submissionsOpen` to the session's end. */
export const scheduleSession = (world: World, region: RegionPlan, window: SessionWindow): void => {
  const { sim, random } = world;
  sim.schedule(window.submissionsOpen, () => {
    const count = Math.round(region.sessionSuggestions * random.between(0.9, 1.1));
    for (let i = 0; i < count; i++) {
      const submittedAt = nextWorkingTime(window.submissionsOpen + random.next() * (window.end - window.submissionsOpen), random.int(0, 400) * MINUTE_MS);
      sim.schedule(submittedAt, () => submitSuggestion(world, region, "session", window, sim.now));
    }
  });
};

/** Suggestions in recess: a Poisson process outside the session windows. */
export const startRecessSuggestions = (world: World, region: RegionPlan, start: number): void => {
  const { sim, random } = world;
  const perYear = (region.sessionSuggestions * RECESS_SHARE) / (1 - RECESS_SHARE);
  if (!(perYear > 0)) return;
  const windows = world.sessions.get(region.code) ?? [];
  const arrive = (from: number): void => {
    let arrival = from + random.exponential(YEAR_MS / perYear);
    // Session time does not count as recess: an arrival inside a window moves past it by the window's length.
    for (const w of windows) if (arrival >= w.submissionsOpen && arrival < w.end + 7 * DAY_MS) arrival += w.end + 7 * DAY_MS - w.submissionsOpen;
    sim.schedule(nextWorkingTime(Math.max(arrival, start), random.int(0, 400) * MINUTE_MS), () => {
      submitSuggestion(world, region, "recess", undefined, sim.now);
      arrive(arrival);
    });
  };
  arrive(start);
};
