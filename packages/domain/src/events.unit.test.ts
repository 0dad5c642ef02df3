import { describe, expect, it } from "vitest";
import { isLedgerErrorOf } from "./errors.js";
import { readFileSync } from "node:fs";
import {
  dutyEventSchema,
  dutyEventTypes,
  eventSchemas,
  isDutyEventType,
  isVoiding,
  MAX_SUMMARY,
  occurredAtOf,
  parseEvent,
  parseStreamId,
  safeParseEvent,
  streamEventTypes,
  streamIdOf,
  streamIdOfEvent,
  summaryOf,
  type DutyEvent,
  type FactEvent,
} from "./events.js";
import { attentionStepKinds, coUnitOnlyStepKinds, handlingStepKindLabels, handlingStepKinds } from "./vocabulary.js";
import { assigned, evaluated, extended, published, replied, step, submitted } from "./fixtures.test-support.js";
import { isRealCalendarDate } from "./primitives.js";

const T = "2024-03-01T09:30:00+08:00";

/** One valid sample of every event type. */
const samples: DutyEvent[] = [
  { type: "DeputyRegistered", data: { deputyId: "D-1", name: "Li Ming", level: "county", term: "18th", constituency: "Qiandaohu", stationId: "ST-1", registeredAt: T } },
  { type: "DeputyCorrected", data: { deputyId: "D-1", name: "Li Min", stationId: null, reason: "typo", correctedAt: T } },
  { type: "UnitRegistered", data: { unitId: "U-1", name: "Transport Bureau", registeredAt: T } },
  { type: "UnitCorrected", data: { unitId: "U-1", name: "Transport and Roads Bureau", reason: "renamed", correctedAt: T } },
  { type: "StationRegistered", data: { stationId: "ST-1", name: "Qiandaohu station", region: "Chun'an", registeredAt: T } },
  { type: "StationCorrected", data: { stationId: "ST-1", region: "Chun'an county", reason: "region name", correctedAt: T } },
  {
    type: "ContactRecorded",
    data: {
      contactId: "C-1",
      deputyIds: ["D-1", "D-2"],
      stationId: "ST-1",
      channel: "station",
      occurredAt: T,
      constituents: 12,
      topic: "Roads",
      summary: "Residents raised the state of the bridge.",
      opinions: [{ opinionId: "OP-1", text: "Repair the bridge" }],
    },
  },
  { type: "ContactFeedbackGiven", data: { contactId: "C-1", opinionIds: ["OP-1"], feedbackAt: T, text: "The bridge was repaired." } },
  { type: "ContactParticipationConfirmed", data: { contactId: "C-1", deputyId: "D-2", confirmedAt: T } },
  submitted(),
  { type: "SuggestionRevised", data: { suggestionId: "S-1", title: "t", body: "b", revisedAt: T } },
  { type: "SuggestionPreReviewed", data: { suggestionId: "S-1", outcome: "accept", reason: "ok", reviewedAt: T } },
  assigned({ leadingOfficial: "Deputy head Wang", supervisingOfficial: "Director Zhao" }),
  step({ kind: "consultation", deputyPresent: true, note: "met on site", recordedVia: "backfill" }),
  replied(),
  published({ url: "https://example.org/replies/S-1" }),
  extended(),
  evaluated("satisfied", { comment: "thank you" }),
  evaluated("unsatisfied"),
  { type: "CoSignatureDecided", data: { suggestionId: "S-1", deputyId: "D-2", decision: "accept", decidedAt: T } },
  { type: "SupervisionRecorded", data: { suggestionId: "S-1", supervisionId: "SV-1", kind: "warning", supervisedAt: T, by: "王主任", note: "请加快办理。" } },
  { type: "ExtensionRequested", data: { suggestionId: "S-1", unitId: "U-1", requestedDueAt: "2024-07-01T23:59:59.999+08:00", reason: "协调", requestedAt: T } },
  { type: "ExtensionRequestRefused", data: { suggestionId: "S-1", reason: "理由不充分", refusedAt: T } },
  { type: "ReturnRequested", data: { suggestionId: "S-1", unitId: "U-1", reason: "不属于本单位职责", requestedAt: T } },
  { type: "ReturnRequestRefused", data: { suggestionId: "S-1", reason: "属于本单位职责", refusedAt: T } },
  {
    type: "SuggestionReassigned",
    data: { suggestionId: "S-1", leadUnitId: "U-2", coUnitIds: [], assignedAt: T, complex: false, dueAt: "2024-06-01T23:59:59.999+08:00", policy: { name: "national-default", version: 1 }, previousLeadUnitId: "U-1" },
  },
  {
    type: "BackfillGranted",
    data: { backfillId: "B-1", actorRole: "unit", actorId: "U-1", from: "2023-01-01T00:00:00+08:00", to: T, reason: "paper records of 2023", expiresAt: T, grantedAt: T },
  },
  { type: "PersonErased", data: { personId: "P-1", erasedAt: T, reason: "本人申请删除" } },
  {
    type: "RankingPublished",
    data: {
      rankingId: "R-1",
      period: "2024",
      rules: "default-2024@1",
      asOf: T,
      knownAt: T,
      treeSize: 40,
      rootHash: "a".repeat(64),
      answerDigest: "b".repeat(64),
      answer: {
        asOf: T,
        knownAt: T,
        period: "2024",
        rules: "default-2024",
        rulesVersion: 1,
        units: [
          {
            assigned: 6,
            index: 57.1,
            indicators: { attention: 0.3, completion: 1, consultation: null, digital: 0.5, publication: 1, resolution: 0, satisfaction: null },
            insufficientData: false,
            rank: 1,
            unitId: "U-1",
          },
        ],
      },
    },
  },
  { type: "LivelihoodProgrammeOpened", data: { programmeId: "LP-1", title: "2024 年民生实事", year: 2024, session: "2024", slots: 10, electorateSize: 180, collectUntil: T, openedAt: T } },
  {
    type: "LivelihoodCandidateProposed",
    data: { programmeId: "LP-1", candidateId: "LC-1", title: "Rural roads", description: "Paving 40 km.", proposedBy: { kind: "deputy", id: "D-1" }, estimatedBudgetYuan: 25_000_000, responsibleUnitId: "U-1", proposedAt: T },
  },
  { type: "LivelihoodShortlistDecided", data: { programmeId: "LP-1", candidateIds: ["LC-1", "LC-2"], decidedAt: T, reason: "screened" } },
  { type: "LivelihoodAttendanceRecorded", data: { programmeId: "LP-1", deputyIds: ["D-1", "D-2"], attendedAt: T } },
  { type: "LivelihoodBallotBoxCounted", data: { programmeId: "LP-1", boxId: "B-1", countedAt: T, ballots: [{ choices: { "LC-1": "yes", "LC-2": "abstain" } }], invalid: 1 } },
  {
    type: "LivelihoodVoteClosed",
    data: { programmeId: "LP-1", closedAt: T, result: { adopted: [], tally: { "LC-1": { yes: 1, no: 0, abstain: 0 } }, ballots: 2, invalid: 1, attendance: 2, tieAtBoundary: [] } },
  },
  { type: "LivelihoodEvaluationRoundOpened", data: { programmeId: "LP-1", roundId: "R-1", opensAt: T, closesAt: "2024-12-31T00:00:00+08:00" } },
  { type: "LivelihoodMilestonePlanned", data: { projectId: "LC-1", programmeId: "LP-1", milestoneId: "M-1", title: "开工", dueAt: T, plannedAt: T } },
  { type: "LivelihoodProgressReported", data: { projectId: "LC-1", programmeId: "LP-1", percent: 42.5, spentYuan: 1_000_000, note: "on track", reportedAt: T } },
  { type: "LivelihoodProjectInspected", data: { projectId: "LC-1", programmeId: "LP-1", inspectionId: "I-1", deputyIds: ["D-1"], inspectedAt: T, findings: "works started" } },
  { type: "LivelihoodProjectEvaluated", data: { projectId: "LC-1", programmeId: "LP-1", roundId: "R-1", deputyId: "D-1", rating: "satisfied", evaluatedAt: T } },
  { type: "OpinionReferred", data: { contactId: "C-1", opinionId: "OP-1", unitId: "U-1", referredAt: T, dueAt: "2024-03-22T23:59:59.999+08:00" } },
  { type: "OpinionAnswered", data: { contactId: "C-1", opinionId: "OP-1", unitId: "U-1", answeredAt: T, text: "The lamp is fixed.", outcome: "resolved" } },
  { type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "OP-1", feedbackAt: T, satisfied: false, reopenedDueAt: "2024-03-15T23:59:59.999+08:00" } },
  { type: "ActivityRecorded", data: { activityId: "A-1", kind: "survey", deputyIds: ["D-1"], occurredAt: T, title: "调研养老服务", hours: 4 } },
  { type: "ActivityParticipationConfirmed", data: { activityId: "A-1", deputyId: "D-1", confirmedAt: T } },
  { type: "EventVoided", data: { streamId: "suggestion-S-1", eventId: "e-1", voidedType: "SuggestionReplied", reason: "wrong suggestion", voidedAt: T } },
];

describe("event schemas", () => {
  it("cover every event type with a sample here", () => {
    expect(new Set(samples.map((s) => s.type))).toEqual(new Set(dutyEventTypes));
    expect(dutyEventTypes).toHaveLength(45);
  });

  it.each(samples.map((s) => [s.type, s] as const))("accept a valid %s and give it back unchanged", (_type, sample) => {
    expect(parseEvent(sample.type, sample.data)).toEqual(sample);
    expect(dutyEventSchema.parse(sample)).toEqual(sample);
  });

  it("are past-tense PascalCase names", () => {
    for (const type of dutyEventTypes) expect(type).toMatch(/^([A-Z][a-z]+)+(ed|Given|Published)$/);
  });

  it("carry the entity id and a time field in every event", () => {
    for (const sample of samples) {
      const keys = Object.keys(sample.data);
      expect(keys.some((k) => ["deputyId", "unitId", "stationId", "contactId", "suggestionId", "backfillId", "rankingId", "personId", "programmeId", "projectId", "activityId", "streamId"].includes(k)), sample.type).toBe(true);
      expect(keys.some((k) => k.endsWith("At")), sample.type).toBe(true);
    }
  });

  it("refuse an unknown event type with a VALIDATION error", () => {
    expect(isDutyEventType("SuggestionDeleted")).toBe(false);
    expect(isDutyEventType("toString")).toBe(false);
    const result = safeParseEvent("SuggestionDeleted", {});
    expect(result.success).toBe(false);
    expect(() => parseEvent("SuggestionDeleted", {})).toThrow(/unknown event type/);
  });

  it("refuse unknown fields and report field paths", () => {
    const result = safeParseEvent("UnitRegistered", { unitId: "U-1", name: "x", registeredAt: T, colour: "red" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(isLedgerErrorOf(result.error, "VALIDATION")).toBe(true);
      expect(result.error.errors?.length).toBeGreaterThan(0);
    }
    const missing = safeParseEvent("UnitRegistered", { unitId: "U-1", registeredAt: T });
    expect(!missing.success && missing.error.errors?.[0]?.path).toBe("data.name");
  });

  describe("times", () => {
    const unit = (registeredAt: string) => safeParseEvent("UnitRegistered", { unitId: "U-1", name: "n", registeredAt }).success;

    it("accept ISO 8601 with an offset or Z", () => {
      expect(unit("2024-03-01T09:30:00+08:00")).toBe(true);
      expect(unit("2024-03-01T01:30:00Z")).toBe(true);
      expect(unit("2024-03-01T01:30:00.123Z")).toBe(true);
      expect(unit("2024-02-29T09:30:00+08:00")).toBe(true);
    });

    it.each(["2024-02-30T09:30:00+08:00", "2023-02-29T09:30:00+08:00", "2024-04-31T09:30:00+08:00", "2024-13-01T09:30:00+08:00", "2024-03-01T09:30:00", "2024-03-01", "yesterday", ""])(
      "refuse %j",
      (value) => expect(unit(value)).toBe(false),
    );

    it("isRealCalendarDate round-trips the date", () => {
      expect(isRealCalendarDate("2024-02-29T00:00:00Z")).toBe(true);
      expect(isRealCalendarDate("2023-02-29T00:00:00Z")).toBe(false);
      expect(isRealCalendarDate("2024-02-30T00:00:00Z")).toBe(false);
      expect(isRealCalendarDate("2024-00-10T00:00:00Z")).toBe(false);
      expect(isRealCalendarDate("nope")).toBe(false);
    });
  });

  describe("strings and ids", () => {
    const unit = (unitId: string, name: string) => safeParseEvent("UnitRegistered", { unitId, name, registeredAt: T });

    it("trim texts and refuse blank ones", () => {
      const result = unit("U-1", "  Transport Bureau  ");
      expect(result.success && result.event.data).toMatchObject({ name: "Transport Bureau" });
      expect(unit("U-1", "   ").success).toBe(false);
      expect(unit("U-1", "").success).toBe(false);
    });

    it("bound lengths", () => {
      expect(unit("U-1", "x".repeat(200)).success).toBe(true);
      expect(unit("U-1", "x".repeat(201)).success).toBe(false);
      const body = (length: number) => safeParseEvent("SuggestionRevised", { suggestionId: "S-1", title: "t", body: "b".repeat(length), revisedAt: T }).success;
      expect(body(20_000)).toBe(true);
      expect(body(20_001)).toBe(false);
    });

    it("allow ids of 1-64 characters of [A-Za-z0-9._:-] only", () => {
      expect(unit("a", "n").success).toBe(true);
      expect(unit("U.1_x:y-Z", "n").success).toBe(true);
      expect(unit("u".repeat(64), "n").success).toBe(true);
      for (const bad of ["", "u".repeat(65), "U 1", "U/1", "单位", " U-1"]) expect(unit(bad, "n").success, bad).toBe(false);
    });
  });

  it("refuse duplicates in id lists and opinions", () => {
    expect(safeParseEvent("SuggestionSubmitted", { ...submitted().data, coSignerIds: ["D-2", "D-2"] }).success).toBe(false);
    const contact = samples.find((s) => s.type === "ContactRecorded");
    const data = { ...(contact?.data as object), opinions: [{ opinionId: "OP-1", text: "a" }, { opinionId: "OP-1", text: "b" }] };
    expect(safeParseEvent("ContactRecorded", data).success).toBe(false);
  });

  it("refuse a negative or fractional number of constituents", () => {
    const contact = samples.find((s) => s.type === "ContactRecorded");
    expect(safeParseEvent("ContactRecorded", { ...(contact?.data as object), constituents: -1 }).success).toBe(false);
    expect(safeParseEvent("ContactRecorded", { ...(contact?.data as object), constituents: 1.5 }).success).toBe(false);
    expect(safeParseEvent("ContactRecorded", { ...(contact?.data as object), constituents: 0 }).success).toBe(true);
  });

  it("require rehandleDueAt and policy exactly when an evaluation is unsatisfied", () => {
    const { rehandleDueAt: _due, ...withoutDue } = evaluated("unsatisfied").data;
    expect(safeParseEvent("SuggestionEvaluated", withoutDue).success).toBe(false);
    expect(safeParseEvent("SuggestionEvaluated", { ...evaluated("satisfied").data, rehandleDueAt: T, policy: { name: "national-default", version: 1 } }).success).toBe(false);
  });

  it("accept only http(s) urls for a publication", () => {
    expect(safeParseEvent("ReplyPublished", { ...published().data, url: "ftp://example.org/x" }).success).toBe(false);
    expect(safeParseEvent("ReplyPublished", { ...published().data, url: "not a url" }).success).toBe(false);
  });

  it("exposes a schema for each type", () => {
    expect(Object.keys(eventSchemas).sort()).toEqual([...dutyEventTypes].sort());
  });
});

describe("streams", () => {
  it("are named <category>-<id>", () => {
    expect(streamIdOf.deputy("D-1")).toBe("deputy-D-1");
    expect(streamIdOf.unit("U-1")).toBe("unit-U-1");
    expect(streamIdOf.station("ST-1")).toBe("station-ST-1");
    expect(streamIdOf.contact("C-1")).toBe("contact-C-1");
    expect(streamIdOf.suggestion("S-1")).toBe("suggestion-S-1");
  });

  it("parse back to category and id", () => {
    expect(parseStreamId("suggestion-S-1")).toEqual({ category: "suggestion", id: "S-1" });
    expect(parseStreamId("deputy-D-1-x")).toEqual({ category: "deputy", id: "D-1-x" });
    expect(parseStreamId("deputy-")).toBeNull();
    expect(parseStreamId("elsewhere-1")).toBeNull();
  });

  it("of each event follows from its data", () => {
    const streams = samples.map(streamIdOfEvent);
    expect(streams).toEqual([
      "deputy-D-1",
      "deputy-D-1",
      "unit-U-1",
      "unit-U-1",
      "station-ST-1",
      "station-ST-1",
      "contact-C-1",
      "contact-C-1",
      "contact-C-1",
      ...Array.from({ length: 16 }, () => "suggestion-S-1"),
      "suggestion-S-1",
      "backfill-B-1",
      "person-P-1",
      "ranking-R-1",
      ...Array.from({ length: 7 }, () => "programme-LP-1"),
      ...Array.from({ length: 4 }, () => "project-LC-1"),
      ...Array.from({ length: 3 }, () => "contact-C-1"),
      ...Array.from({ length: 2 }, () => "activity-A-1"),
      "suggestion-S-1",
    ]);
  });
});

describe("what every event tells", () => {
  it("the time the fact occurred, from the event's own time field", () => {
    expect(samples.map(occurredAtOf).every((at) => at === T || samples.some((s) => Object.values(s.data).includes(at)))).toBe(true);
    expect(occurredAtOf(step({ occurredAt: "2024-05-02T08:00:00+08:00" }))).toBe("2024-05-02T08:00:00+08:00");
    expect(occurredAtOf(replied())).toBe(replied().data.repliedAt);
    expect(occurredAtOf(samples[samples.length - 1]!)).toBe(T);
  });

  it("a bilingual timeline line with the labels of the vocabularies", () => {
    expect(summaryOf(samples[0]!)).toBe("登记为县级人大代表（18th） / Registered as a county deputy");
    expect(summaryOf(step({ kind: "head-led", unitId: "U-LEAD" }))).toBe("U-LEAD：一把手领办 / Handling step: head-led");
    expect(summaryOf(evaluated("basically-satisfied"))).toBe("评价答复：基本满意 / Reply evaluated: basically-satisfied");
    expect(summaryOf(samples[samples.length - 1]!)).toBe("作废记录（SuggestionReplied）：wrong suggestion / Record voided");
  });

  it("clips a long line to MAX_SUMMARY characters", () => {
    const line = summaryOf(submitted({ title: "长".repeat(199) }));
    expect(line).toHaveLength(MAX_SUMMARY);
    expect(line.endsWith("…")).toBe(true);
  });

  it("isVoiding tells the voiding from the facts", () => {
    expect(samples.filter(isVoiding).map((s) => s.type)).toEqual(["EventVoided"]);
    const facts: FactEvent[] = samples.filter((s): s is FactEvent => !isVoiding(s));
    expect(facts).toHaveLength(samples.length - 1);
  });

  it("each stream category holds its facts; together with the voiding they are every event type", () => {
    expect(streamEventTypes.contact).toEqual(["ContactRecorded", "ContactFeedbackGiven", "ContactParticipationConfirmed", "OpinionReferred", "OpinionAnswered", "ConstituentFeedbackRecorded"]);
    expect(streamEventTypes.activity).toEqual(["ActivityRecorded", "ActivityParticipationConfirmed"]);
    expect(streamEventTypes.backfill).toEqual(["BackfillGranted"]);
    expect(streamEventTypes.ranking).toEqual(["RankingPublished"]);
    expect(streamEventTypes.person).toEqual(["PersonErased"]);
    const all = Object.values(streamEventTypes).flat();
    expect(new Set([...all, "EventVoided"])).toEqual(new Set(dutyEventTypes));
    expect(all).toHaveLength(dutyEventTypes.length - 1);
  });
});

describe("handling-step kinds", () => {
  it("one table: the kinds in order, those counting for attention, the co-unit's own", () => {
    expect(handlingStepKinds).toEqual(["plan", "head-led", "leadership-meeting", "consultation", "site-visit", "progress", "co-unit-opinion"]);
    expect(attentionStepKinds).toEqual(["plan", "head-led", "leadership-meeting"]);
    expect(coUnitOnlyStepKinds).toEqual(["co-unit-opinion"]);
    expect(Object.keys(handlingStepKindLabels)).toEqual(handlingStepKinds);
  });

  it("the vocabulary module imports nothing (the web client bundles it)", () => {
    const source = readFileSync(new URL("./vocabulary.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
