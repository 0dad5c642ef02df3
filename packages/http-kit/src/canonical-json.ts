/**
 * A canonical JSON text of a parsed JSON value: object keys sorted (UTF-16 code units), no
 * whitespace, arrays in order. Two bodies that differ only in key order or spacing give the
 * same text. `undefined` (no body) gives "".
 */
export const canonicalJson = (value: unknown): string => {
  if (value === undefined) return "";
  return encode(value);
};

const encode = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => encode(item)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${encode(record[key])}`);
  return `{${members.join(",")}}`;
};
