import { foldDocument } from "./projection.js";
import type { SuggestionFacts } from "@duty-ledger/scoring";
import { periodOf } from "@duty-ledger/scoring";
import { ProjectionSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { assigned, evaluated, extended, preReviewed, published, replied, revised, step, submitted, voided } from "./events.test-support.js";
import { generateSampleLog } from "@duty-ledger/testing";
import { factsOf, factsPeriodOf, scoringFactsProjection, type ScoringFactsDoc } from "./scoring-facts-projection.js";

const spec = ProjectionSpecification.for(scoringFactsProjection, foldDocument);
const S = "suggestion-S-1";
const at = (minutes: number): string => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

const full = [
  submitted("e1", "S-1", { confidential: true }),
  preReviewed("e2", "S-1", "accept"),
  assigned("e3", "S-1"),
  step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
  { ...step("e5", "S-1", { unitId: "U-2", kind: "co-unit-opinion", recordedVia: "backfill" }), recordedAt: "2024-02-20T01:00:00.000Z" },
  extended("e6", "S-1"),
  replied("e7", "S-1", { category: "C" }),
  published("e8", "S-1"),
  evaluated("e9", "S-1", "unsatisfied"),
  replied("e10", "S-1", { category: "A", round: 2, repliedAt: "2024-05-01T10:00:00+08:00" }),
  evaluated("e11", "S-1", "satisfied", { round: 2, evaluatedAt: "2024-05-05T10:00:00+08:00" }),
];

const expectedFacts: SuggestionFacts = {
  suggestionId: "S-1",
  leadUnitId: "U-1",
  assignmentEventId: "e3",
  assignedAt: "2024-02-01T10:00:00+08:00",
  dueAt: "2024-05-01T23:59:59.999+08:00",
  confidential: true,
  voided: false,
  extensions: [{ eventId: "e6", grantedAt: "2024-03-01T10:00:00+08:00", newDueAt: "2024-06-01T23:59:59.999+08:00" }],
  replies: [
    { eventId: "e7", repliedAt: "2024-04-01T10:00:00+08:00", category: "C", unitId: "U-1" },
    { eventId: "e10", repliedAt: "2024-05-01T10:00:00+08:00", category: "A", unitId: "U-1" },
  ],
  publications: [{ eventId: "e8", publishedAt: "2024-04-05T10:00:00+08:00" }],
  evaluations: [
    { eventId: "e9", evaluatedAt: "2024-04-10T10:00:00+08:00", rating: "unsatisfied" },
    { eventId: "e11", evaluatedAt: "2024-05-05T10:00:00+08:00", rating: "satisfied" },
  ],
  steps: [
    { eventId: "e4", unitId: "U-1", kind: "consultation", occurredAt: "2024-02-10T10:00:00+08:00", recordedAt: at(4), recordedVia: "online", deputyPresent: true },
    { eventId: "e5", unitId: "U-2", kind: "co-unit-opinion", occurredAt: "2024-02-10T10:00:00+08:00", recordedAt: "2024-02-20T01:00:00.000Z", recordedVia: "backfill", deputyPresent: false },
  ],
};

describe("scoring facts", () => {
  it("no facts before an assignment", () => {
    const then = spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "revise"), revised("e3", "S-1")]);
    expect(factsOf(then.docs()["S-1"]!)).toBeNull();
    expect(factsPeriodOf(then.docs()["S-1"]!)).toBeNull();
    then.thenIndexes("S-1", []);
  });

  it("every fact of a handled suggestion, with its event id and the server's recordedAt", () => {
    const then = spec.given(full);
    expect(factsOf(then.docs()["S-1"]!)).toEqual(expectedFacts);
    expect(factsPeriodOf(then.docs()["S-1"]!)).toBe("2024");
    then.thenIndexes("S-1", [
      { name: "period", value: "2024" },
      { name: "periodUnit", value: "2024|U-1" },
    ]);
  });

  it("the period is the assignment's calendar year in Shanghai (as scoring's periodOf)", () => {
    const assignedAt = "2024-12-31T20:00:00Z";
    const then = spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1", { assignedAt })]);
    expect(factsPeriodOf(then.docs()["S-1"]!)).toBe("2025");
    expect(periodOf(assignedAt)).toBe("2025");
    then.thenIndexes("S-1", [
      { name: "period", value: "2025" },
      { name: "periodUnit", value: "2025|U-1" },
    ]);
  });

  it("voided step, extension, reply, publication and evaluation are removed from the facts", () => {
    const then = spec.given([
      ...full.slice(0, 9),
      voided("v1", S, "e9", "SuggestionEvaluated"),
      voided("v2", S, "e8", "ReplyPublished"),
      voided("v3", S, "e7", "SuggestionReplied"),
      voided("v4", S, "e6", "DeadlineExtended"),
      voided("v5", S, "e5", "HandlingStepRecorded"),
    ]);
    const facts = factsOf(then.docs()["S-1"]!);
    expect(facts).toEqual({ ...expectedFacts, extensions: [], replies: [], publications: [], evaluations: [], steps: [expectedFacts.steps[0]] });
  });

  it("a voided assignment keeps the facts with voided: true; a new assignment counts again", () => {
    const base = [submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1"), voided("e4", S, "e3", "SuggestionAssigned")];
    const then = spec.given(base);
    expect(factsOf(then.docs()["S-1"]!)).toMatchObject({ assignmentEventId: "e3", voided: true, leadUnitId: "U-1" });
    then.thenIndexes("S-1", [
      { name: "period", value: "2024" },
      { name: "periodUnit", value: "2024|U-1" },
    ]);
    const reassigned = spec.given([...base, assigned("e5", "S-1", { leadUnitId: "U-7", assignedAt: "2025-01-10T10:00:00+08:00" })]);
    expect(factsOf(reassigned.docs()["S-1"]!)).toMatchObject({ assignmentEventId: "e5", voided: false, leadUnitId: "U-7" });
    expect(factsPeriodOf(reassigned.docs()["S-1"]!)).toBe("2025");
  });

  it("a voided event of a type it does not read leaves the facts as they were", () => {
    const base = [submitted("e1", "S-1"), preReviewed("e2", "S-1", "revise"), revised("e3", "S-1")];
    expect(spec.given([...base, voided("e4", S, "e3", "SuggestionRevised")]).docs()).toEqual(spec.given(base).docs());
  });

  it("replaying the same log twice gives the same documents", () => {
    const events = generateSampleLog({ seed: 5, deputies: 20, units: 5, stations: 3, contacts: 20, suggestions: 80, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    const then = spec.given(events as never);
    then.thenReplayIsDeterministic();
    expect(Object.values(then.docs()).filter((d) => factsOf(d as ScoringFactsDoc) !== null).length).toBeGreaterThan(40);
  });
});
