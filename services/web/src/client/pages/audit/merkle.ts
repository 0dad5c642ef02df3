/**
 * What the auditor's desk checks in the browser: RFC 8785 canonical JSON and its SHA-256 (a
 * published ranking's `answerDigest`), and an RFC 9162 §2.1.3.2 inclusion proof recomputed to
 * a root hash. Hashes travel as lowercase hex.
 */

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

const fromHex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

const sha256 = async (data: Uint8Array): Promise<Uint8Array> => new Uint8Array(await crypto.subtle.digest("SHA-256", data as unknown as ArrayBuffer));

/** RFC 8785: keys sorted by UTF-16 code units, no whitespace, numbers as ECMAScript prints them. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
};

export const sha256Hex = async (text: string): Promise<string> => hex(await sha256(new TextEncoder().encode(text)));

const nodeHash = async (left: Uint8Array, right: Uint8Array): Promise<Uint8Array> => {
  const data = new Uint8Array(1 + left.length + right.length);
  data[0] = 1;
  data.set(left, 1);
  data.set(right, 1 + left.length);
  return sha256(data);
};

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or null when the proof is malformed. */
export const rootFromInclusion = async (leafIndex: number, treeSize: number, leafHash: string, path: readonly string[]): Promise<string | null> => {
  if (leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = fromHex(leafHash);
  for (const p of path) {
    if (sn === 0) return null;
    const sibling = fromHex(p);
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(sibling, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? hex(r) : null;
};
