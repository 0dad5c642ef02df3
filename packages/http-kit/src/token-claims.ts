import { z } from "zod";
import { principalRoles, type Principal } from "./principal.js";

/**
 * A token's `sub` becomes the actor of events and appears in logs: 1-128 characters (code points),
 * none of them a control (C0, DEL, C1), format (e.g. bidi overrides), surrogate, private-use or
 * unassigned character, nor a line or paragraph separator.
 */
export const printableSubject = /^[^\p{C}\p{Zl}\p{Zp}]{1,128}$/u;

/** The claims duty-ledger requires beyond a valid signature and `exp` (api-v1.md, Auth). */
export const tokenClaimsSchema = z
  .object({
    sub: z.string().regex(printableSubject, "must be 1-128 printable characters (no control characters)"),
    role: z.enum(principalRoles),
    stationId: z.string().min(1).max(200).optional(),
  })
  .refine((claims) => claims.role !== "clerk" || claims.stationId !== undefined, {
    message: "a clerk's token needs stationId",
    path: ["stationId"],
  });

/** The principal of already verified claims, or a list of what is wrong with them. */
export const principalFromClaims = (
  payload: unknown,
): { ok: true; principal: Principal } | { ok: false; problems: string[] } => {
  const parsed = tokenClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "claims"}: ${issue.message}`),
    };
  }
  const { sub, role, stationId } = parsed.data;
  return { ok: true, principal: stationId === undefined ? { id: sub, role } : { id: sub, role, stationId } };
};
