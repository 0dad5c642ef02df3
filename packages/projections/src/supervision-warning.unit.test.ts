import { ProjectionSpecification, recordEvents } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { assigned, preReviewed, replied, step, submitted, supervised, voided } from "./events.test-support.js";
import { foldDocument } from "./projection.js";
import { suggestionViewAt } from "./suggestion-view-at.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";
import { warningOf } from "./supervision-warning.js";

/** The office's supervision acts in the suggestion view, and the warning on the lead unit's desk (U-1 leads, U-2 co-handles). */

const spec = ProjectionSpecification.for(suggestionViewProjection, foldDocument);
const base = [submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1")];
const viewOf = (...events: Parameters<typeof recordEvents>[0]) => foldDocument(suggestionViewProjection, "S-1", recordEvents(events));
const at = (iso: string): number => Date.parse(iso);

describe("suggestion view: supervision acts", () => {
  it("lists each act with where it came from; the summary is unchanged", () => {
    const view = spec.given([...base, supervised("e4", "S-1", { kind: "site-review", by: "李副主任" })]).docs()["S-1"];
    expect(view?.supervisions).toEqual([
      expect.objectContaining({ eventId: "e4", supervisionId: "SV-e4", kind: "site-review", supervisedAt: "2024-03-01T10:00:00+08:00", by: "李副主任", note: "请加快办理。" }),
    ]);
    expect(view?.state).toBe("assigned");
  });
  it("a voided act no longer counts", () =>
    spec.given([...base, supervised("e4", "S-1"), voided("v1", "suggestion-S-1", "e4", "SupervisionRecorded")]).thenDocMatches("S-1", { supervisions: [] }));
  it("replayed twice, the same view", () => spec.given([...base, supervised("e4", "S-1"), step("e5", "S-1")]).thenReplayIsDeterministic());
  it("as of before the act, the view at that time has none", () => {
    const view = viewOf(...base, supervised("e4", "S-1", { supervisedAt: "2024-03-01T10:00:00+08:00" }));
    expect(suggestionViewAt(view, { asOfMs: at("2024-02-20T10:00:00+08:00"), knownAtMs: Number.POSITIVE_INFINITY })?.supervisions).toEqual([]);
    expect(suggestionViewAt(view, { asOfMs: at("2024-03-02T10:00:00+08:00"), knownAtMs: Number.POSITIVE_INFINITY })?.supervisions).toHaveLength(1);
  });
});

describe("warningOf: a warning shows on the lead unit's desk until its next step", () => {
  const warned = [...base, supervised("e4", "S-1", { supervisedAt: "2024-03-01T10:00:00+08:00" })];
  it("shows from the warning on", () => {
    expect(warningOf(viewOf(...warned), at("2024-02-28T10:00:00+08:00"))).toBeNull();
    expect(warningOf(viewOf(...warned), at("2024-03-05T10:00:00+08:00"))).toEqual({ supervisionId: "SV-e4", supervisedAt: "2024-03-01T10:00:00+08:00", by: "王主任", note: "请加快办理。" });
  });
  it("a step of the lead unit after it clears it (from the step's time on); a co-unit's step does not", () => {
    const view = viewOf(...warned, step("e5", "S-1", { unitId: "U-2", kind: "co-unit-opinion", occurredAt: "2024-03-02T10:00:00+08:00" }), step("e6", "S-1", { unitId: "U-1", occurredAt: "2024-03-04T10:00:00+08:00" }));
    expect(warningOf(view, at("2024-03-03T10:00:00+08:00"))).not.toBeNull();
    expect(warningOf(view, at("2024-03-05T10:00:00+08:00"))).toBeNull();
  });
  it("the reply clears it; a step before the warning does not", () => {
    const before = viewOf(...base, step("e4", "S-1", { occurredAt: "2024-02-10T10:00:00+08:00" }), supervised("e5", "S-1"));
    expect(warningOf(before, at("2024-03-05T10:00:00+08:00"))).not.toBeNull();
    const answered = viewOf(...warned, replied("e5", "S-1", { repliedAt: "2024-04-01T10:00:00+08:00" }));
    expect(warningOf(answered, at("2024-04-02T10:00:00+08:00"))).toBeNull();
  });
  it("other acts are no warning; the latest warning is the one shown", () => {
    expect(warningOf(viewOf(...base, supervised("e4", "S-1", { kind: "interview" })), at("2024-03-05T10:00:00+08:00"))).toBeNull();
    const twice = viewOf(...warned, step("e5", "S-1", { occurredAt: "2024-03-02T10:00:00+08:00" }), supervised("e6", "S-1", { supervisedAt: "2024-03-10T10:00:00+08:00", note: "再次提醒。" }));
    expect(warningOf(twice, at("2024-03-11T10:00:00+08:00"))).toMatchObject({ supervisionId: "SV-e6", note: "再次提醒。" });
  });
});
