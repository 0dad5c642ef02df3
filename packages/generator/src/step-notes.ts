import type { HandlingStepKind } from "@duty-ledger/domain";
import type { Random } from "./random.js";
import { chineseDate } from "./reply-texts.js";
import type { SuggestionPlace } from "./suggestion-places.js";

/**
 * The note of a handling step (办理步骤) as a unit's clerk writes it: what was done, where, with
 * whom, about this suggestion's place (varied, so a suggestion's timeline reads as its own).
 */

export interface StepNoteContext {
  readonly title: string;
  readonly place: SuggestionPlace;
  readonly unitName: string;
  readonly dueAt: number;
}

const SECTIONS = ["办公室", "综合股", "规划股", "项目股", "业务股", "政策法规股", "计划财务股"] as const;

export const stepNote = (r: Random, kind: HandlingStepKind, c: StepNoteContext): string => {
  const p = c.place;
  switch (kind) {
    case "plan":
      return `制定《${c.title.replace(/^关于|的建议$/g, "")}》办理方案，明确由${r.pick(SECTIONS)}牵头承办，${chineseDate(c.dueAt)}前答复代表。`;
    case "head-led":
      return r.pick([`${c.unitName}主要负责人领办，专题研究${p.village}有关问题的解决措施。`, `主要负责人带队赴${p.town}调研，现场研究办理措施。`]);
    case "leadership-meeting":
      return r.pick(["召开班子会议，听取代表建议办理工作汇报，逐件研究办理措施。", `局党组会议专题研究代表建议办理工作，部署${p.town}等地有关事项。`]);
    case "consultation":
      return r.pick([`与领衔代表在${p.town}面对面沟通办理思路，听取代表意见。`, `邀请领衔代表到${p.village}实地察看，共同商议解决办法。`, "电话联系领衔代表，通报办理进展并听取意见。"]);
    case "site-visit":
      return r.pick([`赴${p.village}实地调研，核实群众反映情况。`, `会同${p.town}人民政府到现场勘察，测算工程量和所需资金。`, `组织技术人员赴${p.road.endsWith("道") || p.road.endsWith("公路") ? p.road : p.village}实地查看。`]);
    case "progress":
      return r.pick(["报送办理进展情况。", `${p.town}相关工作已完成前期准备，正在组织实施。`, "项目已完成招标，正在施工，办理进度符合计划。"]);
    case "co-unit-opinion":
      return r.pick(["协办单位向主办单位提出书面协办意见。", `协办单位就${p.village}有关事项提出意见，并明确配合事项。`]);
    default: {
      const _exhaustive: never = kind;
      throw new Error(`unknown step kind ${String(_exhaustive)}`);
    }
  }
};
