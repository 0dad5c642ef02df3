import type { CommandActor, CommandMetadata } from "./commands.js";
import type { EventData, EventOf } from "./events.js";

/** Fixtures for the domain's unit tests (excluded from the build). */

export const NOW = "2024-12-31T12:00:00+08:00";

export const office: CommandActor = { id: "O-1", role: "office" };
export const auditor: CommandActor = { id: "AU-1", role: "auditor" };
export const deputy = (id: string): CommandActor => ({ id, role: "deputy" });
export const unit = (id: string): CommandActor => ({ id, role: "unit" });
export const clerk = (stationId: string | undefined, id = "C-1"): CommandActor => (stationId === undefined ? { id, role: "clerk" } : { id, role: "clerk", stationId });

/**
 * Metadata at `NOW`. The fixtures claim times of all 2024 against it, so their grace is a year;
 * the specs of the grace itself (`claimed-time.unit.test.ts`) pass their own.
 */
export const FIXTURE_GRACE_MS = 366 * 24 * 60 * 60_000;
export const meta = (actor: CommandActor, now: string = NOW): CommandMetadata => ({ actor, now, recordingGraceMs: FIXTURE_GRACE_MS });

export const SID = "S-1";
export const LEAD_DEPUTY = "D-1";
export const LEAD_UNIT = "U-LEAD";
export const CO_UNIT = "U-CO";

export const submitted = (overrides: Partial<EventData<"SuggestionSubmitted">> = {}): EventOf<"SuggestionSubmitted"> =>
  ({
    type: "SuggestionSubmitted",
    data: {
      suggestionId: SID,
      leadDeputyId: LEAD_DEPUTY,
      coSignerIds: ["D-2"],
      title: "Repair the Xin'an river bridge",
      body: "The bridge on the county road is unsafe.",
      phase: "recess",
      session: "2024",
      submittedAt: "2024-01-10T09:00:00+08:00",
      sourceOpinionIds: [],
      confidential: false,
      ...overrides,
    },
  });

export const preReviewed = (outcome: "accept" | "revise" | "return" = "accept", reviewedAt = "2024-01-15T10:00:00+08:00"): EventOf<"SuggestionPreReviewed"> =>
  ({ type: "SuggestionPreReviewed", data: { suggestionId: SID, outcome, reason: "meets the requirements", reviewedAt } });

export const revised = (revisedAt = "2024-01-20T10:00:00+08:00"): EventOf<"SuggestionRevised"> =>
  ({ type: "SuggestionRevised", data: { suggestionId: SID, title: "Repair the bridge (revised)", body: "Now with figures.", revisedAt } });

export const assigned = (overrides: Partial<EventData<"SuggestionAssigned">> = {}): EventOf<"SuggestionAssigned"> =>
  ({
    type: "SuggestionAssigned",
    data: {
      suggestionId: SID,
      leadUnitId: LEAD_UNIT,
      coUnitIds: [CO_UNIT],
      assignedAt: "2024-03-01T09:30:00+08:00",
      complex: false,
      dueAt: "2024-06-01T23:59:59.999+08:00",
      policy: { name: "national-default", version: 1 },
      ...overrides,
    },
  });

export const step = (overrides: Partial<EventData<"HandlingStepRecorded">> = {}): EventOf<"HandlingStepRecorded"> =>
  ({
    type: "HandlingStepRecorded",
    data: { suggestionId: SID, unitId: LEAD_UNIT, kind: "plan", occurredAt: "2024-03-05T10:00:00+08:00", recordedVia: "online", ...overrides },
  });

export const replied = (overrides: Partial<EventData<"SuggestionReplied">> = {}): EventOf<"SuggestionReplied"> =>
  ({
    type: "SuggestionReplied",
    data: { suggestionId: SID, unitId: LEAD_UNIT, category: "A", repliedAt: "2024-05-20T10:00:00+08:00", text: "Repaired in May.", round: 1, ...overrides },
  });

export const published = (overrides: Partial<EventData<"ReplyPublished">> = {}): EventOf<"ReplyPublished"> =>
  ({ type: "ReplyPublished", data: { suggestionId: SID, publishedAt: "2024-05-25T10:00:00+08:00", round: 1, ...overrides } });

export const extended = (overrides: Partial<EventData<"DeadlineExtended">> = {}): EventOf<"DeadlineExtended"> =>
  ({
    type: "DeadlineExtended",
    data: {
      suggestionId: SID,
      previousDueAt: "2024-06-01T23:59:59.999+08:00",
      newDueAt: "2024-07-01T23:59:59.999+08:00",
      reason: "awaiting the provincial budget",
      grantedAt: "2024-05-10T10:00:00+08:00",
      ...overrides,
    },
  });

export const evaluated = (rating: "satisfied" | "basically-satisfied" | "unsatisfied" = "satisfied", overrides: Partial<EventData<"SuggestionEvaluated">> = {}): EventOf<"SuggestionEvaluated"> =>
  ({
    type: "SuggestionEvaluated",
    data: {
      suggestionId: SID,
      deputyId: LEAD_DEPUTY,
      rating,
      evaluatedAt: "2024-06-10T10:00:00+08:00",
      round: 1,
      ...(rating === "unsatisfied" ? { rehandleDueAt: "2024-07-10T23:59:59.999+08:00", policy: { name: "national-default", version: 1 } } : {}),
      ...overrides,
    },
  });

/** A suggestion up to (and including) its first reply. */
export const throughReply = () => [submitted(), preReviewed(), assigned(), step(), replied()];
