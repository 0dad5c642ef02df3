import { STATUS_CODES } from "node:http";
import { isLedgerError, type FieldError } from "@duty-ledger/domain";
import { apiErrorCodes, type ApiErrorCode } from "./http-errors.js";

/** An RFC 9457 problem details document, as sent with `Content-Type: application/problem+json`. */
export interface ProblemDetails {
  /** `/problems/<kind>` for duty-ledger's kinds; `about:blank` for plain HTTP statuses. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The kind of problem, as the last segment of `type` (e.g. `claimed-time-outside-grace`); absent for plain HTTP statuses. */
  readonly code?: string;
  /** The failing fields (400, 422). */
  readonly errors?: readonly FieldError[];
  /** The request id (also in the `X-Request-Id` header and the logs). */
  readonly requestId?: string;
}

/** How an error is answered: the document, extra headers, and whether it is the server's fault. */
export interface ProblemAnswer {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  /** True for 5xx: the error is logged at error level and its message never shown. */
  readonly internal: boolean;
}

export const problemTypePrefix = "/problems/";
export const problemContentType = "application/problem+json";
export const wwwAuthenticateChallenge = 'Bearer realm="duty-ledger"';

interface Kind {
  readonly slug: string;
  readonly status: number;
  readonly title: string;
}

const kindOfCode = (code: ApiErrorCode): Kind => {
  switch (code) {
    case "VALIDATION":
      return { slug: "validation", status: 400, title: "Invalid request" };
    case "UNAUTHENTICATED":
      return { slug: "unauthenticated", status: 401, title: "Authentication required" };
    case "FORBIDDEN":
      return { slug: "forbidden", status: 403, title: "Forbidden" };
    case "NOT_FOUND":
      return { slug: "not-found", status: 404, title: "Not found" };
    case "CONFLICT":
      return { slug: "conflict", status: 409, title: "Conflict" };
    case "DOMAIN_RULE":
      return { slug: "domain-rule", status: 422, title: "Refused by a domain rule" };
    case "CLAIMED_TIME_OUTSIDE_GRACE":
      return { slug: "claimed-time-outside-grace", status: 422, title: "Claimed time outside the recording grace" };
    case "PERSONAL_DATA_IN_FREE_TEXT":
      return { slug: "personal-data-in-free-text", status: 422, title: "Personal data in free text" };
    case "EXTENSION_AFTER_DUE":
      return { slug: "extension-after-due", status: 422, title: "Extension granted after the due date" };
    case "PAYLOAD_TOO_LARGE":
      return { slug: "payload-too-large", status: 413, title: "Payload too large" };
    case "RATE_LIMITED":
      return { slug: "rate-limited", status: 429, title: "Too many requests" };
    default: {
      const _exhaustive: never = code;
      throw new Error(`unmapped error code ${String(_exhaustive)}`);
    }
  }
};

/** Event-store error codes (matched by string: http-kit does not depend on the store). */
const storeConflicts: Readonly<Record<string, string>> = {
  WRONG_EXPECTED_REVISION: "a concurrent write changed the entity; read it again and retry",
  IDEMPOTENCY_CONFLICT: "an event with the same id but other content was already recorded",
};

/** body-parser / http-errors error types and how they are answered. */
const bodyErrorTypes: Readonly<Record<string, { kind: Kind; detail: string }>> = {
  "entity.too.large": {
    kind: kindOfCode("PAYLOAD_TOO_LARGE"),
    detail: "the request body is larger than this endpoint accepts",
  },
  "entity.parse.failed": { kind: kindOfCode("VALIDATION"), detail: "the request body is not valid JSON" },
  "entity.verify.failed": { kind: kindOfCode("VALIDATION"), detail: "the request body was refused" },
  "request.aborted": { kind: kindOfCode("VALIDATION"), detail: "the request body was not received whole" },
  "request.size.invalid": { kind: kindOfCode("VALIDATION"), detail: "the request body does not match its Content-Length" },
  "encoding.unsupported": {
    kind: { slug: "unsupported-media-type", status: 415, title: "Unsupported media type" },
    detail: "the Content-Encoding of the request body is not supported",
  },
  "charset.unsupported": {
    kind: { slug: "unsupported-media-type", status: 415, title: "Unsupported media type" },
    detail: "request bodies must be UTF-8",
  },
};

const propertyOf = (error: unknown, key: string): unknown =>
  typeof error === "object" && error !== null ? (error as Record<string, unknown>)[key] : undefined;

const answer = (kind: Kind, detail: string, errors?: readonly FieldError[]): ProblemAnswer => ({
  problem: {
    type: `${problemTypePrefix}${kind.slug}`,
    title: kind.title,
    status: kind.status,
    detail,
    code: kind.slug,
    ...(errors !== undefined && errors.length > 0 ? { errors } : {}),
  },
  headers: kind.status === 401 ? { "WWW-Authenticate": wwwAuthenticateChallenge } : {},
  internal: false,
});

const plainStatus = (status: number, detail: string, internal: boolean): ProblemAnswer => ({
  problem: { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail },
  headers: {},
  internal,
});

export const internalErrorDetail = "an unexpected error occurred; it was logged with the request id";

/**
 * Maps any thrown value to its problem answer, by error code: the ledger's codes (see
 * `ApiErrorCode`), the event store's conflicts (409), body-parser's types, http-errors with
 * an exposable 4xx status; everything else is a 500 whose message is never shown.
 */
export const problemFor = (error: unknown): ProblemAnswer => {
  if (isLedgerError(error, apiErrorCodes)) return answer(kindOfCode(error.code), error.message, error.errors);

  const code = propertyOf(error, "code");
  if (typeof code === "string") {
    const detail = storeConflicts[code];
    if (detail !== undefined) return answer(kindOfCode("CONFLICT"), detail);
  }

  const type = propertyOf(error, "type");
  if (typeof type === "string") {
    const known = bodyErrorTypes[type];
    if (known !== undefined) return answer(known.kind, known.detail);
  }

  // http-errors convention: `expose` marks a client error whose message is safe to show.
  const status = propertyOf(error, "status") ?? propertyOf(error, "statusCode");
  const message = propertyOf(error, "message");
  if (typeof status === "number" && Number.isInteger(status) && status >= 400 && status < 500 && propertyOf(error, "expose") === true) {
    return plainStatus(status, typeof message === "string" ? message : (STATUS_CODES[status] ?? "client error"), false);
  }

  // The router's refusal of a path parameter that is not percent-encoded UTF-8 (e.g. `/v1/suggestions/%E4%B8`):
  // a URIError it marks 400, without `expose`.
  if (error instanceof URIError && status === 400) {
    return answer(kindOfCode("VALIDATION"), "the request path is not valid percent-encoded UTF-8");
  }

  return plainStatus(500, internalErrorDetail, true);
};
