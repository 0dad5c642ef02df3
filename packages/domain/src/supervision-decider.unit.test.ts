import { DeciderSpecification } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import type { CommandActor, ReassignSuggestion, RecordSupervision, RefuseExtensionRequest, RefuseReturnRequest, RequestExtension, RequestReturn } from "./commands.js";
import { foldEvents } from "./decider.js";
import type { EventData, EventOf } from "./events.js";
import { assigned, auditor, CO_UNIT, deputy, evaluated, extended, LEAD_DEPUTY, LEAD_UNIT, meta, office, preReviewed, replied, SID, step, submitted, throughReply, unit } from "./fixtures.test-support.js";
import { suggestionDecider } from "./suggestion-decider.js";
import { decideVoid, foldStream } from "./voiding.js";

/**
 * 督办 and the lead unit's requests (design/voice-and-supervision.md). Assigned Friday
 * 2024-03-01 09:30, reply due 2024-06-01 end of day; the 7th working day after the assignment
 * is Tuesday 2024-03-12.
 */

const spec = DeciderSpecification.for(suggestionDecider);
const leadUnit = unit(LEAD_UNIT);
const coUnit = unit(CO_UNIT);
const lead = deputy(LEAD_DEPUTY);
const NEW_UNIT = "U-NEW";

const handling = () => [submitted(), preReviewed("accept"), assigned()];

// ---------------------------------------------------------------- commands and events

const supervise = (data: Partial<RecordSupervision["data"]> = {}, actor: CommandActor = office): RecordSupervision => ({
  type: "RecordSupervision",
  data: { suggestionId: SID, supervisionId: "SV-1", kind: "warning", at: "2024-05-02T10:00:00+08:00", by: "王主任", note: "请加快办理。", ...data },
  metadata: meta(actor),
});
const supervised = (overrides: Partial<EventData<"SupervisionRecorded">> = {}): EventOf<"SupervisionRecorded"> => ({
  type: "SupervisionRecorded",
  data: { suggestionId: SID, supervisionId: "SV-1", kind: "warning", supervisedAt: "2024-05-02T10:00:00+08:00", by: "王主任", note: "请加快办理。", ...overrides },
});
const requestExtension = (data: Partial<RequestExtension["data"]> = {}, actor: CommandActor = leadUnit): RequestExtension => ({
  type: "RequestExtension",
  data: { suggestionId: SID, requestedDueAt: "2024-07-01T23:59:59.999+08:00", reason: "涉及多部门协调", at: "2024-05-10T09:00:00+08:00", ...data },
  metadata: meta(actor),
});
const extensionRequested = (overrides: Partial<EventData<"ExtensionRequested">> = {}): EventOf<"ExtensionRequested"> => ({
  type: "ExtensionRequested",
  data: { suggestionId: SID, unitId: LEAD_UNIT, requestedDueAt: "2024-07-01T23:59:59.999+08:00", reason: "涉及多部门协调", requestedAt: "2024-05-10T09:00:00+08:00", ...overrides },
});
const refuseExtension = (at = "2024-05-11T09:00:00+08:00", actor: CommandActor = office): RefuseExtensionRequest => ({
  type: "RefuseExtensionRequest",
  data: { suggestionId: SID, reason: "理由不充分", at },
  metadata: meta(actor),
});
const requestReturn = (at = "2024-03-12T18:00:00+08:00", actor: CommandActor = leadUnit): RequestReturn => ({
  type: "RequestReturn",
  data: { suggestionId: SID, reason: "不属于本单位职责", at },
  metadata: meta(actor),
});
const returnRequested = (requestedAt = "2024-03-12T18:00:00+08:00"): EventOf<"ReturnRequested"> => ({
  type: "ReturnRequested",
  data: { suggestionId: SID, unitId: LEAD_UNIT, reason: "不属于本单位职责", requestedAt },
});
const refuseReturn = (at = "2024-03-13T09:00:00+08:00", actor: CommandActor = office): RefuseReturnRequest => ({
  type: "RefuseReturnRequest",
  data: { suggestionId: SID, reason: "属于本单位职责", at },
  metadata: meta(actor),
});
const reassign = (data: Partial<ReassignSuggestion["data"]> = {}, actor: CommandActor = office): ReassignSuggestion => ({
  type: "ReassignSuggestion",
  data: { suggestionId: SID, leadUnitId: NEW_UNIT, coUnitIds: [], assignedAt: "2024-03-14T09:00:00+08:00", complex: false, ...data },
  metadata: meta(actor),
});
const reassigned = (overrides: Partial<EventData<"SuggestionReassigned">> = {}): EventOf<"SuggestionReassigned"> => ({
  type: "SuggestionReassigned",
  data: {
    suggestionId: SID,
    leadUnitId: NEW_UNIT,
    coUnitIds: [],
    assignedAt: "2024-03-14T09:00:00+08:00",
    complex: false,
    dueAt: "2024-06-14T23:59:59.999+08:00",
    policy: { name: "national-default", version: 1 },
    previousLeadUnitId: LEAD_UNIT,
    ...overrides,
  },
});

// ---------------------------------------------------------------- specs

describe("supervision acts (督办)", () => {
  it.each(["warning", "leader-supervision", "site-review", "interview"] as const)("the office records a %s", (kind) =>
    spec.given(handling()).when(supervise({ kind })).then([supervised({ kind })]));
  it("while re-handling too", () =>
    spec.given([...throughReply(), evaluated("unsatisfied")]).when(supervise({ at: "2024-06-15T10:00:00+08:00" })).then([supervised({ supervisedAt: "2024-06-15T10:00:00+08:00" })]));
  it.each([leadUnit, lead, auditor])("refuses %j (403)", (actor) => spec.given(handling()).when(supervise({}, actor)).thenThrows("FORBIDDEN"));
  it("refuses an unknown suggestion (404)", () => spec.given([]).when(supervise()).thenThrows("NOT_FOUND"));
  it("refuses one not being handled (409)", () => spec.given([submitted(), preReviewed("accept")]).when(supervise()).thenThrows("CONFLICT"));
  it("refuses a replied one (409)", () => spec.given(throughReply()).when(supervise()).thenThrows("CONFLICT"));
  it("refuses the same supervisionId twice (409)", () => spec.given([...handling(), supervised()]).when(supervise({ kind: "interview" })).thenThrows("CONFLICT", "SV-1"));
  it("refuses one before the assignment (422)", () => spec.given(handling()).when(supervise({ at: "2024-02-01T10:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses one in the future (422)", () => spec.given(handling()).when(supervise({ at: "2025-02-01T10:00:00+08:00" })).thenThrows("CLAIMED_TIME_OUTSIDE_GRACE"));
});

describe("extension requests", () => {
  it("the lead unit asks for a later due date", () => spec.given(handling()).when(requestExtension()).then([extensionRequested()]));
  it("the office grants it with the extension, which answers the request", () => {
    spec.given([...handling(), extensionRequested()]).when({ type: "ExtendDeadline", data: { suggestionId: SID, newDueAt: "2024-07-01T23:59:59.999+08:00", reason: "同意", grantedAt: "2024-05-10T10:00:00+08:00" }, metadata: meta(office) }).then([extended({ reason: "同意" })]);
    expect(foldEvents(suggestionDecider, [...handling(), extensionRequested(), extended()]).extensionRequest).toBeUndefined();
  });
  it("the office refuses it; the due date stays", () => {
    spec.given([...handling(), extensionRequested()]).when(refuseExtension()).then([{ type: "ExtensionRequestRefused", data: { suggestionId: SID, reason: "理由不充分", refusedAt: "2024-05-11T09:00:00+08:00" } }]);
    const state = foldEvents(suggestionDecider, [...handling(), extensionRequested(), { type: "ExtensionRequestRefused", data: { suggestionId: SID, reason: "理由不充分", refusedAt: "2024-05-11T09:00:00+08:00" } }]);
    expect(state.dueAt).toBe("2024-06-01T23:59:59.999+08:00");
    expect(state.extensionRequest).toBeUndefined();
  });
  it("after a refusal the unit may ask again", () =>
    spec
      .given([...handling(), extensionRequested(), { type: "ExtensionRequestRefused", data: { suggestionId: SID, reason: "理由不充分", refusedAt: "2024-05-11T09:00:00+08:00" } }])
      .when(requestExtension({ at: "2024-05-12T09:00:00+08:00" }))
      .then([extensionRequested({ requestedAt: "2024-05-12T09:00:00+08:00" })]));
  it("refuses a second request while one is pending (409)", () => spec.given([...handling(), extensionRequested()]).when(requestExtension()).thenThrows("CONFLICT", "awaits"));
  it.each([coUnit, unit("U-OTHER")])("refuses %j: only the lead unit asks (403)", (actor) => spec.given(handling()).when(requestExtension({}, actor)).thenThrows("FORBIDDEN"));
  it.each([office, lead, auditor])("refuses %j (403)", (actor) => spec.given(handling()).when(requestExtension({}, actor)).thenThrows("FORBIDDEN"));
  it("refuses a replied suggestion (409)", () => spec.given(throughReply()).when(requestExtension()).thenThrows("CONFLICT"));
  it("refuses a requested due date not after the one in force (422)", () =>
    spec.given(handling()).when(requestExtension({ requestedDueAt: "2024-05-30T23:59:59.999+08:00" })).thenThrows("DOMAIN_RULE", "requestedDueAt"));
  it("refuses a request after the due date it would extend (422 extension-after-due)", () =>
    spec.given(handling()).when(requestExtension({ at: "2024-06-02T09:00:00+08:00" })).thenThrows("EXTENSION_AFTER_DUE"));
  it("refusing without a pending request is 409", () => spec.given(handling()).when(refuseExtension()).thenThrows("CONFLICT", "no extension request"));
  it.each([leadUnit, lead])("refusing is the office's (403 for %j)", (actor) => spec.given([...handling(), extensionRequested()]).when(refuseExtension(undefined, actor)).thenThrows("FORBIDDEN"));
  it("refuses a refusal before the request (422)", () => spec.given([...handling(), extensionRequested()]).when(refuseExtension("2024-05-09T09:00:00+08:00")).thenThrows("DOMAIN_RULE"));
  it("a pending request lapses with the reply", () =>
    expect(foldEvents(suggestionDecider, [...handling(), extensionRequested(), replied()]).extensionRequest).toBeUndefined());
});

describe("return requests (退回/改办)", () => {
  it("the lead unit asks within 7 working days of the assignment", () => spec.given(handling()).when(requestReturn()).then([returnRequested()]));
  it("refuses one after the 7th working day (422 on at)", () =>
    spec.given(handling()).when(requestReturn("2024-03-13T09:00:00+08:00")).thenThrows("DOMAIN_RULE", "7 working days"));
  it("counts Monday to Friday: the weekend does not count", () => {
    // Assigned Friday 2024-03-01: Saturday 9 March is still within the window (5 working days), Wednesday 13 March is not.
    spec.given(handling()).when(requestReturn("2024-03-09T10:00:00+08:00")).then([returnRequested("2024-03-09T10:00:00+08:00")]);
  });
  it("the office reassigns: a new lead unit, a new due date from the new assignment, round 1", () => {
    spec.given([...handling(), returnRequested()]).when(reassign()).then([reassigned()]);
    const state = foldEvents(suggestionDecider, [...handling(), returnRequested(), reassigned()]);
    expect(state).toMatchObject({ status: "assigned", round: 1, dueAt: "2024-06-14T23:59:59.999+08:00", roundDueAt: "2024-06-14T23:59:59.999+08:00", returnRequest: undefined });
    expect(state.assignment?.leadUnitId).toBe(NEW_UNIT);
  });
  it("after the reassignment the new lead unit handles it and the old one no longer may", () => {
    const history = [...handling(), returnRequested(), reassigned()];
    spec.given(history).when({ type: "RecordHandlingStep", data: { suggestionId: SID, unitId: NEW_UNIT, kind: "plan", occurredAt: "2024-03-15T10:00:00+08:00", recordedVia: "online" }, metadata: meta(unit(NEW_UNIT)) }).then([step({ unitId: NEW_UNIT, occurredAt: "2024-03-15T10:00:00+08:00" })]);
    spec.given(history).when(requestExtension()).thenThrows("FORBIDDEN");
  });
  it("the reassignment keeps the policy of the assignment it replaces unless it names one", () =>
    spec
      .given([submitted(), preReviewed("accept"), assigned({ policy: { name: "session-close", version: 1 } }), returnRequested()])
      .when(reassign())
      .then([reassigned({ policy: { name: "session-close", version: 1 } })]));
  it("the reassignment refuses an unknown policy (422)", () =>
    spec.given([...handling(), returnRequested()]).when(reassign({ policy: { name: "no-such-policy" } })).thenThrows("DOMAIN_RULE", "unknown deadline policy"));
  it("the office refuses the return: the unit keeps it", () => {
    spec.given([...handling(), returnRequested()]).when(refuseReturn()).then([{ type: "ReturnRequestRefused", data: { suggestionId: SID, reason: "属于本单位职责", refusedAt: "2024-03-13T09:00:00+08:00" } }]);
  });
  it("refuses a reassignment without a return request (409)", () => spec.given(handling()).when(reassign()).thenThrows("CONFLICT"));
  it("refuses a reassignment before the request (422)", () =>
    spec.given([...handling(), returnRequested()]).when(reassign({ assignedAt: "2024-03-12T09:00:00+08:00" })).thenThrows("DOMAIN_RULE"));
  it("refuses a second request while one is pending (409)", () => spec.given([...handling(), returnRequested()]).when(requestReturn()).thenThrows("CONFLICT"));
  it("refuses a request once replied (409)", () => spec.given(throughReply()).when(requestReturn()).thenThrows("CONFLICT"));
  it.each([coUnit, office, lead])("refuses a request by %j (403)", (actor) => spec.given(handling()).when(requestReturn(undefined, actor)).thenThrows("FORBIDDEN"));
  it.each([leadUnit, lead])("refuses a reassignment by %j (403)", (actor) => spec.given([...handling(), returnRequested()]).when(reassign({}, actor)).thenThrows("FORBIDDEN"));
  it("refusing without a pending request is 409", () => spec.given(handling()).when(refuseReturn()).thenThrows("CONFLICT", "no return request"));
});

describe("voiding", () => {
  const withIds = <E extends object>(events: readonly E[]) => events.map((event, i) => ({ id: `e${i + 1}`, ...event }));
  const voidCommand = (eventId: string) => ({ type: "VoidEvent" as const, data: { eventId, reason: "entered by mistake" }, metadata: meta(office) });

  it("a voided reassignment restores the first assignment, its due date and the pending request", () => {
    const events = withIds([...handling(), returnRequested(), reassigned()]);
    const [voiding] = decideVoid(suggestionDecider, `suggestion-${SID}`, events, voidCommand("e5"));
    expect(voiding).toMatchObject({ type: "EventVoided", data: { eventId: "e5", voidedType: "SuggestionReassigned" } });
    const state = foldStream(suggestionDecider, [...events, { id: "v1", ...(voiding as object) } as never]);
    expect(state).toMatchObject({ status: "assigned", dueAt: "2024-06-01T23:59:59.999+08:00", returnRequest: { unitId: LEAD_UNIT } });
    expect(state.assignment?.leadUnitId).toBe(LEAD_UNIT);
  });
  it("a request the office answered cannot be voided before its answer (409)", () =>
    spec.given(withIds([...handling(), returnRequested(), reassigned()])).whenVoiding(voidCommand("e4"), `suggestion-${SID}`).thenThrows("CONFLICT"));
  it("a supervision act can be voided", () =>
    spec
      .given(withIds([...handling(), supervised()]))
      .whenVoiding(voidCommand("e4"), `suggestion-${SID}`)
      .then([{ type: "EventVoided", data: { streamId: `suggestion-${SID}`, eventId: "e4", voidedType: "SupervisionRecorded", reason: "entered by mistake", voidedAt: meta(office).now } }]));
});
