import { domainErrorCodes, LedgerError, type DomainErrorCode } from "@duty-ledger/domain";

/**
 * The HTTP layer's own errors: only the HTTP edge throws them (the deciders throw the domain's,
 * see `@duty-ledger/domain`'s errors). Both share `LedgerError` and its code-based guard.
 */

export type HttpErrorCode =
  | "UNAUTHENTICATED" // 401
  | "PAYLOAD_TOO_LARGE" // 413
  | "RATE_LIMITED"; // 429

export const httpErrorCodes: readonly HttpErrorCode[] = ["UNAUTHENTICATED", "PAYLOAD_TOO_LARGE", "RATE_LIMITED"];

export class UnauthenticatedError extends LedgerError<"UNAUTHENTICATED"> {
  readonly code = "UNAUTHENTICATED";
}
export class PayloadTooLargeError extends LedgerError<"PAYLOAD_TOO_LARGE"> {
  readonly code = "PAYLOAD_TOO_LARGE";
}
export class RateLimitedError extends LedgerError<"RATE_LIMITED"> {
  readonly code = "RATE_LIMITED";
}

/** Every code an answer of the API can carry: the domain's and the HTTP layer's (guard: `isLedgerError(error, apiErrorCodes)`). */
export type ApiErrorCode = DomainErrorCode | HttpErrorCode;

export const apiErrorCodes: readonly ApiErrorCode[] = [...domainErrorCodes, ...httpErrorCodes];
