import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { contactRecorded, voided } from "./events.test-support.js";
import { opinionsProjection, type ContactOpinionsDoc } from "./opinions-projection.js";
import { opinionItemsOf, stationRecordOf } from "./opinions-view.js";
import { foldDocument } from "./projection.js";

/** 听民意: the contact's opinions, their referrals, answers and feedback; statuses as of asOf; a station's year. */

const spec = ProjectionSpecification.for(opinionsProjection, foldDocument);

const log: GivenProjectionEvent[] = [
  { id: "s1", type: "StationRegistered", data: { stationId: "ST-1", name: "城关联络站", region: "城关镇", registeredAt: "2024-01-02T09:00:00+08:00" } },
  // 5 March 2024, ST-1: C-1-o1 and C-1-o2; D-2's part awaits confirmation.
  contactRecorded("c1", "C-1", { deputyIds: ["D-1", "D-2"], unconfirmedDeputyIds: ["D-2"] }),
  contactRecorded("c2", "C-2", { channel: "visit", constituents: 30, occurredAt: "2024-06-01T10:00:00+08:00", opinions: [{ opinionId: "C-2-o1", text: "修路" }] }),
  // Another year, and another station: not in the station's 2024.
  contactRecorded("c3", "C-3", { occurredAt: "2025-01-05T10:00:00+08:00" }),
  contactRecorded("c4", "C-4", { stationId: "ST-2" }),
  { id: "r1", type: "OpinionReferred", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", referredAt: "2024-03-06T09:00:00+08:00", dueAt: "2024-03-27T23:59:59.999+08:00" } },
  { id: "r2", type: "OpinionReferred", data: { contactId: "C-1", opinionId: "C-1-o2", unitId: "U-2", referredAt: "2024-03-06T09:00:00+08:00", dueAt: "2024-03-27T23:59:59.999+08:00" } },
  { id: "a1", type: "OpinionAnswered", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", answeredAt: "2024-03-20T09:00:00+08:00", text: "已加装", outcome: "resolved" } },
  { id: "f1", type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "C-1-o1", feedbackAt: "2024-03-22T09:00:00+08:00", satisfied: false, reopenedDueAt: "2024-04-05T23:59:59.999+08:00" } },
  { id: "a2", type: "OpinionAnswered", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", answeredAt: "2024-04-01T09:00:00+08:00", text: "已调试", outcome: "resolved" } },
  { id: "f2", type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "C-1-o1", feedbackAt: "2024-04-02T09:00:00+08:00", satisfied: true } },
  { id: "p1", type: "ContactParticipationConfirmed", data: { contactId: "C-1", deputyId: "D-2", confirmedAt: "2024-03-07T09:00:00+08:00" } },
];

const contactDoc = (events: readonly GivenProjectionEvent[], contactId: string): ContactOpinionsDoc => spec.given([...events]).docs()[`contact-${contactId}`] as ContactOpinionsDoc;
const statusesAt = (asOf: string) => opinionItemsOf(contactDoc(log, "C-1"), Date.parse(asOf)).map((item) => [item.opinionId, item.status, item.dueAt]);

describe("the opinions projection", () => {
  it("keeps the opinions' text, never the people, and indexes the contact by station, and each referral by stage, due date and scope", () => {
    const doc = contactDoc(log, "C-1");
    expect(doc.opinions).toEqual([
      { opinionId: "C-1-o1", text: "加装电梯" },
      { opinionId: "C-1-o2", text: "停车难" },
    ]);
    const o1 = `00${Date.parse("2024-04-05T23:59:59.999+08:00")} C-1 C-1-o1`;
    const o2 = `00${Date.parse("2024-03-27T23:59:59.999+08:00")} C-1 C-1-o2`;
    const changedAt = Date.parse("2024-04-02T09:00:00+08:00");
    expect(opinionsProjection.indexesOf?.(doc, "contact-C-1")).toEqual([
      { name: "station", value: "ST-1", sort: "2024-03-05T10:00:00+08:00" },
      // Each referred opinion under its latest stage and under any, by due date in force, for all, its unit and its station.
      ...["*", "u U-1", "s ST-1"].flatMap((scope) => [
        { name: "opinion-due", value: `closed ${scope}`, sort: o1 },
        { name: "opinion-due", value: `any ${scope}`, sort: o1 },
      ]),
      ...["*", "u U-2", "s ST-1"].flatMap((scope) => [
        { name: "opinion-due", value: `awaiting ${scope}`, sort: o2 },
        { name: "opinion-due", value: `any ${scope}`, sort: o2 },
      ]),
      // The contact by its referrals' latest claimed time (the satisfied feedback).
      { name: "opinion-changed", value: "*", sort: changedAt },
      { name: "opinion-changed", value: "u U-1", sort: changedAt },
      { name: "opinion-changed", value: "u U-2", sort: changedAt },
      { name: "opinion-changed", value: "s ST-1", sort: changedAt },
    ]);
    // A contact nobody referred anything of is only at its station.
    expect(opinionsProjection.indexesOf?.(contactDoc(log, "C-2"), "contact-C-2")).toEqual([{ name: "station", value: "ST-1", sort: "2024-06-01T10:00:00+08:00" }]);
  });

  it("tells each referral's status as of asOf: open, overdue, answered, re-opened, closed", () => {
    expect(statusesAt("2024-03-06T08:00:00+08:00")).toEqual([]);
    expect(statusesAt("2024-03-10T09:00:00+08:00")).toEqual([
      ["C-1-o1", "open", "2024-03-27T23:59:59.999+08:00"],
      ["C-1-o2", "open", "2024-03-27T23:59:59.999+08:00"],
    ]);
    expect(statusesAt("2024-03-21T09:00:00+08:00")[0]).toEqual(["C-1-o1", "answered", "2024-03-27T23:59:59.999+08:00"]);
    // Re-opened by the unsatisfied constituent: the new due date.
    expect(statusesAt("2024-03-25T09:00:00+08:00")[0]).toEqual(["C-1-o1", "open", "2024-04-05T23:59:59.999+08:00"]);
    expect(statusesAt("2024-03-28T09:00:00+08:00")[1]).toEqual(["C-1-o2", "overdue", "2024-03-27T23:59:59.999+08:00"]);
    expect(statusesAt("2024-04-03T09:00:00+08:00")[0]).toEqual(["C-1-o1", "closed", "2024-04-05T23:59:59.999+08:00"]);
    const [closed] = opinionItemsOf(contactDoc(log, "C-1"), Date.parse("2024-04-03T09:00:00+08:00"));
    expect(closed).toMatchObject({ answer: { answeredAt: "2024-04-01T09:00:00+08:00", outcome: "resolved", text: "已调试" }, feedback: { satisfied: true }, reopened: 1 });
  });

  it("sums a station's year as of asOf: receptions, constituents, opinions, referrals, answers, the on-time rate, deputies, channels", () => {
    const docs = Object.values(spec.given(log).docs()).filter((doc): doc is ContactOpinionsDoc => (doc as ContactOpinionsDoc).kind === "contact");
    expect(stationRecordOf("ST-1", 2024, docs, "2024-12-31T12:00:00+08:00")).toEqual({
      stationId: "ST-1",
      year: 2024,
      receptions: 2,
      constituentsReceived: 42,
      opinions: 3,
      referred: 2,
      answered: 1,
      resolved: 1,
      feedbackSatisfied: 1,
      // C-1-o1 answered within its due date; C-1-o2 past due unanswered.
      onTimeAnswerRate: 0.5,
      deputiesActive: 2,
      byChannel: { station: 1, visit: 1, online: 0, hotline: 0, survey: 0 },
      asOf: "2024-12-31T12:00:00+08:00",
    });
    expect(stationRecordOf("ST-1", 2024, docs, "2024-03-05T12:00:00+08:00")).toMatchObject({ receptions: 1, referred: 0, onTimeAnswerRate: null, deputiesActive: 1 });
  });

  it("a voided referral, answer or feedback stops counting", () => {
    const withVoidings = [...log, voided("x1", "contact-C-1", "f2", "ConstituentFeedbackRecorded"), voided("x2", "contact-C-1", "r2", "OpinionReferred")];
    const items = opinionItemsOf(contactDoc(withVoidings, "C-1"), Date.parse("2024-04-03T09:00:00+08:00"));
    expect(items.map((item) => [item.opinionId, item.status])).toEqual([["C-1-o1", "answered"]]);
    const doc = contactDoc(withVoidings, "C-1");
    const o1 = `00${Date.parse("2024-04-05T23:59:59.999+08:00")} C-1 C-1-o1`;
    expect(opinionsProjection.indexesOf?.(doc, "contact-C-1").filter((e) => e.name !== "station")).toEqual([
      ...["*", "u U-1", "s ST-1"].flatMap((scope) => [
        { name: "opinion-due", value: `answered ${scope}`, sort: o1 },
        { name: "opinion-due", value: `any ${scope}`, sort: o1 },
      ]),
      ...["*", "u U-1", "s ST-1"].map((value) => ({ name: "opinion-changed", value, sort: Date.parse("2024-04-01T09:00:00+08:00") })),
    ]);
  });

  it("a station is registered until its registration is voided; it keeps its name and region, as corrected", () => {
    expect(spec.given(log).docs()["station-ST-1"]).toEqual({ kind: "station", stationId: "ST-1", registered: true, name: "城关联络站", region: "城关镇" });
    const corrected: GivenProjectionEvent = { id: "s2", type: "StationCorrected", data: { stationId: "ST-1", name: "城关镇人大代表联络站", reason: "更名", correctedAt: "2024-02-01T09:00:00+08:00" } };
    expect(spec.given([...log, corrected]).docs()["station-ST-1"]).toEqual({ kind: "station", stationId: "ST-1", registered: true, name: "城关镇人大代表联络站", region: "城关镇" });
    expect(spec.given([...log, voided("x1", "station-ST-1", "s1", "StationRegistered")]).docs()["station-ST-1"]).toMatchObject({ registered: false });
  });

  it("replaying the same log twice gives the same documents", () => spec.given([...log, voided("x1", "contact-C-1", "a2", "OpinionAnswered")]).thenReplayIsDeterministic());
});
