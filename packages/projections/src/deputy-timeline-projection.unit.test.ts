import { ProjectionSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { deputyTimelineProjection, type TimelineDoc } from "./deputy-timeline-projection.js";
import {
  assigned,
  contactRecorded,
  deputyCorrected,
  deputyRegistered,
  evaluated,
  extended,
  feedbackGiven,
  preReviewed,
  published,
  replied,
  revised,
  step,
  submitted,
  unitRegistered,
  voided,
} from "./events.test-support.js";
import { generateSampleLog } from "@duty-ledger/testing";
import { MAX_SUMMARY } from "./event-summary.js";

const spec = ProjectionSpecification.for(deputyTimelineProjection);

describe("deputy timeline", () => {
  it("registry events are entries of the deputy", () => {
    const then = spec.given([deputyRegistered("e1", "D-1"), deputyCorrected("e2", "D-1", { name: "王某" })]);
    then.thenDoc("deputy-D-1", {
      streamId: "deputy-D-1",
      deputyIds: ["D-1"],
      entries: [
        {
          position: 1,
          eventId: "e1",
          type: "DeputyRegistered",
          occurredAt: "2023-12-01T09:00:00+08:00",
          summary: "登记为县级人大代表（2023-2028） / Registered as a county deputy",
          deputyIds: ["D-1"],
          voided: null,
        },
        {
          position: 2,
          eventId: "e2",
          type: "DeputyCorrected",
          occurredAt: "2024-02-01T09:00:00+08:00",
          summary: "代表信息更正：更正 / Registry entry corrected",
          deputyIds: ["D-1"],
          voided: null,
        },
      ],
    });
    then.thenIndexes("deputy-D-1", [{ name: "deputy", value: "D-1" }]);
  });

  it("a contact and its feedback are entries of every deputy present", () => {
    const then = spec.given([contactRecorded("e1", "C-1", { deputyIds: ["D-1", "D-2"] }), feedbackGiven("e2", "C-1", ["C-1-o1"])]);
    then.thenDocMatches("contact-C-1", {
      deputyIds: ["D-1", "D-2"],
      entries: [
        { eventId: "e1", type: "ContactRecorded", occurredAt: "2024-03-05T10:00:00+08:00", deputyIds: ["D-1", "D-2"] },
        { eventId: "e2", type: "ContactFeedbackGiven", occurredAt: "2024-04-01T10:00:00+08:00", deputyIds: ["D-1", "D-2"], summary: "向群众反馈意见 1 条 / Feedback given on 1 opinion(s)" },
      ],
    });
    // One entry per deputy of the stream (v1 had one per deputy and entry); the reader orders the entries.
    then.thenIndexes("contact-C-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
  });

  it("every handling event of a suggestion is an entry of its lead deputy and co-signers", () => {
    const events = [
      submitted("e1", "S-1", { coSignerIds: ["D-2"] }),
      preReviewed("e2", "S-1", "revise"),
      revised("e3", "S-1"),
      preReviewed("e4", "S-1", "accept"),
      assigned("e5", "S-1"),
      step("e6", "S-1", { kind: "consultation", deputyPresent: true }),
      extended("e7", "S-1"),
      replied("e8", "S-1"),
      published("e9", "S-1"),
      evaluated("e10", "S-1", "satisfied"),
    ];
    const doc = spec.given(events).docs()["suggestion-S-1"] as TimelineDoc;
    expect(doc.entries.map((e) => [e.type, e.occurredAt])).toEqual([
      ["SuggestionSubmitted", "2024-01-15T10:00:00+08:00"],
      ["SuggestionPreReviewed", "2024-01-18T10:00:00+08:00"],
      ["SuggestionRevised", "2024-01-20T10:00:00+08:00"],
      ["SuggestionPreReviewed", "2024-01-18T10:00:00+08:00"],
      ["SuggestionAssigned", "2024-02-01T10:00:00+08:00"],
      ["HandlingStepRecorded", "2024-02-10T10:00:00+08:00"],
      ["DeadlineExtended", "2024-03-01T10:00:00+08:00"],
      ["SuggestionReplied", "2024-04-01T10:00:00+08:00"],
      ["ReplyPublished", "2024-04-05T10:00:00+08:00"],
      ["SuggestionEvaluated", "2024-04-10T10:00:00+08:00"],
    ]);
    expect(doc.entries.every((e) => e.deputyIds.join() === "D-1,D-2" && e.summary.length > 0 && e.summary.length <= MAX_SUMMARY)).toBe(true);
    expect(doc.entries.map((e) => e.summary)).toContain("评价答复：满意 / Reply evaluated: satisfied");
  });

  it("a voided event stays in the timeline marked voided, and the voiding is an entry of the same deputies", () => {
    const then = spec.given([
      contactRecorded("e1", "C-1", { deputyIds: ["D-1", "D-2"] }),
      feedbackGiven("e2", "C-1", ["C-1-o1"]),
      voided("e3", "contact-C-1", "e2", "ContactFeedbackGiven"),
    ]);
    then.thenDocMatches("contact-C-1", {
      entries: [
        { eventId: "e1", voided: null },
        { eventId: "e2", voided: { eventId: "e3", reason: "录入错误", voidedAt: "2024-06-01T10:00:00+08:00" } },
        { eventId: "e3", type: "EventVoided", deputyIds: ["D-1", "D-2"], voided: null, summary: "作废记录（ContactFeedbackGiven）：录入错误 / Record voided" },
      ],
    });
  });

  it("a re-submitted suggestion (after its submission was voided) goes to the new deputies", () => {
    const doc = spec
      .given([submitted("e1", "S-1"), voided("e2", "suggestion-S-1", "e1", "SuggestionSubmitted"), submitted("e3", "S-1", { leadDeputyId: "D-7", coSignerIds: [] })])
      .docs()["suggestion-S-1"] as TimelineDoc;
    expect(doc.entries.map((e) => [e.eventId, e.deputyIds.join(), e.voided?.eventId ?? null])).toEqual([
      ["e1", "D-1,D-2", "e2"],
      ["e2", "D-1,D-2", null],
      ["e3", "D-7", null],
    ]);
  });

  it("unit and station registries are not read", () => {
    expect(deputyTimelineProjection.handles).not.toContain("UnitRegistered");
    const recorded = spec.given([unitRegistered("e1", "U-1")]).events();
    expect(deputyTimelineProjection.keysOf(recorded[0]!)).toEqual([]);
  });

  it("replaying the same log twice gives the same documents", () => {
    const events = generateSampleLog({ seed: 11, deputies: 20, units: 5, stations: 3, contacts: 80, suggestions: 60, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    spec.given(events as never).thenReplayIsDeterministic();
  });
});
