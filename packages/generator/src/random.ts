/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32) and the few
 * distributions the data generator draws from. Same seed, same sequence: the generator never
 * reads `Math.random` or the clock.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A uniformly chosen item of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** An item chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number;
  /** Poisson-distributed count with the given (small) mean. */
  poisson(mean: number): number;
  /** Triangular distribution on [min, max] with the given mode. */
  triangular(min: number, mode: number, max: number): number;
  /** `count` distinct integers of [0, size), in draw order (count <= size). */
  distinct(size: number, count: number): number[];
}

/** A 32-bit hash of a string seed (FNV-1a), so that `--seed abc` works as well as `--seed 42`. */
export const seedNumber = (seed: number | string): number => {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // Fold the integer part and the fraction so that 1 and 1.5 differ.
    return (Math.trunc(seed) ^ Math.trunc((seed % 1) * 0x100000000)) >>> 0;
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
};

const splitmix32 = (state: number): (() => number) => {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
};

/** A generator seeded with `seed` (a number or any string). */
export const createRandom = (seed: number | string): Random => {
  const init = splitmix32(seedNumber(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const uint32 = (): number => {
    // sfc32
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) uint32();
  const next = (): number => uint32() / 0x100000000;
  const int = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new RangeError("pick from an empty list");
    return list[Math.floor(next() * list.length)] as T;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    if (!(total > 0)) throw new RangeError("weighted pick needs a positive total weight");
    let point = next() * total;
    for (const [item, weight] of entries) {
      point -= weight;
      if (point < 0) return item;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * (next() + next() + next() + next() - 2) * Math.sqrt(3)));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = next();
    while (product > limit) {
      count++;
      product *= next();
    }
    return count;
  };
  const triangular = (min: number, mode: number, max: number): number => {
    const u = next();
    const cut = (mode - min) / (max - min);
    return u < cut ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  };
  const distinct = (size: number, count: number): number[] => {
    if (count > size) throw new RangeError(`distinct(${size}, ${count}): not enough items`);
    const chosen = new Set<number>();
    const result: number[] = [];
    while (result.length < count) {
      const value = Math.floor(next() * size);
      if (!chosen.has(value)) {
        chosen.add(value);
        result.push(value);
      }
    }
    return result;
  };
  return {
    next,
    uint32,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted,
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson,
    triangular,
    distinct,
  };
};
