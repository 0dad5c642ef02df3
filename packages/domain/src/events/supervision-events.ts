import { z } from "zod";
import { idSchema, isoDateTimeSchema, longTextSchema, nameSchema } from "../primitives.js";
import { defineEvent } from "./define-event.js";
import { reasonSchema } from "./event-fields.js";
import { suggestionAssignedSchema } from "./suggestion-events.js";

/**
 * 督办 and the lead unit's requests on a suggestion (design/voice-and-supervision.md), stream
 * `suggestion-<id>`: the office's supervision acts, the unit's request for more time and its
 * request to hand the suggestion back (退回/改办), and the office's answers.
 */

export const supervisionKinds = ["warning", "leader-supervision", "site-review", "interview"] as const;
export type SupervisionKind = (typeof supervisionKinds)[number];
export const supervisionKindSchema = z.enum(supervisionKinds);
export const supervisionKindLabels: Readonly<Record<SupervisionKind, string>> = {
  warning: "督办提醒",
  "leader-supervision": "领导督办",
  "site-review": "现场督办",
  interview: "约谈",
};

/** A supervision act of the office: a warning shows on the lead unit's desk until the unit's next step. */
export const supervisionRecordedSchema = z.strictObject({
  suggestionId: idSchema,
  supervisionId: idSchema,
  kind: supervisionKindSchema,
  /** When the act took place (the body's `at`). */
  supervisedAt: isoDateTimeSchema,
  /** Who supervised (a leader, the office's clerk…). */
  by: nameSchema,
  note: longTextSchema,
});

/** The lead unit asks for a later due date; the office grants it (`DeadlineExtended`) or refuses it. */
export const extensionRequestedSchema = z.strictObject({
  suggestionId: idSchema,
  unitId: idSchema,
  requestedDueAt: isoDateTimeSchema,
  reason: reasonSchema,
  requestedAt: isoDateTimeSchema,
});

export const extensionRequestRefusedSchema = z.strictObject({
  suggestionId: idSchema,
  reason: reasonSchema,
  refusedAt: isoDateTimeSchema,
});

/** The lead unit asks to hand the suggestion back (退回/改办), within 7 working days of its assignment. */
export const returnRequestedSchema = z.strictObject({
  suggestionId: idSchema,
  unitId: idSchema,
  reason: reasonSchema,
  requestedAt: isoDateTimeSchema,
});

export const returnRequestRefusedSchema = z.strictObject({
  suggestionId: idSchema,
  reason: reasonSchema,
  refusedAt: isoDateTimeSchema,
});

/** 改办: the office answers a return request with a new assignment (a new due date from it, round 1 again). */
export const suggestionReassignedSchema = suggestionAssignedSchema.extend({
  /** The lead unit that asked to hand it back. */
  previousLeadUnitId: idSchema,
});

const ofSuggestion = (d: { readonly suggestionId: string }): string => d.suggestionId;

export const supervisionEventDefinitions = [
  defineEvent({
    type: "SupervisionRecorded",
    stream: "suggestion",
    schema: supervisionRecordedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.supervisedAt,
    summary: (d) => `${supervisionKindLabels[d.kind]}（${d.by}） / Supervision: ${d.kind}`,
  }),
  defineEvent({
    type: "ExtensionRequested",
    stream: "suggestion",
    schema: extensionRequestedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.requestedAt,
    summary: (d) => `${d.unitId} 申请延期 / Extension requested by ${d.unitId}`,
  }),
  defineEvent({
    type: "ExtensionRequestRefused",
    stream: "suggestion",
    schema: extensionRequestRefusedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.refusedAt,
    summary: () => `延期申请不予同意 / Extension request refused`,
  }),
  defineEvent({
    type: "ReturnRequested",
    stream: "suggestion",
    schema: returnRequestedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.requestedAt,
    summary: (d) => `${d.unitId} 申请退回改办 / Return requested by ${d.unitId}`,
  }),
  defineEvent({
    type: "ReturnRequestRefused",
    stream: "suggestion",
    schema: returnRequestRefusedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.refusedAt,
    summary: () => `退回申请不予同意 / Return request refused`,
  }),
  defineEvent({
    type: "SuggestionReassigned",
    stream: "suggestion",
    schema: suggestionReassignedSchema,
    entityId: ofSuggestion,
    occurredAt: (d) => d.assignedAt,
    summary: (d) => `建议改办至 ${d.leadUnitId} / Reassigned to ${d.leadUnitId}`,
  }),
] as const;
