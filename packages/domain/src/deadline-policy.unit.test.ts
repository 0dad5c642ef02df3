import { describe, expect, it } from "vitest";
import {
  deadlinePolicySchema,
  dueDateForAssignment,
  dueDateForRehandling,
  endOfDayMonthsAfter,
  extensionLimit,
  findPolicy,
  getPolicy,
  nationalDefaultPolicy,
  policies,
  sessionClosePolicy,
  type DeadlinePolicy,
} from "./deadline-policy.js";
import { isLedgerErrorOf } from "./errors.js";

const policy = nationalDefaultPolicy;

describe("national-default v1", () => {
  it("is named, versioned data that validates", () => {
    expect(policy).toMatchObject({ name: "national-default", version: 1, replyMonths: 3, complexReplyMonths: 6, rehandleMonths: 1, extensionCapMonths: null });
    for (const p of policies) expect(deadlinePolicySchema.parse(p)).toEqual(p);
  });

  it("makes the reply due 3 months after assignment, at the end of that day in Shanghai", () => {
    expect(dueDateForAssignment(policy, "2024-03-01T09:30:00+08:00", false)).toBe("2024-06-01T23:59:59.999+08:00");
  });

  it("makes the reply due 6 months after assignment when complex", () => {
    expect(dueDateForAssignment(policy, "2024-03-01T09:30:00+08:00", true)).toBe("2024-09-01T23:59:59.999+08:00");
  });

  it.each([
    ["2024-11-30T10:00:00+08:00", false, "2025-02-28T23:59:59.999+08:00"], // Nov 30 + 3 = Feb 28 (common year)
    ["2023-11-30T10:00:00+08:00", false, "2024-02-29T23:59:59.999+08:00"], // Nov 30 + 3 = Feb 29 (leap year)
    ["2023-11-29T10:00:00+08:00", false, "2024-02-29T23:59:59.999+08:00"],
    ["2024-08-31T10:00:00+08:00", true, "2025-02-28T23:59:59.999+08:00"], // Aug 31 + 6 = Feb 28
    ["2024-03-31T10:00:00+08:00", false, "2024-06-30T23:59:59.999+08:00"], // Mar 31 + 3 = Jun 30
    ["2024-12-31T10:00:00+08:00", false, "2025-03-31T23:59:59.999+08:00"], // across the year
    ["2024-10-15T10:00:00+08:00", false, "2025-01-15T23:59:59.999+08:00"],
  ])("clamps month ends: assigned %s (complex %s) -> due %s", (assignedAt, complex, due) => {
    expect(dueDateForAssignment(policy, assignedAt, complex)).toBe(due);
  });

  it("counts the calendar day in Shanghai, not in UTC, whatever offset the time was given in", () => {
    // 2024-11-30T20:00Z is already 2024-12-01 04:00 in Shanghai.
    expect(dueDateForAssignment(policy, "2024-11-30T20:00:00Z", false)).toBe("2025-03-01T23:59:59.999+08:00");
    // 2024-12-01T00:30+08:00 is still Nov 30 in UTC; the Shanghai day counts.
    expect(dueDateForAssignment(policy, "2024-12-01T00:30:00+08:00", false)).toBe("2025-03-01T23:59:59.999+08:00");
    // A time given with another offset is the same instant.
    expect(dueDateForAssignment(policy, "2024-03-01T01:30:00+00:00", false)).toBe("2024-06-01T23:59:59.999+08:00");
  });

  it("is at the end of the day for assignments at the very start or end of a day", () => {
    expect(dueDateForAssignment(policy, "2024-03-01T00:00:00+08:00", false)).toBe("2024-06-01T23:59:59.999+08:00");
    expect(dueDateForAssignment(policy, "2024-03-01T23:59:59.999+08:00", false)).toBe("2024-06-01T23:59:59.999+08:00");
  });

  it("keeps +08:00 all year round (Shanghai has no DST), across the dates other zones switch", () => {
    for (const assignedAt of ["2024-01-10T12:00:00+08:00", "2024-03-10T12:00:00+08:00", "2024-07-10T12:00:00+08:00", "2024-10-27T12:00:00+08:00", "2024-11-03T12:00:00+08:00"]) {
      const due = dueDateForAssignment(policy, assignedAt, false);
      expect(due).toMatch(/T23:59:59\.999\+08:00$/);
      expect(new Date(due).getUTCHours()).toBe(15);
    }
  });

  it("is a real instant one millisecond before the next Shanghai midnight", () => {
    const due = dueDateForAssignment(policy, "2024-03-01T09:30:00+08:00", false);
    expect(Date.parse(due) + 1).toBe(Date.parse("2024-06-02T00:00:00+08:00"));
  });

  it("gives re-handling 1 month after an unsatisfied evaluation", () => {
    expect(dueDateForRehandling(policy, "2024-06-10T10:00:00+08:00")).toBe("2024-07-10T23:59:59.999+08:00");
    expect(dueDateForRehandling(policy, "2024-01-31T10:00:00+08:00")).toBe("2024-02-29T23:59:59.999+08:00");
    expect(dueDateForRehandling(policy, "2025-01-31T10:00:00+08:00")).toBe("2025-02-28T23:59:59.999+08:00");
    expect(dueDateForRehandling(policy, "2024-12-31T18:00:00Z")).toBe("2025-02-01T23:59:59.999+08:00");
  });

  it("does not cap extensions", () => {
    expect(extensionLimit(policy, "2024-06-01T23:59:59.999+08:00")).toBeNull();
  });

  it("ignores the session's close (its clock starts at assignment)", () => {
    expect(dueDateForAssignment(policy, "2024-03-20T09:30:00+08:00", false, { phase: "session", sessionClosedAt: "2024-03-11T12:00:00+08:00" })).toBe(
      "2024-06-20T23:59:59.999+08:00",
    );
  });
});

describe("options (policy session-close v1)", () => {
  const options = sessionClosePolicy;

  it("starts the clock at the session's close for suggestions made during the session", () => {
    expect(dueDateForAssignment(options, "2024-03-20T09:30:00+08:00", false, { phase: "session", sessionClosedAt: "2024-03-11T12:00:00+08:00" })).toBe(
      "2024-06-11T23:59:59.999+08:00",
    );
    expect(dueDateForAssignment(options, "2024-03-20T09:30:00+08:00", true, { phase: "session", sessionClosedAt: "2024-03-11T12:00:00+08:00" })).toBe(
      "2024-09-11T23:59:59.999+08:00",
    );
  });

  it("starts the clock at assignment for suggestions made in recess", () => {
    expect(dueDateForAssignment(options, "2024-03-20T09:30:00+08:00", false, { phase: "recess" })).toBe("2024-06-20T23:59:59.999+08:00");
  });

  it("refuses (422) a session suggestion when the session's close is unknown", () => {
    let error: unknown;
    try {
      dueDateForAssignment(options, "2024-03-20T09:30:00+08:00", false, { phase: "session" });
    } catch (e) {
      error = e;
    }
    expect(isLedgerErrorOf(error, "DOMAIN_RULE")).toBe(true);
  });

  it("gives re-handling 2 months", () => {
    expect(dueDateForRehandling(options, "2024-06-10T10:00:00+08:00")).toBe("2024-08-10T23:59:59.999+08:00");
  });

  it("caps extensions at 3 months after the due date before extensions", () => {
    expect(extensionLimit(options, "2024-06-01T23:59:59.999+08:00")).toBe("2024-09-01T23:59:59.999+08:00");
    expect(extensionLimit(options, "2024-11-30T23:59:59.999+08:00")).toBe("2025-02-28T23:59:59.999+08:00");
  });
});

describe("the policy registry", () => {
  const v2: DeadlinePolicy = { ...nationalDefaultPolicy, version: 2, replyMonths: 2 };
  const registry = [nationalDefaultPolicy, v2];

  it("finds a policy by name and version, or the latest version", () => {
    expect(getPolicy("national-default")).toBe(nationalDefaultPolicy);
    expect(getPolicy("national-default", 1, registry)).toBe(nationalDefaultPolicy);
    expect(getPolicy("national-default", undefined, registry)).toBe(v2);
    expect(findPolicy("session-close", 1)).toBe(sessionClosePolicy);
  });

  it("refuses an unknown name or version with a 422", () => {
    expect(findPolicy("nowhere")).toBeUndefined();
    expect(() => getPolicy("nowhere")).toThrow(/unknown deadline policy nowhere/);
    expect(() => getPolicy("national-default", 9)).toThrow(/v9/);
    try {
      getPolicy("nowhere");
    } catch (error) {
      expect(isLedgerErrorOf(error, "DOMAIN_RULE")).toBe(true);
    }
  });

  it("a later version does not change what an earlier one computes", () => {
    expect(dueDateForAssignment(getPolicy("national-default", 1, registry), "2024-03-01T09:30:00+08:00", false)).toBe("2024-06-01T23:59:59.999+08:00");
    expect(dueDateForAssignment(getPolicy("national-default", 2, registry), "2024-03-01T09:30:00+08:00", false)).toBe("2024-05-01T23:59:59.999+08:00");
  });
});

describe("endOfDayMonthsAfter", () => {
  it("works in any IANA zone a policy names", () => {
    expect(endOfDayMonthsAfter("2024-03-01T09:30:00+08:00", 1, "UTC")).toBe("2024-04-01T23:59:59.999+00:00");
  });

  it("refuses an unparsable time", () => {
    expect(() => endOfDayMonthsAfter("not a date", 1, "Asia/Shanghai")).toThrow(/not a valid date-time/);
  });
});
