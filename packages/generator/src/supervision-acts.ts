import { deciders, shanghaiIsoOf } from "@duty-ledger/domain";
import { SUPERVISION } from "./calibration.js";
import { officeActor, titles, type SuggestionCase } from "./suggestion-case.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime, previousWorkingTime, toSecond } from "./working-time.js";
import { personName } from "./vocabulary.js";
import { chineseDate } from "./reply-texts.js";
import type { World } from "./world.js";

/**
 * 督办: the office's supervision of a handling round (Chun'an: 视情对承办单位发出办理进程预警信号;
 * Bijie: 主任会议成员领衔督办). A reminder some days before the due date when the reply is not in
 * yet, another once it is overdue; a leader of the standing committee supervises a suggestion a
 * month overdue, and the unit's head is interviewed (约谈) after three; a key suggestion gets an
 * on-site review by its supervising leader.
 */

export interface PlannedItem {
  readonly at: number;
  readonly run: () => void;
}

type Kind = "warning" | "leader-supervision" | "site-review" | "interview";

export const planSupervision = (world: World, c: SuggestionCase, round: { start: number; due: number; repliedAt: number; complex: boolean }): PlannedItem[] => {
  const { sim, random } = world;
  const { start, due, repliedAt } = round;
  const items: PlannedItem[] = [];
  const { congress } = titles(c.region);
  const office = `${c.region.name}人大常委会选联工委`;
  const act = (at: number, kind: Kind, by: string, note: string): void => {
    const when = toSecond(at);
    if (when <= start + HOUR_MS || when >= repliedAt - 10 * MINUTE_MS) return;
    items.push({
      at: when,
      run: () =>
        sim.decide(deciders.suggestion, c.entity, {
          type: "RecordSupervision",
          data: { suggestionId: c.suggestionId, supervisionId: `${c.suggestionId}-D${c.entity.state.supervisionIds.length + 1}`, kind, at: shanghaiIsoOf(sim.now, "second"), by, note },
          metadata: sim.metadata(officeActor(c.region)),
        }),
    });
  };
  const dueDay = chineseDate(due);
  const reminder = previousWorkingTime(due - random.between(5, 12) * DAY_MS, random.int(0, 300) * MINUTE_MS);
  if (random.chance(SUPERVISION.reminder)) act(reminder, "warning", office, `该建议将于${dueDay}到期，请抓紧办理，按时答复代表。`);
  if (repliedAt > due + DAY_MS) act(nextWorkingTime(due + random.between(1, 3) * DAY_MS, random.int(0, 300) * MINUTE_MS), "warning", office, `该建议已超过办理期限（${dueDay}），请书面说明原因并尽快答复代表。`);
  if (repliedAt > due + 30 * DAY_MS)
    act(nextWorkingTime(due + random.between(30, 40) * DAY_MS, random.int(0, 300) * MINUTE_MS), "leader-supervision", `${random.pick(congress)}${personName(random)}`, "超期一个月未答复，由主任会议成员领衔督办，要求承办单位明确办结时限。");
  if (repliedAt > due + 90 * DAY_MS)
    act(nextWorkingTime(due + random.between(90, 100) * DAY_MS, random.int(0, 300) * MINUTE_MS), "interview", office, "超期三个月未答复，约谈承办单位主要负责人，责令限期办结。");
  if (round.complex && random.chance(SUPERVISION.keySiteReview))
    act(nextWorkingTime(start + random.between(0.3, 0.7) * (Math.min(repliedAt, due) - start), random.int(0, 300) * MINUTE_MS), "site-review", `${random.pick(congress)}${personName(random)}`, "赴现场督办重点建议，听取办理进展汇报。");
  return items;
};
