import { deputyRecordProjection } from "./deputy-record-projection.js";
import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import { livelihoodProjection } from "./livelihood-projection.js";
import { opinionsProjection } from "./opinions-projection.js";
import type { AnyProjection } from "./projection.js";
import { rankingsProjection } from "./rankings-projection.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";
import { suggestionsProjection } from "./suggestions-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/**
 * Every projection the read side reads (`createReadModels`): the query side needs nothing but
 * their documents. A deputy's timeline and record are stored apart, one document per stream each:
 * a record read parses only the record's small documents (stored together, the record read the
 * timeline's lines too and its cost doubled). The watch list's documents and the scoring facts
 * are stored together, one document per suggestion (`suggestionsProjection`). The published
 * rankings are a document each (`rankingsProjection`); a livelihood programme and each of its
 * projects too (`livelihoodProjection`).
 */
export const allProjections: readonly AnyProjection[] = [
  deputyTimelineProjection as AnyProjection,
  deputyRecordProjection as AnyProjection,
  suggestionsProjection as AnyProjection,
  suggestionViewProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
  rankingsProjection as AnyProjection,
  livelihoodProjection as AnyProjection,
  opinionsProjection as AnyProjection,
];

/**
 * Projections the projector ran before and no longer runs; the engine drops what they left in
 * a read-model file (`retired`): `suggestion-watch` and `scoring-facts`, now the parts of
 * `suggestions`; `deputy-streams`, the timeline and the record stored together.
 */
export const retiredProjections: readonly string[] = ["suggestion-watch", "scoring-facts", "deputy-streams"];

/**
 * `allProjections` in `count` groups (1 or 2), for a projector on as many threads: each group is
 * run by an engine of its own, which reads only the event types its projections handle, and
 * commits its own documents and checkpoints. The deputies' streams (timelines and records) and
 * the unit registry on one, the suggestions' documents and views on the other.
 */
export const projectionGroups = (count: 1 | 2): readonly (readonly AnyProjection[])[] =>
  count === 1
    ? [allProjections]
    : [
        [deputyTimelineProjection as AnyProjection, deputyRecordProjection as AnyProjection, unitRegistryProjection as AnyProjection, rankingsProjection as AnyProjection, livelihoodProjection as AnyProjection, opinionsProjection as AnyProjection],
        [suggestionsProjection as AnyProjection, suggestionViewProjection as AnyProjection],
      ];
