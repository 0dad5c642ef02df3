import { isLedgerErrorOf } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import type { SuggestionFacts } from "./facts.js";
import { evaluation, extension, publication, reply, step, suggestion } from "./facts.test-support.js";
import { defaultRuleSet, parseRuleSet, strictRuleSet } from "./rule-set.js";
import { scoreUnit } from "./score-unit.js";

const ASOF = "2024-12-01T00:00:00+08:00";
const score = (facts: readonly SuggestionFacts[], asOf = ASOF, ruleSet = defaultRuleSet) =>
  scoreUnit(facts, { unitId: "U-1", period: "2024", asOf, ruleSet });

/**
 * One unit, U-1, period 2024, asOf 2024-12-01. A = {S1..S5}; R = {S1, S2, S3, S4}.
 * S6 is voided, S7 is led by U-2, S8 is assigned in 2025 (Shanghai): none counts.
 */
const scenario: SuggestionFacts[] = [
  // S1: on time, consulted, published, satisfied, category A; 3 steps (2 timely online).
  suggestion("S1", {
    assignedAt: "2024-03-01T09:00:00+08:00",
    dueAt: "2024-06-01T23:59:59+08:00",
    steps: [
      step("S1:plan", "plan", "2024-03-05T10:00:00+08:00", { recordedAt: "2024-03-05T11:00:00+08:00" }), // 1 h: timely
      step("S1:head", "head-led", "2024-03-06T10:00:00+08:00", { recordedAt: "2024-03-08T09:00:00+08:00" }), // 47 h: timely
      step("S1:consult", "consultation", "2024-04-10T10:00:00+08:00", {
        recordedAt: "2024-04-20T10:00:00+08:00",
        recordedVia: "backfill",
        deputyPresent: true,
      }), // backfill: not timely
    ],
    replies: [reply("S1:reply", "2024-05-01T10:00:00+08:00", "A")],
    publications: [publication("S1:pub", "2024-05-10T10:00:00+08:00")],
    evaluations: [evaluation("S1:eval", "2024-05-20T10:00:00+08:00", "satisfied")],
  }),
  // S2: late reply (no extension), deputy absent from consultation, category B, basically satisfied,
  // not published; 3 steps, the plan recorded 72 h late.
  suggestion("S2", {
    assignedAt: "2024-03-05T09:00:00+08:00",
    dueAt: "2024-06-05T23:59:59+08:00",
    steps: [
      step("S2:plan", "plan", "2024-03-10T10:00:00+08:00", { recordedAt: "2024-03-13T10:00:00+08:00" }), // 72 h: late
      step("S2:meeting", "leadership-meeting", "2024-03-20T10:00:00+08:00"),
      step("S2:consult", "consultation", "2024-04-01T10:00:00+08:00", { deputyPresent: false }),
    ],
    replies: [reply("S2:reply", "2024-07-01T10:00:00+08:00", "B")],
    evaluations: [evaluation("S2:eval", "2024-07-10T10:00:00+08:00", "basically-satisfied")],
  }),
  // S3 (confidential): due 07-01, extension granted 06-20 to 08-01, first reply 07-15 (A) is on time;
  // unsatisfied, re-handled, second reply 08-20 (C), then satisfied. Consultation after the first reply.
  suggestion("S3", {
    assignedAt: "2024-04-01T09:00:00+08:00",
    dueAt: "2024-07-01T23:59:59+08:00",
    confidential: true,
    extensions: [extension("S3:ext", "2024-06-20T10:00:00+08:00", "2024-08-01T23:59:59+08:00")],
    steps: [
      step("S3:consult", "consultation", "2024-08-10T10:00:00+08:00", { deputyPresent: true }),
    ],
    replies: [
      reply("S3:reply2", "2024-08-20T10:00:00+08:00", "C"),
      reply("S3:reply1", "2024-07-15T10:00:00+08:00", "A"),
    ],
    evaluations: [
      evaluation("S3:eval2", "2024-09-01T10:00:00+08:00", "satisfied"),
      evaluation("S3:eval1", "2024-07-20T10:00:00+08:00", "unsatisfied"),
    ],
  }),
  // S4: due 08-01, replied 09-01 (A, late); extension granted AFTER the reply does not count;
  // published; not evaluated; only a co-unit's step.
  suggestion("S4", {
    assignedAt: "2024-05-01T09:00:00+08:00",
    dueAt: "2024-08-01T23:59:59+08:00",
    extensions: [extension("S4:ext", "2024-09-05T10:00:00+08:00", "2024-10-01T23:59:59+08:00")],
    steps: [step("S4:plan-by-U-2", "plan", "2024-05-05T10:00:00+08:00", { unitId: "U-2" })],
    replies: [reply("S4:reply", "2024-09-01T10:00:00+08:00", "A")],
    publications: [publication("S4:pub", "2024-09-10T10:00:00+08:00")],
  }),
  // S5: replied only after asOf; one timely plan step.
  suggestion("S5", {
    assignedAt: "2024-06-01T09:00:00+08:00",
    dueAt: "2024-09-01T23:59:59+08:00",
    steps: [step("S5:plan", "plan", "2024-06-10T10:00:00+08:00")],
    replies: [reply("S5:reply", "2024-12-15T10:00:00+08:00", "A")],
  }),
  // S6: voided suggestion, would be perfect.
  suggestion("S6", {
    voided: true,
    steps: [step("S6:plan", "plan", "2024-03-05T10:00:00+08:00")],
    replies: [reply("S6:reply", "2024-04-01T10:00:00+08:00", "A")],
  }),
  // S7: another unit's.
  suggestion("S7", { leadUnitId: "U-2", replies: [reply("S7:reply", "2024-04-01T10:00:00+08:00", "A", "U-2")] }),
  // S8: 2024-12-31T16:00Z = 2025-01-01 00:00 in Shanghai: period 2025.
  suggestion("S8", { assignedAt: "2024-12-31T16:00:00Z" }),
];

describe("scoreUnit on the reference scenario (default-2024)", () => {
  const result = score(scenario, "2025-01-31T00:00:00+08:00");
  const atDec1 = score(scenario);

  it("counts A = S1..S5 (voided, other unit, other period excluded)", () => {
    expect(atDec1.assigned).toBe(5);
    expect(atDec1.indicators.completion.suggestionIds).toEqual(["S1", "S2", "S3", "S4", "S5"]);
    // S8 is assigned in 2025 but the asOf of 2025-01-31 does not bring it into period 2024.
    expect(result.assigned).toBe(5);
  });

  it("attention = 0.4·1 (S1 head-led) + 0.3·1 (S2 meeting) + 0.3·3/5 (plans S1, S2, S5; S4's plan is U-2's) = 0.88", () => {
    const a = atDec1.indicators.attention;
    expect([a.numerator, a.denominator]).toEqual([3, 5]);
    expect(a.components).toEqual({ headLed: true, leadershipMeeting: true, planShare: 0.6 });
    expect(a.value).toBeCloseTo(0.88, 12);
    expect(a.eventIds).toEqual(
      ["S1:assigned", "S1:head", "S1:plan", "S2:assigned", "S2:meeting", "S2:plan", "S3:assigned", "S4:assigned", "S5:assigned", "S5:plan"].sort(),
    );
  });

  it("completion = Ront/A = {S1 on time, S3 on time by extension} / 5 = 0.4", () => {
    const c = atDec1.indicators.completion;
    expect([c.numerator, c.denominator, c.value]).toEqual([2, 5, 0.4]);
    expect(c.contributions.filter((x) => x.numerator > 0).map((x) => x.suggestionId)).toEqual(["S1", "S3"]);
    // S3's figure rests on the first reply and the extension in force; S4's late extension is not used.
    expect(c.contributions.find((x) => x.suggestionId === "S3")?.eventIds).toEqual(["S3:assigned", "S3:ext", "S3:reply1"]);
    expect(c.contributions.find((x) => x.suggestionId === "S4")?.eventIds).toEqual(["S4:assigned", "S4:reply"]);
  });

  it("consultation = {S1} / R{S1..S4} = 1/4 (S2 deputy absent, S3 after the first reply)", () => {
    const c = atDec1.indicators.consultation;
    expect([c.numerator, c.denominator, c.value]).toEqual([1, 4, 0.25]);
    expect(c.suggestionIds).toEqual(["S1", "S2", "S3", "S4"]);
    expect(c.contributions[0]).toEqual({ suggestionId: "S1", numerator: 1, denominator: 1, eventIds: ["S1:consult", "S1:reply"] });
  });

  it("satisfaction = (S1 sat 1 + S2 basic 1 + S3 latest sat 1) / E{S1,S2,S3} = 3/3", () => {
    const s = atDec1.indicators.satisfaction;
    expect([s.numerator, s.denominator, s.value]).toEqual([3, 3, 1]);
    expect(s.suggestionIds).toEqual(["S1", "S2", "S3"]);
    expect(s.contributions[2]?.eventIds).toEqual(["S3:eval2", "S3:reply1"]);
  });

  it("resolution = latest reply A: S1 A, S2 B, S3 C (latest, first was A), S4 A = 2/4", () => {
    const r = atDec1.indicators.resolution;
    expect([r.numerator, r.denominator, r.value]).toEqual([2, 4, 0.5]);
    expect(r.contributions.filter((x) => x.numerator > 0).map((x) => x.suggestionId)).toEqual(["S1", "S4"]);
  });

  it("publication = {S1, S4} / (R less confidential S3 = {S1, S2, S4}) = 2/3", () => {
    const p = atDec1.indicators.publication;
    expect([p.numerator, p.denominator]).toEqual([2, 3]);
    expect(p.value).toBe(2 / 3);
    expect(p.suggestionIds).toEqual(["S1", "S2", "S4"]);
  });

  it("digital = timely online steps / S = (S1 2 of 3 + S2 2 of 3 + S3 1 of 1 + S5 1 of 1) = 6/8", () => {
    const d = atDec1.indicators.digital;
    expect([d.numerator, d.denominator, d.value]).toEqual([6, 8, 0.75]);
    expect(d.suggestionIds).toEqual(["S1", "S2", "S3", "S5"]);
    expect(d.contributions.map((x) => [x.suggestionId, x.numerator, x.denominator])).toEqual([
      ["S1", 2, 3],
      ["S2", 2, 3],
      ["S3", 1, 1],
      ["S5", 1, 1],
    ]);
  });

  it("index = 100 × (10·0.88 + 20·0.4 + 15·0.25 + 20·1 + 20·0.5 + 5·2/3 + 10·0.75) / 100 = 61.38333…", () => {
    // 8.8 + 8 + 3.75 + 20 + 10 + 3.3333… + 7.5 = 61.3833…
    expect(atDec1.index).toBeCloseTo(61.383333333333, 9);
    expect(atDec1.effectiveWeights.completion).toBe(0.2);
    expect(atDec1.rules).toEqual({ name: "default-2024", version: 1 });
  });

  it("after S5's reply (12-15, late: due 09-01) R grows to 5 and completion stays 2/5", () => {
    expect([result.indicators.completion.numerator, result.indicators.completion.denominator]).toEqual([2, 5]);
    // consultation 1/5; resolution S1 A, S4 A, S5 A = 3/5; publication 2/4
    expect([result.indicators.consultation.numerator, result.indicators.consultation.denominator]).toEqual([1, 5]);
    expect([result.indicators.resolution.numerator, result.indicators.resolution.denominator]).toEqual([3, 5]);
    expect([result.indicators.publication.numerator, result.indicators.publication.denominator]).toEqual([2, 4]);
  });

  it("rule set basicWeight 0.5, resolvedCategories [A, B]: satisfaction 2.5/3, resolution 3/4, index 63.05", () => {
    const lenient = parseRuleSet({
      name: "lenient",
      version: 1,
      weights: defaultRuleSet.weights,
      options: { basicWeight: 0.5, resolvedCategories: ["A", "B"] },
    });
    const r = score(scenario, ASOF, lenient);
    // satisfaction: 1 (S1) + 0.5 (S2 basic) + 1 (S3) = 2.5 over 3
    expect([r.indicators.satisfaction.numerator, r.indicators.satisfaction.denominator]).toEqual([2.5, 3]);
    // resolution: S1 A, S2 B, S4 A = 3 over 4 (S3's latest is C)
    expect([r.indicators.resolution.numerator, r.indicators.resolution.denominator, r.indicators.resolution.value]).toEqual([3, 4, 0.75]);
    // 8.8 + 8 + 3.75 + 20·2.5/3 (16.666…) + 20·0.75 (15) + 3.333… + 7.5 = 63.05
    expect(r.index).toBeCloseTo(63.05, 9);
    expect(r.rules).toEqual({ name: "lenient", version: 1 });
  });
});

describe("strict-2025 scores the first evaluation", () => {
  const atDec1 = score(scenario, ASOF, strictRuleSet);

  it("satisfaction = (S1 sat 1 + S2 basic 0.8 + S3 first unsatisfied 0) / E{S1,S2,S3} = 1.8/3", () => {
    const s = atDec1.indicators.satisfaction;
    expect([s.numerator, s.denominator]).toEqual([1.8, 3]);
    expect(s.contributions.find((x) => x.suggestionId === "S3")).toMatchObject({ numerator: 0, eventIds: ["S3:eval1", "S3:reply1"] });
    expect(atDec1.rules).toEqual({ name: "strict-2025", version: 1 });
  });

  it("re-handling cannot raise it: default-2024 gives the same unit 3/3", () => {
    expect(score(scenario, ASOF, defaultRuleSet).indicators.satisfaction.value).toBe(1);
    expect(atDec1.indicators.satisfaction.value).toBeCloseTo(0.6, 12);
  });
});

describe("the asOf cut", () => {
  const s = suggestion("S1", {
    dueAt: "2024-06-01T23:59:59+08:00",
    replies: [reply("r1", "2024-05-01T10:00:00+08:00", "A")],
    publications: [publication("p1", "2024-05-02T10:00:00+08:00")],
    evaluations: [evaluation("e1", "2024-05-03T10:00:00+08:00", "satisfied")],
  });

  it("before the reply: A = 1, R = 0: completion 0/1, the R-based indicators null", () => {
    const r = score([s], "2024-05-01T09:59:59.999+08:00");
    expect([r.indicators.completion.numerator, r.indicators.completion.denominator]).toEqual([0, 1]);
    for (const key of ["consultation", "satisfaction", "resolution", "publication"] as const) {
      expect(r.indicators[key]).toMatchObject({ value: null, numerator: 0, denominator: 0, suggestionIds: [] });
    }
    // attention 0 (weight 10), completion 0 (weight 20), digital null: index 100 × 0 / 30 = 0
    expect(r.index).toBe(0);
  });

  it("at the reply's instant (same moment, other offset): replied on time", () => {
    const r = score([s], "2024-05-01T02:00:00Z");
    expect([r.indicators.completion.numerator, r.indicators.resolution.numerator, r.indicators.resolution.denominator]).toEqual([1, 1, 1]);
    // publication and evaluation come later: 0/1 and null
    expect([r.indicators.publication.numerator, r.indicators.publication.denominator]).toEqual([0, 1]);
    expect(r.indicators.satisfaction.value).toBeNull();
  });

  it("an assignment after asOf does not count yet", () => {
    expect(score([s], "2024-03-01T00:59:59+00:00").assigned).toBe(0); // assigned 2024-03-01T01:00Z
    expect(score([s], "2024-03-01T01:00:00+00:00").assigned).toBe(1);
  });
});

describe("due date in force", () => {
  const base = { assignedAt: "2024-03-01T09:00:00+08:00", dueAt: "2024-06-01T23:59:59+08:00" };

  it("a reply exactly at the due instant is on time; 1 ms later is not", () => {
    const onTime = suggestion("S1", { ...base, replies: [reply("r", "2024-06-01T15:59:59Z")] });
    const late = suggestion("S2", { ...base, replies: [reply("r2", "2024-06-01T15:59:59.001Z")] });
    expect(score([onTime, late]).indicators.completion.contributions.map((c) => c.numerator)).toEqual([1, 0]);
  });

  it("uses the latest extension granted at or before the first reply, not a later or earlier one", () => {
    const s = suggestion("S1", {
      ...base,
      extensions: [
        extension("x1", "2024-05-01T10:00:00+08:00", "2024-07-01T23:59:59+08:00"),
        // latest granted before the reply: shortens the due date back to 06-15 -> reply 06-20 is late
        extension("x2", "2024-05-20T10:00:00+08:00", "2024-06-15T23:59:59+08:00"),
        // granted after the reply: ignored
        extension("x3", "2024-06-25T10:00:00+08:00", "2024-12-31T23:59:59+08:00"),
      ],
      replies: [reply("r", "2024-06-20T10:00:00+08:00")],
    });
    const c = score([s]).indicators.completion;
    expect([c.numerator, c.denominator]).toEqual([0, 1]);
    expect(c.eventIds).toEqual(["S1:assigned", "r", "x2"]);
  });

  it("an extension granted at the very instant of the reply is in force", () => {
    const s = suggestion("S1", {
      ...base,
      extensions: [extension("x", "2024-06-20T10:00:00+08:00", "2024-07-01T23:59:59+08:00")],
      replies: [reply("r", "2024-06-20T02:00:00Z")],
    });
    expect(score([s]).indicators.completion.numerator).toBe(1);
  });

  it("completion uses the first reply by instant, whatever the order of the facts", () => {
    const s = suggestion("S1", {
      ...base,
      // listed first but replied second (after re-handling, late): not the one that counts
      replies: [reply("second", "2024-06-10T10:00:00+08:00", "A"), reply("first", "2024-05-01T10:00:00+08:00", "C")],
    });
    const r = score([s]);
    expect(r.indicators.completion.eventIds).toEqual(["S1:assigned", "first"]);
    expect(r.indicators.completion.numerator).toBe(1); // 05-01 <= 06-01
    expect(r.indicators.resolution.numerator).toBe(1); // latest reply "second" is A
  });
});

describe("unsatisfied evaluation, re-handling and a second reply", () => {
  const s = suggestion("S1", {
    dueAt: "2024-06-01T23:59:59+08:00",
    replies: [reply("r1", "2024-05-01T10:00:00+08:00", "C"), reply("r2", "2024-07-15T10:00:00+08:00", "A")],
    evaluations: [
      evaluation("e1", "2024-05-10T10:00:00+08:00", "unsatisfied"),
      evaluation("e2", "2024-07-20T10:00:00+08:00", "basically-satisfied"),
    ],
  });

  it("between the evaluations: satisfaction 0/1 on e1, resolution 0/1 on r1 (C), completion 1/1", () => {
    const r = score([s], "2024-06-01T00:00:00+08:00");
    expect([r.indicators.satisfaction.numerator, r.indicators.satisfaction.denominator]).toEqual([0, 1]);
    expect(r.indicators.satisfaction.eventIds).toEqual(["e1", "r1"]);
    expect([r.indicators.resolution.numerator, r.indicators.resolution.denominator]).toEqual([0, 1]);
    expect(r.indicators.completion.numerator).toBe(1);
  });

  it("after the second reply and evaluation: latest evaluation e2 (basic, 1), latest reply r2 (A, 1); completion still on the first reply (on time)", () => {
    const r = score([s]);
    expect([r.indicators.satisfaction.numerator, r.indicators.satisfaction.denominator]).toEqual([1, 1]);
    expect(r.indicators.satisfaction.eventIds).toEqual(["e2", "r1"]);
    expect([r.indicators.resolution.numerator, r.indicators.resolution.denominator]).toEqual([1, 1]);
    expect(r.indicators.resolution.eventIds).toEqual(["r1", "r2"]);
    expect(r.indicators.completion.eventIds).toEqual(["S1:assigned", "r1"]);
  });
});

describe("voided facts", () => {
  it("a voided reply is absent from the facts: the suggestion is simply not replied", () => {
    const s = suggestion("S1", { replies: [] });
    const r = score([s]);
    expect([r.indicators.completion.numerator, r.indicators.completion.denominator]).toEqual([0, 1]);
    expect(r.indicators.resolution.value).toBeNull();
  });

  it("a voided suggestion counts nowhere, not even its steps", () => {
    const s = suggestion("S1", {
      voided: true,
      steps: [step("p", "plan", "2024-03-02T10:00:00+08:00")],
      replies: [reply("r", "2024-04-01T10:00:00+08:00")],
    });
    const r = score([s]);
    expect(r.assigned).toBe(0);
    expect(r.index).toBeNull();
    expect(r.indicators.digital.denominator).toBe(0);
  });

  it("a reply recorded under another unit's id does not count for the lead unit", () => {
    const s = suggestion("S1", { replies: [reply("r", "2024-04-01T10:00:00+08:00", "A", "U-2")] });
    expect(score([s]).indicators.resolution.denominator).toBe(0);
  });
});

describe("null denominators and re-weighting", () => {
  it("one unreplied suggestion with one timely plan step: attention 0.3, completion 0, digital 1; index 100 × (3 + 0 + 10) / 40 = 32.5", () => {
    const s = suggestion("S1", { steps: [step("p", "plan", "2024-03-02T10:00:00+08:00")] });
    const r = score([s]);
    expect(r.indicators.attention.value).toBeCloseTo(0.3, 15);
    expect(r.indicators.completion.value).toBe(0);
    expect(r.indicators.digital.value).toBe(1);
    for (const key of ["consultation", "satisfaction", "resolution", "publication"] as const) {
      expect(r.indicators[key].value).toBeNull();
      expect(r.effectiveWeights[key]).toBeNull();
    }
    // scored weights 10 + 20 + 10 = 40: shares 0.25, 0.5, 0.25
    expect(r.effectiveWeights).toMatchObject({ attention: 0.25, completion: 0.5, digital: 0.25 });
    expect(r.index).toBeCloseTo(32.5, 10);
  });

  it("a replied suggestion submitted as confidential leaves publication unscored", () => {
    const s = suggestion("S1", { confidential: true, replies: [reply("r", "2024-04-01T10:00:00+08:00")] });
    expect(score([s]).indicators.publication).toMatchObject({ value: null, denominator: 0 });
  });

  it("no suggestions at all: every indicator null and index null", () => {
    const r = score([]);
    expect(r.assigned).toBe(0);
    expect(r.index).toBeNull();
    expect(Object.values(r.indicators).every((i) => i.value === null)).toBe(true);
  });

  it("scored indicators that all weigh 0 give a null index", () => {
    const onlyPublication = parseRuleSet({
      name: "pub-only",
      version: 1,
      weights: { attention: 0, completion: 0, consultation: 0, satisfaction: 0, resolution: 0, publication: 1, digital: 0 },
    });
    const r = score([suggestion("S1")], ASOF, onlyPublication);
    expect(r.indicators.completion.value).toBe(0);
    expect(r.index).toBeNull();
  });
});

describe("consultation", () => {
  const base = { replies: [reply("r", "2024-05-01T10:00:00+08:00")] };

  it("counts a consultation by the unit, deputy present, at the very instant of the first reply", () => {
    const s = suggestion("S1", { ...base, steps: [step("c", "consultation", "2024-05-01T02:00:00Z", { deputyPresent: true })] });
    expect(score([s]).indicators.consultation.numerator).toBe(1);
  });

  it("does not count a co-unit's consultation", () => {
    const s = suggestion("S1", {
      ...base,
      steps: [step("c", "consultation", "2024-04-01T10:00:00+08:00", { deputyPresent: true, unitId: "U-2" })],
    });
    expect([score([s]).indicators.consultation.numerator, score([s]).indicators.consultation.denominator]).toEqual([0, 1]);
  });
});

describe("digital timeliness (timelyDays 2)", () => {
  const occurred = "2024-03-02T10:00:00+08:00";
  const facts = [
    suggestion("S1", {
      steps: [
        step("exact", "progress", occurred, { recordedAt: "2024-03-04T10:00:00+08:00" }), // 48 h exactly: timely
        step("late", "progress", occurred, { recordedAt: "2024-03-04T10:00:00.001+08:00" }), // 48 h + 1 ms: late
        step("backfill", "progress", occurred, { recordedAt: occurred, recordedVia: "backfill" }), // not online
        step("after-asOf", "progress", "2024-12-01T00:00:00.001+08:00"), // occurred after asOf: not in S
        step("co-unit", "progress", occurred, { unitId: "U-2" }), // not the unit's own
      ],
    }),
  ];

  it("S = 3 steps, 1 timely: 1/3", () => {
    const d = score(facts).indicators.digital;
    expect([d.numerator, d.denominator]).toEqual([1, 3]);
    expect(d.eventIds).toEqual(["backfill", "exact", "late"]);
  });

  it("timelyDays 3 makes 48 h + 1 ms timely: 2/3", () => {
    const slow = parseRuleSet({ name: "slow", version: 1, weights: defaultRuleSet.weights, options: { timelyDays: 3 } });
    expect(score(facts, ASOF, slow).indicators.digital.numerator).toBe(2);
  });
});

describe("input validation", () => {
  it("refuses a time without offset (it would depend on the machine's zone)", () => {
    const s = suggestion("S1", { replies: [reply("r", "2024-05-01T10:00:00")] });
    expect(() => score([s])).toThrow(/offset/);
  });

  it("refuses a bad period, a bad asOf and a duplicate suggestion with ValidationError", () => {
    const errors = [
      () => scoreUnit([], { unitId: "U-1", period: "24", asOf: ASOF, ruleSet: defaultRuleSet }),
      () => score([], "yesterday"),
      () => score([suggestion("S1"), suggestion("S1")]),
    ].map((f) => {
      try {
        f();
        return undefined;
      } catch (error) {
        return error;
      }
    });
    expect(errors.every((e) => isLedgerErrorOf(e, "VALIDATION"))).toBe(true);
  });
});

describe("backfilled facts in the drill-down (trust.md)", () => {
  const facts = [
    suggestion("S1", {
      assignedAt: "2024-03-01T09:00:00+08:00",
      dueAt: "2024-06-01T23:59:59+08:00",
      replies: [reply("S1:reply", "2024-05-01T10:00:00+08:00", "A")],
      evaluations: [evaluation("S1:eval", "2024-05-20T10:00:00+08:00", "satisfied")],
      backfilledEventIds: ["S1:reply"],
    }),
    suggestion("S2", { assignedAt: "2024-03-02T09:00:00+08:00", dueAt: "2024-06-02T23:59:59+08:00", replies: [reply("S2:reply", "2024-05-02T10:00:00+08:00", "A")] }),
  ];

  it("every contribution built on a backfilled event says backfilled: true, the others nothing", () => {
    const { indicators } = score(facts);
    const s1 = indicators.completion.contributions.find((c) => c.suggestionId === "S1");
    const s2 = indicators.completion.contributions.find((c) => c.suggestionId === "S2");
    expect(s1).toMatchObject({ eventIds: expect.arrayContaining(["S1:reply"]), backfilled: true });
    expect(s2).not.toHaveProperty("backfilled");
    expect(indicators.satisfaction.contributions.find((c) => c.suggestionId === "S1")?.backfilled).toBe(true);
    // An indicator that does not use the backfilled event: not flagged.
    expect(indicators.attention.contributions.find((c) => c.suggestionId === "S1")).not.toHaveProperty("backfilled");
  });
});
