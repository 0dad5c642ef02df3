import type { DeputyRecord } from "@duty-ledger/projections";
import type { ScoresAnswer, UnitScoresAnswer } from "@duty-ledger/scoring";
import { diffValues, type Difference } from "./diff-values.js";
import type { Replay } from "./replay.js";

/**
 * `replay --diff`: asks the running query API for every answer the replay computed —
 * `GET /v1/scores`, `GET /v1/units/:id/scores` (same period, rule set and `asOf`; for a replay
 * cut at a time, `knownAt` that time: the API then counts the events the replay folded),
 * `GET /v1/deputies/:id/record?year=` — each with `minPosition` set to the replay's last
 * position (so a lagging projector is waited for), and lists every difference. A request the
 * API refuses is a difference too (its status and detail as the served value), except 401/403,
 * which stop the comparison (the token is wrong).
 */

export interface DiffOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** A bearer token (an auditor's). */
  readonly token: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Requests in flight at once. Default 8. */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DiffReport {
  readonly same: boolean;
  /** Answers compared. */
  readonly compared: number;
  readonly differences: readonly Difference[];
}

/** The API refused the token: no comparison is possible. */
export class DiffAccessError extends Error {
  readonly code = "DIFF_ACCESS";
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`the query API refused the token (${status}): ${detail}`);
  }
}

export const isDiffAccessError = (error: unknown): error is DiffAccessError =>
  error instanceof Error && (error as { code?: unknown }).code === "DIFF_ACCESS";

interface Comparison {
  readonly resource: string;
  readonly replayed: ScoresAnswer | UnitScoresAnswer | DeputyRecord;
}

/**
 * The served answer as the replay's compares with it: the API echoes `knownAt` (trust.md), the
 * replay's answers have none (their cut is the replay's own), so a served `knownAt` the replayed
 * answer lacks is left out.
 */
const comparable = (replayed: unknown, served: unknown): unknown => {
  if (typeof served !== "object" || served === null || Array.isArray(served) || !("knownAt" in served)) return served;
  if (typeof replayed === "object" && replayed !== null && "knownAt" in replayed) return served;
  const { knownAt: _echoed, ...rest } = served as Record<string, unknown>;
  return rest;
};

const query = (params: Readonly<Record<string, string | number | undefined>>): string =>
  new URLSearchParams(
    Object.entries(params).flatMap(([key, value]): [string, string][] => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();

/** The API answers the replay's figures correspond to. */
export const comparisonsOf = (replay: Replay): Comparison[] => {
  // A replay cut at a time folded the events recorded by then: the API is asked as it knew the log then.
  const min = { minPosition: replay.cut.position > 0 ? replay.cut.position : undefined };
  const known = { ...min, ...(replay.cut.by === "time" ? { knownAt: String(replay.cut.at) } : {}) };
  const rules = `${replay.rules}@${replay.rulesVersion}`;
  return [
    ...replay.scores.map((answer) => ({
      resource: `/v1/scores?${query({ period: answer.period, rules, asOf: answer.asOf, ...known })}`,
      replayed: answer,
    })),
    ...replay.unitScores.map((answer) => ({
      resource: `/v1/units/${encodeURIComponent(answer.unitId)}/scores?${query({ period: answer.period, rules, asOf: answer.asOf, ...known })}`,
      replayed: answer,
    })),
    ...replay.deputyRecords.map((record) => ({
      resource: `/v1/deputies/${encodeURIComponent(record.deputyId)}/record?${query({ year: record.year, ...min })}`,
      replayed: record,
    })),
  ];
};

const detailOf = (body: string): string => {
  try {
    const problem = JSON.parse(body) as { detail?: unknown; title?: unknown };
    if (typeof problem.detail === "string") return problem.detail;
    if (typeof problem.title === "string") return problem.title;
  } catch {
    // not JSON: the body itself
  }
  return body.slice(0, 200);
};

export const diffWithApi = async (replay: Replay, options: DiffOptions): Promise<DiffReport> => {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  const comparisons = comparisonsOf(replay);
  const results: Difference[][] = new Array<Difference[]>(comparisons.length);
  let next = 0;
  let done = 0;
  let stopped = false;

  const compare = async (comparison: Comparison): Promise<Difference[]> => {
    const response = await fetchFn(`${base}${comparison.resource}`, {
      headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
    });
    const body = await response.text();
    if (response.status === 401 || response.status === 403) throw new DiffAccessError(response.status, detailOf(body));
    if (response.status !== 200) {
      return [{ path: comparison.resource, replayed: "(an answer)", served: `HTTP ${response.status}: ${detailOf(body)}` }];
    }
    let served: unknown;
    try {
      served = JSON.parse(body);
    } catch {
      return [{ path: comparison.resource, replayed: "(an answer)", served: `not JSON: ${body.slice(0, 200)}` }];
    }
    const replayed = JSON.parse(JSON.stringify(comparison.replayed)) as unknown;
    return diffValues(replayed, comparable(replayed, served)).map((difference) => ({
      ...difference,
      path: difference.path === "" ? comparison.resource : `${comparison.resource} ${difference.path}`,
    }));
  };

  const worker = async (): Promise<void> => {
    while (!stopped && next < comparisons.length) {
      const index = next++;
      try {
        results[index] = await compare(comparisons[index] as Comparison);
      } catch (error) {
        stopped = true;
        throw error;
      }
      done++;
      options.onProgress?.(done, comparisons.length);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, comparisons.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  const differences = results.flat();
  return { same: differences.length === 0, compared: comparisons.length, differences };
};
