import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { contactRecorded, participationConfirmed, voided } from "./events.test-support.js";
import { opinionsProjection, type ContactOpinionsDoc, type OpinionsDoc } from "./opinions-projection.js";
import { stationRecordOf } from "./opinions-view.js";
import { foldDocument } from "./projection.js";
import { stationRecordOfReceptions } from "./station-record.js";
import type { ReceptionDoc } from "./station-receptions.js";

/** A station's record from the compact `reception-` documents: the same figures as from the contacts' documents. */

const spec = ProjectionSpecification.for(opinionsProjection, foldDocument);

const log: GivenProjectionEvent[] = [
  { id: "s1", type: "StationRegistered", data: { stationId: "ST-1", name: "城关联络站", region: "城关镇", registeredAt: "2024-01-02T09:00:00+08:00" } },
  contactRecorded("c1", "C-1", { deputyIds: ["D-1", "D-2", "D-3"], unconfirmedDeputyIds: ["D-2", "D-3"] }),
  contactRecorded("c2", "C-2", { channel: "visit", constituents: 30, occurredAt: "2024-06-01T10:00:00+08:00", opinions: [{ opinionId: "C-2-o1", text: "修路" }] }),
  // The first hour of 2025 in Shanghai is still 2024 in UTC: the Shanghai year counts.
  contactRecorded("c3", "C-3", { occurredAt: "2025-01-01T00:30:00+08:00" }),
  contactRecorded("c4", "C-4", { stationId: "ST-2" }),
  contactRecorded("c5", "C-5", { channel: "online", stationId: undefined }),
  { id: "r1", type: "OpinionReferred", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", referredAt: "2024-03-06T09:00:00+08:00", dueAt: "2024-03-27T23:59:59.999+08:00" } },
  { id: "r2", type: "OpinionReferred", data: { contactId: "C-1", opinionId: "C-1-o2", unitId: "U-2", referredAt: "2024-03-06T09:00:00+08:00", dueAt: "2024-03-27T23:59:59.999+08:00" } },
  { id: "r3", type: "OpinionReferred", data: { contactId: "C-2", opinionId: "C-2-o1", unitId: "U-2", referredAt: "2024-06-02T09:00:00+08:00", dueAt: "2024-06-20T23:59:59.999+08:00" } },
  { id: "r5", type: "OpinionReferred", data: { contactId: "C-5", opinionId: "C-5-o1", unitId: "U-2", referredAt: "2024-06-02T09:00:00+08:00", dueAt: "2024-06-20T23:59:59.999+08:00" } },
  { id: "a1", type: "OpinionAnswered", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", answeredAt: "2024-03-20T09:00:00+08:00", text: "已加装", outcome: "resolved" } },
  { id: "f1", type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "C-1-o1", feedbackAt: "2024-03-22T09:00:00+08:00", satisfied: false, reopenedDueAt: "2024-04-05T23:59:59.999+08:00" } },
  { id: "a2", type: "OpinionAnswered", data: { contactId: "C-1", opinionId: "C-1-o1", unitId: "U-1", answeredAt: "2024-04-08T09:00:00+08:00", text: "已调试", outcome: "explained" } },
  // Recorded after the answer, claimed before it: counts from its own time.
  { id: "f2", type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "C-1-o1", feedbackAt: "2024-03-25T09:00:00+08:00", satisfied: true } },
  { id: "a3", type: "OpinionAnswered", data: { contactId: "C-2", opinionId: "C-2-o1", unitId: "U-2", answeredAt: "2024-06-25T09:00:00+08:00", text: "已修", outcome: "resolved" } },
  participationConfirmed("p1", "C-1", "D-2", "2024-04-02T10:00:00+08:00"),
  participationConfirmed("p2", "C-1", "D-2", "2024-03-07T10:00:00+08:00"),
];

const docsOf = (events: readonly GivenProjectionEvent[]): Record<string, OpinionsDoc> => spec.given([...events]).docs() as Record<string, OpinionsDoc>;
const contactsOf = (docs: Record<string, OpinionsDoc>): ContactOpinionsDoc[] => Object.values(docs).filter((doc): doc is ContactOpinionsDoc => doc.kind === "contact");
const receptionsOf = (docs: Record<string, OpinionsDoc>): ReceptionDoc[] => Object.values(docs).filter((doc): doc is ReceptionDoc => doc.kind === "reception");

const asOfs = [
  "2024-03-05T09:59:59.999+08:00",
  "2024-03-05T10:00:00+08:00",
  "2024-03-07T10:00:00+08:00",
  "2024-03-21T09:00:00+08:00",
  "2024-03-24T09:00:00+08:00",
  "2024-03-27T12:00:00+08:00",
  "2024-03-28T09:00:00+08:00",
  "2024-04-03T09:00:00+08:00",
  "2024-04-06T09:00:00+08:00",
  "2024-06-21T09:00:00+08:00",
  "2024-12-31T23:59:59.999+08:00",
  "2026-01-01T00:00:00+08:00",
];

const expectSameRecords = (docs: Record<string, OpinionsDoc>): void => {
  for (const stationId of ["ST-1", "ST-2", "ST-3"]) {
    for (const year of [2023, 2024, 2025]) {
      for (const asOf of asOfs) {
        expect(JSON.stringify(stationRecordOfReceptions(stationId, year, receptionsOf(docs), asOf)), `${stationId} ${year} ${asOf}`).toBe(JSON.stringify(stationRecordOf(stationId, year, contactsOf(docs), asOf)));
      }
    }
  }
};

describe("a contact's reception document", () => {
  it("keeps what the station's record counts, no text, under its station and Shanghai year", () => {
    const docs = docsOf(log);
    expect(docs["reception-C-1"]).toEqual({
      kind: "reception",
      contactId: "C-1",
      reception: {
        stationId: "ST-1",
        year: 2024,
        occurredAt: Date.parse("2024-03-05T10:00:00+08:00"),
        channel: "station",
        constituents: 12,
        opinionIds: ["C-1-o1", "C-1-o2"],
        deputyIds: ["D-1"],
        unconfirmedDeputyIds: ["D-2", "D-3"],
      },
      // The first confirmation, whatever the order recorded.
      confirmedAt: { "D-2": Date.parse("2024-03-07T10:00:00+08:00") },
      referrals: {
        "C-1-o1": {
          referredAt: Date.parse("2024-03-06T09:00:00+08:00"),
          dueAt: Date.parse("2024-03-27T23:59:59.999+08:00"),
          steps: [
            { kind: "answer", at: Date.parse("2024-03-20T09:00:00+08:00"), resolved: true },
            { kind: "feedback", at: Date.parse("2024-03-22T09:00:00+08:00"), satisfied: false, reopenedDueAt: Date.parse("2024-04-05T23:59:59.999+08:00") },
            { kind: "answer", at: Date.parse("2024-04-08T09:00:00+08:00"), resolved: false },
            { kind: "feedback", at: Date.parse("2024-03-25T09:00:00+08:00"), satisfied: true },
          ],
        },
        "C-1-o2": { referredAt: Date.parse("2024-03-06T09:00:00+08:00"), dueAt: Date.parse("2024-03-27T23:59:59.999+08:00"), steps: [] },
      },
    });
    expect(opinionsProjection.indexesOf?.(docs["reception-C-1"] as OpinionsDoc, "reception-C-1")).toEqual([{ name: "station-year", value: "ST-1 2024", sort: Date.parse("2024-03-05T10:00:00+08:00") }]);
    expect(opinionsProjection.indexesOf?.(docs["reception-C-3"] as OpinionsDoc, "reception-C-3")).toEqual([{ name: "station-year", value: "ST-1 2025", sort: Date.parse("2025-01-01T00:30:00+08:00") }]);
    // A contact at no station: the empty document, in no index, its referral not kept.
    expect(docs["reception-C-5"]).toEqual({ kind: "reception", contactId: "C-5", reception: null, confirmedAt: {}, referrals: {} });
    expect(opinionsProjection.indexesOf?.(docs["reception-C-5"] as OpinionsDoc, "reception-C-5")).toEqual([]);
  });

  it("gives every station, year and asOf the figures the contacts' documents give", () => {
    const docs = docsOf(log);
    expectSameRecords(docs);
    expect(stationRecordOfReceptions("ST-1", 2024, receptionsOf(docs), "2024-12-31T12:00:00+08:00")).toMatchObject({ receptions: 2, referred: 3, answered: 2, resolved: 1, feedbackSatisfied: 1, deputiesActive: 2 });
  });

  it("a voided recording, referral, answer, feedback or confirmation stops counting", () => {
    const withVoidings = [
      ...log,
      voided("x1", "contact-C-1", "f2", "ConstituentFeedbackRecorded"),
      voided("x2", "contact-C-1", "r2", "OpinionReferred"),
      voided("x3", "contact-C-1", "p2", "ContactParticipationConfirmed"),
      voided("x4", "contact-C-2", "c2", "ContactRecorded"),
    ];
    const docs = docsOf(withVoidings);
    expect(docs["reception-C-1"]).toMatchObject({ confirmedAt: { "D-2": Date.parse("2024-04-02T10:00:00+08:00") } });
    expect(Object.keys((docs["reception-C-1"] as ReceptionDoc).referrals)).toEqual(["C-1-o1"]);
    expect(docs["reception-C-2"]).toMatchObject({ reception: null });
    expect(opinionsProjection.indexesOf?.(docs["reception-C-2"] as OpinionsDoc, "reception-C-2")).toEqual([]);
    expectSameRecords(docs);
  });

  it("replaying the same log twice gives the same documents", () => spec.given([...log, voided("x1", "contact-C-1", "a2", "OpinionAnswered")]).thenReplayIsDeterministic());
});
