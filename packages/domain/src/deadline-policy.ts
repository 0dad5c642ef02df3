import { TZDate } from "@date-fns/tz";
import { addMonths, endOfDay } from "date-fns";
import { z } from "zod";
import { DomainRuleError } from "./errors.js";
import type { PolicyRef, SuggestionPhase } from "./events.js";
import { idSchema } from "./primitives.js";

/**
 * Deadline rules as named, versioned DATA. A due date is computed once, when the
 * assignment (or the unsatisfied evaluation) is recorded, and stored in the event with the
 * policy's `{name, version}`: a later policy never rewrites the past.
 * Due dates are the END of the due calendar day in the policy's time zone
 * (`23:59:59.999`, emitted with that zone's offset, e.g. `+08:00`).
 */

export const clockStarts = ["assignment", "session-close"] as const;
export type ClockStart = (typeof clockStarts)[number];

export const deadlinePolicySchema = z.strictObject({
  name: idSchema,
  version: z.int().min(1),
  description: z.string().max(2_000),
  /** IANA zone of the calendar the days are counted in. */
  timeZone: z.string().min(1),
  /** Months from the clock start to the reply's due day. */
  replyMonths: z.int().min(1).max(24),
  /** The same, when the assignment marks the suggestion complex (涉及面广、处理难度大). */
  complexReplyMonths: z.int().min(1).max(24),
  /** Months from an unsatisfied evaluation to the re-handling reply's due day. */
  rehandleMonths: z.int().min(1).max(24),
  /** Latest extended due day, in months after the due date in force before any extension; null: no cap. */
  extensionCapMonths: z.int().min(1).max(24).nullable(),
  /** `session-close`: for suggestions made during a session, the clock starts at the session's close. */
  clockStart: z.enum(clockStarts),
  /** Informational (read side): co-units give their opinion to the lead unit within this many months. */
  coUnitOpinionMonths: z.int().min(1).max(24),
  /** Informational (read side): a reply is published online within this many working days. */
  publicationWorkingDays: z.int().min(1).max(365),
});

export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

/** The default policy (domain.md): 3 months, 6 when complex, re-handling 1 month, no cap. */
export const nationalDefaultPolicy: DeadlinePolicy = {
  name: "national-default",
  version: 1,
  description: "Reply due 3 months after assignment (6 when complex), end of day Asia/Shanghai; re-handling 1 month; no extension cap.",
  timeZone: "Asia/Shanghai",
  replyMonths: 3,
  complexReplyMonths: 6,
  rehandleMonths: 1,
  extensionCapMonths: null,
  clockStart: "assignment",
  coUnitOpinionMonths: 1,
  publicationWorkingDays: 20,
};

/** The options seen elsewhere: clock from the session's close, re-handling 2 months, extensions capped at +3 months. */
export const sessionClosePolicy: DeadlinePolicy = {
  name: "session-close",
  version: 1,
  description:
    "Clock starts at the close of the session for suggestions made during it; reply due 3 months (6 when complex); re-handling 2 months; extensions capped at +3 months.",
  timeZone: "Asia/Shanghai",
  replyMonths: 3,
  complexReplyMonths: 6,
  rehandleMonths: 2,
  extensionCapMonths: 3,
  clockStart: "session-close",
  coUnitOpinionMonths: 1,
  publicationWorkingDays: 20,
};

/** A set of known policies (every version of each). */
export type PolicyRegistry = readonly DeadlinePolicy[];

export const policies: PolicyRegistry = [nationalDefaultPolicy, sessionClosePolicy];

export const DEFAULT_POLICY: PolicyRef = { name: nationalDefaultPolicy.name, version: nationalDefaultPolicy.version };

export const policyRefOf = (policy: DeadlinePolicy): PolicyRef => ({ name: policy.name, version: policy.version });

/** The policy with that name (and version; latest version when omitted), or `undefined`. */
export const findPolicy = (name: string, version?: number, registry: PolicyRegistry = policies): DeadlinePolicy | undefined => {
  const candidates = registry.filter((p) => p.name === name && (version === undefined || p.version === version));
  return candidates.reduce<DeadlinePolicy | undefined>((best, p) => (best === undefined || p.version > best.version ? p : best), undefined);
};

/** Like `findPolicy`, but an unknown policy is a `DomainRuleError` (422). */
export const getPolicy = (name: string, version?: number, registry: PolicyRegistry = policies): DeadlinePolicy => {
  const policy = findPolicy(name, version, registry);
  if (policy === undefined) {
    throw new DomainRuleError(`unknown deadline policy ${name}${version === undefined ? "" : ` v${version}`}`);
  }
  return policy;
};

/** The end of the calendar day `months` after `from`, in `timeZone`, as ISO 8601 with that zone's offset. */
export const endOfDayMonthsAfter = (from: string, months: number, timeZone: string): string => {
  const start = new TZDate(Date.parse(from), timeZone);
  if (Number.isNaN(start.getTime())) throw new DomainRuleError(`not a valid date-time: ${from}`);
  return endOfDay(addMonths(start, months)).toISOString();
};

export interface AssignmentClockOptions {
  /** The suggestion's phase; with `clockStart: "session-close"` a `session` suggestion starts at `sessionClosedAt`. */
  readonly phase?: SuggestionPhase | undefined;
  /** When the session the suggestion was made in closed (ISO 8601 with offset). */
  readonly sessionClosedAt?: string | undefined;
}

/** The reply's due date for an assignment recorded at `assignedAt`. */
export const dueDateForAssignment = (
  policy: DeadlinePolicy,
  assignedAt: string,
  complex: boolean,
  options: AssignmentClockOptions = {},
): string => {
  const months = complex ? policy.complexReplyMonths : policy.replyMonths;
  switch (policy.clockStart) {
    case "assignment":
      return endOfDayMonthsAfter(assignedAt, months, policy.timeZone);
    case "session-close": {
      if (options.phase !== "session") return endOfDayMonthsAfter(assignedAt, months, policy.timeZone);
      if (options.sessionClosedAt === undefined) {
        throw new DomainRuleError(`policy ${policy.name} v${policy.version} starts the clock at the session's close: sessionClosedAt is required`);
      }
      return endOfDayMonthsAfter(options.sessionClosedAt, months, policy.timeZone);
    }
    default: {
      const _exhaustive: never = policy.clockStart;
      throw new Error(`unknown clock start ${String(_exhaustive)}`);
    }
  }
};

/** The re-handling reply's due date after an unsatisfied evaluation at `evaluatedAt`. */
export const dueDateForRehandling = (policy: DeadlinePolicy, evaluatedAt: string): string =>
  endOfDayMonthsAfter(evaluatedAt, policy.rehandleMonths, policy.timeZone);

/** The latest due date an extension may set, or `null` when the policy has no cap. */
export const extensionLimit = (policy: DeadlinePolicy, dueBeforeExtensions: string): string | null =>
  policy.extensionCapMonths === null ? null : endOfDayMonthsAfter(dueBeforeExtensions, policy.extensionCapMonths, policy.timeZone);
