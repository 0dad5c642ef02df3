import { isLedgerError, isLedgerErrorOf, NotFoundError } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { apiErrorCodes, PayloadTooLargeError, RateLimitedError, UnauthenticatedError } from "./http-errors.js";

describe("the HTTP-only errors", () => {
  const httpOnly = [new UnauthenticatedError("who?"), new PayloadTooLargeError("big"), new RateLimitedError("slow")];

  it("are ledger errors of their code under the one guard, given the API's codes", () => {
    expect(httpOnly.map((error) => [error.name, error.code])).toEqual([
      ["UnauthenticatedError", "UNAUTHENTICATED"],
      ["PayloadTooLargeError", "PAYLOAD_TOO_LARGE"],
      ["RateLimitedError", "RATE_LIMITED"],
    ]);
    for (const error of httpOnly) {
      expect(isLedgerError(error, apiErrorCodes)).toBe(true);
      expect(isLedgerErrorOf(error, error.code)).toBe(true);
    }
    expect(isLedgerError(new NotFoundError("gone"), apiErrorCodes)).toBe(true);
  });

  it("are not domain errors: the guard's default codes are the domain's", () => {
    for (const error of httpOnly) expect(isLedgerError(error)).toBe(false);
    expect(isLedgerError(new NotFoundError("gone"))).toBe(true);
  });

  it("are matched by code, not class", () => {
    const lookalike = Object.assign(new Error("duplicate module"), { code: "RATE_LIMITED", errors: undefined });
    expect(isLedgerError(lookalike, apiErrorCodes)).toBe(true);
    expect(isLedgerErrorOf(lookalike, "RATE_LIMITED")).toBe(true);
    expect(isLedgerError(Object.assign(new Error("sqlite"), { code: "SQLITE_BUSY" }), apiErrorCodes)).toBe(false);
  });
});
