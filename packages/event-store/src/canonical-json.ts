/**
 * Canonical JSON: the one byte-exact encoding of a JSON value, so that a hash over it is
 * reproducible by anyone holding the same value (an auditor re-reading the log, another store
 * the log was imported into). It follows RFC 8785 (JCS) for the value space events use:
 *
 * - object keys sorted by UTF-16 code units, no whitespace;
 * - strings and finite numbers serialised as ECMAScript `JSON.stringify` does (which is what
 *   JCS prescribes for them); `-0` becomes `0`;
 * - `toJSON()` is honoured and `undefined` / functions / symbols are dropped from objects and
 *   become `null` in arrays, exactly like `JSON.stringify`, so that the canonical text of a
 *   value equals the canonical text of `JSON.parse(JSON.stringify(value))`.
 *
 * Refused (TypeError): non-finite numbers (`NaN`, `Infinity`: JSON cannot hold them and
 * silently turning them into `null` would forge a ledger entry), bigints, cycles / nesting
 * deeper than `MAX_DEPTH`.
 */

const MAX_DEPTH = 512;

export function canonicalJson(value: unknown): string {
  const text = encode(value, "", 0);
  if (text === undefined) throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  return text;
}

/** Canonical JSON of a string (a JSON string literal). */
export const canonicalString = (value: string): string => JSON.stringify(value);

function encode(value: unknown, key: string, depth: number): string | undefined {
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
      return value === null ? "null" : encodeObject(value as object, key, depth);
    default: {
      const _exhaustive: never = kind;
      throw new TypeError(`canonicalJson: unsupported ${String(_exhaustive)}`);
    }
  }
}

function encodeObject(value: object, key: string, depth: number): string | undefined {
  if (depth >= MAX_DEPTH) throw new TypeError(`canonicalJson: nesting deeper than ${MAX_DEPTH} (a cycle?) at "${key}"`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return encode(toJSON.call(value, key), key, depth + 1);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += encode(value[i], String(i), depth + 1) ?? "null";
    }
    return out + "]";
  }
  // Boxed primitives, like JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return encode(value.valueOf(), key, depth);
  }
  const keys = Object.keys(value);
  // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
  if (keys.length > 1) keys.sort();
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const k of keys) {
    const encoded = encode(record[k], k, depth + 1);
    if (encoded === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += JSON.stringify(k) + ":" + encoded;
  }
  return out + "}";
}
