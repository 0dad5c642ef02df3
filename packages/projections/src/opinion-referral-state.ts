import type { OpinionOutcome } from "@duty-ledger/domain";

/**
 * A referred opinion (转办) as the `opinions` documents keep it, and what it is as of a time:
 * its status, the due date in force, its latest answer and feedback. Shared by the projection
 * (which files each referral in the `opinion-due` index under its latest state) and the views
 * (which compute it as of `asOf`).
 */

export interface OpinionStep {
  readonly kind: "answer" | "feedback";
  readonly at: string;
  /** answer */
  readonly outcome?: OpinionOutcome;
  readonly text?: string;
  /** feedback */
  readonly satisfied?: boolean;
  readonly reopenedDueAt?: string;
}

export interface OpinionReferralDoc {
  readonly unitId: string;
  readonly referredAt: string;
  readonly dueAt: string;
  /** Answers and feedback, in the order recorded. */
  readonly steps: readonly OpinionStep[];
}

export const opinionStatuses = ["open", "overdue", "answered", "closed"] as const;
export type OpinionStatus = (typeof opinionStatuses)[number];

export interface ReferralAt {
  readonly status: OpinionStatus;
  readonly dueAt: string;
  readonly answer: { readonly answeredAt: string; readonly outcome: OpinionOutcome; readonly text: string } | null;
  readonly feedback: { readonly feedbackAt: string; readonly satisfied: boolean } | null;
  readonly reopened: number;
  /** The first answer given within the due date in force then (`null`: none yet, or late). */
  readonly firstAnswerOnTime: boolean | null;
}

/**
 * The referral as of `asOfMs` (`Infinity`: after every step); `null` when it was not yet
 * referred then. A referral, an answer or a feedback counts from its own (claimed) time on.
 */
export const referralAt = (referral: OpinionReferralDoc, asOfMs: number): ReferralAt | null => {
  if (Date.parse(referral.referredAt) > asOfMs) return null;
  let dueAt = referral.dueAt;
  let stage: ReferralStage = "awaiting";
  let answer: ReferralAt["answer"] = null;
  let feedback: ReferralAt["feedback"] = null;
  let reopened = 0;
  let firstAnswerOnTime: boolean | null = null;
  for (const step of referral.steps) {
    if (Date.parse(step.at) > asOfMs) continue;
    if (step.kind === "answer") {
      answer = { answeredAt: step.at, outcome: step.outcome ?? "explained", text: step.text ?? "" };
      if (firstAnswerOnTime === null) firstAnswerOnTime = Date.parse(step.at) <= Date.parse(dueAt);
      stage = "answered";
    } else {
      feedback = { feedbackAt: step.at, satisfied: step.satisfied === true };
      if (step.satisfied === true) stage = "closed";
      else {
        stage = "awaiting";
        reopened += 1;
        if (step.reopenedDueAt !== undefined) dueAt = step.reopenedDueAt;
      }
    }
  }
  const status: OpinionStatus = stage === "awaiting" ? (asOfMs > Date.parse(dueAt) ? "overdue" : "open") : stage;
  return { status, dueAt, answer, feedback, reopened, firstAnswerOnTime };
};

/** Where a referral stands regardless of the time: awaiting the unit's answer (open or overdue), answered, closed. */
export type ReferralStage = "awaiting" | "answered" | "closed";

export const stageOfStatus = (status: OpinionStatus): ReferralStage => (status === "open" || status === "overdue" ? "awaiting" : status);

/** The latest claimed time of a referral (its own or its last step's), ms. */
export const lastChangeOf = (referral: OpinionReferralDoc): number => {
  let last = Date.parse(referral.referredAt);
  for (const step of referral.steps) last = Math.max(last, Date.parse(step.at));
  return last;
};

/** The first claimed time of a referral (its own or a step's) after `asOfMs`, ms; `Infinity` when none. */
export const nextChangeAfter = (referral: OpinionReferralDoc, asOfMs: number): number => {
  let next = Number.POSITIVE_INFINITY;
  for (const at of [referral.referredAt, ...referral.steps.map((step) => step.at)]) {
    const ms = Date.parse(at);
    if (ms > asOfMs && ms < next) next = ms;
  }
  return next;
};

/**
 * The indexes the opinions list pages through (ids hold none of the characters below a space,
 * so a space keeps the order of the parts):
 *  - `opinion-due`: two entries per referred opinion and scope, values `<stage> <scope>` and
 *    `any <scope>`, sort `<due ms, 15 digits> <contactId> <opinionId>` (`opinionDueSort`), its
 *    latest state: the list's order, by due date in force, then contact and opinion id;
 *  - `opinion-changed`: one entry per contact with a referral and scope, value `<scope>`, sort
 *    its referrals' latest claimed time (ms): the contacts whose latest state is not their
 *    state as of an earlier `asOf`.
 * A scope is `*` (every referral), `u <unitId>` (referred to the unit) or `s <stationId>`
 * (gathered at the station).
 */
export const OPINION_DUE_INDEX = "opinion-due";
export const OPINION_CHANGED_INDEX = "opinion-changed";

export const opinionScopeKey = (scope: { readonly unitId?: string | undefined; readonly stationId?: string | undefined }): string =>
  scope.unitId !== undefined ? `u ${scope.unitId}` : scope.stationId !== undefined ? `s ${scope.stationId}` : "*";

export const opinionDueValue = (stage: ReferralStage | "any", scopeKey: string): string => `${stage} ${scopeKey}`;

export const opinionDueSort = (dueMs: number, contactId: string, opinionId: string): string => `${String(dueMs).padStart(15, "0")} ${contactId} ${opinionId}`;

/** The sort of the first entry due at or after `ms`. */
export const opinionDueFrom = (ms: number): string => String(ms).padStart(15, "0");
