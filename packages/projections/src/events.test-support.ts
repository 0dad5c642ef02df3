// Builders of domain events for the projection tests (excluded from the build).
import type { DutyEventType, EventData, EventOf } from "@duty-ledger/domain";
import type { GivenProjectionEvent } from "@duty-ledger/testing";

type Given<T extends DutyEventType> = EventOf<T> & { id: string; recordedAt?: string; backfillId?: string };

const build = <T extends DutyEventType>(
  type: T,
  id: string,
  data: EventData<T>,
): Given<T> => ({ type, data, id }) as Given<T>;

export const deputyRegistered = (id: string, deputyId: string, fields: Partial<EventData<"DeputyRegistered">> = {}) =>
  build("DeputyRegistered", id, {
    deputyId,
    name: "王代表",
    level: "county",
    term: "2023-2028",
    constituency: "第一选区",
    registeredAt: "2023-12-01T09:00:00+08:00",
    ...fields,
  });

export const deputyCorrected = (id: string, deputyId: string, fields: Partial<EventData<"DeputyCorrected">> = {}) =>
  build("DeputyCorrected", id, { deputyId, reason: "更正", correctedAt: "2024-02-01T09:00:00+08:00", ...fields });

export const unitRegistered = (id: string, unitId: string) =>
  build("UnitRegistered", id, { unitId, name: "住建局", registeredAt: "2023-12-01T09:00:00+08:00" });

export const unitCorrected = (id: string, unitId: string, fields: Partial<EventData<"UnitCorrected">> = {}) =>
  build("UnitCorrected", id, { unitId, reason: "更正名称", correctedAt: "2024-02-01T09:00:00+08:00", ...fields });

export const contactRecorded = (id: string, contactId: string, fields: Partial<EventData<"ContactRecorded">> = {}) =>
  build("ContactRecorded", id, {
    contactId,
    deputyIds: ["D-1"],
    channel: "station",
    stationId: "ST-1",
    occurredAt: "2024-03-05T10:00:00+08:00",
    constituents: 12,
    topic: "老旧小区改造",
    summary: "听取群众意见",
    opinions: [
      { opinionId: `${contactId}-o1`, text: "加装电梯" },
      { opinionId: `${contactId}-o2`, text: "停车难" },
    ],
    ...fields,
  });

export const feedbackGiven = (id: string, contactId: string, opinionIds: string[], feedbackAt = "2024-04-01T10:00:00+08:00") =>
  build("ContactFeedbackGiven", id, { contactId, opinionIds, feedbackAt, text: "已反馈" });

export const submitted = (id: string, suggestionId: string, fields: Partial<EventData<"SuggestionSubmitted">> = {}) =>
  build("SuggestionSubmitted", id, {
    suggestionId,
    leadDeputyId: "D-1",
    coSignerIds: ["D-2"],
    title: "关于加装电梯的建议",
    body: "建议加快老旧小区加装电梯",
    phase: "session",
    session: "2024",
    submittedAt: "2024-01-15T10:00:00+08:00",
    sourceOpinionIds: [],
    confidential: false,
    ...fields,
  });

export const revised = (id: string, suggestionId: string, title = "修改后的建议") =>
  build("SuggestionRevised", id, { suggestionId, title, body: "修改稿", revisedAt: "2024-01-20T10:00:00+08:00" });

export const preReviewed = (id: string, suggestionId: string, outcome: "accept" | "revise" | "return", reviewedAt = "2024-01-18T10:00:00+08:00") =>
  build("SuggestionPreReviewed", id, { suggestionId, outcome, reason: "预审", reviewedAt });

export const assigned = (id: string, suggestionId: string, fields: Partial<EventData<"SuggestionAssigned">> = {}) =>
  build("SuggestionAssigned", id, {
    suggestionId,
    leadUnitId: "U-1",
    coUnitIds: ["U-2"],
    assignedAt: "2024-02-01T10:00:00+08:00",
    complex: false,
    dueAt: "2024-05-01T23:59:59.999+08:00",
    policy: { name: "national-default", version: 1 },
    ...fields,
  });

export const step = (id: string, suggestionId: string, fields: Partial<EventData<"HandlingStepRecorded">> = {}) =>
  build("HandlingStepRecorded", id, {
    suggestionId,
    unitId: "U-1",
    kind: "plan",
    occurredAt: "2024-02-10T10:00:00+08:00",
    recordedVia: "online",
    ...fields,
  });

export const replied = (id: string, suggestionId: string, fields: Partial<EventData<"SuggestionReplied">> = {}) =>
  build("SuggestionReplied", id, {
    suggestionId,
    unitId: "U-1",
    category: "A",
    repliedAt: "2024-04-01T10:00:00+08:00",
    text: "答复",
    round: 1,
    ...fields,
  });

export const published = (id: string, suggestionId: string, fields: Partial<EventData<"ReplyPublished">> = {}) =>
  build("ReplyPublished", id, { suggestionId, publishedAt: "2024-04-05T10:00:00+08:00", round: 1, ...fields });

export const extended = (id: string, suggestionId: string, fields: Partial<EventData<"DeadlineExtended">> = {}) =>
  build("DeadlineExtended", id, {
    suggestionId,
    previousDueAt: "2024-05-01T23:59:59.999+08:00",
    newDueAt: "2024-06-01T23:59:59.999+08:00",
    reason: "情况复杂",
    grantedAt: "2024-03-01T10:00:00+08:00",
    ...fields,
  });

export const evaluated = (
  id: string,
  suggestionId: string,
  rating: "satisfied" | "basically-satisfied" | "unsatisfied",
  fields: Partial<EventData<"SuggestionEvaluated">> = {},
) =>
  build("SuggestionEvaluated", id, {
    suggestionId,
    deputyId: "D-1",
    rating,
    evaluatedAt: "2024-04-10T10:00:00+08:00",
    round: 1,
    ...(rating === "unsatisfied" ? { rehandleDueAt: "2024-05-10T23:59:59.999+08:00", policy: { name: "national-default", version: 1 } } : {}),
    ...fields,
  } as EventData<"SuggestionEvaluated">);

export const voided = (id: string, streamId: string, eventId: string, voidedType: string, voidedAt = "2024-06-01T10:00:00+08:00") =>
  build("EventVoided", id, { streamId, eventId, voidedType, reason: "录入错误", voidedAt });

export const participationConfirmed = (id: string, contactId: string, deputyId: string, confirmedAt = "2024-04-02T10:00:00+08:00") =>
  build("ContactParticipationConfirmed", id, { contactId, deputyId, confirmedAt });

export const coSignatureDecided = (id: string, suggestionId: string, deputyId: string, decision: "accept" | "decline" = "accept", decidedAt = "2024-01-16T10:00:00+08:00") =>
  build("CoSignatureDecided", id, { suggestionId, deputyId, decision, decidedAt });

/** The event as written under a backfill (`metadata.backfillId`). */
export const underBackfill = <E extends { id: string }>(event: E, backfillId = "B-1"): E & { backfillId: string } => ({ ...event, backfillId });

/** The events given to a specification. */
export type SpecEvents = GivenProjectionEvent[];

export const supervised = (id: string, suggestionId: string, fields: Partial<EventData<"SupervisionRecorded">> = {}) =>
  build("SupervisionRecorded", id, {
    suggestionId,
    supervisionId: `SV-${id}`,
    kind: "warning",
    supervisedAt: "2024-03-01T10:00:00+08:00",
    by: "王主任",
    note: "请加快办理。",
    ...fields,
  });
