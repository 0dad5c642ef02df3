import { summaryIndexes } from "./suggestion-summary.js";
import { voidingEventType } from "@duty-ledger/domain";
import { generateSampleLog, ProjectionSpecification, foldProjection, recordEvents } from "@duty-ledger/testing";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { describe, expect, it } from "vitest";
import { assigned, extended, preReviewed, replied, step, submitted, evaluated, voided } from "./events.test-support.js";
import { suggestionViewProjection, type SuggestionView } from "./suggestion-view-projection.js";
import { foldDocument } from "./projection.js";
import { suggestionWatchProjection, type SuggestionWatchDoc } from "./suggestion-watch-projection.js";

const spec = ProjectionSpecification.for(suggestionWatchProjection, foldDocument);

/** What a watch-list document shows of a view. */
const shownOf = (view: SuggestionView) => {
  const { submissions: _s, revisions: _r, preReviews: _p, assignments: _a, steps: _st, replies, publications: _pu, extensions: _e, evaluations: _ev, coSignatures: _c, supervisions: _su, requests: _rq, voided: _v, ...summary } = view;
  return { ...summary, replies: replies.length };
};

describe("suggestion watch: the view's summary for the watch list", () => {
  it("folds the summary as the view does; steps move only the last position; no texts are kept", () => {
    const then = spec.given([
      submitted("e1", "S-1", { coSignerIds: ["D-2"] }),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      step("e4", "S-1", { kind: "consultation", deputyPresent: true }),
      replied("e5", "S-1"),
    ]);
    const doc = then.docs()["S-1"] as SuggestionWatchDoc;
    expect(doc).toMatchObject({ state: "replied", round: 1, replies: 1, leadDeputyId: "D-1", coSignerIds: ["D-2"], units: { leadUnitId: "U-1" } });
    expect(doc.lastPosition).toBe(5);
    expect(Object.keys(doc).sort()).toEqual([...Object.keys(shownOf(ProjectionSpecification.for(suggestionViewProjection, foldDocument).given(then.events()).docs()["S-1"] as SuggestionView))].sort());
    expect(JSON.stringify(doc)).not.toMatch(/"(body|text|reason|note|comment)"/);
    const indexes = suggestionWatchProjection.indexesOf?.(doc, "S-1") ?? [];
    expect(indexes).toContainEqual({ name: "state", value: "replied", sort: Date.parse(doc.dueAt!) });
    expect(indexes).toContainEqual({ name: "unitState", value: "U-1|replied", sort: Date.parse(doc.dueAt!) });
    then.thenIndexes("S-1", indexes);
  });

  it("a voided reply and a voided extension are folded out again, exactly as the view folds them", () => {
    const events = [
      submitted("e1", "S-1"),
      preReviewed("e2", "S-1", "accept"),
      assigned("e3", "S-1"),
      extended("e4", "S-1"),
      replied("e5", "S-1"),
      voided("e6", "suggestion-S-1", "e5", "SuggestionReplied"),
      voided("e7", "suggestion-S-1", "e4", "DeadlineExtended"),
    ];
    const doc = spec.given(events).docs()["S-1"] as SuggestionWatchDoc;
    const view = ProjectionSpecification.for(suggestionViewProjection, foldDocument).given(events).docs()["S-1"] as SuggestionView;
    expect(doc).toMatchObject({ state: "assigned", replies: 0, lastPosition: 7 });
    expect(doc).toEqual(shownOf(view));
  });

  it("a voiding is never applied: the document is the fold of the stream's counting events, at the voiding's position", () => {
    const events = spec.given([submitted("e1", "S-1"), replied("e2", "S-1"), voided("e3", "suggestion-S-1", "e2", "SuggestionReplied")]).events();
    const [first] = events as [RecordedEvent, RecordedEvent, RecordedEvent];
    expect(suggestionWatchProjection.handles).not.toContain(voidingEventType);
    expect(foldDocument(suggestionWatchProjection, "S-1", events)).toEqual({ ...foldDocument(suggestionWatchProjection, "S-1", [first]), lastPosition: 3 });
  });

  it("an unsatisfied evaluation opens a new round with its due date", () => {
    const doc = spec.given([submitted("e1", "S-1"), preReviewed("e2", "S-1", "accept"), assigned("e3", "S-1"), replied("e4", "S-1"), evaluated("e5", "S-1", "unsatisfied")]).docs()[
      "S-1"
    ] as SuggestionWatchDoc;
    expect(doc).toMatchObject({ state: "rehandling", round: 2 });
  });

  it("over a generated log with voidings, every document shows what the view shows", () => {
    const log = recordEvents(
      generateSampleLog({ seed: 23, deputies: 20, units: 6, stations: 3, contacts: 50, suggestions: 200, voidRate: 0.15 }).flatMap((a) =>
        a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as never),
      ),
    );
    const views = foldProjection(suggestionViewProjection, log, foldDocument);
    const docs = foldProjection(suggestionWatchProjection, log, foldDocument);
    expect(docs.size).toBeGreaterThan(150);
    expect([...docs.keys()].sort()).toEqual([...views.keys()].sort());
    for (const [key, doc] of docs) {
      const view = views.get(key)!;
      expect(doc, key).toEqual(shownOf(view));
      expect(suggestionWatchProjection.indexesOf?.(doc, key), key).toEqual(summaryIndexes(view));
    }
  });

  it("replaying the same log twice gives the same documents", () => {
    const events = generateSampleLog({ seed: 13, deputies: 20, units: 5, stations: 3, contacts: 20, suggestions: 80, voidRate: 0.1 }).flatMap((a) =>
      a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId })),
    );
    spec.given(events as never).thenReplayIsDeterministic();
  });
});
