import { ClaimedTimeOutsideGraceError, ConflictError, DomainRuleError, ForbiddenError, NotFoundError, ValidationError, type LedgerError } from "@duty-ledger/domain";
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError, RateLimitedError, UnauthenticatedError } from "./http-errors.js";
import { internalErrorDetail, problemFor } from "./problem.js";

describe("problemFor", () => {
  const cases: [LedgerError, number, string][] = [
    [new ValidationError("bad"), 400, "/problems/validation"],
    [new UnauthenticatedError("who?"), 401, "/problems/unauthenticated"],
    [new ForbiddenError("no"), 403, "/problems/forbidden"],
    [new NotFoundError("gone"), 404, "/problems/not-found"],
    [new ConflictError("clash"), 409, "/problems/conflict"],
    [new DomainRuleError("rule"), 422, "/problems/domain-rule"],
    [new ClaimedTimeOutsideGraceError("too old"), 422, "/problems/claimed-time-outside-grace"],
    [new PayloadTooLargeError("big"), 413, "/problems/payload-too-large"],
    [new RateLimitedError("slow"), 429, "/problems/rate-limited"],
  ];

  it.each(cases)("maps %s by its code", (error, status, type) => {
    const { problem, internal } = problemFor(error);
    expect(problem).toMatchObject({ status, type, detail: error.message, code: type.slice("/problems/".length) });
    expect(problem.title.length).toBeGreaterThan(0);
    expect(internal).toBe(false);
  });

  it("maps by code, not class (errors survive module duplication)", () => {
    const lookalike = Object.assign(new Error("duplicate module"), { code: "NOT_FOUND", errors: undefined });
    expect(problemFor(lookalike).problem.status).toBe(404);
  });

  it("lists field errors for 400 and 422", () => {
    const errors = [{ path: "opinions.0.text", message: "required" }];
    expect(problemFor(new ValidationError("bad", { errors })).problem.errors).toEqual(errors);
    expect(problemFor(new DomainRuleError("rule", { errors })).problem.errors).toEqual(errors);
    expect(problemFor(new ValidationError("bad")).problem).not.toHaveProperty("errors");
  });

  it("challenges with WWW-Authenticate on 401 only", () => {
    expect(problemFor(new UnauthenticatedError("x")).headers).toEqual({ "WWW-Authenticate": 'Bearer realm="duty-ledger"' });
    expect(problemFor(new ForbiddenError("x")).headers).toEqual({});
  });

  it("maps the event store's conflicts to 409 by code string", () => {
    for (const code of ["WRONG_EXPECTED_REVISION", "IDEMPOTENCY_CONFLICT"]) {
      const error = Object.assign(new Error('append to "suggestion-S-1" expected revision 3'), { code });
      const { problem, internal } = problemFor(error);
      expect(problem).toMatchObject({ status: 409, type: "/problems/conflict" });
      expect(problem.detail).not.toContain("suggestion-S-1");
      expect(internal).toBe(false);
    }
  });

  it("maps body-parser errors by type", () => {
    const bodyError = (type: string, status: number, message = "raw parser message"): Error =>
      Object.assign(new Error(message), { type, status, statusCode: status, expose: true });
    expect(problemFor(bodyError("entity.too.large", 413)).problem).toMatchObject({ status: 413, type: "/problems/payload-too-large" });
    const parse = problemFor(bodyError("entity.parse.failed", 400, '"secret-ish" is not valid JSON')).problem;
    expect(parse).toMatchObject({ status: 400, type: "/problems/validation", detail: "the request body is not valid JSON" });
    expect(problemFor(bodyError("encoding.unsupported", 415)).problem).toMatchObject({ status: 415, type: "/problems/unsupported-media-type" });
    expect(problemFor(bodyError("charset.unsupported", 415)).problem).toMatchObject({ status: 415 });
    expect(problemFor(bodyError("request.size.invalid", 400)).problem.status).toBe(400);
  });

  it("passes on other exposable 4xx http-errors as about:blank with the status phrase", () => {
    const error = Object.assign(new Error("Failed to decode param '%E0'"), { status: 400, expose: true });
    expect(problemFor(error).problem).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "Failed to decode param '%E0'",
    });
  });

  it("answers anything else with a generic 500 that leaks nothing", () => {
    const thrown: unknown[] = [
      new Error("SQLITE_CORRUPT at /var/lib/secret.db"),
      new TypeError("cannot read x of undefined"),
      Object.assign(new Error("internal"), { status: 503, expose: false }),
      Object.assign(new Error("not exposed"), { status: 400, expose: false }),
      "a string",
      undefined,
      null,
      { message: "plain object" },
    ];
    for (const error of thrown) {
      const { problem, internal } = problemFor(error);
      expect(problem).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500, detail: internalErrorDetail });
      expect(internal).toBe(true);
    }
  });
});
