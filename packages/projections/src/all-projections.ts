import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import type { AnyProjection } from "./projection.js";
import { suggestionsProjection } from "./suggestions-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/**
 * Every projection the read side needs (what `createReadModels` reads). The duty record's parts
 * (`deputyRecordProjection`) and the whole suggestion view (`suggestionViewProjection`) are not
 * among them: they are folded from the streams when read (`foldDocument`), as the timeline's
 * entries are. The watch list's documents and the scoring facts are stored together, one
 * document per suggestion (`suggestionsProjection`).
 */
export const allProjections: readonly AnyProjection[] = [
  deputyTimelineProjection as AnyProjection,
  suggestionsProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
];

/**
 * Projections the projector ran before and no longer runs; the engine drops what they left in
 * a read-model file (`retired`). `deputy-record` v1: the record's parts, and `suggestion-view`
 * v2: the whole views, both now folded when read; `suggestion-watch` v2 and `scoring-facts` v1,
 * now the parts of `suggestions`.
 */
export const retiredProjections: readonly string[] = ["deputy-record", "suggestion-view", "suggestion-watch", "scoring-facts"];

/**
 * `allProjections` in `count` groups (1 or 2), for a projector on as many threads: each group is
 * run by an engine of its own, which reads only the event types its projections handle, and
 * commits its own documents and checkpoints. Of the splits measured over the generated province,
 * the one that rebuilds it soonest (docs/performance.md): the deputies' timelines with the unit registry
 * (they read the registrations, contacts and submissions), and the suggestions' documents (they
 * read the suggestions' streams).
 */
export const projectionGroups = (count: 1 | 2): readonly (readonly AnyProjection[])[] =>
  count === 1
    ? [allProjections]
    : [
        [deputyTimelineProjection as AnyProjection, unitRegistryProjection as AnyProjection],
        [suggestionsProjection as AnyProjection],
      ];
