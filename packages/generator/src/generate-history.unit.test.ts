import { describe, expect, it } from "vitest";
import { REPLY_CATEGORIES } from "./calibration.js";
import { checkGeneratedHistory } from "./check-history.js";
import { demoIdentities } from "./demo-identities.js";
import { generateHistory, type GenerateHistoryOptions } from "./generate-history.js";
import { summarizeHistory, type HistorySummary } from "./history-summary.js";
import type { GeneratedAppend } from "./simulation.js";

const county = (seed: number | string, extra: Partial<GenerateHistoryOptions> = {}): GeneratedAppend[] => [...generateHistory({ profile: "county", seed, ...extra })];

describe("generateHistory: determinism", () => {
  it("gives byte-identical histories for the same seed, including event ids", () => {
    const first = JSON.stringify(county(11));
    const second = JSON.stringify(county(11));
    expect(first.length).toBeGreaterThan(100_000);
    expect(second).toBe(first);
  }, 15_000);

  it("gives the same history when the same GeneratedHistory is iterated twice", () => {
    const history = generateHistory({ profile: "county", seed: 5, scale: 0.3 });
    expect(JSON.stringify([...history])).toBe(JSON.stringify([...history]));
  });

  it("gives a different history for a different seed", () => {
    const a = county(11, { scale: 0.3 });
    const b = county(12, { scale: 0.3 });
    const idsA = new Set(a.flatMap((x) => x.events.map((e) => e.id)));
    expect(b.flatMap((x) => x.events.map((e) => e.id)).some((id) => idsA.has(id))).toBe(false);
    expect(JSON.stringify(a.map((x) => x.events.map((e) => e.data)))).not.toBe(JSON.stringify(b.map((x) => x.events.map((e) => e.data))));
  });
});

describe("generateHistory: validity", () => {
  it.each([1, 2, "demo"])("county seed %s: every event admitted by its decider, schemas, ids, revisions, actors, references", (seed) => {
    const check = checkGeneratedHistory(generateHistory({ profile: "county", seed }));
    expect(check.problems).toEqual([]);
    expect(check.events).toBeGreaterThan(3_000);
    expect(check.streams).toBeGreaterThan(2_000);
  }, 20_000);

  it("stays valid over several years, another start date and a small scale", () => {
    const check = checkGeneratedHistory(generateHistory({ profile: "county", seed: 9, years: 3, from: "2023-07-15", scale: 0.4 }));
    expect(check.problems).toEqual([]);
    expect(check.events).toBeGreaterThan(3_000);
  }, 20_000);

  it("refuses options it cannot honour", () => {
    expect(() => generateHistory({ profile: "county", seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generateHistory({ profile: "county", seed: 1, years: 0 })).toThrow(RangeError);
    expect(() => generateHistory({ profile: "county", seed: 1, from: "2024-02-30" })).toThrow(RangeError);
  });
});

describe("generateHistory: the county profile", () => {
  it("generates a few thousand events in under 2 s", () => {
    const started = performance.now();
    let events = 0;
    for (const append of generateHistory({ profile: "county", seed: 3 })) events += append.events.length;
    const ms = performance.now() - started;
    console.info(`county profile: ${events} events in ${ms.toFixed(0)} ms`);
    expect(events).toBeGreaterThan(3_000);
    expect(events).toBeLessThan(10_000);
    expect(ms).toBeLessThan(2_000);
  });

  it("is calibrated on the seed documents (pooled over three seeds)", () => {
    const summaries: HistorySummary[] = [1, 2, 3].map((seed) => summarizeHistory(generateHistory({ profile: "county", seed })));
    const total = (pick: (s: HistorySummary) => number): number => summaries.reduce((sum, s) => sum + pick(s), 0);
    const share = (part: (s: HistorySummary) => number, whole: (s: HistorySummary) => number): number => total(part) / total(whole);
    const one = summaries[0] as HistorySummary;

    // Structure: Hunan averages per county, Xiangtan rooms per township, Bijie online stations.
    expect(one.deputiesByLevel["county"]).toBeGreaterThanOrEqual(255);
    expect(one.deputiesByLevel["county"]).toBeLessThanOrEqual(267);
    expect((one.deputiesByLevel["township"] ?? 0) / one.stations.township).toBeCloseTo(69.6, -1);
    expect(one.stations.room / one.stations.township).toBeGreaterThan(8.5);
    expect(one.stations.room / one.stations.township).toBeLessThan(10.5);
    expect(one.stations.online / (one.stations.room + one.stations.township)).toBeCloseTo(0.127, 1);

    // Xiangtan: 7,325 constituents in half a year at 724 stations: 20.2 per station and year.
    const perStation = share((s) => s.contacts.constituentsByChannel["station"] ?? 0, (s) => s.stations.room + s.stations.township);
    expect(perStation).toBeGreaterThan(20.2 * 0.8);
    expect(perStation).toBeLessThan(20.2 * 1.2);

    // Suggestions per session (0.6 per county deputy) and the recess share.
    const sessionSuggestions = total((s) => s.suggestions.bySession["2024"] ?? 0) / 3;
    expect(sessionSuggestions).toBeGreaterThan(261 * 0.6 * 0.85);
    expect(sessionSuggestions).toBeLessThan(261 * 0.6 * 1.15);
    expect(share((s) => s.suggestions.recess, (s) => s.suggestions.submitted)).toBeGreaterThan(0.1);
    expect(share((s) => s.suggestions.recess, (s) => s.suggestions.submitted)).toBeLessThan(0.3);
    expect(total((s) => s.suggestions.citingOpinions)).toBeGreaterThan(0);

    // Hunan: 77.5 % solved (category A of the first replies).
    expect(share((s) => s.suggestions.firstReplyCategories["A"] ?? 0, (s) => s.suggestions.firstReplies)).toBeGreaterThan(REPLY_CATEGORIES.A - 0.05);
    expect(share((s) => s.suggestions.firstReplyCategories["A"] ?? 0, (s) => s.suggestions.firstReplies)).toBeLessThan(REPLY_CATEGORIES.A + 0.05);
    // Almost all on time; a few late, a few extended, a few re-handled after an unsatisfied evaluation.
    const late = share((s) => s.suggestions.lateFirstReplies, (s) => s.suggestions.firstReplies);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(0.08);
    expect(total((s) => s.suggestions.extended)).toBeGreaterThan(0);
    expect(total((s) => s.suggestions.rehandled)).toBeGreaterThan(0);
    expect(total((s) => s.suggestions.returned)).toBeGreaterThan(0);
    expect(total((s) => s.suggestions.revised)).toBeGreaterThan(0);

    // Consultation, publication, evaluation and satisfaction rates.
    expect(share((s) => s.suggestions.consulted, (s) => s.suggestions.firstReplies)).toBeGreaterThan(0.6);
    expect(share((s) => s.suggestions.consulted, (s) => s.suggestions.firstReplies)).toBeLessThan(0.85);
    expect(share((s) => s.suggestions.published, (s) => s.suggestions.publishable)).toBeGreaterThan(0.78);
    expect(share((s) => s.suggestions.published, (s) => s.suggestions.publishable)).toBeLessThan(0.95);
    expect(share((s) => s.suggestions.evaluated, (s) => s.suggestions.firstReplies)).toBeGreaterThan(0.85);
    const satisfied = share((s) => (s.suggestions.ratings["satisfied"] ?? 0) + (s.suggestions.ratings["basically-satisfied"] ?? 0), (s) => s.suggestions.evaluated);
    // (the latest rating: an unsatisfied one is re-handled and evaluated again, see `rehandled` above)
    expect(satisfied).toBeGreaterThan(0.93);
    expect(satisfied).toBeLessThanOrEqual(1);
    expect(share((s) => s.suggestions.ratings["satisfied"] ?? 0, (s) => s.suggestions.evaluated)).toBeLessThan(0.9);

    // Digital recording: about three steps in four online, most of those within 48 h.
    const online = share((s) => s.steps.online, (s) => s.steps.total);
    expect(online).toBeGreaterThan(0.65);
    expect(online).toBeLessThan(0.85);
    expect(share((s) => s.steps.timely, (s) => s.steps.online)).toBeGreaterThan(0.85);

    // A few mistakes, voided.
    expect(total((s) => s.byType["EventVoided"] ?? 0)).toBeGreaterThan(0);
    expect(total((s) => s.byType["EventVoided"] ?? 0)).toBeLessThan(total((s) => s.events) * 0.005);
  }, 20_000);

  it("names demo identities of every role that exist in the history", () => {
    const identities = demoIdentities({ seed: 4 });
    expect(new Set(identities.map((i) => i.role))).toEqual(new Set(["office", "auditor", "deputy", "unit", "clerk"]));
    const ids = new Set(county(4).flatMap((a) => a.events.flatMap((e) => [String((e.metadata.actor as { id: string }).id)])));
    for (const identity of identities.filter((i) => i.role !== "auditor")) expect(ids.has(identity.sub), identity.sub).toBe(true);
    const clerk = identities.find((i) => i.role === "clerk");
    expect(clerk?.sub).toBe(`clerk-${clerk?.stationId ?? ""}`);
  }, 20_000);
});
