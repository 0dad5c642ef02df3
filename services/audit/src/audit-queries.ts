import { z } from "zod";
import { parseSeal } from "./seal.js";

/** The query strings of the auditor's endpoints (`createAuditApi`), as they parse them and the OpenAPI document describes them. */

const digits = (max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, "must be an integer written in digits")
    .transform(Number)
    .pipe(z.number().int().max(max, `must be at most ${max}`));

/** `GET /v1/audit/events?from=&limit=`: `limit` 1–`maxLimit`. */
export const auditEventsQuery = (maxLimit: number) =>
  z.strictObject({
    from: digits(Number.MAX_SAFE_INTEGER).describe("the first position (inclusive); default the start").optional(),
    limit: digits(maxLimit).pipe(z.number().min(1, "must be at least 1")).describe(`events per page, 1–${maxLimit}; default 100`).optional(),
  });

/** `GET /v1/audit/verify?upTo=&seal=` */
export const verifyQuery = z.strictObject({
  upTo: digits(Number.MAX_SAFE_INTEGER).describe("verify up to this position; default the head").optional(),
  seal: z
    .string()
    .refine((text) => parseSeal(text) !== null, "must be a seal printed by `duty-ledger audit seal` (dlseal1:<events>:<sha-256>)")
    .describe("a seal printed by `duty-ledger audit seal` (dlseal1:<events>:<sha-256>): checks that the events it covers did not change")
    .optional(),
});
