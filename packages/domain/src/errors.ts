/**
 * The one error hierarchy of duty-ledger. Every error carries a stable `code`; the HTTP
 * layer maps codes to problem+json statuses (see `isLedgerError` and http-kit's mapper).
 * Guards test the code, not `instanceof`, so errors survive module duplication.
 */

export interface FieldError {
  /** Dotted path of the failing field, e.g. `opinions.0.text`; `""` for the whole body. */
  readonly path: string;
  readonly message: string;
}

export type LedgerErrorCode =
  | "VALIDATION" // 400: malformed or schema-invalid input
  | "UNAUTHENTICATED" // 401
  | "FORBIDDEN" // 403
  | "NOT_FOUND" // 404
  | "CONFLICT" // 409: conflicts with the entity's state or a concurrent write
  | "DOMAIN_RULE" // 422: a rule of the domain refuses it
  | "PAYLOAD_TOO_LARGE" // 413
  | "RATE_LIMITED"; // 429

export abstract class LedgerError extends Error {
  abstract readonly code: LedgerErrorCode;
  readonly errors: readonly FieldError[] | undefined;

  constructor(message: string, options?: { errors?: readonly FieldError[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errors = options?.errors;
  }
}

export class ValidationError extends LedgerError {
  readonly code = "VALIDATION";
}
export class UnauthenticatedError extends LedgerError {
  readonly code = "UNAUTHENTICATED";
}
export class ForbiddenError extends LedgerError {
  readonly code = "FORBIDDEN";
}
export class NotFoundError extends LedgerError {
  readonly code = "NOT_FOUND";
}
export class ConflictError extends LedgerError {
  readonly code = "CONFLICT";
}
export class DomainRuleError extends LedgerError {
  readonly code = "DOMAIN_RULE";
}
export class PayloadTooLargeError extends LedgerError {
  readonly code = "PAYLOAD_TOO_LARGE";
}
export class RateLimitedError extends LedgerError {
  readonly code = "RATE_LIMITED";
}

const codes: ReadonlySet<string> = new Set<LedgerErrorCode>([
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "DOMAIN_RULE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
]);

export const isLedgerError = (error: unknown): error is LedgerError => {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && codes.has(code);
};

export const isLedgerErrorOf = <C extends LedgerErrorCode>(error: unknown, code: C): error is LedgerError & { code: C } =>
  isLedgerError(error) && error.code === code;
