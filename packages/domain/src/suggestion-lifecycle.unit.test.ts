import { describe, expect, it } from "vitest";
import type { SuggestionEvent } from "./events.js";
import { assigned, evaluated, extended, preReviewed, published, replied, revised, step, submitted } from "./fixtures.test-support.js";
import {
  dueDateSetBy,
  evolveSuggestionLifecycle,
  handlingStatuses,
  isHandlingStatus,
  suggestionStatuses,
  type SuggestionLifecycle,
  type SuggestionLifecycleEvent,
} from "./suggestion-lifecycle.js";

const start: SuggestionLifecycle = { status: "none", round: 0, dueAt: undefined };
const fold = (events: readonly SuggestionLifecycleEvent[]): SuggestionLifecycle => events.reduce(evolveSuggestionLifecycle, start);

const ASSIGNED_DUE = assigned().data.dueAt;
const EXTENDED_DUE = "2024-07-01T23:59:59.999+08:00";
const REHANDLE_DUE = "2024-09-10T23:59:59.999+08:00";
const handled = (): SuggestionEvent[] => [submitted(), preReviewed("accept"), assigned()];
const unsatisfied = () => evaluated("unsatisfied", { rehandleDueAt: REHANDLE_DUE, policy: { name: "national-default", version: 1 } });

describe("suggestion lifecycle: which status follows which event", () => {
  it.each([
    ["submitted", [submitted()]],
    ["revising", [submitted(), preReviewed("revise")]],
    ["submitted", [submitted(), preReviewed("revise"), revised()]],
    ["returned", [submitted(), preReviewed("return")]],
    ["accepted", [submitted(), preReviewed("accept")]],
    ["assigned", handled()],
    ["replied", [...handled(), step(), replied()]],
    ["closed", [...handled(), replied(), evaluated("satisfied")]],
    ["closed", [...handled(), replied(), evaluated("basically-satisfied")]],
    ["rehandling", [...handled(), replied(), unsatisfied()]],
  ] as const)("%s (history %#)", (status, events) => expect(fold(events).status).toBe(status));

  it("steps and publications leave the lifecycle as it was (the same object)", () => {
    const before = fold([...handled(), replied()]);
    for (const event of [step(), published()]) expect(evolveSuggestionLifecycle(before, event)).toBe(before);
  });

  it("supervision acts and the unit's requests leave the lifecycle as it was (the same object)", () => {
    const before = fold(handled());
    const acts: SuggestionLifecycleEvent[] = [
      { type: "SupervisionRecorded" },
      { type: "ExtensionRequested" },
      { type: "ExtensionRequestRefused" },
      { type: "ReturnRequested" },
      { type: "ReturnRequestRefused" },
    ];
    for (const event of acts) expect(evolveSuggestionLifecycle(before, event)).toBe(before);
  });

  it("a reassignment (改办) is handled afresh: assigned, round 1, its due date in force", () => {
    const extendedBefore = fold([...handled(), extended({ newDueAt: EXTENDED_DUE })]);
    expect(evolveSuggestionLifecycle(extendedBefore, { type: "SuggestionReassigned", data: { dueAt: REHANDLE_DUE } })).toEqual({ status: "assigned", round: 1, dueAt: REHANDLE_DUE });
    expect(dueDateSetBy({ type: "SuggestionReassigned", data: { dueAt: REHANDLE_DUE } })).toBe(REHANDLE_DUE);
  });

  it("a submission starts afresh", () =>
    expect(evolveSuggestionLifecycle({ status: "closed", round: 2, dueAt: REHANDLE_DUE }, submitted())).toEqual({ status: "submitted", round: 0, dueAt: undefined }));

  it("the handling statuses are those in which the lead unit owes a reply", () => {
    expect(suggestionStatuses.filter(isHandlingStatus)).toEqual([...handlingStatuses]);
    expect(handlingStatuses).toEqual(["assigned", "rehandling"]);
  });
});

describe("suggestion lifecycle: rounds and the due date in force", () => {
  it("no due date and round 0 before assignment; the assignment's due date and round 1 after", () => {
    expect(fold([submitted(), preReviewed("accept")])).toEqual({ status: "accepted", round: 0, dueAt: undefined });
    expect(fold(handled())).toEqual({ status: "assigned", round: 1, dueAt: ASSIGNED_DUE });
  });

  it("an extension's new due date is in force; a reply keeps it", () =>
    expect(fold([...handled(), extended({ newDueAt: EXTENDED_DUE }), replied()])).toEqual({ status: "replied", round: 1, dueAt: EXTENDED_DUE }));

  it("an unsatisfied evaluation opens the next round with the re-handling due date", () => {
    expect(fold([...handled(), extended({ newDueAt: EXTENDED_DUE }), replied(), unsatisfied()])).toEqual({ status: "rehandling", round: 2, dueAt: REHANDLE_DUE });
    expect(fold([...handled(), replied(), unsatisfied(), replied({ round: 2 }), unsatisfied()])).toMatchObject({ round: 3 });
  });

  it("a satisfied evaluation closes with the round and due date as they were", () =>
    expect(fold([...handled(), replied(), evaluated("satisfied")])).toEqual({ status: "closed", round: 1, dueAt: ASSIGNED_DUE }));

  it("dueDateSetBy: the assignment, an extension and an unsatisfied evaluation set one; nothing else does", () => {
    expect(dueDateSetBy(assigned())).toBe(ASSIGNED_DUE);
    expect(dueDateSetBy(extended({ newDueAt: EXTENDED_DUE }))).toBe(EXTENDED_DUE);
    expect(dueDateSetBy(unsatisfied())).toBe(REHANDLE_DUE);
    for (const event of [submitted(), preReviewed("accept"), revised(), step(), replied(), published(), evaluated("satisfied")]) {
      expect(dueDateSetBy(event)).toBeUndefined();
    }
  });

  it("reads a read model's record of an evaluation, where `null` is no re-handling due date", () =>
    expect(dueDateSetBy({ type: "SuggestionEvaluated", data: { rating: "satisfied", rehandleDueAt: null } })).toBeUndefined());
});
