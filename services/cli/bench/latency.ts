/** Latency figures of a load run, from every answer's time (ms): exact nearest-rank percentiles, no histogram. */

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The smallest time at or below which `p` % of the times lie (nearest rank); NaN without times. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
};

/** p50, p99 and the longest of `times`, which may come from several load generators (they are merged, not averaged). */
export const latencySummary = (...times: readonly (readonly number[])[]): LatencySummary => {
  const sorted = times.flat().sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
};

export const formatMs = (ms: number): string => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
