import { defaultWorkingCalendar, nationalDefaultPolicy, policies } from "@duty-ledger/domain";
import { recordEvents } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { assigned, preReviewed, published, replied, step, submitted } from "./events.test-support.js";
import { foldDocument } from "./projection.js";
import { deadlinesOf, LONG_OVERDUE_DAYS } from "./suggestion-deadlines.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";

/**
 * The deadlines computed from a suggestion's view as of `asOf`. Assigned 2024-02-01 to U-1
 * (lead) and U-2, reply due 2024-05-01 end of day; the co-unit's opinion is due a month after
 * the assignment (2024-03-01), a reply's publication 20 working days after it (a reply on
 * Monday 1 April 2024: Monday 29 April).
 */

const context = { policies, calendar: defaultWorkingCalendar() };
const viewOf = (...events: Parameters<typeof recordEvents>[0]) => foldDocument(suggestionViewProjection, "S-1", recordEvents(events));
const base = [submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1")];
const at = (iso: string): number => Date.parse(iso);
const DAY = 86_400_000;

describe("deadlinesOf", () => {
  it("an assigned suggestion: the lead unit's reply and the co-unit's opinion", () => {
    expect(deadlinesOf(viewOf(...base), at("2024-02-15T12:00:00+08:00"), context)).toEqual([
      { kind: "reply", unitId: "U-1", round: 1, dueAt: "2024-05-01T23:59:59.999+08:00", metAt: null, overdue: false, longOverdue: false, daysToDue: 76 },
      { kind: "co-unit-opinion", unitId: "U-2", round: null, dueAt: "2024-03-01T23:59:59.999+08:00", metAt: null, overdue: false, longOverdue: false, daysToDue: 15 },
    ]);
  });

  it("the co-unit's opinion is overdue past its month, long overdue after 30 more days, met by its step", () => {
    const view = viewOf(...base);
    const [, opinion] = deadlinesOf(view, at("2024-03-10T12:00:00+08:00"), context);
    expect(opinion).toMatchObject({ kind: "co-unit-opinion", overdue: true, longOverdue: false });
    const [, later] = deadlinesOf(view, Date.parse("2024-03-01T23:59:59.999+08:00") + LONG_OVERDUE_DAYS * DAY + 1, context);
    expect(later).toMatchObject({ overdue: true, longOverdue: true });
    const given = viewOf(...base, step("e4", "S-1", { unitId: "U-2", kind: "co-unit-opinion", occurredAt: "2024-03-20T10:00:00+08:00" }));
    expect(deadlinesOf(given, at("2024-04-01T12:00:00+08:00"), context)[1]).toMatchObject({ metAt: "2024-03-20T10:00:00+08:00", overdue: false, longOverdue: false });
    // As of before the step, it was still owed.
    expect(deadlinesOf(given, at("2024-03-19T12:00:00+08:00"), context)[1]).toMatchObject({ metAt: null, overdue: true });
  });

  it("a reply meets the reply's deadline and opens its publication's: 20 working days", () => {
    const view = viewOf(...base, replied("e4", "S-1", { repliedAt: "2024-04-01T10:00:00+08:00" }));
    const deadlines = deadlinesOf(view, at("2024-05-10T12:00:00+08:00"), context);
    expect(deadlines.find((d) => d.kind === "reply")).toMatchObject({ metAt: "2024-04-01T10:00:00+08:00", overdue: false });
    expect(deadlines.find((d) => d.kind === "publication")).toEqual({
      kind: "publication",
      unitId: "U-1",
      round: 1,
      dueAt: "2024-04-29T23:59:59.999+08:00",
      metAt: null,
      overdue: true,
      longOverdue: false,
      daysToDue: -11,
    });
    const publishedView = viewOf(...base, replied("e4", "S-1", { repliedAt: "2024-04-01T10:00:00+08:00" }), published("e5", "S-1", { publishedAt: "2024-04-05T10:00:00+08:00" }));
    expect(deadlinesOf(publishedView, at("2024-05-10T12:00:00+08:00"), context).find((d) => d.kind === "publication")).toMatchObject({ metAt: "2024-04-05T10:00:00+08:00", overdue: false });
  });

  it("as of before the reply: no publication deadline yet, the reply still owed", () => {
    const view = viewOf(...base, replied("e4", "S-1", { repliedAt: "2024-04-01T10:00:00+08:00" }));
    const deadlines = deadlinesOf(view, at("2024-03-15T12:00:00+08:00"), context);
    expect(deadlines.map((d) => d.kind)).toEqual(["reply", "co-unit-opinion"]);
    expect(deadlines[0]).toMatchObject({ metAt: null });
  });

  it("a confidential suggestion's replies have no publication deadline", () => {
    const view = viewOf(submitted("e1", "S-1", { confidential: true }), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1"), replied("e4", "S-1"));
    expect(deadlinesOf(view, at("2024-06-01T12:00:00+08:00"), context).map((d) => d.kind)).toEqual(["reply", "co-unit-opinion"]);
  });

  it("the policy of the assignment sets the months and days; an unknown one counts as national-default", () => {
    const slow = { ...nationalDefaultPolicy, name: "slow", coUnitOpinionMonths: 2, publicationWorkingDays: 5 };
    const view = viewOf(submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1", { policy: { name: "slow", version: 1 } }), replied("e4", "S-1", { repliedAt: "2024-04-01T10:00:00+08:00" }));
    const asOf = at("2024-04-02T12:00:00+08:00");
    expect(deadlinesOf(view, asOf, { ...context, policies: [...policies, slow] }).map((d) => d.dueAt)).toEqual(["2024-05-01T23:59:59.999+08:00", "2024-04-01T23:59:59.999+08:00", "2024-04-08T23:59:59.999+08:00"]);
    expect(deadlinesOf(view, asOf, context).map((d) => d.dueAt)).toEqual(["2024-05-01T23:59:59.999+08:00", "2024-03-01T23:59:59.999+08:00", "2024-04-29T23:59:59.999+08:00"]);
  });

  it("before the assignment: none", () => {
    expect(deadlinesOf(viewOf(submitted("e1", "S-1")), at("2024-02-15T12:00:00+08:00"), context)).toEqual([]);
  });
});
