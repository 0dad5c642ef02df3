import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type { CommandActor, VoidEvent } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import type { StoredEventLike } from "./decider.js";
import { countingEvents, decideVoid, foldStream } from "./voiding.js";
import { deciders, streamOfCommand } from "./deciders.js";
import type { DutyEvent } from "./events.js";
import { assigned, deputy, evaluated, extended, meta, NOW, office, preReviewed, published, replied, step, submitted, unit } from "./fixtures.test-support.js";
import { suggestionDecider } from "./suggestion-decider.js";

const STREAM = "suggestion-S-1";
const spec = DeciderSpecification.for(suggestionDecider);

const withIds = (events: readonly DutyEvent[]): (DutyEvent & { id: string })[] => events.map((event, i) => ({ id: `e${i + 1}`, ...event }));
const voiding = (eventId: string, voidedType: string, id = "v1") =>
  ({ id, type: "EventVoided", data: { streamId: STREAM, eventId, voidedType, reason: "entered by mistake", voidedAt: NOW } }) as const;
const voidCommand = (eventId: string, actor: CommandActor = office): VoidEvent => ({ type: "VoidEvent", data: { eventId, reason: "entered by mistake" }, metadata: meta(actor) });

// e1 submitted, e2 accepted, e3 assigned, e4 step, e5 replied
const history = withIds([submitted(), preReviewed(), assigned(), step(), replied()]);

describe("foldStream and voided events", () => {
  it("a voided reply stops counting: the suggestion is back to being handled", () => {
    const state = foldStream(suggestionDecider, [...history, voiding("e5", "SuggestionReplied")]);
    expect(state.status).toBe("assigned");
    expect(state.replies).toEqual([]);
  });

  it("after a voided reply the lead unit can reply again, still round 1", () =>
    spec
      .given([...history, voiding("e5", "SuggestionReplied")])
      .when({
        type: "ReplyToSuggestion",
        data: { suggestionId: "S-1", unitId: "U-LEAD", category: "B", repliedAt: "2024-05-21T10:00:00+08:00", text: "Corrected reply." },
        metadata: meta(unit("U-LEAD")),
      })
      .then([replied({ category: "B", repliedAt: "2024-05-21T10:00:00+08:00", text: "Corrected reply." })]));

  it("a voided extension restores the previous due date", () => {
    const events = withIds([submitted(), preReviewed(), assigned(), extended()]);
    expect(foldStream(suggestionDecider, events).dueAt).toBe("2024-07-01T23:59:59.999+08:00");
    expect(foldStream(suggestionDecider, [...events, voiding("e4", "DeadlineExtended")]).dueAt).toBe("2024-06-01T23:59:59.999+08:00");
  });

  it("a voided submission leaves no suggestion: further commands get 404", () =>
    spec
      .given([...withIds([submitted()]), voiding("e1", "SuggestionSubmitted")])
      .when({ type: "PreReviewSuggestion", data: { suggestionId: "S-1", outcome: "accept", reason: "ok", reviewedAt: "2024-01-15T10:00:00+08:00" }, metadata: meta(office) })
      .thenThrows("NOT_FOUND"));

  it("countingEvents drops voided events and the voidings", () => {
    expect(countingEvents([...history, voiding("e4", "HandlingStepRecorded")]).map((e) => e.id)).toEqual(["e1", "e2", "e3", "e5"]);
  });

  it("validates stored events and refuses events of another stream", () => {
    expect(() => foldStream(suggestionDecider, [{ id: "x", type: "UnitRegistered", data: { unitId: "U-1", name: "n", registeredAt: NOW } }])).toThrow(/does not belong/);
    expect(() => foldStream(suggestionDecider, [{ id: "x", type: "SuggestionSubmitted", data: { suggestionId: "S-1" } }])).toThrow(/invalid SuggestionSubmitted/);
    expect(foldStream(suggestionDecider, [{ id: "x", type: "SuggestionSubmitted", data: { suggestionId: "S-1" } }], { validate: false }).status).toBe("submitted");
  });
});

describe("decideVoid", () => {
  it("the office voids the latest reply", () => spec.given(history).whenVoiding(voidCommand("e5"), STREAM).then([voiding("e5", "SuggestionReplied")].map(({ type, data }) => ({ type, data }))));

  it("a step can be voided although later events exist", () =>
    spec.given(history).whenVoiding(voidCommand("e4"), STREAM).then([{ type: "EventVoided", data: { ...voiding("e4", "HandlingStepRecorded").data } }]));

  it("a publication can be voided after the suggestion closed", () => {
    const events = withIds([submitted(), preReviewed(), assigned(), replied(), published(), evaluated("satisfied")]);
    spec.given(events).whenVoiding(voidCommand("e5"), STREAM).then([{ type: "EventVoided", data: { ...voiding("e5", "ReplyPublished").data } }]);
  });

  it("refuses voiding a reply that a later evaluation depends on (409)", () => {
    const events = withIds([submitted(), preReviewed(), assigned(), replied(), evaluated("satisfied")]);
    spec.given(events).whenVoiding(voidCommand("e4"), STREAM).thenThrows("CONFLICT", "void that event first");
  });

  it("refuses voiding a reply whose publication still counts (409), but not once the publication is voided", () => {
    const events = withIds([submitted(), preReviewed(), assigned(), replied(), published()]);
    spec.given(events).whenVoiding(voidCommand("e4"), STREAM).thenThrows("CONFLICT");
    spec.given([...events, voiding("e5", "ReplyPublished")]).whenVoiding(voidCommand("e4"), STREAM).then([{ type: "EventVoided", data: { ...voiding("e4", "SuggestionReplied").data } }]);
  });

  it("refuses voiding an assignment that steps depend on (409)", () => spec.given(history).whenVoiding(voidCommand("e3"), STREAM).thenThrows("CONFLICT"));

  it("refuses voiding the submission while the suggestion has more events (409)", () => spec.given(history).whenVoiding(voidCommand("e1"), STREAM).thenThrows("CONFLICT"));

  it("refuses an event not in the stream (404)", () => spec.given(history).whenVoiding(voidCommand("nope"), STREAM).thenThrows("NOT_FOUND"));

  it("refuses voiding an event twice (409)", () =>
    spec.given([...history, voiding("e4", "HandlingStepRecorded")]).whenVoiding(voidCommand("e4"), STREAM).thenThrows("CONFLICT", "already voided"));

  it("refuses voiding a voiding (422)", () =>
    spec.given([...history, voiding("e4", "HandlingStepRecorded")]).whenVoiding(voidCommand("v1"), STREAM).thenThrows("DOMAIN_RULE"));

  it.each([deputy("D-1"), unit("U-LEAD"), { id: "AU-1", role: "auditor" } as const])("refuses %j: only the office voids (403)", (actor) =>
    spec.given(history).whenVoiding(voidCommand("e5", actor), STREAM).thenThrows("FORBIDDEN"));

  it("works for any stream: a contact's feedback", () => {
    const events: StoredEventLike[] = [
      {
        id: "c1",
        type: "ContactRecorded",
        data: { contactId: "C-1", deputyIds: ["D-1"], channel: "visit", occurredAt: "2024-03-01T09:30:00+08:00", constituents: 2, topic: "t", summary: "s", opinions: [{ opinionId: "OP-1", text: "x" }] },
      },
      { id: "c2", type: "ContactFeedbackGiven", data: { contactId: "C-1", opinionIds: ["OP-1"], feedbackAt: "2024-03-02T09:30:00+08:00", text: "done" } },
    ];
    expect(decideVoid(contactDecider, "contact-C-1", events, voidCommand("c2"))).toEqual([
      { type: "EventVoided", data: { streamId: "contact-C-1", eventId: "c2", voidedType: "ContactFeedbackGiven", reason: "entered by mistake", voidedAt: NOW } },
    ]);
    expect(() => decideVoid(contactDecider, "contact-C-1", events, voidCommand("c1"))).toThrow(/void that event first/);
  });
});

describe("guards and admits", () => {
  it("every decider has one guard per event type of its stream, and admits what its guards admit", () => {
    for (const decider of Object.values(deciders)) expect(Object.keys(decider.guards).sort()).toEqual([...decider.eventTypes].sort());
    const state = foldStream(suggestionDecider, history);
    expect(suggestionDecider.admits(state, step())).toBe(false); // replied: no more steps
    expect(suggestionDecider.guards.HandlingStepRecorded(state, step().data)?.code).toBe("CONFLICT");
    expect(suggestionDecider.admits(state, evaluated("satisfied"))).toBe(true);
    expect(suggestionDecider.guards.SuggestionEvaluated(state, evaluated("satisfied").data)).toBeUndefined();
  });

  it("decide throws the guard's refusal", () => {
    const state = foldStream(suggestionDecider, history);
    const refusal = suggestionDecider.guards.HandlingStepRecorded(state, step().data);
    spec
      .given(history)
      .when({
        type: "RecordHandlingStep",
        data: { suggestionId: "S-1", unitId: "U-LEAD", kind: "progress", occurredAt: "2024-05-21T10:00:00+08:00", recordedVia: "online" },
        metadata: meta(unit("U-LEAD")),
      })
      .thenThrows("CONFLICT", refusal?.message);
  });

  it("the evolve of every decider is given facts only: a stream of voidings alone folds to the initial state", () => {
    expect(foldStream(suggestionDecider, [voiding("e9", "HandlingStepRecorded")])).toEqual(suggestionDecider.initialState);
  });
});

describe("deciders record", () => {
  it("holds one decider per stream category", () => {
    expect(Object.keys(deciders).sort()).toEqual(["activity", "backfill", "contact", "deputy", "person", "programme", "project", "ranking", "station", "suggestion", "unit"]);
    for (const [name, decider] of Object.entries(deciders)) expect(decider.name).toBe(name);
  });

  it("streamOfCommand names the stream a command is decided against", () => {
    expect(streamOfCommand({ type: "RegisterUnit", data: { unitId: "U-1", name: "n" }, metadata: meta(office) })).toEqual({ category: "unit", streamId: "unit-U-1" });
    expect(
      streamOfCommand({ type: "PublishReply", data: { suggestionId: "S-9", publishedAt: NOW }, metadata: meta(office) }),
    ).toEqual({ category: "suggestion", streamId: "suggestion-S-9" });
  });
});
