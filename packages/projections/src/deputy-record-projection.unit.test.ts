import { foldDocument } from "./projection.js";
import { ProjectionSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { buildDeputyRecord } from "./deputy-record.js";
import {
  deputyRecordProjection,
  type ContactDoc,
  type DeputyRecordDoc,
  type DeputyRegistryDoc,
  type SuggestionPartsDoc,
} from "./deputy-record-projection.js";
import {
  assigned,
  coSignatureDecided,
  contactRecorded,
  deputyCorrected,
  deputyRegistered,
  evaluated,
  feedbackGiven,
  preReviewed,
  replied,
  participationConfirmed,
  step,
  submitted,
  underBackfill,
  unitRegistered,
  voided,
  type SpecEvents,
} from "./events.test-support.js";
import { generateSampleLog } from "@duty-ledger/testing";

const spec = ProjectionSpecification.for(deputyRecordProjection, foldDocument);

/** The record, read from folded documents the way the reader queries the store (by index). */
const recordOf = (events: SpecEvents, deputyId: string, year: number) => {
  const docs = spec.given(events).docs() as Record<string, DeputyRecordDoc>;
  const indexed = (name: string, value: string): DeputyRecordDoc[] =>
    Object.entries(docs)
      .filter(([key, doc]) => (deputyRecordProjection.indexesOf?.(doc, key) ?? []).some((e) => e.name === name && e.value === value))
      .map(([, doc]) => doc);
  const concerning = indexed("deputy", deputyId);
  return buildDeputyRecord(deputyId, year, {
    registry: concerning.find((doc): doc is DeputyRegistryDoc => doc.kind === "deputy"),
    contacts: concerning.filter((doc): doc is ContactDoc => doc.kind === "contact"),
    suggestions: concerning.filter((doc): doc is SuggestionPartsDoc => doc.kind === "suggestion"),
  });
};

describe("deputy record documents", () => {
  it("registry: registration and corrections, with event ids; a voided correction is removed", () => {
    const events = [deputyRegistered("e1", "D-1", { stationId: "ST-1" }), deputyCorrected("e2", "D-1", { constituency: "第二选区", stationId: null })];
    spec.given(events).thenDoc("deputy-D-1", {
      kind: "deputy",
      deputyId: "D-1",
      registrations: [
        { eventId: "e1", position: 1, name: "王代表", level: "county", term: "2023-2028", constituency: "第一选区", stationId: "ST-1", registeredAt: "2023-12-01T09:00:00+08:00" },
      ],
      corrections: [{ eventId: "e2", position: 2, changes: { constituency: "第二选区", stationId: null }, correctedAt: "2024-02-01T09:00:00+08:00" }],
    });
    spec.given([...events, voided("e3", "deputy-D-1", "e2", "DeputyCorrected")]).thenDocMatches("deputy-D-1", { corrections: [] });
  });

  it("contact: the record with its Shanghai year and the feedback; indexed per deputy", () => {
    const then = spec.given([
      contactRecorded("e1", "C-1", { deputyIds: ["D-1", "D-2"], occurredAt: "2024-12-31T17:00:00Z" }),
      feedbackGiven("e2", "C-1", ["C-1-o1"]),
    ]);
    then.thenDoc("contact-C-1", {
      kind: "contact",
      contactId: "C-1",
      records: [
        {
          eventId: "e1",
          deputyIds: ["D-1", "D-2"],
          unconfirmedDeputyIds: [],
          channel: "station",
          occurredAt: "2024-12-31T17:00:00Z",
          year: 2025,
          constituents: 12,
          opinionIds: ["C-1-o1", "C-1-o2"],
        },
      ],
      feedback: [{ eventId: "e2", opinionIds: ["C-1-o1"], feedbackAt: "2024-04-01T10:00:00+08:00" }],
      confirmations: [],
    });
    then.thenIndexes("contact-C-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
  });

  it("contact voidings: feedback removed; a voided record leaves no index entry", () => {
    spec.given([contactRecorded("e1", "C-1"), feedbackGiven("e2", "C-1", ["C-1-o1"]), voided("e3", "contact-C-1", "e2", "ContactFeedbackGiven")]).thenDocMatches("contact-C-1", {
      feedback: [],
    });
    const then = spec.given([contactRecorded("e1", "C-1"), voided("e2", "contact-C-1", "e1", "ContactRecorded")]);
    then.thenDocMatches("contact-C-1", { records: [] });
    then.thenIndexes("contact-C-1", []);
  });

  it("suggestion: submission, replies, evaluations, consultations with the deputy present only", () => {
    const events = [
      submitted("e1", "S-1", { sourceOpinionIds: ["C-1-o1"] }),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
      step("e5", "S-1", { kind: "consultation", deputyPresent: false }),
      step("e6", "S-1", { kind: "plan" }),
      replied("e7", "S-1", { category: "B" }),
      evaluated("e8", "S-1", "satisfied"),
    ];
    const then = spec.given(events);
    then.thenDoc("suggestion-S-1", {
      kind: "suggestion",
      suggestionId: "S-1",
      submissions: [
        { eventId: "e1", leadDeputyId: "D-1", coSignerIds: ["D-2"], phase: "session", submittedAt: "2024-01-15T10:00:00+08:00", year: 2024, sourceOpinionIds: ["C-1-o1"] },
      ],
      coSignatures: [],
      replies: [{ eventId: "e7", category: "B", repliedAt: "2024-04-01T10:00:00+08:00" }],
      evaluations: [{ eventId: "e8", deputyId: "D-1", rating: "satisfied", evaluatedAt: "2024-04-10T10:00:00+08:00", year: 2024 }],
      consultations: [{ eventId: "e4", unitId: "U-1", occurredAt: "2024-02-10T10:00:00+08:00", year: 2024 }],
    });
    then.thenIndexes("suggestion-S-1", [
      { name: "deputy", value: "D-1" },
      { name: "deputy", value: "D-2" },
    ]);
    const recorded = then.events();
    expect(deputyRecordProjection.keysOf(recorded[4]!)).toEqual([]); // consultation without the deputy
    expect(deputyRecordProjection.keysOf(recorded[5]!)).toEqual([]); // another kind of step
    expect(deputyRecordProjection.handles).not.toContain("SuggestionPreReviewed"); // pre-review is not read
  });

  it("suggestion voidings remove the reply, evaluation and consultation", () => {
    const S = "suggestion-S-1";
    spec
      .given([
        submitted("e1", "S-1"),
        preReviewed("e2", "S-1", "accept"),
        assigned("e3", "S-1"),
        step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
        replied("e5", "S-1"),
        evaluated("e6", "S-1", "satisfied"),
        voided("v1", S, "e6", "SuggestionEvaluated"),
        voided("v2", S, "e5", "SuggestionReplied"),
        voided("v3", S, "e4", "HandlingStepRecorded"),
      ])
      .thenDocMatches("suggestion-S-1", { replies: [], evaluations: [], consultations: [] });
  });

  it("ignores unit and station streams", () => {
    const recorded = spec.given([unitRegistered("e1", "U-1")]).events();
    expect(deputyRecordProjection.handles).not.toContain("UnitRegistered");
    expect(deputyRecordProjection.keysOf(recorded[0]!)).toEqual([]);
  });

  it("replaying the same log twice gives the same documents", () => {
    const events = generateSampleLog({ seed: 9, deputies: 20, units: 5, stations: 3, contacts: 120, suggestions: 60, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    spec.given(events as never).thenReplayIsDeterministic();
  });
});

describe("deputy duty record (summed at query time)", () => {
  const year = [
    deputyRegistered("r1", "D-1", { registeredAt: "2024-03-01T09:00:00+08:00" }),
    contactRecorded("c1", "C-1", { deputyIds: ["D-1", "D-2"], channel: "station", constituents: 12 }),
    contactRecorded("c2", "C-2", {
      deputyIds: ["D-1"],
      channel: "visit",
      stationId: undefined,
      constituents: 5,
      opinions: [{ opinionId: "C-2-o1", text: "路灯" }],
      occurredAt: "2024-06-01T10:00:00+08:00",
    }),
    contactRecorded("c3", "C-3", { deputyIds: ["D-1"], channel: "online", occurredAt: "2023-06-01T10:00:00+08:00" }), // another year
    feedbackGiven("f1", "C-1", ["C-1-o1"]),
    feedbackGiven("f2", "C-2", ["C-2-o1"]),
    // S-1 led by D-1, cites C-1-o1 and C-2-o1, replied (B then A), evaluated by D-1, a consultation with D-1 present.
    submitted("s1", "S-1", { sourceOpinionIds: ["C-1-o1", "C-2-o1"], phase: "session" }),
    preReviewed("s2", "S-1", "accept"),
    assigned("s3", "S-1"),
    step("s4", "S-1", { kind: "consultation", deputyPresent: true }),
    replied("s5", "S-1", { category: "B" }),
    evaluated("s6", "S-1", "unsatisfied"),
    replied("s7", "S-1", { category: "A", round: 2 }),
    // S-2 co-signed by D-1 (led by D-3, D-1 accepted), recess, cites C-1-o2, not replied.
    submitted("t1", "S-2", { leadDeputyId: "D-3", coSignerIds: ["D-1"], phase: "recess", sourceOpinionIds: ["C-1-o2"] }),
    coSignatureDecided("t2", "S-2", "D-1", "accept"),
    // S-3 led by D-1, submitted in 2025: not in 2024's counts.
    submitted("u1", "S-3", { submittedAt: "2025-01-02T10:00:00+08:00" }),
  ] as SpecEvents;

  it("sums contacts, suggestions, consultations and the loop for the year", () => {
    expect(recordOf(year, "D-1", 2024)).toEqual({
      deputyId: "D-1",
      year: 2024,
      deputy: {
        deputyId: "D-1",
        name: "王代表",
        level: "county",
        term: "2023-2028",
        constituency: "第一选区",
        stationId: null,
        registeredAt: "2024-03-01T09:00:00+08:00",
        registrationEventId: "r1",
        correctionEventIds: [],
      },
      served: { from: "2024-03-01", to: "2024-12-31", days: 306 },
      contacts: { total: 2, byChannel: { station: 1, visit: 1, online: 0, hotline: 0, survey: 0 }, constituents: 17, opinions: 3, opinionsAnsweredBack: 2 },
      suggestions: { led: 1, coSigned: 1, byPhase: { session: 1, recess: 1 }, byCategory: { A: 1, B: 0, C: 0, D: 0 }, evaluated: 1 },
      consultations: 1,
      livelihood: { votesAttended: 0, inspections: 0, evaluations: 0, candidatesProposed: 0, programmeIds: [], projectIds: [] },
      activities: { total: 0, byKind: { inspection: 0, survey: 0, training: 0, attendance: 0, hearing: 0, report: 0, other: 0 }, hours: 0, activityIds: [], pendingConfirmationIds: [] },
      // opinions C-1-o1, C-1-o2, C-2-o1; all three cited; C-1-o1 and C-2-o1 by replied S-1; both answered back.
      loop: { opinions: 3, suggested: 3, replied: 2, answeredBack: 2 },
      sources: { contactIds: ["C-1", "C-2"], suggestionIds: ["S-1", "S-2"] },
      pendingConfirmation: { contacts: 0, contactIds: [], coSignatures: 0, suggestionIds: [] },
      backfilled: { contactIds: [], suggestionIds: [] },
    });
  });

  it("a voided event stops counting in the record", () => {
    const record = recordOf(
      [
        ...year,
        voided("v1", "suggestion-S-1", "s7", "SuggestionReplied"),
        voided("v2", "contact-C-2", "f2", "ContactFeedbackGiven"),
        voided("v3", "contact-C-1", "f1", "ContactFeedbackGiven"),
      ] as SpecEvents,
      "D-1",
      2024,
    );
    expect(record?.suggestions.byCategory).toEqual({ A: 0, B: 1, C: 0, D: 0 }); // the latest counting reply is B
    expect(record?.contacts.opinionsAnsweredBack).toBe(0);
    expect(record?.loop).toEqual({ opinions: 3, suggested: 3, replied: 2, answeredBack: 0 });
  });

  it("a voided contact drops out of the year", () => {
    const record = recordOf([...year, voided("v1", "contact-C-2", "f2", "ContactFeedbackGiven"), voided("v2", "contact-C-2", "c2", "ContactRecorded")] as SpecEvents, "D-1", 2024);
    expect(record?.contacts).toMatchObject({ total: 1, constituents: 12, opinions: 2 });
    expect(record?.sources.contactIds).toEqual(["C-1"]);
  });

  it("the co-signer sees their share; a year before registration has no served period", () => {
    expect(recordOf(year, "D-1", 2023)?.served).toBeNull();
    expect(recordOf([...year, deputyRegistered("r2", "D-3")] as SpecEvents, "D-3", 2024)?.suggestions).toMatchObject({ led: 1, coSigned: 0 });
  });

  it("no record for a deputy who is not registered (or whose registration was voided)", () => {
    expect(recordOf(year, "D-2", 2024)).toBeNull();
    expect(recordOf([...year, voided("v1", "deputy-D-1", "r1", "DeputyRegistered")] as SpecEvents, "D-1", 2024)).toBeNull();
  });

  it("a correction changes the profile", () => {
    expect(recordOf([...year, deputyCorrected("k1", "D-1", { name: "王某某" })] as SpecEvents, "D-1", 2024)?.deputy).toMatchObject({ name: "王某某", correctionEventIds: ["k1"] });
  });
});

describe("participation that counts is confirmed (trust.md)", () => {
  const base = [
    deputyRegistered("r1", "D-1", { registeredAt: "2024-01-01T09:00:00+08:00" }),
    deputyRegistered("r2", "D-2", { registeredAt: "2024-01-01T09:00:00+08:00" }),
    // D-1 recorded C-1 naming D-2 (1,000,000 constituents): D-2's part awaits confirmation.
    contactRecorded("c1", "C-1", { deputyIds: ["D-1", "D-2"], constituents: 1_000_000, unconfirmedDeputyIds: ["D-2"] }),
    // S-1, led by D-1, lists D-2 as co-signer: not counted until D-2 accepts.
    submitted("s1", "S-1", { leadDeputyId: "D-1", coSignerIds: ["D-2"] }),
  ] as SpecEvents;

  it("an unconfirmed contact and an undecided co-signature are pending, not counted", () => {
    const record = recordOf(base, "D-2", 2024);
    expect(record?.contacts).toMatchObject({ total: 0, constituents: 0, opinions: 0 });
    expect(record?.suggestions).toMatchObject({ coSigned: 0 });
    expect(record?.pendingConfirmation).toEqual({ contacts: 1, contactIds: ["C-1"], coSignatures: 1, suggestionIds: ["S-1"] });
    expect(record?.sources).toEqual({ contactIds: [], suggestionIds: [] });
    // The recorder's own part counts at once.
    expect(recordOf(base, "D-1", 2024)?.contacts).toMatchObject({ total: 1, constituents: 1_000_000 });
  });

  it("confirmed and accepted, they count", () => {
    const record = recordOf([...base, participationConfirmed("k1", "C-1", "D-2"), coSignatureDecided("k2", "S-1", "D-2", "accept")] as SpecEvents, "D-2", 2024);
    expect(record?.contacts).toMatchObject({ total: 1, constituents: 1_000_000 });
    expect(record?.suggestions).toMatchObject({ coSigned: 1 });
    expect(record?.pendingConfirmation).toEqual({ contacts: 0, contactIds: [], coSignatures: 0, suggestionIds: [] });
  });

  it("a declined co-signature counts nowhere", () => {
    const record = recordOf([...base, coSignatureDecided("k2", "S-1", "D-2", "decline")] as SpecEvents, "D-2", 2024);
    expect(record?.suggestions.coSigned).toBe(0);
    expect(record?.pendingConfirmation.suggestionIds).toEqual([]);
  });

  it("a voided confirmation or acceptance stops counting: pending again", () => {
    const record = recordOf(
      [
        ...base,
        participationConfirmed("k1", "C-1", "D-2"),
        coSignatureDecided("k2", "S-1", "D-2", "accept"),
        voided("v1", "contact-C-1", "k1", "ContactParticipationConfirmed"),
        voided("v2", "suggestion-S-1", "k2", "CoSignatureDecided"),
      ] as SpecEvents,
      "D-2",
      2024,
    );
    expect(record?.contacts.total).toBe(0);
    expect(record?.pendingConfirmation).toEqual({ contacts: 1, contactIds: ["C-1"], coSignatures: 1, suggestionIds: ["S-1"] });
  });

  it("a contact recorded without pending deputies (by a clerk or the office) counts for all at once", () => {
    const record = recordOf([base[0]!, base[1]!, contactRecorded("c1", "C-1", { deputyIds: ["D-1", "D-2"] })] as SpecEvents, "D-2", 2024);
    expect(record?.contacts.total).toBe(1);
  });

  it("replayed twice, the same documents (and the same record)", () => {
    const events = [...base, participationConfirmed("k1", "C-1", "D-2"), coSignatureDecided("k2", "S-1", "D-2", "accept")] as SpecEvents;
    spec.given(events).thenReplayIsDeterministic();
    expect(recordOf(events, "D-2", 2024)).toEqual(recordOf(events, "D-2", 2024));
  });
});

describe("backfilled facts in the record (trust.md)", () => {
  const events = [
    deputyRegistered("r1", "D-1", { registeredAt: "2023-01-01T09:00:00+08:00" }),
    underBackfill(contactRecorded("c1", "C-1", { deputyIds: ["D-1"] })),
    contactRecorded("c2", "C-2", { deputyIds: ["D-1"] }),
    submitted("s1", "S-1"),
    underBackfill(coSignatureDecided("s2", "S-1", "D-2")),
  ] as SpecEvents;

  it("the parts built from events written under a backfill say so", () => {
    const then = spec.given(events);
    then.thenDocMatches("contact-C-1", { records: [expect.objectContaining({ eventId: "c1", backfilled: true })] });
    then.thenDocMatches("contact-C-2", { records: [expect.not.objectContaining({ backfilled: true })] });
    then.thenDocMatches("suggestion-S-1", { coSignatures: [expect.objectContaining({ eventId: "s2", backfilled: true })] });
  });

  it("the record names its backfilled sources", () => {
    expect(recordOf(events, "D-1", 2024)?.backfilled).toEqual({ contactIds: ["C-1"], suggestionIds: [] });
    expect(recordOf([...events, deputyRegistered("r2", "D-2")] as SpecEvents, "D-2", 2024)?.backfilled).toEqual({ contactIds: [], suggestionIds: ["S-1"] });
  });

  it("replayed twice, the same documents", () => spec.given(events).thenReplayIsDeterministic());
});
