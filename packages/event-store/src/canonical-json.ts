/**
 * Canonical JSON: the one byte-exact encoding of a JSON value, so that a hash over it is
 * reproducible by anyone holding the same value (an auditor re-reading the log, another store
 * the log was imported into). It follows RFC 8785 (JCS) for the value space events use:
 *
 * - object keys sorted by UTF-16 code units, no whitespace;
 * - strings and finite numbers serialised as ECMAScript `JSON.stringify` does (which is what
 *   JCS prescribes for them); `-0` becomes `0`;
 * - `toJSON()` is honoured (once per value, like `JSON.stringify`) and `undefined` /
 *   functions / symbols are dropped from objects and become `null` in arrays, exactly like
 *   `JSON.stringify`, so the canonical text of a value equals the canonical text of
 *   `JSON.parse(JSON.stringify(value))`.
 *
 * Refused (TypeError): non-finite numbers (`NaN`, `Infinity`: JSON cannot hold them and
 * silently turning them into `null` would forge a ledger entry), bigints, nesting deeper than
 * `MAX_DEPTH` (a cycle).
 */

const MAX_DEPTH = 512;
/** Shapes remembered by default per encoder; beyond this, the cache starts afresh. */
const DEFAULT_MAX_SHAPES = 512;
/** Shapes remembered per first key (a linear scan): beyond this, orders are computed each time. */
const MAX_SHAPES_PER_FIRST_KEY = 64;

export interface CanonicalEncoderOptions {
  /**
   * How many object shapes (key lists) the encoder remembers; when full, it forgets them all
   * and starts afresh. Default 512. A long-lived encoder (a store's) can take more.
   */
  readonly maxShapes?: number;
}

/** Canonical JSON text of `value`. Throws a TypeError for what JSON cannot hold (see above). */
export type CanonicalEncoder = (value: unknown) => string;

/** The key order of objects that have the same keys in the same insertion order. */
interface Shape {
  readonly keys: readonly string[];
  /** Indexes into `keys`, in canonical (sorted) order. */
  readonly order: readonly number[];
  /** `"key":` for each entry of `order`. */
  readonly members: readonly string[];
  /** The keys in canonical order. */
  readonly sortedKeys: readonly string[];
  /** The insertion order is already the canonical one. */
  readonly inOrder: boolean;
  /**
   * A copy with keys inserted in canonical order serialises in that order: false when a key is
   * an array index (JavaScript puts those first, numerically) or `__proto__` (a setter).
   */
  readonly copyable: boolean;
}

/** Thrown by the copying path for a shape it cannot handle: the text path takes over. */
class NotCopyable extends Error {}

const isArrayIndex = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && String(Number(key) >>> 0) === key && key !== "4294967295";
};

const applyToJSON = (value: object, key: string): unknown => {
  const result: unknown = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  if (typeof result === "object" && result !== null && typeof (result as { toJSON?: unknown }).toJSON === "function") {
    // JSON.stringify calls toJSON once per value; refusing this keeps both paths identical.
    throw new TypeError(`canonicalJson: toJSON() at "${key}" returned a value with its own toJSON()`);
  }
  return result;
};

/**
 * Both encoding paths, sharing a cache of the key order of the object shapes seen, so that
 * similar values (the events of an append, the appends of a store) are sorted once per shape.
 */
function createEncoders(maxShapes: number): { readonly fast: CanonicalEncoder; readonly text: CanonicalEncoder } {
  const shapes = new Map<string, Shape[]>();
  let shapeCount = 0;

  const shapeOf = (keys: readonly string[]): Shape => {
    const first = keys[0] as string;
    let candidates = shapes.get(first);
    if (candidates !== undefined) {
      search: for (let c = 0; c < candidates.length; c++) {
        const shape = candidates[c] as Shape;
        if (shape.keys.length !== keys.length) continue;
        for (let i = 1; i < keys.length; i++) if (shape.keys[i] !== keys[i]) continue search;
        return shape;
      }
    }
    const order = keys.map((_, i) => i);
    // Keys are unique: a strict comparison of UTF-16 code units, as RFC 8785 asks.
    if (keys.length > 1) order.sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
    const sortedKeys = order.map((i) => keys[i] as string);
    const shape: Shape = {
      keys,
      order,
      members: sortedKeys.map((key) => `${JSON.stringify(key)}:`),
      sortedKeys,
      inOrder: order.every((index, position) => index === position),
      copyable: !keys.some((key) => key === "__proto__" || isArrayIndex(key)),
    };
    if (shapeCount >= maxShapes) {
      // Full: start afresh rather than stop learning (a long-lived encoder meets new shapes).
      shapes.clear();
      shapeCount = 0;
      candidates = undefined;
    }
    if (candidates === undefined) {
      candidates = [];
      shapes.set(first, candidates);
    }
    if (candidates.length < MAX_SHAPES_PER_FIRST_KEY) {
      candidates.push(shape);
      shapeCount++;
    }
    return shape;
  };

  const encode = (value: unknown, key: string, depth: number, allowToJSON: boolean): string | undefined => {
    const kind = typeof value;
    switch (kind) {
      case "string":
        return JSON.stringify(value);
      case "number":
        if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} at "${key}" is not a JSON number`);
        return JSON.stringify(value);
      case "boolean":
        return value === true ? "true" : "false";
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
      case "bigint":
        throw new TypeError(`canonicalJson: bigint at "${key}" is not a JSON number`);
      case "object":
        return value === null ? "null" : encodeObject(value as object, key, depth, allowToJSON);
      default: {
        const _exhaustive: never = kind;
        throw new TypeError(`canonicalJson: unsupported ${String(_exhaustive)}`);
      }
    }
  };

  const encodeObject = (value: object, key: string, depth: number, allowToJSON: boolean): string | undefined => {
    if (depth >= MAX_DEPTH) throw new TypeError(`canonicalJson: nesting deeper than ${MAX_DEPTH} (a cycle?) at "${key}"`);
    if (allowToJSON && typeof (value as { toJSON?: unknown }).toJSON === "function") {
      return encode(applyToJSON(value, key), key, depth + 1, false);
    }
    if (Array.isArray(value)) {
      let out = "[";
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out += ",";
        out += encode(value[i], String(i), depth + 1, true) ?? "null";
      }
      return `${out}]`;
    }
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return encode(value.valueOf(), key, depth, false);
    }
    const keys = Object.keys(value);
    if (keys.length === 0) return "{}";
    const shape = shapeOf(keys);
    const record = value as Record<string, unknown>;
    let out = "{";
    for (let j = 0; j < shape.order.length; j++) {
      const k = keys[shape.order[j] as number] as string;
      const encoded = encode(record[k], k, depth + 1, true);
      if (encoded === undefined) continue;
      out += out.length === 1 ? (shape.members[j] as string) + encoded : `,${shape.members[j] as string}${encoded}`;
    }
    return `${out}}`;
  };

  /**
   * The fast path: checks the value and returns one whose native `JSON.stringify` is the
   * canonical text: the value itself where its keys are in canonical order already, else a
   * copy with keys inserted in that order (copy-on-write). The native serialiser then writes
   * one flat string, much cheaper than concatenating.
   */
  const prepare = (value: unknown, key: string, depth: number): unknown => {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} at "${key}" is not a JSON number`);
        return value;
      case "bigint":
        throw new TypeError(`canonicalJson: bigint at "${key}" is not a JSON number`);
      case "object":
        break;
      default:
        return value; // strings, booleans; undefined, functions and symbols are dropped by the serialiser
    }
    if (value === null) return null;
    if (depth >= MAX_DEPTH) throw new TypeError(`canonicalJson: nesting deeper than ${MAX_DEPTH} (a cycle?) at "${key}"`);
    if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
      return prepare(applyToJSON(value, key), key, depth + 1);
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const prepared = prepare(item, String(i), depth + 1);
        if (copy === undefined && prepared !== item) copy = value.slice(0, i);
        if (copy !== undefined) copy.push(prepared);
      }
      return copy ?? value;
    }
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return prepare(value.valueOf(), key, depth);
    const keys = Object.keys(value);
    if (keys.length === 0) return value;
    const shape = shapeOf(keys);
    if (!shape.copyable) throw new NotCopyable();
    const record = value as Record<string, unknown>;
    if (shape.inOrder) {
      let copy: Record<string, unknown> | undefined;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const child = record[k];
        const prepared = prepare(child, k, depth + 1);
        if (copy === undefined && prepared !== child) {
          copy = {};
          for (let j = 0; j < i; j++) copy[keys[j] as string] = record[keys[j] as string];
        }
        if (copy !== undefined) copy[k] = prepared;
      }
      return copy ?? value;
    }
    const copy: Record<string, unknown> = {};
    for (const k of shape.sortedKeys) copy[k] = prepare(record[k], k, depth + 1);
    return copy;
  };

  const text = (value: unknown): string => {
    const encoded = encode(value, "", 0, true);
    if (encoded === undefined) throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
    return flatten(encoded);
  };

  const fast = (value: unknown): string => {
    let encoded: string | undefined;
    try {
      encoded = JSON.stringify(prepare(value, "", 0));
    } catch (error) {
      if (!(error instanceof NotCopyable)) throw error;
      return text(value);
    }
    if (encoded === undefined) throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
    return encoded;
  };

  return { fast, text };
}

/**
 * An encoder remembering the key orders of the object shapes it has seen (a bounded cache):
 * reuse one over similar values — the events of an append, or all the appends of a store,
 * whose event types come back with the same shapes. It holds no other state.
 */
export const createCanonicalEncoder = (options: CanonicalEncoderOptions = {}): CanonicalEncoder =>
  createEncoders(Math.max(1, options.maxShapes ?? DEFAULT_MAX_SHAPES)).fast;

/** Canonical JSON text of `value` (see the module comment). */
export const canonicalJson = (value: unknown): string => createEncoders(DEFAULT_MAX_SHAPES).fast(value);

/**
 * The same by concatenation only, never copying: the definition the fast path must match, and
 * its fallback. @internal exported for tests.
 */
export const canonicalJsonByConcatenation = (value: unknown): string => createEncoders(DEFAULT_MAX_SHAPES).text(value);

/** Strings `JSON.stringify` writes as they are between quotes: no `"`, `\`, control character or surrogate. */
const plainString = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * Canonical JSON of a string (a JSON string literal, as `JSON.stringify` writes it). Ids,
 * types and timestamps need no escaping: quoting them is cheaper than the native serialiser.
 */
export const canonicalString = (value: string): string => (plainString.test(value) ? `"${value}"` : JSON.stringify(value));

/**
 * Makes V8 flatten a string built by concatenation (a rope) now, while its parts are young:
 * a retained rope costs garbage collection and is flattened anyway by hashing and by SQLite.
 * Reading a character is what triggers it, in unoptimised code (optimised code may read the
 * character through the rope without flattening: a hint, not a guarantee); the result is the
 * same string.
 */
export const flatten = (value: string): string => {
  value.charCodeAt(0);
  return value;
};
