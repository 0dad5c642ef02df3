import { createHash } from "node:crypto";
import { countingEvents, streamIdOf, type EventData } from "@duty-ledger/domain";
import { canonicalJson, type EventStore, type RecordedEvent } from "@duty-ledger/event-store";
import {
  createMemoryReadModelStore,
  createProjectionEngine,
  createReadModels,
  suggestionFactsProjection,
  type AnyProjection,
  type ProjectionLogger,
} from "@duty-ledger/projections";
import { buildScoresAnswer, createRuleSetRegistry, type RuleSetRegistry } from "@duty-ledger/scoring";
import { diffValues, type Difference } from "./diff-values.js";
import { logPrefix } from "./log-prefix.js";

/**
 * `duty-ledger audit replay --ranking ID` (trust.md, "Known-at"): recomputes a published
 * ranking from the log alone and says whether it is what was published. The publication
 * (`RankingPublished`, the last that counts in `ranking-<id>`) names the log it was computed on
 * — its first `treeSize` events — and `knownAt`: the projector's engine folds those events,
 * the ones recorded by `knownAt` (`logPrefix`), into a store in memory; the scoring of the
 * query API (`buildScoresAnswer`) computes the answer for the publication's period, rule set and
 * `asOf`; its RFC 8785 canonical JSON is hashed and compared with `answerDigest`, the answer with
 * the published one, and the store's tree head of `treeSize` with the published `rootHash`.
 */

export interface RankingReplay {
  readonly rankingId: string;
  readonly period: string;
  readonly rules: string;
  readonly asOf: string;
  readonly knownAt: string;
  readonly treeSize: number;
  /** The recomputed answer is the published one, byte for byte (its digest too). */
  readonly answerMatches: boolean;
  /** The log's root of `treeSize` events is the published `rootHash`; `null` when the store keeps no tree. */
  readonly rootMatches: boolean | null;
  readonly published: { readonly answerDigest: string; readonly rootHash: string };
  readonly recomputed: { readonly answerDigest: string; readonly rootHash: string | null };
  /** Where the recomputed answer differs from the published one (empty when it matches). */
  readonly differences: readonly Difference[];
  readonly ok: boolean;
}

/** No ranking of that id counts in the log. */
export class RankingNotFoundError extends Error {
  readonly code = "RANKING_NOT_FOUND";
}

export const isRankingNotFound = (error: unknown): error is RankingNotFoundError =>
  error instanceof Error && (error as { code?: unknown }).code === "RANKING_NOT_FOUND";

export interface ReplayRankingOptions {
  /** Rule sets the publication may name. Default: the built-in ones. */
  readonly ruleSets?: RuleSetRegistry;
}

const quiet: ProjectionLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The publication of `rankingId` that counts (the last `RankingPublished` not voided). */
const publicationOf = async (store: EventStore, rankingId: string): Promise<EventData<"RankingPublished">> => {
  const stream: RecordedEvent[] = [];
  for await (const event of store.readStream(streamIdOf.ranking(rankingId))) stream.push(event);
  const published = countingEvents(stream).filter((event) => event.type === "RankingPublished").at(-1);
  if (published === undefined) throw new RankingNotFoundError(`no ranking ${rankingId} is published in this log`);
  return published.data as EventData<"RankingPublished">;
};

export const replayRanking = async (store: EventStore, rankingId: string, options: ReplayRankingOptions = {}): Promise<RankingReplay> => {
  const publication = await publicationOf(store, rankingId);
  const { period, rules, asOf, knownAt, treeSize } = publication;
  const ruleSet = (options.ruleSets ?? createRuleSetRegistry()).resolve(rules);

  const memory = createMemoryReadModelStore();
  let text: string;
  try {
    const engine = createProjectionEngine({
      store: logPrefix(store, { upTo: treeSize, timeCut: Date.parse(knownAt) }, () => {}),
      readModels: memory,
      projections: [suggestionFactsProjection as AnyProjection],
      logger: quiet,
    });
    await engine.start();
    try {
      if (!(await engine.waitFor(treeSize, 2 ** 31 - 1))) throw new Error(`the replay stopped before position ${treeSize}: ${engine.status().error ?? "stopped"}`);
    } finally {
      await engine.stop();
    }
    const facts = await createReadModels(memory).listFacts(period);
    text = canonicalJson(buildScoresAnswer(facts, { period, asOf, knownAt, ruleSet }));
  } finally {
    await memory.close();
  }

  const publishedText = canonicalJson(publication.answer);
  const answerDigest = sha256Hex(text);
  const rootHash = store.transparencyLog === undefined ? null : (await store.transparencyLog.treeHead(treeSize)).rootHash;
  const answerMatches = text === publishedText && answerDigest === publication.answerDigest;
  const rootMatches = rootHash === null ? null : rootHash === publication.rootHash;
  const differences = text === publishedText ? [] : diffValues(JSON.parse(text) as unknown, JSON.parse(publishedText) as unknown);
  return {
    rankingId,
    period,
    rules,
    asOf,
    knownAt,
    treeSize,
    answerMatches,
    rootMatches,
    published: { answerDigest: publication.answerDigest, rootHash: publication.rootHash },
    recomputed: { answerDigest, rootHash },
    differences,
    ok: answerMatches && rootMatches !== false,
  };
};
