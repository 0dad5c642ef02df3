import { deciders, shanghaiIsoOf, shanghaiYearOfInstant, shanghaiYearStart, type ActivityKind, type CommandActor } from "@duty-ledger/domain";
import { COUNTY_DEPUTIES_PER_COUNTY, DUTY_ACTIVITIES, REPORTING_SHARE, SUGGESTIONS_AFTER_ACTIVITY_PER_DEPUTY, TOWNSHIP_TRAINING_SHARE } from "./calibration.js";
import { deputyIdOf, type RegionPlan } from "./region-plan.js";
import { newEntity } from "./simulation.js";
import { submitSuggestion } from "./suggestion-activity.js";
import { placeFor } from "./suggestion-places.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime, toSecond } from "./working-time.js";
import { countersOf, type World } from "./world.js";

/**
 * Other duty activities of a county's deputies (视察、调研、培训、列席、听证、述职), each a command to
 * the activity decider: the office organises trainings, inspections, surveys, hearings and an
 * on-site review of the units' handling of suggestions, and records who took part days later;
 * a few county deputies attend each meeting of the standing committee (列席); some deputies report
 * on their work to the voters at their station every year (述职), recorded by its clerk. The
 * office's and the clerk's records count at once (nothing to confirm).
 */

/** What inspections, surveys and hearings look into, and the topic of the suggestions they lead to. */
const ACTIVITY_TOPICS: readonly (readonly [label: string, topicKey: string])[] = [
  ["农村公路建设", "roads"],
  ["农村饮水安全工程", "water"],
  ["义务教育均衡发展", "schooling"],
  ["基层医疗卫生服务", "medical"],
  ["民生实事项目推进", "projects"],
  ["乡村振兴", "agriculture"],
  ["生态环境保护", "environment"],
  ["优化营商环境", "economy"],
  ["养老服务体系建设", "elderly"],
  ["安全生产", "safety"],
  ["耕地保护", "land"],
];

interface Planned {
  readonly kind: ActivityKind;
  readonly title: string;
  readonly deputies: readonly number[];
  readonly hours: number;
  readonly recorder: CommandActor;
  /** An inspection's or survey's topic: its deputies may make suggestions of it afterwards. */
  readonly topicKey?: string;
}

const officeOf = (county: RegionPlan): CommandActor => ({ id: county.officeId, role: "office" });

/** The activities of one county-year, drawn when the year begins; each recorded some days after it took place. */
const planYear = (world: World, county: RegionPlan, year: number, from: number): void => {
  const { sim, random } = world;
  const yearStart = shanghaiYearStart(year);
  const yearEnd = shanghaiYearStart(year + 1);
  // March to mid-December: the session and the spring festival take the first two months.
  const earliest = Math.max(from, yearStart + 59 * DAY_MS);
  const latest = yearEnd - 15 * DAY_MS;
  if (earliest >= latest) return;
  const countyDeputies = county.suggestionDeputies;
  // `scale` shrinks or grows a county's activities and their groups with its deputies.
  const scale = countyDeputies / COUNTY_DEPUTIES_PER_COUNTY;
  const scaled = (n: number): number => Math.max(1, Math.round(n * scale));
  const some = (min: number, max: number): number[] => random.distinct(countyDeputies, Math.min(countyDeputies, random.int(scaled(min), scaled(max))));
  const times = (perYear: number): number => Math.round(perYear * scale);
  const topic = (): readonly [string, string] => random.pick(ACTIVITY_TOPICS);
  const plans: Planned[] = [];
  const { training, inspection, survey, attendance, hearing, review } = DUTY_ACTIVITIES;
  for (let k = 0, n = times(training.perYear); k < n; k++)
    plans.push({ kind: "training", title: `${county.name}人大代表履职能力提升培训班（第${k + 1}期）`, deputies: some(...training.deputies), hours: random.pick([4, 8, 12, 16]), recorder: officeOf(county) });
  for (let k = 0, n = times(inspection.perYear); k < n; k++) {
    const [label, topicKey] = topic();
    plans.push({ kind: "inspection", title: `视察${county.name}${label}工作`, deputies: some(...inspection.deputies), hours: random.int(3, 8), recorder: officeOf(county), topicKey });
  }
  for (let k = 0, n = times(survey.perYear); k < n; k++) {
    const lead = random.int(0, countyDeputies - 1);
    const place = placeFor(world.text, { id: deputyIdOf(county, lead), region: county, index: lead });
    const [label, topicKey] = topic();
    plans.push({ kind: "survey", title: `${place.town}${label}情况专题调研`, deputies: [lead, ...some(...survey.deputies).filter((d) => d !== lead)], hours: random.int(4, 8), recorder: officeOf(county), topicKey });
  }
  for (let k = 0, n = times(attendance.perYear); k < n; k++)
    plans.push({ kind: "attendance", title: `列席${county.name}人大常委会第${k + 1}次会议（${year}年）`, deputies: some(...attendance.deputies), hours: random.pick([3, 4, 6]), recorder: officeOf(county) });
  for (let k = 0, n = times(hearing.perYear); k < n; k++) plans.push({ kind: "hearing", title: `${county.name}${topic()[0]}听证会`, deputies: some(...hearing.deputies), hours: random.int(2, 4), recorder: officeOf(county) });
  for (let k = 0, n = times(review.perYear); k < n; k++) {
    const unit = random.pick(county.units);
    plans.push({ kind: "inspection", title: `评议${unit.name}代表建议办理工作`, deputies: some(...review.deputies), hours: random.int(3, 6), recorder: officeOf(county) });
  }
  // Each township trains its own deputies once a year, recorded by the clerk of its station.
  for (const township of county.townships) {
    const station = county.stations[township.stationIndex];
    if (station === undefined || township.deputyCount === 0) continue;
    const count = Math.max(1, Math.round(township.deputyCount * random.between(...TOWNSHIP_TRAINING_SHARE)));
    const deputies = random.distinct(township.deputyCount, count).map((k) => township.firstDeputy + k);
    plans.push({ kind: "training", title: `${township.name}人大代表履职培训会（${year}年）`, deputies, hours: random.pick([3, 4, 6]), recorder: { id: `clerk-${station.id}`, role: "clerk", stationId: station.id } });
  }
  // 述职: a share of the deputies of each station report to its voters, recorded by the station's clerk.
  for (const station of county.stations) {
    if (station.kind === "online") continue;
    for (const deputy of station.deputies) {
      if (!random.chance(REPORTING_SHARE)) continue;
      plans.push({ kind: "report", title: `向选民述职（${station.name}）`, deputies: [deputy], hours: random.pick([1, 2]), recorder: { id: `clerk-${station.id}`, role: "clerk", stationId: station.id } });
    }
  }
  const counters = countersOf(world, county);
  for (const plan of plans) {
    const occurredAt = toSecond(nextWorkingTime(earliest + random.next() * (latest - earliest), random.int(0, 240) * MINUTE_MS));
    const recordAt = toSecond(nextWorkingTime(occurredAt + plan.hours * HOUR_MS + random.between(0.2, 5) * DAY_MS, random.int(0, 300) * MINUTE_MS));
    sim.schedule(recordAt, () => {
      counters.activities++;
      const activityId = `AC-${county.code}-${String(counters.activities).padStart(6, "0")}`;
      sim.decide(deciders.activity, newEntity(`activity-${activityId}`, deciders.activity.initialState), {
        type: "RecordActivity",
        data: { activityId, kind: plan.kind, deputyIds: plan.deputies.map((i) => deputyIdOf(county, i)), at: shanghaiIsoOf(occurredAt, "second"), title: plan.title, hours: plan.hours },
        metadata: sim.metadata(plan.recorder),
      });
      // Bijie: deputies survey and inspect, then make suggestions in recess (调研 → 闭会期间建议).
      if (plan.topicKey !== undefined) suggestAfter(world, county, plan.deputies, plan.topicKey, occurredAt);
    });
  }
};

const suggestAfter = (world: World, county: RegionPlan, deputies: readonly number[], topicKey: string, occurredAt: number): void => {
  const { sim, random } = world;
  const authors = Math.min(deputies.length, random.poisson(SUGGESTIONS_AFTER_ACTIVITY_PER_DEPUTY * deputies.length));
  for (const index of deputies.slice(0, authors)) {
    const at = toSecond(nextWorkingTime(Math.max(sim.now, occurredAt + random.between(3, 25) * DAY_MS), random.int(0, 400) * MINUTE_MS));
    sim.schedule(at, () => submitSuggestion(world, county, "recess", undefined, sim.now, { lead: { id: deputyIdOf(county, index), region: county, index }, topicKey }));
  }
};

/** Starts the duty activities of a county: each year's are drawn on its first day (the first year's at `start`). */
export const startDutyActivities = (world: World, county: RegionPlan, start: number): void => {
  const { sim } = world;
  const year = (y: number, from: number): void => {
    sim.schedule(from, () => {
      planYear(world, county, y, from);
      year(y + 1, shanghaiYearStart(y + 1));
    });
  };
  year(shanghaiYearOfInstant(start), start);
};
