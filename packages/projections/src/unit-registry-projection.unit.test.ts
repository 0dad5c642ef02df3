import { foldDocument } from "./projection.js";
import { ProjectionSpecification, generateSampleLog } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { submitted, unitCorrected, unitRegistered, voided } from "./events.test-support.js";
import { unitEntryOf, unitRegistryProjection, type UnitRegistryDoc } from "./unit-registry-projection.js";

const spec = ProjectionSpecification.for(unitRegistryProjection, foldDocument);

const corrected = (id: string, unitId: string, name?: string) => unitCorrected(id, unitId, name === undefined ? {} : { name });

const entry = (docs: Record<string, UnitRegistryDoc>, unitId: string) => {
  const doc = docs[unitId];
  return doc === undefined ? undefined : unitEntryOf(doc);
};

describe("unit registry", () => {
  it("one document per unit, keyed by unit id, indexed under `all` by unit id", () => {
    const then = spec.given([unitRegistered("u1", "U-2"), unitRegistered("u2", "U-1"), submitted("s1", "S-1")]);
    then.then({
      "U-2": { unitId: "U-2", registrations: [{ eventId: "u1", position: 1, name: "住建局", registeredAt: "2023-12-01T09:00:00+08:00" }], corrections: [] },
      "U-1": { unitId: "U-1", registrations: [{ eventId: "u2", position: 2, name: "住建局", registeredAt: "2023-12-01T09:00:00+08:00" }], corrections: [] },
    });
    then.thenIndexes("U-1", [{ name: "all", value: "unit", sort: "U-1" }]);
    expect(entry(then.docs(), "U-2")).toEqual({ unitId: "U-2", name: "住建局", registeredAt: "2023-12-01T09:00:00+08:00", correctedAt: null });
  });

  it("a correction changes the name; one without a name keeps it", () => {
    const then = spec.given([unitRegistered("u1", "U-1"), corrected("c1", "U-1", "县交通运输局"), corrected("c2", "U-1")]);
    expect(entry(then.docs(), "U-1")).toEqual({ unitId: "U-1", name: "县交通运输局", registeredAt: "2023-12-01T09:00:00+08:00", correctedAt: "2024-02-01T09:00:00+08:00" });
  });

  it("a voided correction stops counting: the earlier name is back", () => {
    const then = spec.given([unitRegistered("u1", "U-1"), corrected("c1", "U-1", "县交通运输局"), voided("v1", "unit-U-1", "c1", "UnitCorrected")]);
    expect(entry(then.docs(), "U-1")?.name).toBe("住建局");
    expect(then.docs()["U-1"]?.corrections).toEqual([]);
    then.thenIndexes("U-1", [{ name: "all", value: "unit", sort: "U-1" }]);
  });

  it("a voided registration removes the unit from the list until it is registered again", () => {
    const gone = spec.given([unitRegistered("u1", "U-1"), corrected("c1", "U-1", "县交通运输局"), voided("v1", "unit-U-1", "u1", "UnitRegistered")]);
    expect(entry(gone.docs(), "U-1")).toBeNull();
    gone.thenIndexes("U-1", []);
    // A correction recorded before the new registration does not apply to it.
    const again = spec.given([
      unitRegistered("u1", "U-1"),
      corrected("c1", "U-1", "县交通运输局"),
      voided("v1", "unit-U-1", "u1", "UnitRegistered"),
      { ...unitRegistered("u2", "U-1"), data: { unitId: "U-1", name: "县水利局", registeredAt: "2024-03-01T09:00:00+08:00" } },
    ]);
    expect(entry(again.docs(), "U-1")).toEqual({ unitId: "U-1", name: "县水利局", registeredAt: "2024-03-01T09:00:00+08:00", correctedAt: null });
    again.thenIndexes("U-1", [{ name: "all", value: "unit", sort: "U-1" }]);
  });

  it("voidings of other streams' events do not touch the registry", () => {
    const then = spec.given([unitRegistered("u1", "U-1"), submitted("s1", "S-1"), voided("v1", "suggestion-S-1", "s1", "SuggestionSubmitted")]);
    expect(Object.keys(then.docs())).toEqual(["U-1"]);
  });

  it("replaying the same log twice gives the same documents", () => {
    const events = generateSampleLog({ seed: 11, deputies: 10, units: 8, stations: 2, contacts: 30, suggestions: 30, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    const then = spec.given(events as never);
    then.thenReplayIsDeterministic();
    expect(Object.values(then.docs()).filter((doc) => unitEntryOf(doc) !== null).length).toBeGreaterThan(0);
  });
});
