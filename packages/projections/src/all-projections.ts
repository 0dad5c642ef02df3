import { deputyRecordProjection } from "./deputy-record-projection.js";
import { deputyTimelineProjection } from "./deputy-timeline-projection.js";
import type { AnyProjection } from "./projection.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { suggestionViewProjection } from "./suggestion-view-projection.js";
import { unitRegistryProjection } from "./unit-registry-projection.js";

/** Every projection the read side needs (what `createReadModels` reads). */
export const allProjections: readonly AnyProjection[] = [
  deputyRecordProjection as AnyProjection,
  deputyTimelineProjection as AnyProjection,
  suggestionViewProjection as AnyProjection,
  scoringFactsProjection as AnyProjection,
  unitRegistryProjection as AnyProjection,
];
