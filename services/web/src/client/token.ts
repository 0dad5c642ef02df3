/**
 * The claims of a bearer token, read (not verified: the server verifies) to know who is signed
 * in and which sections to show. A JWT's payload is base64url JSON.
 */

export const roles = ["office", "deputy", "unit", "clerk", "auditor"] as const;
export type Role = (typeof roles)[number];

export interface Claims {
  readonly sub: string;
  readonly role: Role;
  readonly stationId?: string | undefined;
  /** Seconds since the epoch, when present. */
  readonly exp?: number | undefined;
}

export type TokenProblem = "format" | "role" | "sub";

const isRole = (value: unknown): value is Role => typeof value === "string" && (roles as readonly string[]).includes(value);

const decodeBase64Url = (part: string): string => {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
};

/** The payload of a JWT (unverified), or null when `token` is not one. */
export const jwtPayload = (token: string): Record<string, unknown> | null => {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === "") return null;
  try {
    const payload: unknown = JSON.parse(decodeBase64Url(parts[1]));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

export const readClaims = (token: string): { ok: true; claims: Claims } | { ok: false; problem: TokenProblem } => {
  const record = jwtPayload(token);
  if (record === null) return { ok: false, problem: "format" };
  const sub = record["sub"];
  const role = record["role"];
  if (typeof sub !== "string" || sub === "") return { ok: false, problem: "sub" };
  if (!isRole(role)) return { ok: false, problem: "role" };
  const exp = typeof record["exp"] === "number" ? record["exp"] : undefined;
  const stationId = typeof record["stationId"] === "string" ? record["stationId"] : undefined;
  return { ok: true, claims: { sub, role, stationId, exp } };
};

export const isExpired = (claims: Claims, nowMs: number): boolean => claims.exp !== undefined && claims.exp * 1000 <= nowMs;
