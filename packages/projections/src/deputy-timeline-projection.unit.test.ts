import { generateSampleLog, ProjectionSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import {
  assigned,
  contactRecorded,
  deputyCorrected,
  deputyRegistered,
  evaluated,
  feedbackGiven,
  preReviewed,
  replied,
  step,
  submitted,
  unitRegistered,
  voided,
} from "./events.test-support.js";

const spec = ProjectionSpecification.for(deputyTimelineProjection);

describe("deputy timeline: which streams concern a deputy (a document per deputy)", () => {
  it("a deputy's registry stream concerns that deputy; a correction keeps it", () => {
    const then = spec.given([deputyRegistered("e1", "D-1"), deputyCorrected("e2", "D-1", { name: "王某" })]);
    then.thenDoc("D-1", { streams: ["deputy-D-1"] });
    then.thenIndexes("D-1", []);
  });

  it("a contact concerns every deputy present, each once; its feedback changes nothing", () => {
    const then = spec.given([
      deputyRegistered("e1", "D-1"),
      contactRecorded("e2", "C-1", { deputyIds: ["D-1", "D-2", "D-1"] }),
      feedbackGiven("e3", "C-1", ["C-1-o1"]),
      contactRecorded("e4", "C-2", { deputyIds: ["D-2"] }),
    ]);
    then.thenDoc("D-1", { streams: ["deputy-D-1", "contact-C-1"] });
    then.thenDoc("D-2", { streams: ["contact-C-1", "contact-C-2"] });
  });

  it("a suggestion concerns its lead deputy and co-signers; handling events are not read", () => {
    const then = spec.given([
      submitted("e1", "S-1", { coSignerIds: ["D-2"] }),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
      replied("e5", "S-1"),
      evaluated("e6", "S-1", "satisfied"),
    ]);
    then.thenDoc("D-1", { streams: ["suggestion-S-1"] });
    then.thenDoc("D-2", { streams: ["suggestion-S-1"] });
    expect(deputyTimelineProjection.handles).not.toContain("SuggestionReplied");
  });

  it("after a voided submission, a re-submission adds the stream to its deputies and keeps it for the earlier ones (their entries stay theirs)", () => {
    const then = spec.given([
      submitted("e1", "S-1"),
      voided("e2", "suggestion-S-1", "e1", "SuggestionSubmitted"),
      submitted("e3", "S-1", { leadDeputyId: "D-7", coSignerIds: ["D-1"] }),
    ]);
    then.thenDoc("D-1", { streams: ["suggestion-S-1"] });
    then.thenDoc("D-2", { streams: ["suggestion-S-1"] });
    then.thenDoc("D-7", { streams: ["suggestion-S-1"] });
  });

  it("an event that names no new stream for the deputy leaves the document itself (nothing to write)", () => {
    const [first, second] = spec.given([contactRecorded("e1", "C-1", { deputyIds: ["D-1"] }), contactRecorded("e2", "C-1", { deputyIds: ["D-1"] })]).events();
    const doc = deputyTimelineProjection.apply(deputyTimelineProjection.init("D-1"), first!);
    expect(deputyTimelineProjection.apply(doc, second!)).toBe(doc);
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
