/**
 * The answers of the API the page reads (api-v1.md): the types of the packages that build them,
 * `import type` only (esbuild drops them: nothing of those packages is bundled). The lists the
 * page needs at run time come from the packages' dependency-free modules:
 * `@duty-ledger/domain/vocabulary` and `@duty-ledger/scoring/indicator-keys`.
 *
 * Every answer is JSON of these types as they are: none holds a value JSON changes (no `Date`,
 * `Map`, `undefined` in an array…), so none needs a mapped type. What stays written here are the
 * envelopes the query API's routes put around the packages' types without naming a type for them
 * (query-api.ts).
 */
import type { TimelinePage, UnitEntry, WatchStatus } from "@duty-ledger/projections";
import type { WatchListItem } from "@duty-ledger/query-api/suggestion-answers";
import type { RuleSet } from "@duty-ledger/scoring";

export type { DeputyRecord } from "@duty-ledger/projections";
export type { SuggestionAnswer, SuggestionStatus, WatchListItem } from "@duty-ledger/query-api/suggestion-answers";
export type { IndicatorKey, ScoresAnswer, ScoresAnswerUnit, UnitIndicatorAnswer, UnitScoresAnswer } from "@duty-ledger/scoring";
export type { DemoIdentitiesAnswer } from "../demo-identity.js";

/** `GET /v1/deputies/:id/timeline`: the read model's page (`nextCursor` encoded), with the deputy it is of. */
export type TimelineAnswer = TimelinePage & { readonly deputyId: string };

/** `GET /v1/suggestions` and `GET /v1/units/:id/suggestions` (`unitId`: the unit the list is of, else `null`). */
export interface WatchListAnswer {
  readonly status: WatchStatus;
  readonly asOf: string;
  readonly dueWithinDays: number;
  readonly unitId: string | null;
  readonly items: readonly WatchListItem[];
  readonly nextCursor: string | null;
}

/** `GET /v1/units` (added): every registered unit, by unit id. */
export interface UnitsAnswer {
  readonly units: readonly UnitEntry[];
}

/** `GET /v1/rule-sets`: the default rule set's name and every rule set. */
export interface RuleSetsAnswer {
  readonly default: string;
  readonly ruleSets: readonly RuleSet[];
}

// The page's type check has no Node types (tsconfig.client.json; browser-types/node): were they
// pulled in, `NodeJS` would resolve and this would not compile.
// @ts-expect-error -- `NodeJS` is Node's global namespace
type NoNodeTypes = NodeJS.Process;
