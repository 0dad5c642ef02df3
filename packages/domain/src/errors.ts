/**
 * The error hierarchy of duty-ledger. Every error carries a stable `code`; the HTTP layer maps
 * codes to problem+json statuses (http-kit's mapper, which also owns the HTTP-only errors:
 * `UnauthenticatedError`, `PayloadTooLargeError`, `RateLimitedError`). The domain's own errors
 * are the ones deciders throw. Guards test the code, not `instanceof`, so errors survive
 * module duplication.
 */

export interface FieldError {
  /** Dotted path of the failing field, e.g. `opinions.0.text`; `""` for the whole body. */
  readonly path: string;
  readonly message: string;
}

/** The codes of the domain's errors (the HTTP-only codes are http-kit's `HttpErrorCode`). */
export type DomainErrorCode =
  | "VALIDATION" // 400: malformed or schema-invalid input
  | "FORBIDDEN" // 403
  | "NOT_FOUND" // 404
  | "CONFLICT" // 409: conflicts with the entity's state or a concurrent write
  | "DOMAIN_RULE" // 422: a rule of the domain refuses it
  | "CLAIMED_TIME_OUTSIDE_GRACE" // 422: a claimed time lies outside the recording grace (or the backfill's window)
  | "PERSONAL_DATA_IN_FREE_TEXT" // 422: free text carries a phone or resident ID number (it belongs in `people`)
  | "EXTENSION_AFTER_DUE"; // 422: a deadline extension granted after the due date it extends

export const domainErrorCodes: readonly DomainErrorCode[] = [
  "VALIDATION",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "DOMAIN_RULE",
  "CLAIMED_TIME_OUTSIDE_GRACE",
  "PERSONAL_DATA_IN_FREE_TEXT",
  "EXTENSION_AFTER_DUE",
];

/** The base of every duty-ledger error, the domain's and the HTTP layer's alike. */
export abstract class LedgerError<Code extends string = string> extends Error {
  abstract readonly code: Code;
  readonly errors: readonly FieldError[] | undefined;

  constructor(message: string, options?: { errors?: readonly FieldError[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errors = options?.errors;
  }
}

export class ValidationError extends LedgerError<"VALIDATION"> {
  readonly code = "VALIDATION";
}
export class ForbiddenError extends LedgerError<"FORBIDDEN"> {
  readonly code = "FORBIDDEN";
}
export class NotFoundError extends LedgerError<"NOT_FOUND"> {
  readonly code = "NOT_FOUND";
}
export class ConflictError extends LedgerError<"CONFLICT"> {
  readonly code = "CONFLICT";
}
export class DomainRuleError extends LedgerError<"DOMAIN_RULE"> {
  readonly code = "DOMAIN_RULE";
}
/** A claimed time (`occurredAt`, `repliedAt`, …) too far from the server's clock (see `claimed-time.ts`). */
export class ClaimedTimeOutsideGraceError extends LedgerError<"CLAIMED_TIME_OUTSIDE_GRACE"> {
  readonly code = "CLAIMED_TIME_OUTSIDE_GRACE";
}

/** Free text carrying a mainland mobile or resident ID number (see `personal-data-in-text.ts`). */
export class PersonalDataInFreeTextError extends LedgerError<"PERSONAL_DATA_IN_FREE_TEXT"> {
  readonly code = "PERSONAL_DATA_IN_FREE_TEXT";
}

/** An extension granted after the due date it extends: a late reply would be made on time (voice-and-supervision.md). */
export class ExtensionAfterDueError extends LedgerError<"EXTENSION_AFTER_DUE"> {
  readonly code = "EXTENSION_AFTER_DUE";
}

/**
 * The one guard of the hierarchy: an `Error` whose `code` is one of `codes` — by default the
 * domain's; http-kit passes its `apiErrorCodes` (the domain's and the HTTP-only ones).
 */
export function isLedgerError(error: unknown): error is LedgerError<DomainErrorCode>;
export function isLedgerError<C extends string>(error: unknown, codes: readonly C[]): error is LedgerError<C>;
export function isLedgerError(error: unknown, codes: readonly string[] = domainErrorCodes): boolean {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && codes.includes(code);
}

/** Whether `error` is a duty-ledger error of `code` (any code, the domain's or http-kit's). */
export const isLedgerErrorOf = <C extends string>(error: unknown, code: C): error is LedgerError<C> => isLedgerError(error, [code]);
