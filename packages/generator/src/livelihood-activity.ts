import { deciders, shanghaiIsoOf, type Ballot, type BallotChoice, type CommandActor, type EvaluationRating, type LivelihoodProjectContext, type ProgrammeState, type ProjectState } from "@duty-ledger/domain";
import {
  LIVELIHOOD_ATTENDANCE,
  LIVELIHOOD_BUDGET_YUAN,
  LIVELIHOOD_CANDIDATES,
  LIVELIHOOD_DEPUTY_PROPOSED,
  LIVELIHOOD_EVALUATORS,
  LIVELIHOOD_SHORTLIST,
  LIVELIHOOD_SLOTS,
} from "./calibration.js";
import { deputyIdOf, type RegionPlan, type UnitPlan } from "./region-plan.js";
import { newEntity, type StreamEntity } from "./simulation.js";
import { officeActor, unitActor } from "./suggestion-case.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, nextWorkingTime } from "./working-time.js";
import type { SessionWindow, World } from "./world.js";

/**
 * 民生实事项目人大代表票决制 (design/livelihood.md), one programme per county and year, each step a
 * command to the programme and project deciders: the office opens the programme some weeks before
 * the session and collects candidates (some proposed by deputies in their own name), screens a
 * 差额 shortlist the day before the session, records the deputies present at the vote (about 90 %),
 * counts the ballot boxes as teller (a ballot names no deputy) and closes the vote, whose result the
 * decider tallies. Each adopted project's unit sets its milestones and reports progress through the
 * year (some projects lag: their milestones fall overdue), groups of deputies inspect it, and a
 * sample of deputies evaluates it in the December round (a lagging project draws unsatisfied ratings).
 */

const PROJECT_TITLES = [
  "村道硬化提升工程",
  "农村饮水安全巩固提升",
  "中小学食堂改造",
  "乡镇卫生院扩建",
  "老旧小区改造",
  "城乡公交延伸",
  "农贸市场提质改造",
  "居家养老服务中心建设",
  "城区停车场建设",
  "河道综合整治",
  "生活垃圾分类处理",
  "公办幼儿园新建",
  "农村公厕改造",
  "背街小巷路灯亮化",
  "便民服务中心建设",
  "残疾人康复中心建设",
  "农村电网升级改造",
  "全民健身场地建设",
] as const;

const MILESTONES = [
  { key: "M-1", title: "开工建设", share: 0.2 },
  { key: "M-2", title: "主体完工", share: 0.65 },
  { key: "M-3", title: "竣工验收", share: 0.95 },
] as const;

const FINDINGS = ["工程按计划推进，群众反映良好。", "进度滞后于计划，建议加快施工。", "资金拨付到位，质量总体可控。", "部分路段施工影响出行，建议做好围挡和引导。"] as const;

interface ProjectCase {
  readonly entity: StreamEntity<ProjectState>;
  readonly context: LivelihoodProjectContext;
  readonly unit: UnitPlan;
  readonly budgetYuan: number;
  /** How fast the work goes: below 1 it lags and its milestones fall overdue. */
  readonly pace: number;
  percent: number;
  spentYuan: number;
}

const ROUND_OPENS_DAY = 335; // about 1 December
const ROUND_DAYS = 19;

const budgetOf = (world: World): number => Math.round(world.random.triangular(LIVELIHOOD_BUDGET_YUAN.min, LIVELIHOOD_BUDGET_YUAN.mode, LIVELIHOOD_BUDGET_YUAN.max) / 10_000) * 10_000;

/** A ballot: `yes` with the candidate's support, else `abstain` now and then, else `no`. */
const ballotOf = (world: World, support: ReadonlyMap<string, number>): Ballot => {
  const choices: Record<string, BallotChoice> = {};
  for (const [candidateId, p] of support) choices[candidateId] = world.random.chance(p) ? "yes" : world.random.chance(0.25) ? "abstain" : "no";
  return { choices };
};

/** Schedules the year's programme of a county around its session window. */
export const scheduleLivelihoodProgramme = (world: World, region: RegionPlan, window: SessionWindow): void => {
  const { sim, random } = world;
  if (region.level !== "county" || region.units.length === 0 || region.suggestionDeputies < 2) return;
  const office = officeActor(region);
  const programmeId = `LP-${region.code}-${window.year}`;
  const entity: StreamEntity<ProgrammeState> = newEntity(`programme-${programmeId}`, deciders.programme.initialState);
  const electorate = region.suggestionDeputies;
  const openAt = nextWorkingTime(Math.max(window.submissionsOpen - 15 * DAY_MS, world.activityStart), random.int(0, 120) * MINUTE_MS);
  const collectUntil = window.start - 2 * DAY_MS;
  const candidates: { readonly candidateId: string; readonly unit: UnitPlan; readonly budgetYuan: number; readonly title: string }[] = [];

  sim.schedule(openAt, () => {
    sim.decide(deciders.programme, entity, {
      type: "OpenLivelihoodProgramme",
      data: { programmeId, title: `${region.name}${window.year}年民生实事项目`, year: window.year, session: String(window.year), slots: LIVELIHOOD_SLOTS, electorateSize: electorate, collectUntil: shanghaiIsoOf(collectUntil, "second") },
      metadata: sim.metadata(office),
    });
    for (let i = 0; i < LIVELIHOOD_CANDIDATES; i++) {
      const at = nextWorkingTime(openAt + random.next() * (collectUntil - openAt - DAY_MS), random.int(0, 300) * MINUTE_MS);
      sim.schedule(Math.min(at, collectUntil - HOUR_MS), () => proposeCandidate(i));
    }
    sim.schedule(nextWorkingTime(window.start - DAY_MS), screen);
  });

  const proposeCandidate = (i: number): void => {
    const candidateId = `LC-${region.code}-${window.year}-${String(i + 1).padStart(2, "0")}`;
    const unit = random.pick(region.units);
    const title = `${random.pick(PROJECT_TITLES)}（${region.name}）`;
    const budgetYuan = budgetOf(world);
    const byDeputy = random.chance(LIVELIHOOD_DEPUTY_PROPOSED);
    const deputyId = deputyIdOf(region, random.int(0, electorate - 1));
    const proposer: CommandActor = byDeputy ? { id: deputyId, role: "deputy" } : office;
    const kind = random.weighted([["public", 0.5], ["station", 0.3], ["unit", 0.2]] as const);
    const proposedBy = byDeputy ? { kind: "deputy" as const, id: deputyId } : kind === "unit" ? { kind, id: unit.id } : { kind };
    sim.decide(deciders.programme, entity, {
      type: "ProposeLivelihoodCandidate",
      data: { programmeId, candidateId, title, description: `${title}：由${region.name}人民政府组织实施，预计投入${Math.round(budgetYuan / 10_000)}万元。`, proposedBy, estimatedBudgetYuan: budgetYuan, responsibleUnitId: unit.id },
      metadata: sim.metadata(proposer),
    });
    candidates.push({ candidateId, unit, budgetYuan, title });
  };

  const screen = (): void => {
    if (candidates.length <= LIVELIHOOD_SLOTS) return; // too few collected for a 差额 vote: none this year
    // One or more left out at screening (they keep their record); the rest go to the vote in the order proposed.
    const kept = random.distinct(candidates.length, Math.min(LIVELIHOOD_SHORTLIST, candidates.length)).sort((a, b) => a - b);
    const shortlist = kept.map((i) => (candidates[i] as (typeof candidates)[number]).candidateId);
    sim.decide(deciders.programme, entity, {
      type: "ShortlistLivelihoodCandidates",
      data: { programmeId, candidateIds: shortlist, decidedAt: shanghaiIsoOf(sim.now, "second"), reason: "经政府常务会议研究，提交人大会议差额票决" },
      metadata: sim.metadata(office),
    });
    // The vote on the session's second day: present, ballots, count, close.
    sim.schedule(nextWorkingTime(window.start + DAY_MS), () => vote(shortlist));
  };

  const vote = (shortlist: readonly string[]): void => {
    const present: string[] = [];
    for (let i = 0; i < electorate; i++) if (random.chance(LIVELIHOOD_ATTENDANCE)) present.push(deputyIdOf(region, i));
    if (present.length === 0) return;
    sim.decide(deciders.programme, entity, {
      type: "RecordLivelihoodAttendance",
      data: { programmeId, deputyIds: present, at: shanghaiIsoOf(sim.now, "second") },
      metadata: sim.metadata(office),
    });
    // Most candidates are well supported; the last few of the shortlist less.
    const support = new Map(shortlist.map((id, i) => [id, i < LIVELIHOOD_SLOTS ? random.triangular(0.62, 0.85, 0.97) : random.triangular(0.3, 0.48, 0.66)]));
    const boxes = Math.max(1, Math.min(4, Math.ceil(present.length / 60)));
    const ballots: Ballot[] = [];
    let blank = 0;
    for (let i = 0; i < present.length; i++) {
      if (random.chance(0.01)) blank++;
      else ballots.push(ballotOf(world, support));
    }
    const countAt = sim.now + 2 * HOUR_MS;
    sim.schedule(countAt, () => {
      for (let b = 0; b < boxes; b++) {
        const from = Math.floor((b * ballots.length) / boxes);
        const to = Math.floor(((b + 1) * ballots.length) / boxes);
        const invalid = Math.floor(((b + 1) * blank) / boxes) - Math.floor((b * blank) / boxes);
        sim.decide(deciders.programme, entity, {
          type: "CountLivelihoodBallotBox",
          data: { programmeId, boxId: `B-${b + 1}`, countedAt: shanghaiIsoOf(sim.now, "second"), ballots: ballots.slice(from, to), invalid },
          metadata: sim.metadata(office),
        });
      }
      sim.schedule(sim.now + 30 * MINUTE_MS, () => {
        sim.decide(deciders.programme, entity, { type: "CloseLivelihoodVote", data: { programmeId, closedAt: shanghaiIsoOf(sim.now, "second") }, metadata: sim.metadata(office) });
        const result = entity.state.status === "open" ? entity.state.result : null;
        const adopted = new Set(result?.adopted ?? []);
        const projects = candidates.filter((c) => adopted.has(c.candidateId)).map((c) => superviseProject(world, region, programmeId, c, window, present));
        scheduleEvaluationRound(world, region, entity, programmeId, window, projects, present);
      });
    });
  };
};

/** The unit's milestones and progress through the year, and the deputies' inspections. */
const superviseProject = (
  world: World,
  region: RegionPlan,
  programmeId: string,
  candidate: { readonly candidateId: string; readonly unit: UnitPlan; readonly budgetYuan: number },
  window: SessionWindow,
  present: readonly string[],
): ProjectCase => {
  const { sim, random } = world;
  const project: ProjectCase = {
    entity: newEntity(`project-${candidate.candidateId}`, deciders.project.initialState),
    context: { programmeId, responsibleUnitId: candidate.unit.id },
    unit: candidate.unit,
    budgetYuan: candidate.budgetYuan,
    pace: random.chance(0.15) ? random.between(0.55, 0.85) : random.between(0.95, 1.25),
    percent: 0,
    spentYuan: 0,
  };
  const unit = unitActor(candidate.unit);
  const start = sim.now;
  const finish = Date.parse(`${window.year}-12-15T17:00:00+08:00`);
  const span = finish - start;
  sim.schedule(nextWorkingTime(start + random.int(7, 20) * DAY_MS), () => {
    for (const m of MILESTONES) {
      sim.decide(deciders.project, project.entity, {
        type: "SetLivelihoodMilestone",
        data: { projectId: candidate.candidateId, milestoneId: m.key, title: m.title, dueAt: shanghaiIsoOf(start + m.share * span, "second"), project: project.context },
        metadata: sim.metadata(unit),
      });
    }
  });
  const report = (at: number): void => {
    const target = Math.min(100, Math.round((100 * project.pace * (sim.now - start)) / span));
    const percent = Math.max(project.percent, target);
    const spentYuan = Math.max(project.spentYuan, Math.round((project.budgetYuan * percent * random.between(0.88, 1.0)) / 100 / 1_000) * 1_000);
    project.percent = percent;
    project.spentYuan = spentYuan;
    sim.decide(deciders.project, project.entity, {
      type: "ReportLivelihoodProgress",
      data: { projectId: candidate.candidateId, percent, spentYuan, note: percent >= 100 ? "项目已完工" : `完成投资${Math.round(spentYuan / 10_000)}万元`, reportedAt: shanghaiIsoOf(sim.now, "second"), project: project.context },
      metadata: sim.metadata(unit),
    });
    if (percent < 100) sim.schedule(nextWorkingTime(at + random.int(30, 50) * DAY_MS), () => report(sim.now));
  };
  sim.schedule(nextWorkingTime(start + random.int(25, 40) * DAY_MS), () => report(sim.now));
  const inspections = random.chance(0.5) ? 2 : 1;
  for (let i = 0; i < inspections; i++) {
    sim.schedule(nextWorkingTime(start + random.between(0.3, 0.9) * span), () => {
      const group = random.distinct(present.length, Math.min(present.length, random.int(3, 8))).map((k) => present[k] as string);
      sim.decide(deciders.project, project.entity, {
        type: "RecordLivelihoodInspection",
        data: { projectId: candidate.candidateId, inspectionId: `I-${i + 1}`, deputyIds: group, at: shanghaiIsoOf(sim.now, "second"), findings: random.pick(FINDINGS), project: project.context },
        metadata: sim.metadata(officeActor(region)),
      });
    });
  }
  return project;
};

/** The December round: the office opens it, a sample of the deputies present at the vote rates each project. */
const scheduleEvaluationRound = (
  world: World,
  region: RegionPlan,
  programme: StreamEntity<ProgrammeState>,
  programmeId: string,
  window: SessionWindow,
  projects: readonly ProjectCase[],
  present: readonly string[],
): void => {
  const { sim, random } = world;
  if (projects.length === 0) return;
  const opens = nextWorkingTime(Date.parse(`${window.year}-01-01T09:00:00+08:00`) + ROUND_OPENS_DAY * DAY_MS);
  const closes = opens + ROUND_DAYS * DAY_MS;
  const roundId = `R-${window.year}`;
  const round = { opensAt: shanghaiIsoOf(opens, "second"), closesAt: shanghaiIsoOf(closes, "second") };
  sim.schedule(opens, () => {
    sim.decide(deciders.programme, programme, { type: "OpenLivelihoodEvaluationRound", data: { programmeId, roundId, ...round }, metadata: sim.metadata(officeActor(region)) });
    for (const project of projects) {
      const evaluators = random.distinct(present.length, Math.min(present.length, LIVELIHOOD_EVALUATORS)).map((k) => present[k] as string);
      for (const deputyId of evaluators) {
        sim.schedule(nextWorkingTime(opens + random.between(0, ROUND_DAYS - 3) * DAY_MS), () => {
          const lagging = project.percent < 80;
          const rating: EvaluationRating = random.weighted(
            lagging
              ? ([["satisfied", 0.25], ["basically-satisfied", 0.35], ["unsatisfied", 0.4]] as const)
              : ([["satisfied", 0.72], ["basically-satisfied", 0.24], ["unsatisfied", 0.04]] as const),
          );
          sim.decide(deciders.project, project.entity, {
            type: "EvaluateLivelihoodProject",
            data: { projectId: project.entity.streamId.slice("project-".length), roundId, rating, evaluatedAt: shanghaiIsoOf(sim.now, "second"), project: project.context, round },
            metadata: sim.metadata({ id: deputyId, role: "deputy" }),
          });
        });
      }
    }
  });
};
