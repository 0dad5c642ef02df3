import type { RecordedDutyEvent } from "./projection.js";

/**
 * A short bilingual line (Chinese / English) describing an event for a deputy's timeline,
 * and the time the fact occurred. Pure; at most `MAX_SUMMARY` characters.
 */
export const MAX_SUMMARY = 160;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const levels: Record<string, string> = { national: "全国", provincial: "省级", municipal: "市级", county: "县级", township: "乡镇" };
const channels: Record<string, string> = { station: "进站接待", visit: "走访", online: "网上联络站", hotline: "12345 热线", survey: "调研" };
const outcomes: Record<string, string> = { accept: "预审通过", revise: "退回修改", return: "不予立案" };
const stepKinds: Record<string, string> = {
  plan: "制定办理方案",
  "head-led": "一把手领办",
  "leadership-meeting": "班子会议听取办理情况",
  consultation: "面商",
  "site-visit": "实地察看",
  progress: "办理进展",
  "co-unit-opinion": "会办单位意见",
};
const ratings: Record<string, string> = { satisfied: "满意", "basically-satisfied": "基本满意", unsatisfied: "不满意" };

const label = (table: Record<string, string>, key: string): string => table[key] ?? key;

/** The time the fact occurred, from the event's data. */
export const occurredAtOf = (event: RecordedDutyEvent): string => {
  switch (event.type) {
    case "DeputyRegistered":
    case "UnitRegistered":
    case "StationRegistered":
      return event.data.registeredAt;
    case "DeputyCorrected":
    case "UnitCorrected":
    case "StationCorrected":
      return event.data.correctedAt;
    case "ContactRecorded":
      return event.data.occurredAt;
    case "ContactFeedbackGiven":
      return event.data.feedbackAt;
    case "SuggestionSubmitted":
      return event.data.submittedAt;
    case "SuggestionRevised":
      return event.data.revisedAt;
    case "SuggestionPreReviewed":
      return event.data.reviewedAt;
    case "SuggestionAssigned":
      return event.data.assignedAt;
    case "HandlingStepRecorded":
      return event.data.occurredAt;
    case "SuggestionReplied":
      return event.data.repliedAt;
    case "ReplyPublished":
      return event.data.publishedAt;
    case "DeadlineExtended":
      return event.data.grantedAt;
    case "SuggestionEvaluated":
      return event.data.evaluatedAt;
    case "EventVoided":
      return event.data.voidedAt;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

const describe = (event: RecordedDutyEvent): string => {
  switch (event.type) {
    case "DeputyRegistered":
      return `登记为${label(levels, event.data.level)}人大代表（${event.data.term}） / Registered as a ${event.data.level} deputy`;
    case "DeputyCorrected":
      return `代表信息更正：${event.data.reason} / Registry entry corrected`;
    case "UnitRegistered":
      return `承办单位登记：${event.data.name} / Unit registered`;
    case "UnitCorrected":
      return `承办单位信息更正 / Unit corrected`;
    case "StationRegistered":
      return `联络站登记：${event.data.name} / Station registered`;
    case "StationCorrected":
      return `联络站信息更正 / Station corrected`;
    case "ContactRecorded": {
      const d = event.data;
      return `${label(channels, d.channel)}：${d.topic}（群众 ${d.constituents} 人，意见 ${d.opinions.length} 条） / Contact (${d.channel}): ${d.constituents} constituents, ${d.opinions.length} opinions`;
    }
    case "ContactFeedbackGiven":
      return `向群众反馈意见 ${event.data.opinionIds.length} 条 / Feedback given on ${event.data.opinionIds.length} opinion(s)`;
    case "SuggestionSubmitted":
      return `提出建议：${event.data.title} / Suggestion submitted`;
    case "SuggestionRevised":
      return `修改建议：${event.data.title} / Suggestion revised`;
    case "SuggestionPreReviewed":
      return `建议${label(outcomes, event.data.outcome)} / Pre-review: ${event.data.outcome}`;
    case "SuggestionAssigned":
      return `建议交办至 ${event.data.leadUnitId}${event.data.coUnitIds.length > 0 ? ` 等 ${event.data.coUnitIds.length + 1} 个单位` : ""} / Assigned to ${event.data.leadUnitId}`;
    case "HandlingStepRecorded":
      return `${event.data.unitId}：${label(stepKinds, event.data.kind)} / Handling step: ${event.data.kind}`;
    case "SuggestionReplied":
      return `${event.data.unitId} 答复（${event.data.category} 类，第 ${event.data.round} 轮） / Reply, category ${event.data.category}`;
    case "ReplyPublished":
      return `答复已上网公开 / Reply published online`;
    case "DeadlineExtended":
      return `办理期限延长 / Deadline extended`;
    case "SuggestionEvaluated":
      return `评价答复：${label(ratings, event.data.rating)} / Reply evaluated: ${event.data.rating}`;
    case "EventVoided":
      return `作废记录（${event.data.voidedType}）：${event.data.reason} / Record voided`;
    default: {
      const _exhaustive: never = event;
      throw new Error(`unknown event ${JSON.stringify(_exhaustive)}`);
    }
  }
};

/** The timeline line of an event. */
export const summaryOf = (event: RecordedDutyEvent): string => clip(describe(event), MAX_SUMMARY);
