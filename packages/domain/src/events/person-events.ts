import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "../primitives.js";
import { defineEvent } from "./define-event.js";
import { reasonSchema } from "./event-fields.js";

/**
 * A person's data erased (PIPL Art. 47, personal-data.md), stream `person-<personId>`: their data
 * key was destroyed, so every sealed entry of theirs in the log can no longer be read. The event
 * names the person by the caller's id only.
 */
export const personErasedSchema = z.strictObject({
  personId: idSchema,
  erasedAt: isoDateTimeSchema,
  reason: reasonSchema,
});

export const personEventDefinitions = [
  defineEvent({
    type: "PersonErased",
    stream: "person",
    schema: personErasedSchema,
    entityId: (d) => d.personId,
    occurredAt: (d) => d.erasedAt,
    summary: (d) => `个人信息已删除：${d.personId} / Personal data erased: ${d.personId}`,
  }),
] as const;
