import { ValidationError } from "@duty-ledger/domain";
import { openSuggestionStates, unitStateValue, type SuggestionViewState } from "./suggestion-summary.js";
import type { SuggestionWatchDoc } from "./suggestion-watch-projection.js";
import type { IndexQuery } from "./read-model-store.js";
import { LONG_OVERDUE_DAYS } from "./suggestion-deadlines.js";

/**
 * The watch list (督办预警, GET /v1/suggestions?status=&dueWithinDays=&asOf=&unitId=):
 * which index query answers each status, and the time-dependent flags computed against
 * `asOf` at query time (never stored).
 *
 * - `open`: being handled, a reply owed (`assigned` or `rehandling`);
 * - `overdue`: open and the due date in force is before `asOf`;
 * - `long-overdue`: open and the due date in force is more than `LONG_OVERDUE_DAYS` (30) days before `asOf`;
 * - `due-soon`: open and due within `dueWithinDays` days of `asOf` (from `asOf` on);
 * - `replied`: replied, awaiting evaluation; `closed`: evaluated satisfied / basically satisfied;
 * - `submitted`: the pre-review queue: submitted (or revised and resubmitted), awaiting the
 *   office's pre-review, oldest submission first (no due date yet: the index sorts them by `submittedAt`).
 *
 * The state is the suggestion's latest; `asOf` is the clock the deadlines are compared with.
 */
export const watchStatuses = ["overdue", "due-soon", "open", "replied", "closed", "long-overdue", "submitted"] as const;
export type WatchStatus = (typeof watchStatuses)[number];

export const DEFAULT_DUE_WITHIN_DAYS = 14;
const DAY_MS = 86_400_000;

export interface WatchQueryInput {
  readonly status: WatchStatus;
  /** ISO 8601 with offset; the clock deadlines are compared with. */
  readonly asOf: string;
  readonly dueWithinDays?: number;
  /** Only suggestions this unit leads or co-handles. */
  readonly unitId?: string;
}

const statesOf = (status: WatchStatus): readonly SuggestionViewState[] => {
  switch (status) {
    case "overdue":
    case "long-overdue":
    case "due-soon":
    case "open":
      return openSuggestionStates;
    case "replied":
      return ["replied"];
    case "closed":
      return ["closed"];
    case "submitted":
      return ["submitted"];
    default: {
      const _exhaustive: never = status;
      throw new Error(`unknown status ${String(_exhaustive)}`);
    }
  }
};

export const parseAsOf = (asOf: string): number => {
  const ms = /[zZ]|[+-]\d{2}:?\d{2}$/.test(asOf) ? Date.parse(asOf) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ValidationError(`asOf must be an ISO 8601 date-time with offset: ${JSON.stringify(asOf)}`, {
      errors: [{ path: "asOf", message: "must be an ISO 8601 date-time with offset" }],
    });
  }
  return ms;
};

/** The index query (name, values, sort bounds on `dueAt` in ms) for a watch-list request. */
export const watchIndexQuery = (input: WatchQueryInput): Omit<IndexQuery, "after" | "limit" | "order"> => {
  const asOfMs = parseAsOf(input.asOf);
  const days = input.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS;
  if (!Number.isFinite(days) || days < 0 || days > 3660) {
    throw new ValidationError(`dueWithinDays must be between 0 and 3660: ${days}`, {
      errors: [{ path: "dueWithinDays", message: "must be a number of days between 0 and 3660" }],
    });
  }
  const states = statesOf(input.status);
  const base =
    input.unitId === undefined
      ? { name: "state", values: [...states] }
      : { name: "unitState", values: states.map((state) => unitStateValue(input.unitId as string, state)) };
  switch (input.status) {
    case "overdue":
      return { ...base, max: asOfMs, maxExclusive: true };
    case "long-overdue":
      return { ...base, max: asOfMs - LONG_OVERDUE_DAYS * DAY_MS, maxExclusive: true };
    case "due-soon":
      return { ...base, min: asOfMs, max: asOfMs + days * DAY_MS };
    case "open":
    case "replied":
    case "closed":
    case "submitted":
      return base;
    default: {
      const _exhaustive: never = input.status;
      throw new Error(`unknown status ${String(_exhaustive)}`);
    }
  }
};

/** A suggestion on the watch list, with its deadline flags as of `asOf`. */
export interface WatchItem {
  readonly suggestion: SuggestionWatchDoc;
  /** Open and past its due date at `asOf`. */
  readonly overdue: boolean;
  /** Whole days from `asOf` to the due date (negative when overdue); `null` without a due date. */
  readonly daysToDue: number | null;
}

export const watchItemOf = (suggestion: SuggestionWatchDoc, asOfMs: number): WatchItem => {
  const due = suggestion.dueAt === null ? null : Date.parse(suggestion.dueAt);
  const open = suggestion.state !== null && openSuggestionStates.includes(suggestion.state);
  return {
    suggestion,
    overdue: open && due !== null && due < asOfMs,
    daysToDue: due === null ? null : Math.floor((due - asOfMs) / DAY_MS),
  };
};
