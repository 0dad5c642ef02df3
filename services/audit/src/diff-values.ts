/**
 * A deep comparison of two JSON values, listing every leaf that differs with its path
 * (`units[unitId=U-001].indicators.completion`, `contacts.byChannel.station`). Numbers must be
 * equal digit for digit; two date-times with offset are equal when they name the same instant
 * (`…+08:00` and `…Z` forms of one moment); arrays of objects carrying a `unitId` are matched
 * by it, other arrays by index. A key present on one side only is a difference (`absent` on
 * the other).
 */

export interface Difference {
  readonly path: string;
  /** `undefined`: absent from the replay. */
  readonly replayed: unknown;
  /** `undefined`: absent from the served answer. */
  readonly served: unknown;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

const sameInstant = (a: string, b: string): boolean => {
  if (!DATE_TIME.test(a) || !DATE_TIME.test(b)) return false;
  const ms = Date.parse(a);
  return Number.isFinite(ms) && ms === Date.parse(b);
};

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

const keyOf = (item: unknown): string | undefined => (isObject(item) && typeof item["unitId"] === "string" ? item["unitId"] : undefined);

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

export const diffValues = (replayed: unknown, served: unknown, path = "", out: Difference[] = []): Difference[] => {
  if (Array.isArray(replayed) && Array.isArray(served)) {
    const keyed = [...replayed, ...served].every((item) => keyOf(item) !== undefined);
    if (keyed && (replayed.length > 0 || served.length > 0)) {
      const servedByKey = new Map(served.map((item) => [keyOf(item) as string, item]));
      const replayedKeys = new Set<string>();
      for (const item of replayed) {
        const key = keyOf(item) as string;
        replayedKeys.add(key);
        diffValues(item, servedByKey.get(key), `${path}[unitId=${key}]`, out);
      }
      for (const item of served) {
        const key = keyOf(item) as string;
        if (!replayedKeys.has(key)) out.push({ path: `${path}[unitId=${key}]`, replayed: undefined, served: item });
      }
      // The order of a ranking is a figure too (compared over the units on both sides).
      const servedKeys = new Set(servedByKey.keys());
      const replayedOrder = replayed.map(keyOf).filter((key) => servedKeys.has(key as string));
      const servedOrder = served.map(keyOf).filter((key) => replayedKeys.has(key as string));
      if (replayedOrder.join("\u0000") !== servedOrder.join("\u0000")) {
        out.push({ path: `${path}[order]`, replayed: replayedOrder, served: servedOrder });
      }
      return out;
    }
    const length = Math.max(replayed.length, served.length);
    for (let i = 0; i < length; i++) {
      diffValues(i < replayed.length ? replayed[i] : undefined, i < served.length ? served[i] : undefined, `${path}[${i}]`, out);
    }
    return out;
  }
  if (isObject(replayed) && isObject(served)) {
    for (const key of Object.keys(replayed)) diffValues(replayed[key], served[key], join(path, key), out);
    for (const key of Object.keys(served)) if (!(key in replayed)) out.push({ path: join(path, key), replayed: undefined, served: served[key] });
    return out;
  }
  if (replayed === served) return out;
  if (typeof replayed === "string" && typeof served === "string" && sameInstant(replayed, served)) return out;
  out.push({ path, replayed, served });
  return out;
};
