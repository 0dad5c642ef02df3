import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { CorrectDeputy, CorrectStation, CorrectUnit, RegisterDeputy, RegisterStation, RegisterUnit } from "./commands.js";
import { deputyDecider } from "./deputy-decider.js";
import type { EventOf } from "./events.js";
import { auditor, clerk, deputy, meta, NOW, office, unit } from "./fixtures.test-support.js";
import { stationDecider } from "./station-decider.js";
import { unitDecider } from "./unit-decider.js";

describe("deputy registry", () => {
  const spec = DeciderSpecification.for(deputyDecider);
  const register = (actor = office): RegisterDeputy => ({
    type: "RegisterDeputy",
    data: { deputyId: "D-1", name: "Li Ming", level: "county", term: "18th", constituency: "Qiandaohu", stationId: "ST-1" },
    metadata: meta(actor),
  });
  const registered: EventOf<"DeputyRegistered"> = {
    type: "DeputyRegistered",
    data: { deputyId: "D-1", name: "Li Ming", level: "county", term: "18th", constituency: "Qiandaohu", stationId: "ST-1", registeredAt: NOW },
  };
  const correct = (data: Partial<CorrectDeputy["data"]>, actor = office): CorrectDeputy => ({
    type: "CorrectDeputy",
    data: { deputyId: "D-1", reason: "typo at registration", ...data },
    metadata: meta(actor),
  });

  it("the office registers a deputy, stamped with the command's clock", () => spec.given([]).when(register()).then([registered]));

  it("without a station the event has none", () =>
    spec.when({ ...register(), data: { deputyId: "D-1", name: "Li Ming", level: "national", term: "14th", constituency: "Hunan" } }).then([
      { type: "DeputyRegistered", data: { deputyId: "D-1", name: "Li Ming", level: "national", term: "14th", constituency: "Hunan", registeredAt: NOW } },
    ]));

  it("refuses a second registration (409)", () => spec.given([registered]).when(register()).thenThrows("CONFLICT"));

  it.each([deputy("D-1"), unit("U-1"), clerk("ST-1"), auditor])("refuses %j: only the office registers (403)", (actor) =>
    spec.given([]).when(register(actor)).thenThrows("FORBIDDEN"),
  );

  it("the office corrects only what changes", () =>
    spec
      .given([registered])
      .when(correct({ name: "Li Min", level: "county" }))
      .then([{ type: "DeputyCorrected", data: { deputyId: "D-1", name: "Li Min", reason: "typo at registration", correctedAt: NOW } }]));

  it("a correction may clear the station", () =>
    spec
      .given([registered])
      .when(correct({ stationId: null }))
      .then([{ type: "DeputyCorrected", data: { deputyId: "D-1", stationId: null, reason: "typo at registration", correctedAt: NOW } }]));

  it("a cleared station stays cleared, and clearing it again changes nothing (422)", () =>
    spec
      .given([registered, { type: "DeputyCorrected", data: { deputyId: "D-1", stationId: null, reason: "moved", correctedAt: NOW } }])
      .when(correct({ stationId: null }))
      .thenThrows("DOMAIN_RULE"));

  it("corrections fold: the latest value counts", () =>
    spec
      .given([registered, { type: "DeputyCorrected", data: { deputyId: "D-1", term: "19th", reason: "new term", correctedAt: NOW } }])
      .when(correct({ term: "19th" }))
      .thenThrows("DOMAIN_RULE", "changes nothing"));

  it("refuses a correction that changes nothing (422)", () => spec.given([registered]).when(correct({ name: "Li Ming" })).thenThrows("DOMAIN_RULE"));
  it("refuses correcting an unregistered deputy (404)", () => spec.given([]).when(correct({ name: "X" })).thenThrows("NOT_FOUND"));
  it("refuses a correction by a deputy (403)", () => spec.given([registered]).when(correct({ name: "X" }, deputy("D-1"))).thenThrows("FORBIDDEN"));
  it("a voided registration can be registered again", () =>
    spec
      .given([
        { id: "e1", ...registered },
        { id: "e2", type: "EventVoided", data: { streamId: "deputy-D-1", eventId: "e1", voidedType: "DeputyRegistered", reason: "wrong person", voidedAt: NOW } },
      ])
      .when(register())
      .then([registered]));
});

describe("unit registry", () => {
  const spec = DeciderSpecification.for(unitDecider);
  const register = (actor = office): RegisterUnit => ({ type: "RegisterUnit", data: { unitId: "U-1", name: "Transport Bureau" }, metadata: meta(actor) });
  const registered: EventOf<"UnitRegistered"> = { type: "UnitRegistered", data: { unitId: "U-1", name: "Transport Bureau", registeredAt: NOW } };
  const correct = (data: Partial<CorrectUnit["data"]>, actor = office): CorrectUnit => ({
    type: "CorrectUnit",
    data: { unitId: "U-1", reason: "renamed", ...data },
    metadata: meta(actor),
  });

  it("the office registers a unit", () => spec.given([]).when(register()).then([registered]));
  it("refuses a second registration (409)", () => spec.given([registered]).when(register()).thenThrows("CONFLICT"));
  it("refuses registration by a unit (403)", () => spec.given([]).when(register(unit("U-1"))).thenThrows("FORBIDDEN"));
  it("the office corrects the name", () =>
    spec.given([registered]).when(correct({ name: "Roads Bureau" })).then([{ type: "UnitCorrected", data: { unitId: "U-1", name: "Roads Bureau", reason: "renamed", correctedAt: NOW } }]));
  it("refuses a correction that changes nothing (422)", () => spec.given([registered]).when(correct({ name: "Transport Bureau" })).thenThrows("DOMAIN_RULE"));
  it("refuses a correction without fields (422)", () => spec.given([registered]).when(correct({})).thenThrows("DOMAIN_RULE"));
  it("refuses correcting an unregistered unit (404)", () => spec.given([]).when(correct({ name: "X" })).thenThrows("NOT_FOUND"));
  it("refuses a correction by a deputy (403)", () => spec.given([registered]).when(correct({ name: "X" }, deputy("D-1"))).thenThrows("FORBIDDEN"));
});

describe("station registry", () => {
  const spec = DeciderSpecification.for(stationDecider);
  const register = (actor = office): RegisterStation => ({
    type: "RegisterStation",
    data: { stationId: "ST-1", name: "Qiandaohu station", region: "Chun'an" },
    metadata: meta(actor),
  });
  const registered: EventOf<"StationRegistered"> = {
    type: "StationRegistered",
    data: { stationId: "ST-1", name: "Qiandaohu station", region: "Chun'an", registeredAt: NOW },
  };
  const correct = (data: Partial<CorrectStation["data"]>, actor = office): CorrectStation => ({
    type: "CorrectStation",
    data: { stationId: "ST-1", reason: "region renamed", ...data },
    metadata: meta(actor),
  });

  it("the office registers a station", () => spec.given([]).when(register()).then([registered]));
  it("refuses a second registration (409)", () => spec.given([registered]).when(register()).thenThrows("CONFLICT"));
  it("refuses registration by a clerk (403)", () => spec.given([]).when(register(clerk("ST-1"))).thenThrows("FORBIDDEN"));
  it("the office corrects the region", () =>
    spec
      .given([registered])
      .when(correct({ region: "Chun'an county", name: "Qiandaohu station" }))
      .then([{ type: "StationCorrected", data: { stationId: "ST-1", region: "Chun'an county", reason: "region renamed", correctedAt: NOW } }]));
  it("refuses a correction that changes nothing (422)", () => spec.given([registered]).when(correct({ region: "Chun'an" })).thenThrows("DOMAIN_RULE"));
  it("refuses correcting an unregistered station (404)", () => spec.given([]).when(correct({ name: "X" })).thenThrows("NOT_FOUND"));
  it("refuses a correction by an auditor (403)", () => spec.given([registered]).when(correct({ name: "X" }, auditor)).thenThrows("FORBIDDEN"));
});
