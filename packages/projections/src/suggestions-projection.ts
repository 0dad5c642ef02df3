import { combineProjections, type CombinedDoc } from "./combined-projection.js";
import { scoringFactsProjection } from "./scoring-facts-projection.js";
import { suggestionWatchProjection } from "./suggestion-watch-projection.js";

/**
 * The stored documents of the suggestions (key: suggestion id): the watch list's document
 * (`watch`, `suggestion-watch`) and the scoring facts (`facts`, `scoring-facts`) of each
 * suggestion in one row, with both parts' index entries (`state`, `unitState`; `period`,
 * `periodUnit`). Stored apart, the two read the same events of the same streams and each paid
 * its own route, cache lookup and row per event: together they bound the projector's rebuild
 * (docs/performance.md), and one document per suggestion folded the province ~1 s faster.
 */
export const SUGGESTIONS = "suggestions";

const parts = { watch: suggestionWatchProjection, facts: scoringFactsProjection };

export type SuggestionsDoc = CombinedDoc<typeof parts>;

/** Version 5: `suggestion-watch` v3 and `scoring-facts` v5 (bump it with either). */
export const suggestionsProjection = combineProjections(SUGGESTIONS, 5, parts);

/**
 * The suggestions' documents with their scoring facts alone (`{ facts }`), stored under the same
 * name, so that the readers' `listFacts` reads them: for a fold that needs the figures and not
 * the watch list (the audit's replay). Nothing else reads them.
 */
export const suggestionFactsProjection = combineProjections(SUGGESTIONS, suggestionsProjection.version, { facts: scoringFactsProjection });
