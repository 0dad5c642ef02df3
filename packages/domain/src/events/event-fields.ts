import { z } from "zod";
import { boundedText, idSchema, longTextSchema, MAX_TEXT } from "../primitives.js";
import {
  contactChannels,
  deputyLevels,
  evaluationRatings,
  handlingStepKinds,
  preReviewOutcomes,
  recordedVias,
  replyCategories,
  suggestionPhases,
} from "../vocabulary.js";

/** The zod schemas of fields several events share: the vocabularies, labels, reasons, policies, opinions. */

export const deputyLevelSchema = z.enum(deputyLevels);
export const contactChannelSchema = z.enum(contactChannels);
export const suggestionPhaseSchema = z.enum(suggestionPhases);
export const preReviewOutcomeSchema = z.enum(preReviewOutcomes);
export const handlingStepKindSchema = z.enum(handlingStepKinds);
export const recordedViaSchema = z.enum(recordedVias);
export const replyCategorySchema = z.enum(replyCategories);
export const evaluationRatingSchema = z.enum(evaluationRatings);
export const coSignatureDecisionSchema = z.enum(["accept", "decline"]);
export type CoSignatureDecision = z.infer<typeof coSignatureDecisionSchema>;

/** A session label, e.g. `"2024"` or `"14th-2"`. */
export const sessionSchema = boundedText(32);
/** A term label, e.g. `"14th"` or `"2023-2028"`. */
export const termSchema = boundedText(64);
export const reasonSchema = boundedText(MAX_TEXT);

/** Which deadline policy computed a due date: the name and version stored in the event. */
export const policyRefSchema = z.strictObject({
  name: idSchema,
  version: z.int().min(1),
});
export type PolicyRef = z.infer<typeof policyRefSchema>;

/**
 * A person named by a contact or an opinion, as the log keeps them (personal-data.md): the
 * caller's `personId` and `sealed`, the AES-256-GCM ciphertext of `{name, phone?, idNumber?}`
 * under that person's data key (`v1.<base64url of iv, ciphertext, tag>`). The key is kept
 * outside the log; once it is destroyed the entry can never be read again.
 */
export const sealedPersonSchema = z.strictObject({
  personId: idSchema,
  sealed: z.string().regex(/^v1\.[A-Za-z0-9_-]{40,4096}$/, "must be a sealed person (v1.<base64url>)"),
});
export type SealedPerson = z.infer<typeof sealedPersonSchema>;

export const sealedPeopleSchema = z
  .array(sealedPersonSchema)
  .min(1)
  .max(200)
  .refine((list) => new Set(list.map((p) => p.personId)).size === list.length, "personIds must be unique");

export const opinionSchema = z.strictObject({
  opinionId: idSchema,
  text: longTextSchema,
  /** The people who voiced it (sealed). */
  people: sealedPeopleSchema.optional(),
});
export type Opinion = z.infer<typeof opinionSchema>;
