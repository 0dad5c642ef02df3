import { foldDocument } from "./projection.js";
import { ProjectionSpecification, recordEvents } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import {
  assigned,
  coSignatureDecided,
  deputyRegistered,
  evaluated,
  extended,
  preReviewed,
  published,
  replied,
  revised,
  step,
  submitted,
  underBackfill,
  voided,
} from "./events.test-support.js";
import { generateSampleLog } from "@duty-ledger/testing";
import { suggestionViewProjection, type SuggestionView } from "./suggestion-view-projection.js";

const spec = ProjectionSpecification.for(suggestionViewProjection, foldDocument);
const S = "suggestion-S-1";
const at = (minutes: number): string => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

const handled = [
  submitted("e1", "S-1"),
  preReviewed("e2", "S-1", "accept"),
  assigned("e3", "S-1"),
  step("e4", "S-1", { kind: "consultation", deputyPresent: true, note: "面商" }),
  extended("e5", "S-1"),
  replied("e6", "S-1", { category: "B" }),
  published("e7", "S-1", { url: "https://gov.example/reply/1" }),
];

describe("suggestion view: lifecycle", () => {
  it("the view has no index entries: it is read by key", () => {
    expect(suggestionViewProjection.indexesOf).toBeUndefined();
  });

  it("a submission makes a submitted suggestion (stored by key, without index entries: the watch list has its own documents)", () => {
    const then = spec.given([submitted("e1", "S-1", { coSignerIds: ["D-2", "D-3"], confidential: true, sourceOpinionIds: ["o-1"] })]);
    then.thenDocMatches("S-1", {
      suggestionId: "S-1",
      state: "submitted",
      title: "关于加装电梯的建议",
      leadDeputyId: "D-1",
      coSignerIds: ["D-2", "D-3"],
      phase: "session",
      session: "2024",
      confidential: true,
      sourceOpinionIds: ["o-1"],
      units: null,
      dueAt: null,
      round: 0,
      lastPosition: 1,
      submissions: [{ eventId: "e1", position: 1, recordedAt: at(1), body: "建议加快老旧小区加装电梯" }],
    });
  });

  it("pre-review: revise -> revising, revised -> submitted with the new title, accept -> accepted; return -> returned", () => {
    spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "revise")]).thenDocMatches("S-1", { state: "revising" });
    spec
      .given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "revise"), revised("e3", "S-1", "新标题")])
      .thenDocMatches("S-1", { state: "submitted", title: "新标题", revisions: [{ eventId: "e3", title: "新标题" }] });
    spec
      .given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "revise"), revised("e3", "S-1"), preReviewed("e4", "S-1", "accept")])
      .thenDocMatches("S-1", { state: "accepted", preReviews: [{ eventId: "e2", outcome: "revise" }, { eventId: "e4", outcome: "accept" }] });
    spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "return")]).thenDocMatches("S-1", { state: "returned" });
  });

  it("assignment: units, due date, and unitState index entries for the lead and co-units", () => {
    const then = spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1", { leadingOfficial: "张局长" })]);
    then.thenDocMatches("S-1", {
      state: "assigned",
      units: { leadUnitId: "U-1", coUnitIds: ["U-2"] },
      assignedAt: "2024-02-01T10:00:00+08:00",
      dueAt: "2024-05-01T23:59:59.999+08:00",
      dueAtEventId: "e3",
      round: 1,
      assignments: [{ eventId: "e3", leadingOfficial: "张局长", supervisingOfficial: null, complex: false, policy: { name: "national-default", version: 1 } }],
    });
    const due = Date.parse("2024-05-01T23:59:59.999+08:00");
  });

  it("steps, an extension, a reply and its publication keep their event ids; the extension sets the due date in force", () => {
    spec.given(handled).thenDocMatches("S-1", {
      state: "replied",
      dueAt: "2024-06-01T23:59:59.999+08:00",
      dueAtEventId: "e5",
      steps: [{ eventId: "e4", position: 4, unitId: "U-1", kind: "consultation", deputyPresent: true, note: "面商", recordedVia: "online", recordedAt: at(4) }],
      extensions: [{ eventId: "e5", newDueAt: "2024-06-01T23:59:59.999+08:00", previousDueAt: "2024-05-01T23:59:59.999+08:00" }],
      replies: [{ eventId: "e6", category: "B", round: 1, unitId: "U-1", text: "答复" }],
      publications: [{ eventId: "e7", url: "https://gov.example/reply/1", round: 1 }],
      lastPosition: 7,
    });
  });

  it("satisfied evaluation closes; unsatisfied re-opens handling with the re-handling due date, then a second reply", () => {
    spec.given([...handled, evaluated("e8", "S-1", "satisfied")]).thenDocMatches("S-1", { state: "closed", evaluations: [{ eventId: "e8", rating: "satisfied", rehandleDueAt: null }] });
    spec.given([...handled, evaluated("e8", "S-1", "basically-satisfied")]).thenDocMatches("S-1", { state: "closed" });
    spec.given([...handled, evaluated("e8", "S-1", "unsatisfied")]).thenDocMatches("S-1", {
      state: "rehandling",
      round: 2,
      dueAt: "2024-05-10T23:59:59.999+08:00",
      dueAtEventId: "e8",
    });
    spec
      .given([...handled, evaluated("e8", "S-1", "unsatisfied"), replied("e9", "S-1", { round: 2, category: "A" })])
      .thenDocMatches("S-1", { state: "replied", round: 2, replies: [{ eventId: "e6" }, { eventId: "e9", round: 2 }] });
  });

  it("ignores events of other streams", () => {
    const events = recordEvents([deputyRegistered("e1", "D-1")]);
    expect(suggestionViewProjection.keysOf(events[0]!)).toEqual([]);
  });
});

describe("suggestion view: voided events stop counting", () => {
  it("a voided reply: back to assigned, the reply gone, the voiding listed", () => {
    const then = spec.given([...handled.slice(0, 6), voided("e7", S, "e6", "SuggestionReplied")]);
    then.thenDocMatches("S-1", {
      state: "assigned",
      replies: [],
      voided: [{ eventId: "e7", voidedEventId: "e6", voidedType: "SuggestionReplied", reason: "录入错误" }],
      lastPosition: 7,
    });
    const due = Date.parse("2024-06-01T23:59:59.999+08:00");
  });

  it("a voided extension: the assignment's due date is in force again", () => {
    spec.given([...handled.slice(0, 5), voided("e6", S, "e5", "DeadlineExtended")]).thenDocMatches("S-1", {
      dueAt: "2024-05-01T23:59:59.999+08:00",
      dueAtEventId: "e3",
      extensions: [],
    });
  });

  it("a voided unsatisfied evaluation: replied again, round and due date restored", () => {
    spec.given([...handled, evaluated("e8", "S-1", "unsatisfied"), voided("e9", S, "e8", "SuggestionEvaluated")]).thenDocMatches("S-1", {
      state: "replied",
      round: 1,
      dueAt: "2024-06-01T23:59:59.999+08:00",
      evaluations: [],
    });
  });

  it("voided step and publication are removed", () => {
    spec
      .given([...handled, voided("e8", S, "e4", "HandlingStepRecorded"), voided("e9", S, "e7", "ReplyPublished")])
      .thenDocMatches("S-1", { state: "replied", steps: [], publications: [] });
  });

  it("a voided assignment: accepted again, no units, no due date; a new assignment counts", () => {
    spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1"), voided("e4", S, "e3", "SuggestionAssigned")]).thenDocMatches("S-1", {
      state: "accepted",
      units: null,
      dueAt: null,
      round: 0,
      assignments: [],
    });
    spec
      .given([
        submitted("e1", "S-1"),
        preReviewed("e2", "S-1", "accept"),
        assigned("e3", "S-1"),
        voided("e4", S, "e3", "SuggestionAssigned"),
        assigned("e5", "S-1", { leadUnitId: "U-9", coUnitIds: [] }),
      ])
      .thenDocMatches("S-1", { state: "assigned", units: { leadUnitId: "U-9", coUnitIds: [] }, dueAtEventId: "e5" });
  });

  it("a voided submission: no state and no index entries (the suggestion is not listed)", () => {
    const then = spec.given([submitted("e1", "S-1"), voided("e2", S, "e1", "SuggestionSubmitted")]);
    then.thenDocMatches("S-1", { state: null, leadDeputyId: null, submissions: [] });
  });
});

describe("suggestion view: replay", () => {
  it("replaying the same log twice gives the same documents (a generated log with voidings)", () => {
    const events = generateSampleLog({ seed: 3, deputies: 20, units: 5, stations: 3, contacts: 50, suggestions: 60, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    const then = spec.given(events as never);
    then.thenReplayIsDeterministic();
    const docs = Object.values(then.docs()) as SuggestionView[];
    expect(docs.length).toBeGreaterThan(50);
    expect(docs.some((d) => d.voided.length > 0)).toBe(true);
  });
});

describe("suggestion view: co-signatures and backfilled entries (trust.md)", () => {
  it("lists the co-signers' decisions; a voided one drops out", () => {
    const events = [submitted("e1", "S-1", { coSignerIds: ["D-2", "D-3"] }), coSignatureDecided("e2", "S-1", "D-2", "accept"), coSignatureDecided("e3", "S-1", "D-3", "decline")];
    spec.given(events).thenDocMatches("S-1", {
      coSignatures: [
        expect.objectContaining({ eventId: "e2", deputyId: "D-2", decision: "accept" }),
        expect.objectContaining({ eventId: "e3", deputyId: "D-3", decision: "decline" }),
      ],
      state: "submitted",
    });
    spec.given([...events, voided("e4", S, "e3", "CoSignatureDecided")]).thenDocMatches("S-1", { coSignatures: [expect.objectContaining({ eventId: "e2" })] });
  });

  it("an entry built from an event written under a backfill says backfilled: true; the others do not", () => {
    const then = spec.given([handled[0]!, handled[1]!, handled[2]!, underBackfill(replied("e6", "S-1", { category: "B" }))]);
    const view = then.docs()["S-1"] as SuggestionView;
    expect(view.replies[0]).toMatchObject({ eventId: "e6", backfilled: true });
    expect(view.assignments[0]).not.toHaveProperty("backfilled");
    expect(view.state).toBe("replied");
  });

  it("replayed twice, the same document", () =>
    spec.given([...handled, underBackfill(coSignatureDecided("e8", "S-1", "D-2"))]).thenReplayIsDeterministic());
});
