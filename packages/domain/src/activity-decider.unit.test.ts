import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import { activityDecider } from "./activity-decider.js";
import type { CommandActor, ConfirmActivityParticipation, RecordActivity } from "./commands.js";
import type { EventOf } from "./events.js";
import { auditor, clerk, deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";

const spec = DeciderSpecification.for(activityDecider);

const record = (actor: CommandActor = office, data: Partial<RecordActivity["data"]> = {}): RecordActivity => ({
  type: "RecordActivity",
  data: { activityId: "A-1", kind: "inspection", deputyIds: ["D-1", "D-2"], at: "2024-05-10T09:00:00+08:00", title: "视察农村公路建设", hours: 3.5, ...data },
  metadata: meta(actor),
});
const recorded: EventOf<"ActivityRecorded"> = {
  type: "ActivityRecorded",
  data: { activityId: "A-1", kind: "inspection", deputyIds: ["D-1", "D-2"], occurredAt: "2024-05-10T09:00:00+08:00", title: "视察农村公路建设", hours: 3.5 },
};
const byDeputy: EventOf<"ActivityRecorded"> = { ...recorded, data: { ...recorded.data, unconfirmedDeputyIds: ["D-2"] } };
const confirm = (actor: CommandActor = deputy("D-2"), confirmedAt = "2024-05-11T09:00:00+08:00"): ConfirmActivityParticipation => ({
  type: "ConfirmActivityParticipation",
  data: { activityId: "A-1", confirmedAt },
  metadata: meta(actor),
});
const confirmed: EventOf<"ActivityParticipationConfirmed"> = { type: "ActivityParticipationConfirmed", data: { activityId: "A-1", deputyId: "D-2", confirmedAt: "2024-05-11T09:00:00+08:00" } };

describe("recording a duty activity", () => {
  it("the office records it: every deputy named counts", () => spec.given([]).when(record()).then([recorded]));
  it("a clerk records it", () => spec.given([]).when(record(clerk("ST-1"))).then([recorded]));
  it("a deputy records it for themself: the others named count once they confirm", () => spec.given([]).when(record(deputy("D-1"))).then([byDeputy]));
  it("without hours", () => {
    const { hours: _h, ...data } = recorded.data;
    return spec.given([]).when(record(office, { hours: undefined })).then([{ type: "ActivityRecorded", data }]);
  });
  it("refuses a deputy not among those named (403)", () => spec.when(record(deputy("D-9"))).thenThrows("FORBIDDEN"));
  it.each([unit("U-1"), auditor])("refuses %j (403)", (actor) => spec.when(record(actor)).thenThrows("FORBIDDEN"));
  it("refuses recording it twice (409)", () => spec.given([recorded]).when(record()).thenThrows("CONFLICT"));
  it("refuses a time in the future (422)", () => spec.when(record(office, { at: "2025-03-01T09:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("confirming participation in an activity", () => {
  it("a named deputy whose participation awaits it confirms", () => spec.given([byDeputy]).when(confirm()).then([confirmed]));
  it("refuses a second confirmation (409)", () => spec.given([byDeputy, confirmed]).when(confirm()).thenThrows("CONFLICT"));
  it("refuses when nothing awaits it (409)", () => spec.given([recorded]).when(confirm()).thenThrows("CONFLICT"));
  it("refuses a deputy not named, and an unknown activity alike (403)", () => {
    spec.given([byDeputy]).when(confirm(deputy("D-9"))).thenThrows("FORBIDDEN");
    spec.given([]).when(confirm()).thenThrows("FORBIDDEN");
  });
  it("refuses the office (403)", () => spec.given([byDeputy]).when(confirm(office)).thenThrows("FORBIDDEN"));
  it("refuses a confirmation before the activity (422)", () => spec.given([byDeputy]).when(confirm(deputy("D-2"), "2024-05-01T09:00:00+08:00")).thenThrows("DOMAIN_RULE"));
  it("refuses voiding the recording while a confirmation counts (409)", () =>
    spec
      .given([
        { id: "e1", ...byDeputy },
        { id: "e2", ...confirmed },
      ])
      .whenVoiding({ type: "VoidEvent", data: { eventId: "e1", reason: "wrong" }, metadata: meta(office) }, "activity-A-1")
      .thenThrows("CONFLICT"));
  it("voids the confirmation", () =>
    spec
      .given([
        { id: "e1", ...byDeputy },
        { id: "e2", ...confirmed },
      ])
      .whenVoiding({ type: "VoidEvent", data: { eventId: "e2", reason: "not there" }, metadata: meta(office) }, "activity-A-1")
      .then([{ type: "EventVoided", data: { streamId: "activity-A-1", eventId: "e2", voidedType: "ActivityParticipationConfirmed", reason: "not there", voidedAt: NOW } }]));
});
