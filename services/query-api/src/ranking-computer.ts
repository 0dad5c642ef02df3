import { createHash } from "node:crypto";
import type { RankingAnswer } from "@duty-ledger/domain";
import { canonicalJson, type EventStore } from "@duty-ledger/event-store";
import type { ReadModels } from "@duty-ledger/projections";
import { buildScoresAnswer, createRuleSetRegistry, type RuleSetRegistry } from "@duty-ledger/scoring";
import { ProjectionLagError } from "./catch-up.js";

/** What a publication asks for: the period, rule set and `asOf`, known at the time of publication. */
export interface RankingRequest {
  readonly period: string;
  /** `name` or `name@version`; default: the registry's default rule set. */
  readonly rules: string | undefined;
  readonly asOf: string;
  /** The server's clock when the office published (the event's `knownAt`). */
  readonly knownAt: string;
}

/** A ranking computed for publication, bound to the tree head of the log it was computed on. */
export interface ComputedRanking {
  /** The rule set used, `name@version`. */
  readonly rules: string;
  /** The scores answer, keys in RFC 8785 order. */
  readonly answer: RankingAnswer;
  /** Lowercase hex SHA-256 of `canonicalJson(answer)`. */
  readonly answerDigest: string;
  readonly treeSize: number;
  readonly rootHash: string;
}

export interface RankingComputerOptions {
  readonly store: Pick<EventStore, "headPosition" | "transparencyLog">;
  readonly readModels: Pick<ReadModels, "listFacts">;
  /** The projector's wait for a position (`ProjectorView.waitFor`). */
  readonly waitFor: (position: number, timeoutMs: number) => Promise<boolean>;
  /** Rule sets a publication may name. Default: only the built-in ones, as the query API's default. */
  readonly ruleSets?: RuleSetRegistry;
  /** Longest wait for the read models to reach the head (ms). Default 30000. */
  readonly timeoutMs?: number;
}

export type RankingComputer = (request: RankingRequest) => Promise<ComputedRanking>;

/** Lowercase hex SHA-256 of a text's UTF-8 bytes. */
export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The answer of `GET /v1/scores?period=&rules=&asOf=&knownAt=` for a publication (trust.md,
 * "Known-at"): `knownAt` is taken first, then the head of the log, which the read models are
 * awaited to reach: every event recorded by `knownAt` lies within that head, and the facts known
 * at `knownAt` are what the first `treeSize` events hold — which `duty-ledger audit replay
 * --ranking` recomputes. The tree head is the store's RFC 9162 head of that size.
 */
export const createRankingComputer = (options: RankingComputerOptions): RankingComputer => {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ruleSets = options.ruleSets ?? createRuleSetRegistry();
  return async ({ period, rules, asOf, knownAt }) => {
    const ruleSet = ruleSets.resolve(rules);
    const log = options.store.transparencyLog;
    if (log === undefined) throw new Error("this event store keeps no Merkle tree: a ranking cannot be bound to a tree head");
    const head = await options.store.headPosition();
    const started = performance.now();
    if (!(await options.waitFor(head, timeoutMs).catch(() => false))) throw new ProjectionLagError(head, -1, Math.round(performance.now() - started));
    const facts = await options.readModels.listFacts(period, undefined, { knownAt });
    const text = canonicalJson(buildScoresAnswer(facts, { period, asOf, knownAt, ruleSet }));
    const { treeSize, rootHash } = await log.treeHead(head);
    return { rules: `${ruleSet.name}@${ruleSet.version}`, answer: JSON.parse(text) as RankingAnswer, answerDigest: sha256Hex(text), treeSize, rootHash };
  };
};
