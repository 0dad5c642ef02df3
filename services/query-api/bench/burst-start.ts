/**
 * Where in autocannon's second the slowest answers of a rate-limited run were sent.
 *
 * autocannon's `overallRate` gives each connection a quota per second. When a connection's
 * one-second tick fires, it sends its quota back to back, then idles until the next tick. If the
 * slowest answers cluster in the first milliseconds after the tick, the run's tail comes from
 * the start of each burst (both processes waking after the idle stretch, every connection
 * sending at once), not from the steady cost of the route.
 */
export interface BurstStart {
  /** The window after each tick, in ms. */
  readonly windowMs: number;
  /** How many answers are the slowest 1 % (at least one). */
  readonly slowest: number;
  /** The share of the slowest 1 % sent within `windowMs` of a tick (0–1). */
  readonly slowestShare: number;
  /** The share of every answer sent within `windowMs` of a tick (0–1): what the slowest would show if the start did not matter. */
  readonly allShare: number;
}

/**
 * `latencies[i]` is answer i's latency and `sentAt[i]` when its request left, in ms from the
 * run's start (autocannon's ticks start with the run, every 1,000 ms). Undefined for no answers.
 */
export const burstStartOf = (latencies: readonly number[], sentAt: readonly number[], windowMs = 50): BurstStart | undefined => {
  if (latencies.length !== sentAt.length) throw new RangeError(`${latencies.length} latencies for ${sentAt.length} send times`);
  if (latencies.length === 0) return undefined;
  const inWindow = (i: number): boolean => ((sentAt[i] as number) % 1000) < windowMs;
  const order = Array.from(latencies.keys()).sort((a, b) => (latencies[b] as number) - (latencies[a] as number));
  const slowest = order.slice(0, Math.ceil(latencies.length / 100));
  const share = (indices: readonly number[]): number => indices.filter(inWindow).length / indices.length;
  return { windowMs, slowest: slowest.length, slowestShare: share(slowest), allShare: share(Array.from(latencies.keys())) };
};
