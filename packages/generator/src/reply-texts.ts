import { shanghaiIsoOf, type ReplyCategory } from "@duty-ledger/domain";
import type { Random } from "./random.js";
import type { SuggestionPlace } from "./suggestion-places.js";
import { variantOf } from "./suggestion-texts.js";
import { DAY_MS } from "./working-time.js";

/**
 * A unit's reply (答复), in the official register: what was done, by when and with what money
 * (category A, resolved), what is planned, with its budget and date (B, being resolved), why it
 * cannot be done now and what is done meanwhile (C), or why it is kept for reference (D).
 * A re-handling reply says so first.
 */

export interface ReplyContext {
  readonly title: string;
  readonly topicKey: string;
  /** Which of the topic's titles the suggestion has. */
  readonly variant: number;
  readonly place: SuggestionPlace;
  readonly unitName: string;
  readonly coUnitNames: readonly string[];
  readonly category: ReplyCategory;
  readonly round: number;
  readonly repliedAt: number;
  /** Submitted during the session (else in recess). */
  readonly duringSession: boolean;
}

/** `2025年3月12日` of an instant (Asia/Shanghai). */
export const chineseDate = (ms: number): string => {
  const [year, month, day] = shanghaiIsoOf(ms, "second").slice(0, 10).split("-").map(Number) as [number, number, number];
  return `${year}年${month}月${day}日`;
};

const monthEnd = (ms: number): string => {
  const [year, month] = shanghaiIsoOf(ms, "second").slice(0, 7).split("-").map(Number) as [number, number];
  return `${year}年${month}月底`;
};

const yearOf = (ms: number): number => Number(shanghaiIsoOf(ms, "second").slice(0, 4));

const opening = (r: Random, c: ReplyContext): string =>
  r.pick([
    `您提出的《${c.title}》收悉。经认真研究，现答复如下：`,
    `感谢您对${c.unitName}工作的关心和支持。您提出的《${c.title}》已收悉，现将办理情况答复如下：`,
    `《${c.title}》由我单位主办。我们高度重视，明确专人负责，现将办理情况报告如下：`,
    `您在${c.duringSession ? "大会" : "闭会"}期间提出的《${c.title}》收悉。我们组织专人实地调研，现答复如下：`,
  ]);

const closing = (r: Random, c: ReplyContext): string =>
  r.pick([`感谢您对${c.unitName}工作的理解和支持，欢迎继续提出宝贵意见。`, "衷心感谢您对我们工作的关心和支持。", "如有意见，欢迎与我们联系，我们将认真研究改进。", "我们将持续跟踪，巩固办理成效。"]);

const together = (r: Random, c: ReplyContext): string => {
  const co = c.coUnitNames[0];
  if (co !== undefined && r.chance(0.8)) return `我们会同${co}${c.coUnitNames.length > 1 ? "等单位" : ""}`;
  return r.pick(["我们", `我们会同${c.place.town}人民政府`, "我们组织技术人员实地勘察后，"]);
};

/** The text of a reply. */
export const composeReply = (r: Random, c: ReplyContext): string => {
  const t = variantOf(c.topicKey, c.variant);
  const p = c.place;
  const again = c.round > 1 ? `根据您对第${c.round - 1}次答复的意见，我们重新组织办理，再次赴现场与您面商。` : "";
  switch (c.category) {
    case "A": {
      const doneAt = c.repliedAt - r.int(3, 60) * DAY_MS;
      const money = t.budget === undefined ? "" : `投入资金${r.int(t.budget[0], t.budget[1])}万元，`;
      return `${opening(r, c)}${again}${together(r, c)}${money}${t.work(p, r)}，已于${chineseDate(doneAt)}完成。${t.result(p, r)}。${closing(r, c)}`;
    }
    case "B": {
      const finish = c.repliedAt + r.int(60, 300) * DAY_MS;
      const progress = r.pick(["已完成项目立项和施工图设计", "已完成招标，正在进场施工", `已完成工程量约${r.int(2, 7)}0%`, "已完成前期勘测和方案论证"]);
      const money = t.budget === undefined ? "" : `，计划投入资金${r.int(t.budget[0], t.budget[1])}万元`;
      return `${opening(r, c)}${again}该事项已列入${yearOf(finish)}年度工作计划${money}，${t.work(p, r)}。目前${progress}，预计${monthEnd(finish)}前完成。我们将加强调度，及时向您报告进展。${closing(r, c)}`;
    }
    case "C": {
      const interim = r.pick(["已先行采取临时措施，安排专人跟踪，尽量减少对群众生产生活的影响", "已将您反映的情况纳入日常监管，定期巡查", `已协调${p.town}人民政府做好群众解释工作`]);
      return `${opening(r, c)}${again}经调查核实，${t.obstacle(p, r)}，目前暂不具备全面实施条件。我们已将该事项纳入相关规划项目库，待条件成熟后逐步解决；在此之前，${interim}。${closing(r, c)}`;
    }
    case "D":
      return `${opening(r, c)}${again}所提建议涉及相关政策调整，超出本级事权范围。我们已将意见报送上级主管部门，并将在制定${yearOf(c.repliedAt) + 1}年度工作计划时研究吸纳。${closing(r, c)}`;
    default: {
      const _exhaustive: never = c.category;
      throw new Error(`unknown category ${String(_exhaustive)}`);
    }
  }
};
