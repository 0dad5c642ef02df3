import { deciders, defaultWorkingCalendar, shanghaiIsoOf, type CommandActor, type OpinionOutcome } from "@duty-ledger/domain";
import { FEEDBACK_SATISFIED, REFERRAL_ON_TIME_SHARE, REFERRAL_OUTCOMES, REFERRED_SHARE } from "./calibration.js";
import type { RegionPlan } from "./region-plan.js";
import { pickUnits, unitActor } from "./suggestion-case.js";
import { addWorkingDays, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import type { ContactCase, World } from "./world.js";

/**
 * 转办 (design/voice-and-supervision.md): of the opinions a station answers directly, most are
 * referred to a unit of the county handling their topic, some hours after the contact is
 * recorded; the unit answers (mostly within the 15 working days, `resolved` mostly); the clerk
 * or the deputy records the constituent's feedback some days later; an unsatisfied constituent
 * re-opens it once and the unit answers again. Calibrated on Xiangtan (calibration.ts).
 */

const calendar = defaultWorkingCalendar();

const outcomeOf = (world: World): OpinionOutcome =>
  world.random.weighted(Object.entries(REFERRAL_OUTCOMES) as [OpinionOutcome, number][]);

const answerText: Readonly<Record<OpinionOutcome, string>> = {
  resolved: "经现场核实，问题已解决。",
  explained: "已向群众解释说明相关政策。",
  "in-progress": "已列入计划，正在办理。",
};

/**
 * Refers a share of `opinionIds` (answered directly at a station) to a unit; returns those not
 * referred, which the caller answers back on the spot. `referrer` is the contact's recorder
 * (the station's clerk, or the deputy who recorded it).
 */
export const referDirectOpinions = (world: World, region: RegionPlan, contact: ContactCase, referrer: CommandActor, opinionIds: readonly string[]): string[] => {
  const { sim, random } = world;
  const kept: string[] = [];
  for (const opinionId of opinionIds) {
    if (region.units.length === 0 || !random.chance(REFERRED_SHARE)) {
      kept.push(opinionId);
      continue;
    }
    const { unit } = pickUnits(world, region, contact.topicKey);
    const referAt = nextWorkingTime(sim.now + random.int(30, 24 * 60) * MINUTE_MS);
    sim.schedule(referAt, () => {
      sim.decide(deciders.contact, contact.entity, {
        type: "ReferOpinion",
        data: { contactId: contact.contactId, opinionId, unitId: unit.id, referredAt: shanghaiIsoOf(sim.now, "second"), calendar },
        metadata: sim.metadata(referrer),
      });
      const answer = (round: number): void => {
        const days = round === 1 ? (random.chance(REFERRAL_ON_TIME_SHARE) ? random.int(2, 14) : random.int(16, 25)) : random.int(2, 9);
        sim.schedule(nextWorkingTime(addWorkingDays(sim.now, days), random.int(0, 420) * MINUTE_MS), () => {
          const outcome = outcomeOf(world);
          sim.decide(deciders.contact, contact.entity, {
            type: "AnswerOpinion",
            data: { contactId: contact.contactId, opinionId, answeredAt: shanghaiIsoOf(sim.now, "second"), text: answerText[outcome], outcome },
            metadata: sim.metadata(unitActor(unit)),
          });
          sim.schedule(nextWorkingTime(addWorkingDays(sim.now, random.int(1, 5)), random.int(0, 420) * MINUTE_MS), () => {
            const satisfied = round > 1 || random.chance(outcome === "resolved" ? FEEDBACK_SATISFIED.resolved : FEEDBACK_SATISFIED.other);
            sim.decide(deciders.contact, contact.entity, {
              type: "RecordConstituentFeedback",
              data: { contactId: contact.contactId, opinionId, at: shanghaiIsoOf(sim.now, "second"), satisfied, calendar },
              metadata: sim.metadata(contact.feedbackActor),
            });
            if (!satisfied) answer(round + 1);
          });
        });
      };
      answer(1);
    });
  }
  return kept;
};
