import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { AnswerOpinion, CommandActor, RecordConstituentFeedback, ReferOpinion } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import type { EventOf } from "./events.js";
import { auditor, clerk, deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";
import { weekdaysOnly, workingCalendarOf } from "./working-days.js";

const spec = DeciderSpecification.for(contactDecider);

const contact: EventOf<"ContactRecorded"> = {
  type: "ContactRecorded",
  data: {
    contactId: "C-1",
    deputyIds: ["D-1", "D-2"],
    stationId: "ST-1",
    channel: "station",
    occurredAt: "2024-03-01T09:30:00+08:00",
    constituents: 12,
    topic: "Roads",
    summary: "Residents raised the state of the bridge.",
    opinions: [
      { opinionId: "OP-1", text: "Repair the bridge" },
      { opinionId: "OP-2", text: "Light the road" },
    ],
    unconfirmedDeputyIds: ["D-2"],
  },
};

const refer = (actor: CommandActor = clerk("ST-1"), data: Partial<ReferOpinion["data"]> = {}): ReferOpinion => ({
  type: "ReferOpinion",
  data: { contactId: "C-1", opinionId: "OP-1", unitId: "U-1", referredAt: "2024-03-04T10:00:00+08:00", calendar: weekdaysOnly, ...data },
  metadata: meta(actor),
});
// Monday 4 March 2024: 15 working days later is Monday 25 March, end of day.
const referred: EventOf<"OpinionReferred"> = {
  type: "OpinionReferred",
  data: { contactId: "C-1", opinionId: "OP-1", unitId: "U-1", referredAt: "2024-03-04T10:00:00+08:00", dueAt: "2024-03-25T23:59:59.999+08:00" },
};

const answer = (actor: CommandActor = unit("U-1"), data: Partial<AnswerOpinion["data"]> = {}): AnswerOpinion => ({
  type: "AnswerOpinion",
  data: { contactId: "C-1", opinionId: "OP-1", answeredAt: "2024-03-20T15:00:00+08:00", text: "The bridge is repaired.", outcome: "resolved", ...data },
  metadata: meta(actor),
});
const answered: EventOf<"OpinionAnswered"> = {
  type: "OpinionAnswered",
  data: { contactId: "C-1", opinionId: "OP-1", unitId: "U-1", answeredAt: "2024-03-20T15:00:00+08:00", text: "The bridge is repaired.", outcome: "resolved" },
};

const feedback = (actor: CommandActor = clerk("ST-1"), data: Partial<RecordConstituentFeedback["data"]> = {}): RecordConstituentFeedback => ({
  type: "RecordConstituentFeedback",
  data: { contactId: "C-1", opinionId: "OP-1", at: "2024-03-22T09:00:00+08:00", satisfied: true, calendar: weekdaysOnly, ...data },
  metadata: meta(actor),
});
const satisfied: EventOf<"ConstituentFeedbackRecorded"> = { type: "ConstituentFeedbackRecorded", data: { contactId: "C-1", opinionId: "OP-1", feedbackAt: "2024-03-22T09:00:00+08:00", satisfied: true } };
// Friday 22 March: 10 working days later is Friday 5 April.
const unsatisfied: EventOf<"ConstituentFeedbackRecorded"> = {
  type: "ConstituentFeedbackRecorded",
  data: { contactId: "C-1", opinionId: "OP-1", feedbackAt: "2024-03-22T09:00:00+08:00", satisfied: false, reopenedDueAt: "2024-04-05T23:59:59.999+08:00" },
};

describe("referring an opinion to a unit (转办)", () => {
  it("the clerk of the contact's station refers it, due 15 working days on", () => spec.given([contact]).when(refer()).then([referred]));
  it("the office refers it", () => spec.given([contact]).when(refer(office)).then([referred]));
  it("a deputy who took part refers it", () => spec.given([contact]).when(refer(deputy("D-1"))).then([referred]));
  it("takes the due date the referral names", () =>
    spec.given([contact]).when(refer(office, { dueAt: "2024-04-30T18:00:00+08:00" })).then([{ ...referred, data: { ...referred.data, dueAt: "2024-04-30T18:00:00+08:00" } }]));
  it("skips the holidays of the calendar it is given", () => {
    const calendar = workingCalendarOf([{ year: 2024, source: "test", holidays: ["2024-03-05", "2024-03-06"], workdays: [] }]);
    return spec.given([contact]).when(refer(office, { calendar })).then([{ ...referred, data: { ...referred.data, dueAt: "2024-03-27T23:59:59.999+08:00" } }]);
  });

  it("refuses a deputy whose participation awaits confirmation (403)", () => spec.given([contact]).when(refer(deputy("D-2"))).thenThrows("FORBIDDEN"));
  it("refuses a deputy not named (403), and an unknown contact alike", () => {
    spec.given([contact]).when(refer(deputy("D-9"))).thenThrows("FORBIDDEN");
    spec.given([]).when(refer(deputy("D-1"))).thenThrows("FORBIDDEN");
  });
  it("refuses a clerk of another station (403)", () => spec.given([contact]).when(refer(clerk("ST-2"))).thenThrows("FORBIDDEN"));
  it.each([unit("U-1"), auditor])("refuses %j (403)", (actor) => spec.given([contact]).when(refer(actor)).thenThrows("FORBIDDEN"));
  it("refuses an unknown contact to the office (404)", () => spec.given([]).when(refer(office)).thenThrows("NOT_FOUND"));
  it("refuses an opinion the contact does not have (404)", () => spec.given([contact]).when(refer(office, { opinionId: "OP-9" })).thenThrows("NOT_FOUND", "OP-9"));
  it("refuses referring it twice (409)", () => spec.given([contact, referred]).when(refer(office, { unitId: "U-2" })).thenThrows("CONFLICT", "U-1"));
  it("refuses a due date not after the referral (422)", () =>
    spec.given([contact]).when(refer(office, { dueAt: "2024-03-04T09:00:00+08:00" })).thenThrows("DOMAIN_RULE", "dueAt"));
  it("refuses a referral before the contact (422)", () =>
    spec.given([contact]).when(refer(office, { referredAt: "2024-02-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE", "referredAt"));
  it("refuses a referral in the future (422)", () =>
    spec.given([contact]).when(refer(office, { referredAt: "2025-02-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
  it("refers the other opinion of the same contact", () =>
    spec.given([contact, referred]).when(refer(office, { opinionId: "OP-2" })).then([{ ...referred, data: { ...referred.data, opinionId: "OP-2" } }]));
  it("after a voided referral, refers it again", () =>
    spec
      .given([
        { id: "e1", ...contact },
        { id: "e2", ...referred },
        { id: "e3", type: "EventVoided", data: { streamId: "contact-C-1", eventId: "e2", voidedType: "OpinionReferred", reason: "wrong unit", voidedAt: NOW } },
      ])
      .when(refer(office, { unitId: "U-2" }))
      .then([{ ...referred, data: { ...referred.data, unitId: "U-2" } }]));
});

describe("the unit's answer", () => {
  it("the unit referred to answers", () => spec.given([contact, referred]).when(answer()).then([answered]));
  it("refuses another unit, and a unit on an unknown contact, alike (403)", () => {
    spec.given([contact, referred]).when(answer(unit("U-2"))).thenThrows("FORBIDDEN");
    spec.given([]).when(answer()).thenThrows("FORBIDDEN");
    spec.given([contact]).when(answer()).thenThrows("FORBIDDEN");
  });
  it.each([office, clerk("ST-1"), deputy("D-1"), auditor])("refuses %j (403)", (actor) => spec.given([contact, referred]).when(answer(actor)).thenThrows("FORBIDDEN"));
  it("refuses a second answer (409)", () => spec.given([contact, referred, answered]).when(answer()).thenThrows("CONFLICT", "already answered"));
  it("refuses an answer before the referral (422)", () =>
    spec.given([contact, referred]).when(answer(unit("U-1"), { answeredAt: "2024-03-03T10:00:00+08:00" })).thenThrows("DOMAIN_RULE", "answeredAt"));
  it("answers again after an unsatisfied constituent re-opened it", () =>
    spec
      .given([contact, referred, answered, unsatisfied])
      .when(answer(unit("U-1"), { answeredAt: "2024-04-01T10:00:00+08:00", outcome: "in-progress" }))
      .then([{ ...answered, data: { ...answered.data, answeredAt: "2024-04-01T10:00:00+08:00", outcome: "in-progress" } }]));
});

describe("the constituent's feedback (有回应)", () => {
  it("the clerk records a satisfied constituent: the referral closes", () => spec.given([contact, referred, answered]).when(feedback()).then([satisfied]));
  it("a deputy who took part records an unsatisfied one: re-opened, due 10 working days on", () =>
    spec.given([contact, referred, answered]).when(feedback(deputy("D-1"), { satisfied: false })).then([unsatisfied]));
  it.each([office, unit("U-1"), auditor, clerk("ST-2"), deputy("D-2")])("refuses %j (403)", (actor) =>
    spec.given([contact, referred, answered]).when(feedback(actor)).thenThrows("FORBIDDEN"));
  it("refuses feedback before any answer (409)", () => spec.given([contact, referred]).when(feedback()).thenThrows("CONFLICT", "awaits"));
  it("refuses feedback on an opinion never referred (409)", () => spec.given([contact]).when(feedback()).thenThrows("CONFLICT", "not referred"));
  it("refuses feedback once the constituent was satisfied (409)", () => spec.given([contact, referred, answered, satisfied]).when(feedback()).thenThrows("CONFLICT", "closed"));
  it("refuses feedback before the answer (422)", () =>
    spec.given([contact, referred, answered]).when(feedback(clerk("ST-1"), { at: "2024-03-19T10:00:00+08:00" })).thenThrows("DOMAIN_RULE", "at"));
});

describe("voiding on the referral's events", () => {
  const stream = [
    { id: "e1", ...contact },
    { id: "e2", ...referred },
    { id: "e3", ...answered },
  ];
  it("refuses voiding the referral while its answer counts (409)", () =>
    spec.given(stream).whenVoiding({ type: "VoidEvent", data: { eventId: "e2", reason: "wrong" }, metadata: meta(office) }, "contact-C-1").thenThrows("CONFLICT"));
  it("voids the answer", () =>
    spec
      .given(stream)
      .whenVoiding({ type: "VoidEvent", data: { eventId: "e3", reason: "wrong unit's text" }, metadata: meta(office) }, "contact-C-1")
      .then([{ type: "EventVoided", data: { streamId: "contact-C-1", eventId: "e3", voidedType: "OpinionAnswered", reason: "wrong unit's text", voidedAt: NOW } }]));
});
