import { foldProjection, generateSampleLog, ProjectionSpecification, recordEvents } from "@duty-ledger/testing";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { combineProjections } from "./combined-projection.js";
import { assigned, contactRecorded, extended, preReviewed, published, replied, step, submitted, voided } from "./events.test-support.js";
import { foldDocument, type Projection } from "./projection.js";
import { entityKeyIn } from "./projection-keys.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { suggestionWatchProjection } from "./suggestion-watch-projection.js";
import { SUGGESTIONS, suggestionFactsProjection, suggestionsProjection, type SuggestionsDoc } from "./suggestions-projection.js";

const spec = ProjectionSpecification.for(suggestionsProjection, foldDocument);

const sampleLog = (seed: number, voidRate: number): RecordedEvent[] =>
  recordEvents(
    generateSampleLog({ seed, deputies: 20, units: 6, stations: 3, contacts: 50, suggestions: 200, voidRate }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as never),
    ),
  );

describe("suggestions: the watch list's document and the scoring facts of a suggestion, stored together", () => {
  it("holds each part's document, and both parts' index entries", () => {
    const events = [
      submitted("e1", "S-1"),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
      replied("e5", "S-1"),
      published("e6", "S-1"),
    ];
    const then = spec.given(events);
    const recorded = then.events();
    const doc = then.docs()["S-1"] as SuggestionsDoc;
    expect(doc).toEqual({ watch: foldDocument(suggestionWatchProjection, "S-1", recorded), facts: foldDocument(scoringFactsProjection, "S-1", recorded) });
    expect(doc.watch).toMatchObject({ state: "replied", replies: 1, lastPosition: 6 });
    expect(doc.facts.steps.map((s) => s.eventId)).toEqual(["e4"]);
    then.thenIndexes("S-1", [...(suggestionWatchProjection.indexesOf?.(doc.watch, "S-1") ?? []), ...(scoringFactsProjection.indexesOf?.(doc.facts, "S-1") ?? [])]);
    expect(suggestionsProjection.indexesOf?.(doc, "S-1").map((e) => e.name)).toEqual(["state", "unitState", "unitState", "period", "periodUnit"]);
    expect(suggestionsProjection.handles).toEqual(expect.arrayContaining([...suggestionWatchProjection.handles, ...scoringFactsProjection.handles]));
    expect(new Set(suggestionsProjection.handles).size).toBe(suggestionsProjection.handles.length);
  });

  it("a voiding folds both parts again from the suggestion's stream; one neither part reads changes nothing", () => {
    const events = spec
      .given([
        submitted("e1", "S-1"),
        preReviewed("e2", "S-1", "accept"),
        assigned("e3", "S-1"),
        extended("e4", "S-1"),
        replied("e5", "S-1"),
        voided("e6", "suggestion-S-1", "e5", "SuggestionReplied"),
        contactRecorded("e7", "C-1"),
      ])
      .events();
    const refolded = foldDocument(suggestionsProjection, "S-1", events.slice(0, 6));
    expect(refolded.watch).toMatchObject({ state: "assigned", replies: 0, lastPosition: 6 });
    expect(refolded.facts.replies).toEqual([]);
    expect(refolded.facts.extensions.map((x) => x.eventId)).toEqual(["e4"]);
    expect(foldDocument(suggestionsProjection, "S-1", events)).toEqual(refolded);
    expect(suggestionsProjection.keysOf(events[6] as RecordedEvent)).toEqual([]);
  });

  it("over a generated log with voidings, every document is the parts' documents, with their index entries", () => {
    const log = sampleLog(23, 0.15);
    const docs = foldProjection(suggestionsProjection, log, foldDocument);
    const watch = foldProjection(suggestionWatchProjection, log, foldDocument);
    const facts = foldProjection(scoringFactsProjection, log, foldDocument);
    expect(docs.size).toBeGreaterThan(150);
    expect([...docs.keys()].sort()).toEqual([...watch.keys()].sort());
    for (const [key, doc] of docs) {
      expect(doc, key).toEqual({ watch: watch.get(key), facts: facts.get(key) ?? scoringFactsProjection.init(key) });
      expect(suggestionsProjection.indexesOf?.(doc, key), key).toEqual([
        ...(suggestionWatchProjection.indexesOf?.(doc.watch, key) ?? []),
        ...(scoringFactsProjection.indexesOf?.(doc.facts, key) ?? []),
      ]);
    }
    // The audit's facts-only documents are the facts part, under the same name.
    expect(suggestionFactsProjection.name).toBe(SUGGESTIONS);
    for (const [key, doc] of foldProjection(suggestionFactsProjection, log, foldDocument)) expect(doc, key).toEqual({ facts: docs.get(key)?.facts });
  });

  it("replaying the same log twice gives the same documents", () => {
    spec.given(sampleLog(13, 0.1)).thenReplayIsDeterministic();
  });
});

describe("combineProjections", () => {
  /** A part counting the events of the types it handles, keyed by the stream's entity. */
  const counter = (name: string, handles: readonly string[]): Projection<{ readonly n: number }> => ({
    name,
    version: 1,
    handles,
    keysOf: (event) => entityKeyIn(event, "suggestion"),
    init: () => ({ n: 0 }),
    apply: (doc, event) => (event.type === "ReplyPublished" ? doc : { n: doc.n + 1 }),
    indexesOf: (doc) => [{ name, value: String(doc.n) }],
  });
  const combined = combineProjections("both", 3, { a: counter("a", ["SuggestionSubmitted", "ReplyPublished"]), b: counter("b", ["SuggestionSubmitted", "SuggestionAssigned"]) });
  const events = recordEvents([submitted("e1", "S-1"), assigned("e2", "S-1"), published("e3", "S-1")]);

  it("applies an event to the parts that handle it, and keeps the document when none changed it", () => {
    expect(combined).toMatchObject({ name: "both", version: 3, handles: ["SuggestionSubmitted", "ReplyPublished", "SuggestionAssigned"] });
    expect(combined.noteVoiding).toBeUndefined();
    const [first, second, third] = events as [RecordedEvent, RecordedEvent, RecordedEvent];
    const afterFirst = combined.apply(combined.init("S-1"), first);
    expect(afterFirst).toEqual({ a: { n: 1 }, b: { n: 1 } });
    const afterSecond = combined.apply(afterFirst, second);
    expect(afterSecond).toEqual({ a: { n: 1 }, b: { n: 2 } });
    expect(afterSecond.a).toBe(afterFirst.a);
    expect(combined.apply(afterSecond, third)).toBe(afterSecond);
    expect(combined.indexesOf?.(afterSecond, "S-1")).toEqual([
      { name: "a", value: "1" },
      { name: "b", value: "2" },
    ]);
  });
});
