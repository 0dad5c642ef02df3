import { foldDocument } from "./projection.js";
import { countingEvents, isVoiding } from "@duty-ledger/domain";
import { foldProjection, recordEvents } from "@duty-ledger/testing";
import { describe, expect, it } from "vitest";
import { deputyRecordProjection, type DeputyRecordDoc } from "./deputy-record-projection.js";
import { deputyTimelineProjection, type TimelineDoc, type TimelineEntry } from "./deputy-timeline-projection.js";
import { generateSampleLog } from "@duty-ledger/testing";
import { factsOf, scoringFactsProjection, type ScoringFactsDoc } from "./scoring-facts-projection.js";
import { suggestionViewProjection, type SuggestionView } from "./suggestion-view-projection.js";
import { suggestionWatchProjection, type SuggestionWatchDoc } from "./suggestion-watch-projection.js";
import { unitEntryOf, unitRegistryProjection, type UnitRegistryDoc } from "./unit-registry-projection.js";

/**
 * "Voided events stop counting", for every projection, over a generated log with many
 * voidings: the documents folded from the whole log count exactly what the documents
 * folded from the counting events only (voided events and voidings left out, positions
 * kept) count.
 */
const log = recordEvents(
  generateSampleLog({ seed: 21, deputies: 25, units: 6, stations: 4, contacts: 300, suggestions: 200, voidRate: 0.15 }).flatMap((a) =>
    a.events.map((e) => ({ type: e.type, data: e.data, id: e.id, streamId: a.streamId }) as never),
  ),
);
const counting = countingEvents(log);

const fold = <D>(projection: Parameters<typeof foldProjection<D>>[0], events: typeof log): Record<string, D> =>
  Object.fromEntries(foldProjection(projection, events, foldDocument));

describe("voided events stop counting (whole log vs counting events only)", () => {
  it("the log has voidings of many kinds", () => {
    const kinds = new Set(log.filter((e) => isVoiding(e)).map((e) => (e.data as { voidedType: string }).voidedType));
    expect(log.length - counting.length).toBeGreaterThan(100);
    expect(kinds.size).toBeGreaterThanOrEqual(6);
  });

  it("deputy record documents are identical", () => {
    const nonEmpty = (docs: Record<string, DeputyRecordDoc>) =>
      Object.fromEntries(Object.entries(docs).filter(([, doc]) => Object.values(doc).some((v) => Array.isArray(v) && v.length > 0)));
    expect(nonEmpty(fold(deputyRecordProjection, log))).toEqual(nonEmpty(fold(deputyRecordProjection, counting)));
  });

  it("unit registry entries are identical", () => {
    const entries = (docs: Record<string, UnitRegistryDoc>) => Object.values(docs).flatMap((doc) => unitEntryOf(doc) ?? []);
    const whole = entries(fold(unitRegistryProjection, log));
    expect(whole.length).toBeGreaterThan(0);
    expect(whole).toEqual(entries(fold(unitRegistryProjection, counting)));
  });

  it("suggestion views hold the same state, due dates and entries", () => {
    const strip = (docs: Record<string, SuggestionView>) =>
      Object.fromEntries(
        Object.entries(docs)
          .filter(([, view]) => view.state !== null)
          .map(([key, { voided: _voided, lastPosition: _last, ...rest }]) => [key, rest]),
      );
    const whole = strip(fold(suggestionViewProjection, log));
    expect(Object.keys(whole).length).toBeGreaterThan(150);
    expect(whole).toEqual(strip(fold(suggestionViewProjection, counting)));
  });

  it("watch-list documents hold the same summary, replies and index entries", () => {
    const strip = (docs: Record<string, SuggestionWatchDoc>) =>
      Object.fromEntries(
        Object.entries(docs)
          .filter(([, doc]) => doc.state !== null)
          .map(([key, { lastPosition: _last, ...rest }]) => [key, { ...rest, indexes: suggestionWatchProjection.indexesOf?.({ lastPosition: 0, ...rest }, key) }]),
      );
    const whole = strip(fold(suggestionWatchProjection, log));
    expect(Object.keys(whole).length).toBeGreaterThan(150);
    expect(whole).toEqual(strip(fold(suggestionWatchProjection, counting)));
  });

  it("scoring facts are identical (suggestions whose assignment was voided are marked voided)", () => {
    const facts = (docs: Record<string, ScoringFactsDoc>) =>
      Object.fromEntries(
        Object.entries(docs).flatMap(([key, doc]) => {
          const f = factsOf(doc);
          return f === null || f.voided ? [] : [[key, f]];
        }),
      );
    const whole = fold(scoringFactsProjection, log);
    expect(facts(whole)).toEqual(facts(fold(scoringFactsProjection, counting)));
    const voidedFacts = Object.values(whole).filter((d) => factsOf(d)?.voided === true);
    for (const doc of voidedFacts) expect(doc.assignments).toEqual([]);
  });

  it("timelines show the same counting entries; voided ones are marked, voidings are entries", () => {
    const byStream = (events: typeof log) => new Map(Object.entries(fold<TimelineDoc>(deputyTimelineProjection, events)).map(([streamId, doc]) => [streamId, [...doc.entries] as TimelineEntry[]] as const));
    const whole = byStream(log);
    const countingOnly = (entries: TimelineEntry[]) => entries.filter((e) => e.voidedBy === null && !isVoiding(e));
    const nonEmpty = (timelines: ReturnType<typeof byStream>, pick: (entries: TimelineEntry[]) => TimelineEntry[]) =>
      Object.fromEntries([...timelines].map(([key, entries]) => [key, pick(entries)] as const).filter(([, list]) => list.length > 0));
    expect(nonEmpty(whole, countingOnly)).toEqual(nonEmpty(byStream(counting), (entries) => entries));
    const marked = [...whole.values()].flatMap((entries) => entries.filter((e) => e.voidedBy !== null));
    expect(marked.length).toBe(log.filter((e) => isVoiding(e)).length);
  });
});
