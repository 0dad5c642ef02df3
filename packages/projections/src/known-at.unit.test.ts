import { foldProjection, generateSampleLog, ProjectionSpecification, type GivenProjectionEvent } from "@duty-ledger/testing";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { assigned, evaluated, extended, preReviewed, published, replied, step, submitted, underBackfill, voided } from "./events.test-support.js";
import { foldDocument } from "./projection.js";
import { factsDocKnownAt } from "./scoring-facts-known-at.js";
import { factsOf, factsPeriodOf, scoringFactsProjection, type ScoringFactsDoc } from "./scoring-facts-projection.js";
import { suggestionViewAt } from "./suggestion-view-at.js";
import { suggestionViewProjection, type SuggestionView } from "./suggestion-view-projection.js";

/**
 * Known-at (trust.md): the read models answer "as things stood at asOf" (claimed times) and "as
 * the ledger knew it at knownAt" (recording times) from the documents they keep — the same as a
 * fold of the log cut at knownAt, even across voidings recorded later.
 */

const facts = ProjectionSpecification.for(scoringFactsProjection, foldDocument);
const views = ProjectionSpecification.for(suggestionViewProjection, foldDocument);
const S = "suggestion-S-1";
/** The specification records event i (from 1) at 2024-01-01 + i minutes. */
const minute = (n: number): number => Date.UTC(2024, 0, 1) + n * 60_000;
const always = Number.POSITIVE_INFINITY;

const handled = [
  submitted("e1", "S-1"),
  preReviewed("e2", "S-1", "accept"),
  assigned("e3", "S-1"),
  step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
  extended("e5", "S-1"),
  replied("e6", "S-1", { category: "A" }),
  published("e7", "S-1"),
  evaluated("e8", "S-1", "satisfied"),
];

const sampleLog = (seed: number): GivenProjectionEvent[] =>
  generateSampleLog({ seed, deputies: 20, units: 5, stations: 3, contacts: 10, suggestions: 80, voidRate: 0.15 }).flatMap((a) =>
    a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as GivenProjectionEvent),
  );

/** The instants to cut a log at: before it, at a few events, after it. */
const cutsOf = (events: readonly RecordedEvent[]): number[] => {
  const times = events.map((e) => Date.parse(e.metadata.recordedAt));
  return [times[0]! - 1, ...[0.1, 0.3, 0.5, 0.7, 0.9].map((f) => times[Math.floor(f * (times.length - 1))]!), times.at(-1)! + 1];
};
const recordedBy = (events: readonly RecordedEvent[], knownAtMs: number): RecordedEvent[] => events.filter((e) => Date.parse(e.metadata.recordedAt) <= knownAtMs);

describe("scoring facts known at a time", () => {
  it("given the events, when known at the 6th, then only the facts recorded by then count (a step claimed early but recorded late does not)", () => {
    const doc = facts.given([...handled.slice(0, 3), { ...step("e4", "S-1"), recordedAt: "2024-03-01T00:00:00.000Z" }, ...handled.slice(4)]).docs()["S-1"]!;
    const known = factsOf(factsDocKnownAt(doc, minute(6)))!;
    expect(known.replies.map((r) => r.eventId)).toEqual(["e6"]);
    expect(known.extensions.map((e) => e.eventId)).toEqual(["e5"]);
    expect(known.steps).toEqual([]);
    expect(known.publications).toEqual([]);
    expect(known.evaluations).toEqual([]);
    expect(factsOf(factsDocKnownAt(doc, minute(2)))).toBeNull(); // not yet assigned
  });

  it("given a reply voided later, when known before the voiding was recorded, then the reply still counts; after it, it does not", () => {
    const doc = facts.given([...handled.slice(0, 6), voided("v1", S, "e6", "SuggestionReplied")]).docs()["S-1"]!;
    expect(factsOf(doc)!.replies).toEqual([]);
    expect(factsOf(factsDocKnownAt(doc, minute(6)))!.replies.map((r) => r.eventId)).toEqual(["e6"]);
    expect(factsOf(factsDocKnownAt(doc, minute(7)))!.replies).toEqual([]);
  });

  it("given a voided assignment and a new one, when known between them, then the voided one is voided and the backfilled facts are flagged", () => {
    const doc = facts.given([
      ...handled.slice(0, 3),
      voided("v1", S, "e3", "SuggestionAssigned"),
      underBackfill(assigned("e5", "S-1", { leadUnitId: "U-7" })),
    ]).docs()["S-1"]!;
    expect(factsOf(factsDocKnownAt(doc, minute(3)))).toMatchObject({ assignmentEventId: "e3", voided: false, leadUnitId: "U-1" });
    expect(factsOf(factsDocKnownAt(doc, minute(4)))).toMatchObject({ assignmentEventId: "e3", voided: true });
    expect(factsOf(factsDocKnownAt(doc, minute(5)))).toMatchObject({ assignmentEventId: "e5", voided: false, leadUnitId: "U-7", backfilledEventIds: ["e5"] });
  });

  it("given an assignment voided and a new one in the next year for another unit, then the document is indexed under both, and known before the voiding it is the old period's", () => {
    const then = facts.given([
      ...handled.slice(0, 3),
      voided("v1", S, "e3", "SuggestionAssigned"),
      assigned("e5", "S-1", { leadUnitId: "U-7", assignedAt: "2025-01-10T10:00:00+08:00", dueAt: "2025-04-10T23:59:59.999+08:00" }),
    ]);
    then.thenIndexes("S-1", [
      { name: "period", value: "2025" },
      { name: "periodUnit", value: "2025|U-7" },
      { name: "period", value: "2024" },
      { name: "periodUnit", value: "2024|U-1" },
    ]);
    const doc = then.docs()["S-1"]!;
    expect(factsPeriodOf(factsDocKnownAt(doc, minute(3)))).toBe("2024");
    expect(factsPeriodOf(doc)).toBe("2025");
  });

  it.each([3, 8])("over a generated log with voidings (seed %i), the facts known at each cut are those of the log cut there", (seed) => {
    const then = facts.given(sampleLog(seed));
    then.thenReplayIsDeterministic();
    const events = then.events();
    const docs = then.docs();
    for (const cut of cutsOf(events)) {
      const folded = foldProjection(scoringFactsProjection, recordedBy(events, cut), foldDocument);
      for (const [key, doc] of Object.entries(docs)) {
        const expected = folded.get(key);
        const known = factsDocKnownAt(doc as ScoringFactsDoc, cut);
        expect(factsOf(known), `${key} at ${new Date(cut).toISOString()}`).toEqual(expected === undefined ? null : factsOf(expected));
        if (expected === undefined) continue;
        // …and the readers find it where the cut log's document is indexed.
        expect(factsPeriodOf(known)).toBe(factsPeriodOf(expected));
        const indexed = (scoringFactsProjection.indexesOf?.(doc as ScoringFactsDoc, key) ?? []).map((e) => `${e.name}=${e.value}`);
        for (const entry of scoringFactsProjection.indexesOf?.(expected, key) ?? []) expect(indexed).toContain(`${entry.name}=${entry.value}`);
      }
    }
  });
});

describe("the suggestion view at a point in time", () => {
  const view = (): SuggestionView => views.given(handled).docs()["S-1"]!;

  it("given a reply of 1 April, when asOf 15 March, then the suggestion is not replied: assigned, due the extension's date, no reply", () => {
    const then = suggestionViewAt(view(), { asOfMs: Date.parse("2024-03-15T00:00:00+08:00"), knownAtMs: always })!;
    expect(then).toMatchObject({ state: "assigned", dueAt: "2024-06-01T23:59:59.999+08:00", dueAtEventId: "e5", replies: [], publications: [], evaluations: [] });
    expect(then.steps.map((s) => s.eventId)).toEqual(["e4"]);
    expect(suggestionViewAt(view(), { asOfMs: Date.parse("2024-04-02T00:00:00+08:00"), knownAtMs: always })).toMatchObject({ state: "replied" });
  });

  it("given the events, when asOf before the submission, then there is no suggestion yet", () =>
    expect(suggestionViewAt(view(), { asOfMs: Date.parse("2024-01-01T00:00:00+08:00"), knownAtMs: always })).toBeNull());

  it("given the events, when known at the 5th, then what was recorded later is absent", () => {
    const then = suggestionViewAt(view(), { asOfMs: always, knownAtMs: minute(5) })!;
    expect(then).toMatchObject({ state: "assigned", lastPosition: 5 });
    expect(then.replies).toEqual([]);
  });

  it("given the full history, when asOf and knownAt are open, then it is the view itself", () => expect(suggestionViewAt(view(), { asOfMs: always, knownAtMs: always })).toEqual(view()));

  it("given a reply voided later, when known before the voiding, then the view is replied; the voiding is listed only after", () => {
    const doc = views.given([...handled.slice(0, 6), voided("v1", S, "e6", "SuggestionReplied")]).docs()["S-1"]!;
    expect(doc.state).toBe("assigned");
    expect(suggestionViewAt(doc, { asOfMs: always, knownAtMs: minute(6) })).toMatchObject({ state: "replied", voided: [] });
    expect(suggestionViewAt(doc, { asOfMs: always, knownAtMs: minute(7) })).toMatchObject({ state: "assigned", voided: [expect.objectContaining({ voidedEventId: "e6" })] });
  });

  it("over a generated log with voidings, the view known at each cut is the view of the log cut there", () => {
    const then = views.given(sampleLog(4));
    then.thenReplayIsDeterministic();
    const events = then.events();
    for (const cut of cutsOf(events)) {
      const folded = foldProjection(suggestionViewProjection, recordedBy(events, cut), foldDocument);
      for (const [key, doc] of Object.entries(then.docs())) {
        const expected = folded.get(key);
        const known = suggestionViewAt(doc, { asOfMs: always, knownAtMs: cut });
        expect(known, `${key} at ${new Date(cut).toISOString()}`).toEqual(expected === undefined || expected.state === null ? null : expected);
      }
    }
  });
});
