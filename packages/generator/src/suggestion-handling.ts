import {
  deciders,
  endOfDayMonthsAfter,
  shanghaiIsoOf,
  shanghaiYearOfInstant,
  type HandlingStepKind,
  type ReplyCategory,
} from "@duty-ledger/domain";
import {
  COMPLEX_SHARE,
  CONSULTATION_DEPUTY_PRESENT,
  EVALUATED_SHARE,
  HEAD_LED_PER_UNIT_YEAR,
  LATE_ONLINE_SHARE,
  LATE_DAYS,
  LATE_PUBLICATION_SHARE,
  LEADERSHIP_MEETING_PER_UNIT_YEAR,
  RECESS_LATE_FACTOR,
} from "./calibration.js";
import type { UnitPlan } from "./region-plan.js";
import {
  answerCitations,
  deputyActor,
  officeActor,
  pickCategory,
  pickRating,
  pickUnits,
  titles,
  unitActor,
  type SuggestionCase,
} from "./suggestion-case.js";
import { addWorkingDays, addWorkingTime, DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime, previousWorkingTime, toSecond } from "./working-time.js";
import { composeReply } from "./reply-texts.js";
import { planSupervision, type PlannedItem } from "./supervision-acts.js";
import { stepNote } from "./step-notes.js";
import { personName } from "./vocabulary.js";
import type { World } from "./world.js";

/**
 * A suggestion once accepted: assigned at the assignment meeting, then handled in rounds —
 * the handling steps (one entered twice and voided by the office now and then), maybe an
 * extension, the reply (on time or late), its publication, the lead deputy's evaluation, and
 * another round after an unsatisfied one.
 */

export const scheduleAssignment = (world: World, c: SuggestionCase): void => {
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

/** Plans one handling round (steps, maybe an extension, the reply) and runs it as a chain of actions. */
const planRound = (world: World, c: SuggestionCase, round: number, start: number, due: number, complex: boolean): void => {
  const { sim, random } = world;
  const unit = c.unit as UnitPlan;
  const items: PlannedItem[] = [];
  const year = shanghaiYearOfInstant(start);

  // When the reply comes: on time, late, or after an extension.
  const late = round === 1 ? Math.min(0.5, unit.lateShare * (c.window === undefined ? RECESS_LATE_FACTOR : 1)) : 0.05;
  const extended = round === 1 ? unit.extensionShare : 0;
  const mode = random.weighted([
    ["late", late],
    ["extended", extended],
    ["on-time", 1 - late - extended],
  ] as const);
  let repliedAt: number;
  let dueInForce = due;
  if (mode === "on-time") {
    const fraction = random.triangular(0.45, 0.93, 0.995);
    repliedAt = previousWorkingTime(start + fraction * (due - start), random.int(0, 300) * MINUTE_MS);
    repliedAt = Math.min(repliedAt, due - HOUR_MS);
  } else if (mode === "late") {
    const [min, max] = random.weighted(LATE_DAYS);
    repliedAt = nextWorkingTime(due + random.between(min, max) * DAY_MS, random.int(0, 300) * MINUTE_MS);
  } else {
    const grantedAt = Math.max(start + DAY_MS, previousWorkingTime(due - random.between(2, 15) * DAY_MS, random.int(0, 300) * MINUTE_MS));
    const previousDue = c.entity.state.dueAt as string;
    const newDueAt = endOfDayMonthsAfter(previousDue, random.chance(0.7) ? 1 : 2, "Asia/Shanghai");
    const newDue = Date.parse(newDueAt);
    dueInForce = newDue;
    repliedAt = random.chance(0.9)
      ? previousWorkingTime(due + random.between(0.1, 0.95) * (newDue - due), random.int(0, 300) * MINUTE_MS)
      : nextWorkingTime(newDue + random.between(1, 20) * DAY_MS);
    repliedAt = Math.max(repliedAt, grantedAt + DAY_MS);
    // The lead unit asks first (申请延期); the office grants it days later.
    const requestedAt = Math.max(start + HOUR_MS, previousWorkingTime(grantedAt - random.between(1, 5) * DAY_MS, random.int(0, 300) * MINUTE_MS));
    items.push({
      at: toSecond(requestedAt),
      run: () =>
        sim.decide(deciders.suggestion, c.entity, {
          type: "RequestExtension",
          data: { suggestionId: c.suggestionId, requestedDueAt: newDueAt, reason: "所提事项涉及项目立项、资金安排和招投标程序，需延期办理。", at: shanghaiIsoOf(sim.now, "second") },
          metadata: sim.metadata(unitActor(unit)),
        }),
    });
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
  items.push(...planSupervision(world, c, { start, due: dueInForce, repliedAt, complex }));

  // The steps, each recorded online soon after it happened or backfilled later (before the reply).
  let lastStep: { at: number; unit: UnitPlan; kind: HandlingStepKind; occurredAt: number; via: "online" | "backfill"; note: string } | undefined;
  const step = (by: UnitPlan, kind: HandlingStepKind, fraction: number, extra: { deputyPresent?: boolean } = {}): void => {
    const latest = repliedAt - HOUR_MS;
    const earliest = start + 10 * MINUTE_MS;
    if (latest <= earliest) return;
    const occurredAt = toSecond(Math.min(latest, Math.max(earliest, nextWorkingTime(start + fraction * (repliedAt - start), random.int(0, 400) * MINUTE_MS))));
    const online = random.chance(by.onlineShare);
    const lag = online ? (random.chance(LATE_ONLINE_SHARE) ? random.between(50, 168) * HOUR_MS : MINUTE_MS + Math.min(40 * HOUR_MS, random.exponential(3 * HOUR_MS))) : random.between(3, 40) * DAY_MS;
    const at = toSecond(Math.max(occurredAt, Math.min(occurredAt + lag, replyRecordedAt - random.int(1, 120) * MINUTE_MS)));
    const via = online ? "online" : "backfill";
    const note = stepNote(world.text, kind, { title: c.title, place: c.place, unitName: by.name, dueAt: dueInForce });
    lastStep = { at, unit: by, kind, occurredAt, via, note };
    items.push({
      at,
      run: () =>
        sim.decide(deciders.suggestion, c.entity, {
          type: "RecordHandlingStep",
          data: { suggestionId: c.suggestionId, unitId: by.id, kind, occurredAt: shanghaiIsoOf(occurredAt, "second"), recordedVia: via, note, ...extra },
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
          data: { suggestionId: c.suggestionId, unitId: original.unit.id, kind: original.kind, occurredAt: shanghaiIsoOf(original.occurredAt, "second"), recordedVia: original.via, note: original.note },
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
  const replyText = composeReply(world.text, {
    title: c.title,
    topicKey: c.topicKey,
    variant: c.variant,
    place: c.place,
    unitName: unit.name,
    coUnitNames: c.coUnits.map((u) => u.name),
    category,
    round,
    repliedAt,
    duringSession: c.window !== undefined,
  });
  items.push({
    at: replyRecordedAt,
    run: () => {
      const [replyId] = sim.decide(deciders.suggestion, c.entity, {
        type: "ReplyToSuggestion",
        data: { suggestionId: c.suggestionId, unitId: unit.id, category, repliedAt: shanghaiIsoOf(repliedAt, "second"), text: replyText },
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
