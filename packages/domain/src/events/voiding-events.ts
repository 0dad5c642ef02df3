import { z } from "zod";
import { isoDateTimeSchema } from "../primitives.js";
import type { EventDefinition } from "./define-event.js";
import { reasonSchema } from "./event-fields.js";

/**
 * The voiding: the one event that is not a fact of its stream but a statement about another
 * event of it. Only this file and `voiding.ts` (the fold that skips voided events) name it;
 * everything else reads `FactEvent`s.
 */

/**
 * Voids a mistaken event of the same stream: projections and deciders stop counting it.
 * Appended to the stream of the voided event; `streamId` names it (and so the entity).
 */
export const eventVoidedSchema = z.strictObject({
  streamId: z.string().min(1).max(80),
  eventId: z.string().min(1).max(128),
  voidedType: z.string().min(1).max(64),
  reason: reasonSchema,
  voidedAt: isoDateTimeSchema,
});

export const voidingEventType = "EventVoided";

export const voidingEventDefinition: EventDefinition<typeof voidingEventType, null, typeof eventVoidedSchema> = {
  type: voidingEventType,
  stream: null,
  schema: eventVoidedSchema,
  streamId: (d) => d.streamId,
  occurredAt: (d) => d.voidedAt,
  summary: (d) => `作废记录（${d.voidedType}）：${d.reason} / Record voided`,
};

export type EventVoided = { readonly type: typeof voidingEventType; readonly data: z.output<typeof eventVoidedSchema> };

/** Whether the event is a voiding (of another event of its stream). */
export const isVoiding = (event: { readonly type: string }): event is EventVoided => event.type === voidingEventType;
