import { tallyVote, type EventData, type VoteResult } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { LIVELIHOOD_SLOTS } from "./calibration.js";
import { checkGeneratedHistory } from "./check-history.js";
import { generateHistory } from "./generate-history.js";
import type { GeneratedAppend } from "./simulation.js";

/** The generated livelihood programmes (民生实事票决), calibrated on the seeds: county seeds 1–3 pooled. */

const eventsOf = (appends: readonly GeneratedAppend[], type: string): { data: unknown; actor: { id: string; role: string } }[] =>
  appends.flatMap((a) => a.events.filter((e) => e.type === type).map((e) => ({ data: e.data, actor: e.metadata.actor as { id: string; role: string } })));

const histories = [1, 2, 3].map((seed) => [...generateHistory({ profile: "county", seed })]);
const all = histories.flat();
const data = <T extends Parameters<typeof eventsOf>[1]>(type: T) => eventsOf(all, type).map((e) => e.data);

describe("generated livelihood programmes", () => {
  it("one programme a county-year, 10 projects adopted of a 差额 shortlist", () => {
    const opened = data("LivelihoodProgrammeOpened") as EventData<"LivelihoodProgrammeOpened">[];
    // The year's, and in one history the next year's opened for the session's pre-submissions.
    expect(opened.filter((p) => p.year === 2024)).toHaveLength(3);
    expect(opened.length).toBeLessThanOrEqual(6);
    expect(opened.every((p) => p.slots === LIVELIHOOD_SLOTS && p.electorateSize > 200)).toBe(true);
    const shortlists = data("LivelihoodShortlistDecided") as EventData<"LivelihoodShortlistDecided">[];
    expect(shortlists.every((s) => s.candidateIds.length > LIVELIHOOD_SLOTS)).toBe(true);
    const closed = data("LivelihoodVoteClosed") as EventData<"LivelihoodVoteClosed">[];
    expect(closed).toHaveLength(3);
    const adopted = closed.map((c) => c.result.adopted.length);
    // A tie at the tenth slot would adopt fewer; the seeds' programmes adopt all ten or nearly.
    expect(adopted.every((n) => n >= LIVELIHOOD_SLOTS - 2 && n <= LIVELIHOOD_SLOTS)).toBe(true);
  });

  it("budgets in the tens of millions of yuan (Shaoshan: 250 million for 10); attendance around 90 %", () => {
    const candidates = data("LivelihoodCandidateProposed") as EventData<"LivelihoodCandidateProposed">[];
    const budgets = candidates.map((c) => c.estimatedBudgetYuan);
    expect(Math.min(...budgets)).toBeGreaterThanOrEqual(8_000_000);
    expect(Math.max(...budgets)).toBeLessThanOrEqual(60_000_000);
    const mean = budgets.reduce((a, b) => a + b, 0) / budgets.length;
    expect(mean).toBeGreaterThan(20_000_000);
    expect(mean).toBeLessThan(35_000_000);
    const closed = data("LivelihoodVoteClosed") as EventData<"LivelihoodVoteClosed">[];
    const opened = data("LivelihoodProgrammeOpened") as EventData<"LivelihoodProgrammeOpened">[];
    const rates = closed.map((c, i) => c.result.attendance / (opened[i] as EventData<"LivelihoodProgrammeOpened">).electorateSize);
    for (const rate of rates) expect(rate).toBeGreaterThan(0.85), expect(rate).toBeLessThan(0.95);
    // Some candidates come from deputies, in their own name.
    const byDeputies = eventsOf(all, "LivelihoodCandidateProposed").filter((e) => (e.data as EventData<"LivelihoodCandidateProposed">).proposedBy.kind === "deputy");
    expect(byDeputies.length).toBeGreaterThan(5);
    expect(byDeputies.every((e) => e.actor.role === "deputy" && e.actor.id === (e.data as EventData<"LivelihoodCandidateProposed">).proposedBy.id)).toBe(true);
  });

  it("the recorded result is the tally of the boxes counted; ballots never exceed the attendance", () => {
    for (const history of histories) {
      const boxes = eventsOf(history, "LivelihoodBallotBoxCounted").map((e) => e.data as EventData<"LivelihoodBallotBoxCounted">);
      const [closed] = eventsOf(history, "LivelihoodVoteClosed").map((e) => e.data as EventData<"LivelihoodVoteClosed">);
      const [shortlist] = eventsOf(history, "LivelihoodShortlistDecided").map((e) => e.data as EventData<"LivelihoodShortlistDecided">);
      const [opened] = eventsOf(history, "LivelihoodProgrammeOpened").map((e) => e.data as EventData<"LivelihoodProgrammeOpened">);
      if (closed === undefined || shortlist === undefined || opened === undefined) throw new Error("no vote in the history");
      const recount: VoteResult = tallyVote({ shortlist: shortlist.candidateIds, slots: opened.slots, electorateSize: opened.electorateSize, attendance: closed.result.attendance, boxes });
      expect(recount).toEqual(closed.result);
      expect(closed.result.ballots).toBeLessThanOrEqual(closed.result.attendance);
      expect(closed.result.ballots).toBeGreaterThan(closed.result.attendance * 0.95);
    }
  });

  it("projects are supervised: milestones, progress up to completion for most, some lagging (overdue), inspections and a December evaluation", () => {
    const milestones = data("LivelihoodMilestonePlanned");
    const progress = data("LivelihoodProgressReported") as EventData<"LivelihoodProgressReported">[];
    const inspections = data("LivelihoodProjectInspected") as EventData<"LivelihoodProjectInspected">[];
    const evaluations = data("LivelihoodProjectEvaluated") as EventData<"LivelihoodProjectEvaluated">[];
    // Project ids repeat across the seeds (the same county K001): keyed by history.
    const perHistory = histories.map((h) => new Set(eventsOf(h, "LivelihoodProgressReported").map((e) => (e.data as EventData<"LivelihoodProgressReported">).projectId)).size);
    expect(perHistory.every((n) => n >= LIVELIHOOD_SLOTS - 2)).toBe(true);
    const projects = { size: perHistory.reduce((a, b) => a + b, 0) };
    expect(milestones).toHaveLength(projects.size * 3);
    const last = new Map(histories.flatMap((h, i) => eventsOf(h, "LivelihoodProgressReported").map((e) => [`${i}/${(e.data as EventData<"LivelihoodProgressReported">).projectId}`, (e.data as EventData<"LivelihoodProgressReported">).percent] as const)));
    const done = [...last.values()].filter((p) => p >= 100).length;
    expect(done / last.size).toBeGreaterThan(0.6);
    expect(done).toBeLessThan(last.size);
    expect(inspections.length).toBeGreaterThanOrEqual(projects.size);
    expect(inspections.every((i) => i.deputyIds.length >= 3)).toBe(true);
    expect(evaluations.length).toBeGreaterThan(projects.size * 15);
    expect(evaluations.every((e) => e.evaluatedAt.slice(5, 7) === "12")).toBe(true);
    // Spending follows progress and stays within the budget.
    expect(progress.every((p) => p.spentYuan <= 60_000_000)).toBe(true);
  });

  it("every livelihood event passes the independent check (deciders, actors, times)", () => {
    const check = checkGeneratedHistory(histories[0] as GeneratedAppend[]);
    expect(check.problems).toEqual([]);
  });
});
