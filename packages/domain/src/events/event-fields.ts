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

export const opinionSchema = z.strictObject({
  opinionId: idSchema,
  text: longTextSchema,
});
export type Opinion = z.infer<typeof opinionSchema>;
