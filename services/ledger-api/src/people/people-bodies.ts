import { boundedText, idSchema, isoDateTimeSchema, longTextSchema, opinionSchema, reasonSchema } from "@duty-ledger/domain";
import { z } from "zod";

/**
 * The clear `people` of a write body (personal-data.md): who the contact or opinion names. The
 * write API seals each entry under the person's own key before the command is decided; the log
 * never sees these fields in clear.
 */

/** A mainland mobile (`1[3-9]` + 9 digits) or a landline with its area code, digits and `-` only. */
const phoneSchema = z.string().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/u, "must be a mainland mobile (11 digits) or a landline with its area code");
/** An 18-character resident ID number (17 digits and a check digit or X). */
const idNumberSchema = z.string().regex(/^[1-9]\d{16}[\dX]$/u, "must be an 18-character resident ID number");

export const clearPersonSchema = z.strictObject({
  /** The caller's stable id for the person (e.g. a station's register number); the ledger keeps one key per person id. */
  personId: idSchema,
  name: boundedText(64),
  phone: phoneSchema.optional(),
  idNumber: idNumberSchema.optional(),
});
export type ClearPerson = z.infer<typeof clearPersonSchema>;

export const clearPeopleSchema = z
  .array(clearPersonSchema)
  .min(1)
  .max(200)
  .refine((list) => new Set(list.map((p) => p.personId)).size === list.length, "personIds must be unique");

/** An opinion of a body: its text, and the people who voiced it in clear. */
export const clearOpinionSchema = opinionSchema.extend({ text: longTextSchema, people: clearPeopleSchema.optional() });

/** POST /v1/people/:id/erasure (office): when (a claimed time) and why. */
export const erasureBody = z.strictObject({ at: isoDateTimeSchema, reason: reasonSchema });
