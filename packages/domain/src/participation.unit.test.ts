import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, it } from "vitest";
import type { ConfirmContactParticipation, DecideCoSignature } from "./commands.js";
import { contactDecider } from "./contact-decider.js";
import type { EventOf } from "./events.js";
import { clerk, deputy, meta, NOW, office, SID, submitted } from "./fixtures.test-support.js";
import type { CommandActor } from "./commands.js";
import { suggestionDecider } from "./suggestion-decider.js";

/** Participation that counts is confirmed (trust.md). */

const recordedByD1: EventOf<"ContactRecorded"> = {
  type: "ContactRecorded",
  data: {
    contactId: "C-1",
    deputyIds: ["D-1", "D-2", "D-3"],
    channel: "visit",
    occurredAt: "2024-12-30T09:30:00+08:00",
    constituents: 1_000_000,
    topic: "Roads",
    summary: "A visit.",
    opinions: [{ opinionId: "OP-1", text: "Repair the bridge" }],
    unconfirmedDeputyIds: ["D-2", "D-3"],
  },
};
const { unconfirmedDeputyIds: _none, ...byClerkData } = recordedByD1.data;
const recordedByClerk: EventOf<"ContactRecorded"> = { type: "ContactRecorded", data: { ...byClerkData, stationId: "ST-1", channel: "station" } };

const confirm = (actor: CommandActor = deputy("D-2"), confirmedAt = "2024-12-31T10:00:00+08:00"): ConfirmContactParticipation => ({
  type: "ConfirmContactParticipation",
  data: { contactId: "C-1", confirmedAt },
  metadata: meta(actor),
});
const confirmed = (deputyId = "D-2", confirmedAt = "2024-12-31T10:00:00+08:00"): EventOf<"ContactParticipationConfirmed"> => ({
  type: "ContactParticipationConfirmed",
  data: { contactId: "C-1", deputyId, confirmedAt },
});

describe("confirming participation in a contact", () => {
  const spec = DeciderSpecification.for(contactDecider);
  it("a named deputy confirms", () => spec.given([recordedByD1]).when(confirm()).then([confirmed()]));
  it("each named deputy confirms for themself", () => spec.given([recordedByD1, confirmed()]).when(confirm(deputy("D-3"))).then([confirmed("D-3")]));
  it("refuses a deputy not named (403)", () => spec.given([recordedByD1]).when(confirm(deputy("D-9"))).thenThrows("FORBIDDEN"));
  it.each([office, clerk("ST-1")])("refuses %j (403): only the deputy confirms", (actor) => spec.given([recordedByD1]).when(confirm(actor)).thenThrows("FORBIDDEN"));
  it("refuses the recorder, whose participation counts already (409)", () => spec.given([recordedByD1]).when(confirm(deputy("D-1"))).thenThrows("CONFLICT"));
  it("refuses confirming twice (409)", () => spec.given([recordedByD1, confirmed()]).when(confirm()).thenThrows("CONFLICT"));
  it("refuses on a contact a clerk recorded: it counts at once for all (409)", () => spec.given([recordedByClerk]).when(confirm()).thenThrows("CONFLICT"));
  it("refuses an unknown contact as one not naming the deputy (403)", () => spec.when(confirm()).thenThrows("FORBIDDEN"));
  it("refuses a confirmation before the contact occurred (422)", () => spec.given([recordedByD1]).when(confirm(deputy("D-2"), "2024-12-29T10:00:00+08:00")).thenThrows("DOMAIN_RULE"));
  it("refuses a confirmation time outside the grace (422)", () =>
    spec.given([recordedByD1]).when({ ...confirm(), metadata: { actor: deputy("D-2"), now: "2025-01-10T10:00:00+08:00" } }).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE", "confirmedAt"));
  it("a voided confirmation no longer counts: the deputy confirms again", () =>
    spec
      .given([
        { id: "e1", ...recordedByD1 },
        { id: "e2", ...confirmed() },
        { id: "e3", type: "EventVoided", data: { streamId: "contact-C-1", eventId: "e2", voidedType: "ContactParticipationConfirmed", reason: "wrong deputy", voidedAt: NOW } },
      ])
      .when(confirm())
      .then([confirmed()]));
});

const decide = (decision: "accept" | "decline", actor: CommandActor = deputy("D-2"), at = "2024-01-11T09:00:00+08:00"): DecideCoSignature => ({
  type: "DecideCoSignature",
  data: { suggestionId: SID, decision, at },
  metadata: meta(actor),
});
const decided = (decision: "accept" | "decline", deputyId = "D-2"): EventOf<"CoSignatureDecided"> => ({
  type: "CoSignatureDecided",
  data: { suggestionId: SID, deputyId, decision, decidedAt: "2024-01-11T09:00:00+08:00" },
});

describe("co-signing a suggestion", () => {
  const spec = DeciderSpecification.for(suggestionDecider);
  it("a listed co-signer accepts", () => spec.given([submitted()]).when(decide("accept")).then([decided("accept")]));
  it("a listed co-signer declines", () => spec.given([submitted()]).when(decide("decline")).then([decided("decline")]));
  it("refuses a deputy not listed (403)", () => spec.given([submitted()]).when(decide("accept", deputy("D-9"))).thenThrows("FORBIDDEN"));
  it("refuses the lead deputy (403): not a co-signer", () => spec.given([submitted()]).when(decide("accept", deputy("D-1"))).thenThrows("FORBIDDEN"));
  it("refuses the office (403)", () => spec.given([submitted()]).when(decide("accept", office)).thenThrows("FORBIDDEN"));
  it("refuses deciding twice (409)", () => spec.given([submitted(), decided("decline")]).when(decide("accept")).thenThrows("CONFLICT"));
  it("refuses an unknown suggestion as one not listing the deputy (403)", () => spec.when(decide("accept")).thenThrows("FORBIDDEN"));
  it("refuses a decision before the submission (422)", () => spec.given([submitted()]).when(decide("accept", deputy("D-2"), "2024-01-09T09:00:00+08:00")).thenThrows("DOMAIN_RULE"));
  it("after its decision is voided, the co-signer decides again", () =>
    spec
      .given([
        { id: "e1", ...submitted() },
        { id: "e2", ...decided("decline") },
        { id: "e3", type: "EventVoided", data: { streamId: "suggestion-S-1", eventId: "e2", voidedType: "CoSignatureDecided", reason: "clicked the wrong button", voidedAt: NOW } },
      ])
      .when(decide("accept"))
      .then([decided("accept")]));
});
