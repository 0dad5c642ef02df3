import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import type { AnyProjection } from "./projection.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { suggestionWatchProjection } from "./suggestion-watch-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/**
 * Every projection the read side needs (what `createReadModels` reads). The duty record's parts
 * (`deputyRecordProjection`) and the whole suggestion view (`suggestionViewProjection`) are not
 * among them: they are folded from the streams when read (`foldDocument`), as the timeline's
 * entries are.
 */
export const allProjections: readonly AnyProjection[] = [
  deputyTimelineProjection as AnyProjection,
  suggestionWatchProjection as AnyProjection,
  scoringFactsProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
];

/**
 * Projections the projector ran before and no longer runs; the engine drops what they left in
 * a read-model file (`retired`). `deputy-record` v1: the record's parts, and `suggestion-view`
 * v2: the whole views, both now folded when read.
 */
export const retiredProjections: readonly string[] = ["deputy-record", "suggestion-view"];
