import { z } from "zod";
import { idSchema, isoDateTimeSchema } from "../primitives.js";
import { roles } from "../vocabulary.js";
import { defineEvent } from "./define-event.js";
import { reasonSchema } from "./event-fields.js";

/**
 * The backfill grant (trust.md, "Two times on every fact"), stream `backfill-<id>`: the office
 * lets one actor enter old paper records, until `expiresAt`, with claimed times in `[from, to]`
 * whatever the recording grace. The events written under it carry `metadata.backfillId`.
 */

export const backfillGrantedSchema = z.strictObject({
  backfillId: idSchema,
  actorRole: z.enum(roles).exclude(["auditor"]),
  actorId: idSchema,
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  reason: reasonSchema,
  expiresAt: isoDateTimeSchema,
  /** The server's clock when the office granted it. */
  grantedAt: isoDateTimeSchema,
});

export const backfillEventDefinitions = [
  defineEvent({
    type: "BackfillGranted",
    stream: "backfill",
    schema: backfillGrantedSchema,
    entityId: (d) => d.backfillId,
    occurredAt: (d) => d.grantedAt,
    summary: (d) => `准许补录（${d.actorRole} ${d.actorId}，${d.from} 至 ${d.to}） / Backfill granted to ${d.actorRole} ${d.actorId}`,
  }),
] as const;
