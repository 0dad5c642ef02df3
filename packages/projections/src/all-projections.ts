import { deputyRecordProjection } from "./deputy-record-projection.js";
import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import type { AnyProjection } from "./projection.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";
import { suggestionsProjection } from "./suggestions-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/**
 * Every projection the read side reads (`createReadModels`): the query side needs nothing but
 * their documents. The watch list's documents and the scoring facts are stored together, one
 * document per suggestion (`suggestionsProjection`).
 */
export const allProjections: readonly AnyProjection[] = [
  deputyTimelineProjection as AnyProjection,
  deputyRecordProjection as AnyProjection,
  suggestionsProjection as AnyProjection,
  suggestionViewProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
];

/**
 * Projections the projector ran before and no longer runs; the engine drops what they left in
 * a read-model file (`retired`): `suggestion-watch` v2 and `scoring-facts` v1, now the parts of
 * `suggestions`.
 */
export const retiredProjections: readonly string[] = ["suggestion-watch", "scoring-facts"];

/**
 * `allProjections` in `count` groups (1 or 2), for a projector on as many threads: each group is
 * run by an engine of its own, which reads only the event types its projections handle, and
 * commits its own documents and checkpoints. The deputies' side (timelines, records, the unit
 * registry) on one, the suggestions' documents and views on the other.
 */
export const projectionGroups = (count: 1 | 2): readonly (readonly AnyProjection[])[] =>
  count === 1
    ? [allProjections]
    : [
        [deputyTimelineProjection as AnyProjection, deputyRecordProjection as AnyProjection, unitRegistryProjection as AnyProjection],
        [suggestionsProjection as AnyProjection, suggestionViewProjection as AnyProjection],
      ];
