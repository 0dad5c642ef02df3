import { ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type { ActivityRecordDoc } from "./deputy-record-activity.js";
import { buildDeputyRecord } from "./deputy-record.js";
import { deputyRecordProjection, type DeputyRecordDoc, type DeputyRegistryDoc } from "./deputy-record-projection.js";
import { deputyRegistered, voided } from "./events.test-support.js";
import { foldDocument } from "./projection.js";

/** The duty record counts the other duty activities by kind; a part awaiting confirmation does not count. */

const spec = ProjectionSpecification.for(deputyRecordProjection, foldDocument);

const log: GivenProjectionEvent[] = [
  deputyRegistered("d1", "D-1"),
  deputyRegistered("d2", "D-2"),
  { id: "a1", type: "ActivityRecorded", data: { activityId: "A-1", kind: "inspection", deputyIds: ["D-1", "D-2"], occurredAt: "2024-04-01T09:00:00+08:00", title: "视察河道治理", hours: 3 } },
  // Recorded by D-1 naming D-2: D-2's part awaits confirmation.
  { id: "a2", type: "ActivityRecorded", data: { activityId: "A-2", kind: "survey", deputyIds: ["D-1", "D-2"], occurredAt: "2024-05-01T09:00:00+08:00", title: "调研养老", unconfirmedDeputyIds: ["D-2"] } },
  { id: "a3", type: "ActivityRecorded", data: { activityId: "A-3", kind: "report", deputyIds: ["D-1"], occurredAt: "2024-12-31T16:30:00Z", title: "向选民述职", hours: 2 } },
];

const recordOf = (events: readonly GivenProjectionEvent[], deputyId: string, year: number) => {
  const docs = spec.given([...events]).docs() as Record<string, DeputyRecordDoc>;
  const concerning = Object.entries(docs)
    .filter(([key, doc]) => (deputyRecordProjection.indexesOf?.(doc, key) ?? []).some((e) => e.name === "deputy" && e.value === deputyId))
    .map(([, doc]) => doc);
  return buildDeputyRecord(deputyId, year, {
    registry: concerning.find((doc): doc is DeputyRegistryDoc => doc.kind === "deputy"),
    contacts: [],
    suggestions: [],
    activities: concerning.filter((doc): doc is ActivityRecordDoc => doc.kind === "activity"),
  });
};

const zeros = { inspection: 0, survey: 0, training: 0, attendance: 0, hearing: 0, report: 0, other: 0 };

describe("the duty record's activities", () => {
  it("counts each deputy's year by kind, with the hours told (the Shanghai year of occurredAt)", () => {
    expect(recordOf(log, "D-1", 2024)?.activities).toEqual({ total: 2, byKind: { ...zeros, inspection: 1, survey: 1 }, hours: 3, activityIds: ["A-1", "A-2"], pendingConfirmationIds: [] });
    expect(recordOf(log, "D-1", 2025)?.activities).toEqual({ total: 1, byKind: { ...zeros, report: 1 }, hours: 2, activityIds: ["A-3"], pendingConfirmationIds: [] });
  });

  it("a part awaiting confirmation counts once confirmed", () => {
    expect(recordOf(log, "D-2", 2024)?.activities).toEqual({ total: 1, byKind: { ...zeros, inspection: 1 }, hours: 3, activityIds: ["A-1"], pendingConfirmationIds: ["A-2"] });
    const confirmed: GivenProjectionEvent[] = [...log, { id: "c1", type: "ActivityParticipationConfirmed", data: { activityId: "A-2", deputyId: "D-2", confirmedAt: "2024-05-02T09:00:00+08:00" } }];
    expect(recordOf(confirmed, "D-2", 2024)?.activities).toMatchObject({ total: 2, byKind: { inspection: 1, survey: 1 }, pendingConfirmationIds: [] });
  });

  it("a voided recording stops counting everywhere", () => {
    expect(recordOf([...log, voided("x1", "activity-A-1", "a1", "ActivityRecorded")], "D-2", 2024)?.activities).toMatchObject({ total: 0, hours: 0, pendingConfirmationIds: ["A-2"] });
  });

  it("replaying the same log twice gives the same documents", () => spec.given([...log, voided("x1", "activity-A-1", "a1", "ActivityRecorded")]).thenReplayIsDeterministic());
});
