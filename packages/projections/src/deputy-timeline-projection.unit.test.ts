import { foldDocument } from "./projection.js";
import { generateSampleLog, ProjectionSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { deputyTimelineProjection, type TimelineEntry } from "./deputy-timeline-projection.js";
import { MAX_SUMMARY } from "@duty-ledger/domain";
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

const spec = ProjectionSpecification.for(deputyTimelineProjection, foldDocument);

describe("deputy timeline: a document per stream, indexed under every deputy it concerns", () => {
  it("a deputy's registry stream is indexed under that deputy; a correction keeps it", () => {
    const then = spec.given([deputyRegistered("e1", "D-1"), deputyCorrected("e2", "D-1", { name: "王某" })]);
    expect(Object.keys(then.docs())).toEqual(["deputy-D-1"]);
    then.thenIndexes("deputy-D-1", [{ name: "deputy", value: "D-1" }]);
  });

  it("a contact is indexed under every deputy present, each once; its feedback is an entry of theirs", () => {
    const then = spec.given([
      deputyRegistered("e1", "D-1"),
      contactRecorded("e2", "C-1", { deputyIds: ["D-1", "D-2", "D-1"] }),
      feedbackGiven("e3", "C-1", ["C-1-o1"]),
      contactRecorded("e4", "C-2", { deputyIds: ["D-2"] }),
    ]);
    then.thenIndexes("contact-C-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
    then.thenIndexes("contact-C-2", [{ name: "deputy", value: "D-2" }]);
    expect(then.docs()["contact-C-1"]?.entries.map((e) => e.eventId)).toEqual(["e2", "e3"]);
  });

  it("a suggestion is indexed under its lead deputy and co-signers, with every handling event an entry", () => {
    const then = spec.given([
      submitted("e1", "S-1", { coSignerIds: ["D-2"] }),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
      replied("e5", "S-1"),
      evaluated("e6", "S-1", "satisfied"),
    ]);
    then.thenIndexes("suggestion-S-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
    expect(then.docs()["suggestion-S-1"]?.entries).toHaveLength(6);
  });

  it("after a voided submission, a re-submission's deputies join the earlier ones (their entries stay theirs)", () => {
    const then = spec.given([
      submitted("e1", "S-1"),
      voided("e2", "suggestion-S-1", "e1", "SuggestionSubmitted"),
      submitted("e3", "S-1", { leadDeputyId: "D-7", coSignerIds: ["D-1"] }),
    ]);
    then.thenIndexes("suggestion-S-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
      { name: "deputy", value: "D-7" },
    ]);
  });

  it("unit and station registries are not shown", () => {
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

/** The entries of the one stream the given events are of (positions 1, 2, …). */
const timelineEntriesOf = (events: Parameters<typeof spec.given>[0]): readonly TimelineEntry[] => Object.values(spec.given(events).docs())[0]?.entries ?? [];

describe("timeline entries of a stream", () => {
  it("registry events are entries of the deputy, with the fact's time and a bilingual summary", () => {
    expect(timelineEntriesOf(([deputyRegistered("e1", "D-1"), deputyCorrected("e2", "D-1", { name: "王某" })]))).toEqual([
      {
        position: 1,
        eventId: "e1",
        type: "DeputyRegistered",
        occurredAt: "2023-12-01T09:00:00+08:00",
        summary: "登记为县级人大代表（2023-2028） / Registered as a county deputy",
        deputyIds: ["D-1"],
        voidedBy: null,
      },
      {
        position: 2,
        eventId: "e2",
        type: "DeputyCorrected",
        occurredAt: "2024-02-01T09:00:00+08:00",
        summary: "代表信息更正：更正 / Registry entry corrected",
        deputyIds: ["D-1"],
        voidedBy: null,
      },
    ]);
  });

  it("a contact and its feedback are entries of every deputy present", () => {
    const entries = timelineEntriesOf(([contactRecorded("e1", "C-1", { deputyIds: ["D-1", "D-2"] }), feedbackGiven("e2", "C-1", ["C-1-o1"])]));
    expect(entries).toMatchObject([
      { eventId: "e1", type: "ContactRecorded", occurredAt: "2024-03-05T10:00:00+08:00", deputyIds: ["D-1", "D-2"] },
      { eventId: "e2", type: "ContactFeedbackGiven", occurredAt: "2024-04-01T10:00:00+08:00", deputyIds: ["D-1", "D-2"], summary: "向群众反馈意见 1 条 / Feedback given on 1 opinion(s)" },
    ]);
  });

  it("every handling event of a suggestion is an entry of its lead deputy and co-signers", () => {
    const entries = timelineEntriesOf(([
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
      ]),
    );
    expect(entries.map((e) => [e.type, e.occurredAt])).toEqual([
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
    expect(entries.every((e) => e.deputyIds.join() === "D-1,D-2" && e.summary.length > 0 && e.summary.length <= MAX_SUMMARY)).toBe(true);
    expect(entries.map((e) => e.summary)).toContain("评价答复：满意 / Reply evaluated: satisfied");
  });

  it("a voided event stays, marked by its voiding, and the voiding is an entry of the same deputies", () => {
    const entries = timelineEntriesOf(([contactRecorded("e1", "C-1", { deputyIds: ["D-1", "D-2"] }), feedbackGiven("e2", "C-1", ["C-1-o1"]), voided("e3", "contact-C-1", "e2", "ContactFeedbackGiven")]),
    );
    expect(entries).toMatchObject([
      { eventId: "e1", voidedBy: null },
      { eventId: "e2", voidedBy: "e3" },
      { eventId: "e3", type: "EventVoided", deputyIds: ["D-1", "D-2"], voidedBy: null, summary: "作废记录（ContactFeedbackGiven）：录入错误 / Record voided" },
    ]);
  });

  it("after a voided submission, the voiding stays with the first deputies and a re-submission goes to the new ones", () => {
    const entries = timelineEntriesOf(([submitted("e1", "S-1"), voided("e2", "suggestion-S-1", "e1", "SuggestionSubmitted"), submitted("e3", "S-1", { leadDeputyId: "D-7", coSignerIds: [] })]),
    );
    expect(entries.map((e) => [e.eventId, e.deputyIds.join(), e.voidedBy])).toEqual([
      ["e1", "D-1,D-2", "e2"],
      ["e2", "D-1,D-2", null],
      ["e3", "D-7", null],
    ]);
  });

  it("an empty stream has no entries", () => {
    expect(timelineEntriesOf([])).toEqual([]);
    expect(deputyTimelineProjection.init("contact-C-1")).toEqual({ entries: [] });
  });
});
