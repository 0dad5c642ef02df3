import type { paths } from "./api-schema.js";

/**
 * Names for the answers the page reads, each the type the API document gives (api-schema.ts,
 * generated): nothing here is typed by hand. The lists the page needs at run time come from
 * the packages' dependency-free modules: `@duty-ledger/domain/vocabulary` and
 * `@duty-ledger/scoring/indicator-keys`.
 */

type JsonOf<R> = R extends { readonly content: { readonly "application/json": infer A } } ? A : never;
type Responses<P extends keyof paths, M extends "get" | "post"> = NonNullable<paths[P][M]> extends { readonly responses: infer R } ? R : never;

/** The query parameters of `M` on `P`. */
export type QueryOf<P extends keyof paths, M extends "get" | "post" = "get"> =
  NonNullable<paths[P][M]> extends { readonly parameters: { readonly query?: infer Q } } ? NonNullable<Q> : never;

/** The JSON answer of a successful `M` on `P` (its 200 or 201). */
export type AnswerOf<P extends keyof paths, M extends "get" | "post" = "get"> =
  Responses<P, M> extends { readonly 200: infer R } ? JsonOf<R> : Responses<P, M> extends { readonly 201: infer R } ? JsonOf<R> : never;

export type DeputyRecord = AnswerOf<"/v1/deputies/{id}/record">;
export type TimelineAnswer = AnswerOf<"/v1/deputies/{id}/timeline">;
export type SuggestionAnswer = AnswerOf<"/v1/suggestions/{id}">;
export type SuggestionStatus = SuggestionAnswer["status"];
export type WatchListAnswer = AnswerOf<"/v1/suggestions">;
export type WatchListItem = WatchListAnswer["items"][number];
export type UnitsAnswer = AnswerOf<"/v1/units">;
export type RuleSetsAnswer = AnswerOf<"/v1/rule-sets">;
export type ScoresAnswer = AnswerOf<"/v1/scores">;
export type ScoresAnswerUnit = ScoresAnswer["units"][number];
export type UnitScoresAnswer = AnswerOf<"/v1/units/{id}/scores">;
export type UnitIndicatorAnswer = UnitScoresAnswer["indicators"][keyof UnitScoresAnswer["indicators"]];
export type IndicatorKey = keyof ScoresAnswerUnit["indicators"];
export type WriteAnswer = AnswerOf<"/v1/suggestions/{id}/reply", "post">;

// The page's type check has no Node types (tsconfig.client.json; browser-types/node): were they
// pulled in, `NodeJS` would resolve and this would not compile.
// @ts-expect-error -- `NodeJS` is Node's global namespace
type NoNodeTypes = NodeJS.Process;
