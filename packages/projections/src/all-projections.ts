import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import type { AnyProjection } from "./projection.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/**
 * Every projection the read side needs (what `createReadModels` reads). The duty record's parts
 * (`deputyRecordProjection`) are not among them: they are folded from the deputy's streams
 * when a record is read (`recordDocOfStream`), as the timeline's entries are.
 */
export const allProjections: readonly AnyProjection[] = [
  deputyTimelineProjection as AnyProjection,
  suggestionViewProjection as AnyProjection,
  scoringFactsProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
];

/**
 * Projections the projector ran before and no longer runs; the engine drops what they left in
 * a read-model file (`retired`). `deputy-record` v1: the record's parts, now folded when read.
 */
export const retiredProjections: readonly string[] = ["deputy-record"];
