import { initSuggestionWatchDoc, type SuggestionViewState, type SuggestionWatchDoc } from "@duty-ledger/projections";
import { describe, expect, it } from "vitest";
import { deadlineFlagsOf, watchListItemOf } from "./suggestion-answers.js";

const DAY = 86_400_000;
const due = "2024-06-05T23:59:59.999+08:00";
const dueMs = Date.parse(due);

const view = (state: SuggestionViewState, dueAt: string | null = due): SuggestionWatchDoc => ({
  ...initSuggestionWatchDoc("S-1"),
  state,
  title: "建议",
  leadDeputyId: "D-1",
  units: { leadUnitId: "U-1", coUnitIds: ["U-2"] },
  dueAt,
  round: 1,
});

describe("deadline flags", () => {
  it("an open suggestion is overdue after its due date, due-soon within the window (bounds included), else open", () => {
    for (const state of ["assigned", "rehandling"] as const) {
      expect(deadlineFlagsOf(view(state), dueMs + 1, 14)).toEqual({ status: "overdue", overdue: true, dueSoon: false, daysToDue: -1, longOverdue: false });
      expect(deadlineFlagsOf(view(state), dueMs, 14)).toEqual({ status: "due-soon", overdue: false, dueSoon: true, daysToDue: 0, longOverdue: false });
      expect(deadlineFlagsOf(view(state), dueMs - 14 * DAY, 14)).toMatchObject({ status: "due-soon", daysToDue: 14 });
      expect(deadlineFlagsOf(view(state), dueMs - 14 * DAY - 1, 14)).toMatchObject({ status: "open", dueSoon: false, daysToDue: 14 });
      expect(deadlineFlagsOf(view(state), dueMs - DAY, 0)).toMatchObject({ status: "open" });
    }
  });

  it("replied, closed and unassigned suggestions are never overdue", () => {
    for (const state of ["replied", "closed"] as const) {
      expect(deadlineFlagsOf(view(state), dueMs + 100 * DAY, 14)).toMatchObject({ status: state, overdue: false, dueSoon: false });
    }
    for (const state of ["submitted", "revising", "returned", "accepted"] as const) {
      expect(deadlineFlagsOf(view(state, null), dueMs, 14)).toEqual({ status: state, overdue: false, dueSoon: false, daysToDue: null, longOverdue: false });
    }
  });

  it("long overdue: owing a reply more than 30 days past the due date in force", () => {
    expect(deadlineFlagsOf(view("assigned"), dueMs + 30 * DAY, 14)).toMatchObject({ status: "overdue", overdue: true, longOverdue: false });
    expect(deadlineFlagsOf(view("rehandling"), dueMs + 30 * DAY + 1, 14)).toMatchObject({ status: "overdue", overdue: true, longOverdue: true });
    expect(deadlineFlagsOf(view("replied"), dueMs + 100 * DAY, 14)).toMatchObject({ longOverdue: false });
  });

  it("a watch-list item carries the units and the due date in force, no texts", () => {
    const item = watchListItemOf(view("assigned"), dueMs + 3 * DAY, 14);
    expect(item).toMatchObject({ suggestionId: "S-1", leadUnitId: "U-1", coUnitIds: ["U-2"], status: "overdue", dueAt: due, daysToDue: -3, replies: 0 });
    expect(item).not.toHaveProperty("body");
    expect(item).not.toHaveProperty("steps");
    expect(item).not.toHaveProperty("items");
  });
});
