import {
  deciders,
  endOfDayMonthsAfter,
  shanghaiIsoOf,
  shanghaiYearOfInstant,
  type CommandActor,
  type EvaluationRating,
  type HandlingStepKind,
  type PreReviewOutcome,
  type ReplyCategory,
  type SuggestionPhase,
  type SuggestionState,
} from "@duty-ledger/domain";
import {
  CITE_OPINIONS,
  CO_UNITS,
  COMPLEX_SHARE,
  CONFIDENTIAL_SHARE,
  CONSULTATION_DEPUTY_PRESENT,
  DUPLICATE_STEP_SHARE,
  EVALUATED_SHARE,
  HEAD_LED_PER_UNIT_YEAR,
  LATE_ONLINE_SHARE,
  LATE_PUBLICATION_SHARE,
  LEADERSHIP_MEETING_PER_UNIT_YEAR,
  MEAN_CO_SIGNERS,
  PRE_REVIEW,
  RATINGS_BY_CATEGORY,
  RECESS_SHARE,
  REHANDLING_CATEGORIES,
  REHANDLING_RATINGS,
  REPLY_CATEGORIES,
} from "./calibration.js";
import { deputyIdOf, type DeputyRef, type RegionPlan, type UnitPlan } from "./region-plan.js";
import {
  addWorkingDays,
  addWorkingTime,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  nextWorkingTime,
  previousWorkingTime,
  toSecond,
} from "./working-time.js";
import { newEntity, type StreamEntity } from "./simulation.js";
import { personName, REPLY_TEXTS, STEP_NOTES, TOPICS } from "./vocabulary.js";
import { countersOf, type ContactCase, type SessionWindow, type World } from "./world.js";

/**
 * Suggestions (代表建议) from submission to closing, each step a command to the suggestion
 * decider: submission (during the session or in recess, citing opinions the lead deputy kept),
 * pre-review (accept / revise / return), assignment at the assignment meeting, the handling
 * steps, the reply, its publication, the lead deputy's evaluation, and re-handling after an
 * unsatisfied one. Also: extensions, late replies, and a duplicated step voided by the office.
 */

const YEAR_MS = 365.25 * DAY_MS;

interface SuggestionCase {
  readonly entity: StreamEntity<SuggestionState>;
  readonly suggestionId: string;
  readonly region: RegionPlan;
  readonly window: SessionWindow | undefined;
  readonly lead: DeputyRef;
  readonly subject: string;
  readonly topicKey: string;
  readonly citations: readonly { contact: ContactCase; opinionIds: string[] }[];
  readonly duplicateStep: boolean;
  reviews: number;
  unit: UnitPlan | undefined;
  coUnits: readonly UnitPlan[];
}

const deputyActor = (deputy: DeputyRef): CommandActor => ({ id: deputy.id, role: "deputy" });
const officeActor = (region: RegionPlan): CommandActor => ({ id: region.officeId, role: "office" });
const unitActor = (unit: UnitPlan): CommandActor => ({ id: unit.id, role: "unit" });

const titles = (region: RegionPlan): { head: string[]; congress: string[] } => {
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
const pickLead = (world: World, region: RegionPlan, phase: SuggestionPhase, submittedAt: number): DeputyRef => {
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

const pickCategory = (world: World, round: number, unit: UnitPlan): ReplyCategory => {
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

const pickRating = (world: World, round: number, category: ReplyCategory): EvaluationRating => {
  const weights = round === 1 ? RATINGS_BY_CATEGORY[category] : REHANDLING_RATINGS;
  const unsatisfied = round >= 3 ? 0 : weights[2];
  return world.random.weighted([
    ["satisfied", weights[0]],
    ["basically-satisfied", weights[1]],
    ["unsatisfied", unsatisfied],
  ] as const);
};

const pickUnits = (world: World, region: RegionPlan, topicKey: string): { unit: UnitPlan; coUnits: UnitPlan[] } => {
  const { random } = world;
  const handling = region.units.filter((u) => u.topics.includes(topicKey));
  const unit = handling.length > 0 ? random.weighted(handling.map((u, i) => [u, 1 / (i + 1)] as const)) : random.pick(region.units);
  const coCount = Math.min(region.units.length - 1, random.weighted(CO_UNITS));
  const others = region.units.filter((u) => u !== unit);
  const coUnits = random.distinct(others.length, coCount).map((i) => others[i] as UnitPlan);
  return { unit, coUnits };
};

// ---------------------------------------------------------------- submission and pre-review

const submitSuggestion = (world: World, region: RegionPlan, phase: SuggestionPhase, window: SessionWindow | undefined, submittedAt: number): void => {
  const { sim, random, pools } = world;
  const lead = pickLead(world, region, phase, submittedAt);
  const citations = pools.has(lead.id, submittedAt) && random.chance(CITE_OPINIONS[phase]) ? pools.take(lead.id, submittedAt, 1 + Math.min(2, random.poisson(0.5))) : [];
  const cited = citations[0]?.contact.topicKey;
  const topic = TOPICS.find((t) => t.key === cited) ?? random.pick(TOPICS);
  const subject = random.pick(topic.subjects);
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
  const opinionText = random.pick(topic.opinions);
  const caseOf: SuggestionCase = {
    entity,
    suggestionId,
    region,
    window,
    lead,
    subject,
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
        title: `关于${subject}的建议`,
        body: `${region.name}部分群众反映：${opinionText}。建议有关部门${subject}，切实解决群众急难愁盼问题。`,
        phase,
        session: String(session),
        submittedAt: shanghaiIsoOf(Math.min(submittedAt, sim.now), "second"),
        sourceOpinionIds: citations.flatMap((c) => c.opinionIds),
        confidential: random.chance(CONFIDENTIAL_SHARE),
      },
      metadata: sim.metadata(actor),
    });
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
          const subject = `${c.subject}（修改稿）`;
          sim.decide(deciders.suggestion, c.entity, {
            type: "ReviseSuggestion",
            data: { suggestionId: c.suggestionId, title: `关于${subject}的建议`, body: `根据预审意见补充了问题分析和具体措施：建议有关部门${c.subject}，明确责任和时限。`, revisedAt: shanghaiIsoOf(sim.now, "second") },
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

/** The lead deputy tells the constituents behind the cited opinions what came of them. */
const answerCitations = (world: World, c: SuggestionCase, text: string, causationId: string | undefined): void => {
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

// ---------------------------------------------------------------- assignment and handling

const scheduleAssignment = (world: World, c: SuggestionCase): void => {
  const { sim, random } = world;
  const window = c.window;
  let at: number;
  if (window !== undefined && sim.now < window.meeting) {
    // The assignment meeting (交办会): the office records the assignments one after the other.
    window.assigned++;
    at = addWorkingTime(window.meeting, window.assigned * random.int(20, 60) * 1_000);
  } else {
    at = nextWorkingTime(sim.now + random.between(2, 12) * DAY_MS, random.int(0, 400) * MINUTE_MS);
  }
  sim.schedule(at, () => assign(world, c));
};

const assign = (world: World, c: SuggestionCase): void => {
  const { sim, random } = world;
  const { unit, coUnits } = pickUnits(world, c.region, c.topicKey);
  c.unit = unit;
  c.coUnits = coUnits;
  const complex = random.chance(COMPLEX_SHARE);
  const { head, congress } = titles(c.region);
  const leadingOfficial = complex ? `${random.pick(head)}${personName(random)}` : random.chance(0.5) ? `${unit.name}主要负责人${personName(random)}` : undefined;
  const supervisingOfficial = complex ? `${random.pick(congress)}${personName(random)}` : undefined;
  sim.decide(deciders.suggestion, c.entity, {
    type: "AssignSuggestion",
    data: {
      suggestionId: c.suggestionId,
      leadUnitId: unit.id,
      coUnitIds: coUnits.map((u) => u.id),
      assignedAt: shanghaiIsoOf(sim.now, "second"),
      complex,
      ...(leadingOfficial === undefined ? {} : { leadingOfficial }),
      ...(supervisingOfficial === undefined ? {} : { supervisingOfficial }),
    },
    metadata: sim.metadata(officeActor(c.region)),
  });
  planRound(world, c, 1, sim.now, Date.parse(c.entity.state.dueAt as string), complex);
};

interface PlannedItem {
  readonly at: number;
  readonly run: () => void;
}

/** Plans one handling round (steps, maybe an extension, the reply) and runs it as a chain of actions. */
const planRound = (world: World, c: SuggestionCase, round: number, start: number, due: number, complex: boolean): void => {
  const { sim, random } = world;
  const unit = c.unit as UnitPlan;
  const items: PlannedItem[] = [];
  const year = shanghaiYearOfInstant(start);

  // When the reply comes: on time, late, or after an extension.
  const late = round === 1 ? unit.lateShare : 0.05;
  const extended = round === 1 ? unit.extensionShare : 0;
  const mode = random.weighted([
    ["late", late],
    ["extended", extended],
    ["on-time", 1 - late - extended],
  ] as const);
  let repliedAt: number;
  if (mode === "on-time") {
    const fraction = random.triangular(0.3, 0.85, 0.99);
    repliedAt = previousWorkingTime(start + fraction * (due - start), random.int(0, 300) * MINUTE_MS);
    repliedAt = Math.min(repliedAt, due - HOUR_MS);
  } else if (mode === "late") {
    repliedAt = nextWorkingTime(due + random.between(1, 30) * DAY_MS, random.int(0, 300) * MINUTE_MS);
  } else {
    const grantedAt = Math.max(start + DAY_MS, previousWorkingTime(due - random.between(2, 15) * DAY_MS, random.int(0, 300) * MINUTE_MS));
    const previousDue = c.entity.state.dueAt as string;
    const newDueAt = endOfDayMonthsAfter(previousDue, random.chance(0.7) ? 1 : 2, "Asia/Shanghai");
    const newDue = Date.parse(newDueAt);
    repliedAt = random.chance(0.9)
      ? previousWorkingTime(due + random.between(0.1, 0.95) * (newDue - due), random.int(0, 300) * MINUTE_MS)
      : nextWorkingTime(newDue + random.between(1, 20) * DAY_MS);
    repliedAt = Math.max(repliedAt, grantedAt + DAY_MS);
    items.push({
      at: toSecond(grantedAt),
      run: () =>
        sim.decide(deciders.suggestion, c.entity, {
          type: "ExtendDeadline",
          data: { suggestionId: c.suggestionId, newDueAt, reason: "涉及项目立项和资金安排，承办单位申请延期办理。", grantedAt: shanghaiIsoOf(sim.now, "second") },
          metadata: sim.metadata(officeActor(c.region)),
        }),
    });
  }
  repliedAt = toSecond(Math.max(repliedAt, start + 2 * HOUR_MS));
  const replyRecordedAt = repliedAt + random.int(5, 90) * MINUTE_MS;

  // The steps, each recorded online soon after it happened or backfilled later (before the reply).
  let lastStep: { at: number; unit: UnitPlan; kind: HandlingStepKind; occurredAt: number; via: "online" | "backfill" } | undefined;
  const step = (by: UnitPlan, kind: HandlingStepKind, fraction: number, extra: { deputyPresent?: boolean } = {}): void => {
    const latest = repliedAt - HOUR_MS;
    const earliest = start + 10 * MINUTE_MS;
    if (latest <= earliest) return;
    const occurredAt = toSecond(Math.min(latest, Math.max(earliest, nextWorkingTime(start + fraction * (repliedAt - start), random.int(0, 400) * MINUTE_MS))));
    const online = random.chance(by.onlineShare);
    const lag = online ? (random.chance(LATE_ONLINE_SHARE) ? random.between(50, 168) * HOUR_MS : MINUTE_MS + Math.min(40 * HOUR_MS, random.exponential(3 * HOUR_MS))) : random.between(3, 40) * DAY_MS;
    const at = toSecond(Math.max(occurredAt, Math.min(occurredAt + lag, replyRecordedAt - random.int(1, 120) * MINUTE_MS)));
    const via = online ? "online" : "backfill";
    lastStep = { at, unit: by, kind, occurredAt, via };
    items.push({
      at,
      run: () =>
        sim.decide(deciders.suggestion, c.entity, {
          type: "RecordHandlingStep",
          data: { suggestionId: c.suggestionId, unitId: by.id, kind, occurredAt: shanghaiIsoOf(occurredAt, "second"), recordedVia: via, note: STEP_NOTES[kind] ?? kind, ...extra },
          metadata: sim.metadata(unitActor(by)),
        }),
    });
  };
  const window = (days: number): number => Math.min(0.9, (days * DAY_MS) / Math.max(DAY_MS, repliedAt - start));

  if (round === 1) {
    if (random.chance(unit.planShare)) step(unit, "plan", window(random.between(2, 20)));
    if (unit.headLedDecidedYear !== year) {
      unit.headLedDecidedYear = year;
      if (random.chance(HEAD_LED_PER_UNIT_YEAR)) step(unit, "head-led", window(random.between(5, 40)));
    } else if (complex && random.chance(0.5)) step(unit, "head-led", window(random.between(5, 40)));
    if (unit.meetingDecidedYear !== year) {
      unit.meetingDecidedYear = year;
      if (random.chance(LEADERSHIP_MEETING_PER_UNIT_YEAR)) step(unit, "leadership-meeting", window(random.between(10, 50)));
    }
    for (const co of c.coUnits) step(co, "co-unit-opinion", window(random.between(5, 35)));
    if (random.chance(unit.siteVisitShare)) step(unit, "site-visit", random.between(0.1, 0.6));
    if (random.chance(unit.consultationShare)) step(unit, "consultation", random.between(0.2, 0.8), { deputyPresent: random.chance(CONSULTATION_DEPUTY_PRESENT) });
    const progress = random.chance(0.5) ? (random.chance(0.4) ? 2 : 1) : 0;
    for (let p = 0; p < progress; p++) step(unit, "progress", random.between(0.3, 0.9));
  } else {
    if (random.chance(0.85)) step(unit, "consultation", random.between(0.1, 0.6), { deputyPresent: random.chance(0.95) });
    if (random.chance(0.4)) step(unit, "progress", random.between(0.4, 0.9));
  }

  // A step entered twice by mistake; the office voids the duplicate a few days later.
  const original = lastStep;
  if (round === 1 && c.duplicateStep && original !== undefined && original.at + 10 * MINUTE_MS < replyRecordedAt) {
    let duplicateId = "";
    const at = original.at + random.int(1, 9) * MINUTE_MS;
    items.push({
      at,
      run: () => {
        [duplicateId = ""] = sim.decide(deciders.suggestion, c.entity, {
          type: "RecordHandlingStep",
          data: { suggestionId: c.suggestionId, unitId: original.unit.id, kind: original.kind, occurredAt: shanghaiIsoOf(original.occurredAt, "second"), recordedVia: original.via, note: STEP_NOTES[original.kind] ?? original.kind },
          metadata: sim.metadata(unitActor(original.unit)),
        });
      },
    });
    items.push({
      at: nextWorkingTime(addWorkingDays(at, random.int(1, 5))),
      run: () =>
        sim.void(deciders.suggestion, c.entity, {
          type: "VoidEvent",
          data: { eventId: duplicateId, reason: "办理步骤重复录入，作废重复记录。" },
          metadata: sim.metadata(officeActor(c.region)),
        }),
    });
  }

  const category = pickCategory(world, round, unit);
  items.push({
    at: replyRecordedAt,
    run: () => {
      const [replyId] = sim.decide(deciders.suggestion, c.entity, {
        type: "ReplyToSuggestion",
        data: { suggestionId: c.suggestionId, unitId: unit.id, category, repliedAt: shanghaiIsoOf(repliedAt, "second"), text: `${REPLY_TEXTS[category]}（${c.subject}）` },
        metadata: sim.metadata(unitActor(unit)),
      });
      afterReply(world, c, round, repliedAt, category, replyId);
    },
  });

  // Run the round as a chain: each item schedules the next (stable order for equal times).
  const ordered = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.at - b.item.at || a.i - b.i).map(({ item }) => item);
  const runFrom = (k: number): void => {
    const item = ordered[k];
    if (item === undefined) return;
    sim.schedule(item.at, () => {
      item.run();
      runFrom(k + 1);
    });
  };
  runFrom(0);
};

const afterReply = (world: World, c: SuggestionCase, round: number, repliedAt: number, category: ReplyCategory, replyId: string | undefined): void => {
  const { sim, random } = world;
  const unit = c.unit as UnitPlan;
  if (round === 1 && c.citations.length > 0) answerCitations(world, c, `代表建议已由${unit.name}答复`, replyId);

  if (!c.entity.state.confidential && random.chance(unit.publicationShare)) {
    const days = random.chance(LATE_PUBLICATION_SHARE) ? random.int(21, 40) : random.int(1, 20);
    const at = Math.max(sim.now + MINUTE_MS, nextWorkingTime(addWorkingDays(repliedAt, days), random.int(0, 400) * MINUTE_MS));
    const byUnit = random.chance(0.75);
    sim.schedule(at, () => {
      const last = c.entity.state.replies[c.entity.state.replies.length - 1];
      if (last === undefined || last.round !== round || last.published) return; // superseded by a later reply
      sim.decide(deciders.suggestion, c.entity, {
        type: "PublishReply",
        data: { suggestionId: c.suggestionId, publishedAt: shanghaiIsoOf(sim.now, "second"), url: `https://npc.example/replies/${c.suggestionId}/${round}` },
        metadata: sim.metadata(byUnit ? unitActor(unit) : officeActor(c.region)),
      });
    });
  }

  if (random.chance(EVALUATED_SHARE)) {
    const rating = pickRating(world, round, category);
    sim.schedule(toSecond(sim.now + random.between(3, 30) * DAY_MS), () => {
      sim.decide(deciders.suggestion, c.entity, {
        type: "EvaluateReply",
        data: {
          suggestionId: c.suggestionId,
          rating,
          evaluatedAt: shanghaiIsoOf(sim.now, "second"),
          ...(rating === "unsatisfied" ? { comment: "办理措施不具体，所提问题未得到实质解决。" } : random.chance(0.2) ? { comment: "承办单位沟通充分，办理认真。" } : {}),
        },
        metadata: sim.metadata(deputyActor(c.lead)),
      });
      if (rating === "unsatisfied") planRound(world, c, round + 1, sim.now, Date.parse(c.entity.state.dueAt as string), false);
    });
  }
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
