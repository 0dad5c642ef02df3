import { endOfDayMonthsAfter, findPolicy, nationalDefaultPolicy, policies as builtInPolicies, workingDaysDue, type DeadlinePolicy, type PolicyRegistry, type WorkingCalendar } from "@duty-ledger/domain";
import type { SuggestionView } from "./suggestion-view-projection.js";

/**
 * A suggestion's deadlines as of `asOf`, computed from its view when asked, never stored
 * (design/voice-and-supervision.md): the lead unit's reply (the due date in force: 3 / 6 months,
 * extended or re-handled), each co-unit's opinion to the lead unit (the policy's
 * `coUnitOpinionMonths` from the assignment in force) and the publication of each reply (the
 * policy's `publicationWorkingDays` after it; a confidential suggestion's replies are never
 * published). A deadline is met by the act that occurred by `asOf`; one not met is `overdue`
 * past its due date and `longOverdue` more than `LONG_OVERDUE_DAYS` days past it.
 */

export const deadlineKinds = ["reply", "co-unit-opinion", "publication"] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/** More than this many days past due: the `long-overdue` tier. */
export const LONG_OVERDUE_DAYS = 30;

const DAY_MS = 86_400_000;

export interface SuggestionDeadline {
  readonly kind: DeadlineKind;
  /** Who owes it: the lead unit (reply, publication) or the co-unit (its opinion). */
  readonly unitId: string;
  /** The reply round (reply, publication); `null` for a co-unit's opinion. */
  readonly round: number | null;
  readonly dueAt: string;
  /** When the act that meets it occurred (by `asOf`), else `null`. */
  readonly metAt: string | null;
  readonly overdue: boolean;
  readonly longOverdue: boolean;
  /** Whole days from `asOf` to `dueAt` (floor; negative when past). */
  readonly daysToDue: number;
}

/** The deadline policies and working days the read side computes with. */
export interface DeadlineContext {
  readonly policies: PolicyRegistry;
  readonly calendar: WorkingCalendar;
}

const deadline = (kind: DeadlineKind, unitId: string, round: number | null, dueAt: string, metAt: string | null, asOfMs: number): SuggestionDeadline => {
  const due = Date.parse(dueAt);
  const open = metAt === null;
  return {
    kind,
    unitId,
    round,
    dueAt,
    metAt,
    overdue: open && due < asOfMs,
    longOverdue: open && due < asOfMs - LONG_OVERDUE_DAYS * DAY_MS,
    daysToDue: Math.floor((due - asOfMs) / DAY_MS),
  };
};

/** Whether a reply's due date is more than `LONG_OVERDUE_DAYS` past at `asOfMs` (the watch list's tier). */
export const isLongOverdue = (dueAt: string | null, asOfMs: number): boolean => dueAt !== null && Date.parse(dueAt) < asOfMs - LONG_OVERDUE_DAYS * DAY_MS;

/** The policy an assignment names; one this process does not know counts as `national-default`. */
const policyOf = (ref: { readonly name: string; readonly version: number }, registry: PolicyRegistry): DeadlinePolicy =>
  findPolicy(ref.name, ref.version, registry) ?? findPolicy(ref.name, ref.version, builtInPolicies) ?? nationalDefaultPolicy;

export const deadlinesOf = (view: SuggestionView, asOfMs: number, context: DeadlineContext): SuggestionDeadline[] => {
  const assignment = view.assignments.at(-1);
  if (assignment === undefined || view.state === null) return [];
  const policy = policyOf(assignment.policy, context.policies);
  const by = (time: string): boolean => Date.parse(time) <= asOfMs;
  const deadlines: SuggestionDeadline[] = [];
  if (view.dueAt !== null) {
    const reply = view.replies.find((r) => r.round === view.round && by(r.repliedAt));
    deadlines.push(deadline("reply", assignment.leadUnitId, view.round, view.dueAt, reply?.repliedAt ?? null, asOfMs));
  }
  const opinionDue = endOfDayMonthsAfter(assignment.assignedAt, policy.coUnitOpinionMonths, policy.timeZone);
  for (const unitId of assignment.coUnitIds) {
    const opinion = view.steps.find((s) => s.unitId === unitId && s.kind === "co-unit-opinion" && by(s.occurredAt));
    deadlines.push(deadline("co-unit-opinion", unitId, null, opinionDue, opinion?.occurredAt ?? null, asOfMs));
  }
  if (!view.confidential) {
    for (const reply of view.replies) {
      if (!by(reply.repliedAt)) continue;
      const publication = view.publications.find((p) => p.round === reply.round && by(p.publishedAt));
      deadlines.push(deadline("publication", reply.unitId, reply.round, workingDaysDue(reply.repliedAt, policy.publicationWorkingDays, context.calendar), publication?.publishedAt ?? null, asOfMs));
    }
  }
  return deadlines;
};
