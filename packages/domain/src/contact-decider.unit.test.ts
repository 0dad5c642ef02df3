import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { GiveContactFeedback, RecordContact } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import type { EventOf } from "./events.js";
import { auditor, clerk, deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";
import type { CommandActor } from "./commands.js";

const spec = DeciderSpecification.for(contactDecider);

const record = (actor: CommandActor = deputy("D-1"), data: Partial<RecordContact["data"]> = {}): RecordContact => ({
  type: "RecordContact",
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
    ...data,
  },
  metadata: meta(actor),
});

const recorded: EventOf<"ContactRecorded"> = {
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
  },
};

const feedback = (actor: CommandActor = deputy("D-1"), data: Partial<GiveContactFeedback["data"]> = {}): GiveContactFeedback => ({
  type: "GiveContactFeedback",
  data: { contactId: "C-1", opinionIds: ["OP-1"], feedbackAt: "2024-06-01T10:00:00+08:00", text: "The bridge was repaired.", ...data },
  metadata: meta(actor),
});

const fedBack: EventOf<"ContactFeedbackGiven"> = {
  type: "ContactFeedbackGiven",
  data: { contactId: "C-1", opinionIds: ["OP-1"], feedbackAt: "2024-06-01T10:00:00+08:00", text: "The bridge was repaired." },
};

describe("recording a contact", () => {
  it("a deputy present records it: the others named count once they confirm", () =>
    spec.given([]).when(record()).then([{ ...recorded, data: { ...recorded.data, unconfirmedDeputyIds: ["D-2"] } }]));
  it("a deputy alone records it: nobody to confirm", () =>
    spec.given([]).when(record(deputy("D-1"), { deputyIds: ["D-1"] })).then([{ ...recorded, data: { ...recorded.data, deputyIds: ["D-1"] } }]));
  it("the clerk of its station records it", () => spec.given([]).when(record(clerk("ST-1"))).then([recorded]));
  it("the office records it", () => spec.given([]).when(record(office)).then([recorded]));

  it("without opinions and station (a visit) it records an empty list", () => {
    const { stationId: _s, ...rest } = recorded.data;
    return spec
      .when(record(deputy("D-1"), { channel: "visit", stationId: undefined, opinions: undefined }))
      .then([{ type: "ContactRecorded", data: { ...rest, channel: "visit", opinions: [], unconfirmedDeputyIds: ["D-2"] } }]);
  });

  it("refuses a deputy who is not among the deputies present (403)", () => spec.when(record(deputy("D-9"))).thenThrows("FORBIDDEN"));
  it("refuses a clerk of another station (403)", () => spec.when(record(clerk("ST-2"))).thenThrows("FORBIDDEN"));
  it("refuses a clerk whose token names no station (403)", () => spec.when(record(clerk(undefined))).thenThrows("FORBIDDEN"));
  it("refuses a clerk recording a contact without station (403)", () =>
    spec.when(record(clerk("ST-1"), { channel: "online", stationId: undefined })).thenThrows("FORBIDDEN"));
  it.each([unit("U-1"), auditor])("refuses %j (403)", (actor) => spec.when(record(actor)).thenThrows("FORBIDDEN"));
  it("refuses recording the same contact twice (409)", () => spec.given([recorded]).when(record()).thenThrows("CONFLICT"));
  it("refuses a station reception without a station (422)", () =>
    spec.when(record(deputy("D-1"), { stationId: undefined })).thenThrows("DOMAIN_RULE", "stationId"));
  it("refuses a contact in the future of the server's clock (422)", () =>
    spec.when(record(deputy("D-1"), { occurredAt: "2025-01-01T12:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "after the time of recording"));
  it("tolerates 5 minutes of clock skew", () =>
    spec.when(record(deputy("D-1"), { occurredAt: "2024-12-31T12:04:00+08:00" })).then([{ ...recorded, data: { ...recorded.data, occurredAt: "2024-12-31T12:04:00+08:00", unconfirmedDeputyIds: ["D-2"] } }]));
});

describe("giving feedback to constituents", () => {
  it("a deputy of the contact gives it", () => spec.given([recorded]).when(feedback()).then([fedBack]));
  it("the clerk of its station gives it", () => spec.given([recorded]).when(feedback(clerk("ST-1"))).then([fedBack]));
  it("the office gives it", () => spec.given([recorded]).when(feedback(office)).then([fedBack]));
  it("on several opinions at once", () =>
    spec.given([recorded]).when(feedback(office, { opinionIds: ["OP-1", "OP-2"] })).then([{ ...fedBack, data: { ...fedBack.data, opinionIds: ["OP-1", "OP-2"] } }]));
  it("on another opinion after a first feedback", () =>
    spec.given([recorded, fedBack]).when(feedback(office, { opinionIds: ["OP-2"] })).then([{ ...fedBack, data: { ...fedBack.data, opinionIds: ["OP-2"] } }]));

  it("refuses an unknown contact to a deputy as one they were not named in (403)", () => spec.given([]).when(feedback()).thenThrows("FORBIDDEN"));
  it("refuses a deputy who was not at the contact (403)", () => spec.given([recorded]).when(feedback(deputy("D-9"))).thenThrows("FORBIDDEN"));
  it("refuses a clerk of another station (403)", () => spec.given([recorded]).when(feedback(clerk("ST-2"))).thenThrows("FORBIDDEN"));
  it.each([unit("U-1"), auditor])("refuses %j (403)", (actor) => spec.given([recorded]).when(feedback(actor)).thenThrows("FORBIDDEN"));
  it("refuses opinion ids that are not in the contact (422)", () =>
    spec.given([recorded]).when(feedback(office, { opinionIds: ["OP-1", "OP-9"] })).thenThrows("DOMAIN_RULE", "OP-9"));
  it("refuses feedback already given on an opinion (409)", () =>
    spec.given([recorded, fedBack]).when(feedback(office, { opinionIds: ["OP-2", "OP-1"] })).thenThrows("CONFLICT", "OP-1"));
  it("refuses feedback before the contact occurred (422)", () =>
    spec.given([recorded]).when(feedback(office, { feedbackAt: "2024-02-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses feedback in the future (422)", () =>
    spec.given([recorded]).when(feedback(office, { feedbackAt: "2025-02-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
  it("after a voided feedback, feedback can be given again", () =>
    spec
      .given([
        { id: "e1", ...recorded },
        { id: "e2", ...fedBack },
        { id: "e3", type: "EventVoided", data: { streamId: "contact-C-1", eventId: "e2", voidedType: "ContactFeedbackGiven", reason: "wrong text", voidedAt: NOW } },
      ])
      .when(feedback())
      .then([fedBack]));
});
