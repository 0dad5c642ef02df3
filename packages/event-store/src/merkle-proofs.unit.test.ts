import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMerkleFrontier, frontierShape, type PerfectNode } from "./merkle-frontier.js";
import { leafHash, nodeHash, type Hash } from "./merkle-hash.js";
import { consistencyPath, inclusionPath, rootOf, verifyConsistency, verifyInclusion, type PerfectSubtrees } from "./merkle-proofs.js";

// The reference: RFC 9162 §2.1's definitions written out literally, over lists of leaf data,
// with its own SHA-256 calls — slow, recursive, sharing nothing with the code under test.
const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return h.digest();
};
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);
const MTH = (d: Buffer[]): Buffer => {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0] as Buffer);
  const s = k(d.length);
  return sha(Buffer.from([1]), MTH(d.slice(0, s)), MTH(d.slice(s)));
};
const PATH = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s ? [...PATH(m, d.slice(0, s)), MTH(d.slice(s))] : [...PATH(m - s, d.slice(s)), MTH(d.slice(0, s))];
};
const SUBPROOF = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  const n = d.length;
  if (m === n) return b ? [] : [MTH(d)];
  const s = k(n);
  return m <= s ? [...SUBPROOF(m, d.slice(0, s), b), MTH(d.slice(s))] : [...SUBPROOF(m - s, d.slice(s), false), MTH(d.slice(0, s))];
};
const PROOF = (m: number, d: Buffer[]): Buffer[] => SUBPROOF(m, d, true);

/** The code under test's source of perfect subtrees: built by the frontier, kept in a map. */
function frontierSubtrees(data: Buffer[]): PerfectSubtrees {
  const nodes = new Map<string, Hash>();
  const frontier = createMerkleFrontier();
  for (const leaf of data) frontier.push(leafHash(leaf), (node: PerfectNode) => nodes.set(`${node.level}:${node.index}`, node.hash));
  return {
    hashOf: (level, index) => {
      const hash = nodes.get(`${level}:${index}`);
      if (hash === undefined) throw new Error(`no node ${level}:${index}`);
      return hash;
    },
  };
}

const logs = fc.integer({ min: 1, max: 70 }).map((n) => Array.from({ length: n }, () => randomBytes(32)));

describe("RFC 9162 Merkle tree (against the RFC's definitions)", () => {
  it("the empty tree's root is SHA-256 of nothing", () => {
    expect(rootOf(frontierSubtrees([]), 0).toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(createMerkleFrontier().root().equals(MTH([]))).toBe(true);
  });

  it("roots: from stored subtrees and from the frontier, at every size", () => {
    fc.assert(
      fc.property(logs, (data) => {
        const subtrees = frontierSubtrees(data);
        const frontier = createMerkleFrontier();
        data.forEach((leaf, i) => {
          frontier.push(leafHash(leaf), () => undefined);
          const expected = MTH(data.slice(0, i + 1));
          expect(frontier.root().equals(expected)).toBe(true);
          expect(rootOf(subtrees, i + 1).equals(expected)).toBe(true);
        });
      }),
      { numRuns: 40 },
    );
  });

  it("inclusion proofs are the RFC's PATH and verify; a changed leaf, index or path does not", () => {
    fc.assert(
      fc.property(logs, fc.nat(), fc.nat(), (data, a, b) => {
        const size = 1 + (a % data.length);
        const index = b % size;
        const prefix = data.slice(0, size);
        const path = inclusionPath(frontierSubtrees(data), index, size);
        expect(path.map((h) => h.toString("hex"))).toEqual(PATH(index, prefix).map((h) => h.toString("hex")));
        const root = MTH(prefix);
        const leaf = leafHash(prefix[index] as Buffer);
        expect(verifyInclusion(leaf, index, size, path, root)).toBe(true);
        expect(verifyInclusion(leafHash(randomBytes(32)), index, size, path, root)).toBe(false);
        if (size > 1) expect(verifyInclusion(leaf, (index + 1) % size, size, path, root)).toBe(false);
        if (path.length > 0) expect(verifyInclusion(leaf, index, size, [randomBytes(32), ...path.slice(1)], root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [...path, randomBytes(32)], root)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("consistency proofs are the RFC's PROOF and verify; another old root or a changed path does not", () => {
    fc.assert(
      fc.property(logs, fc.nat(), fc.nat(), (data, a, b) => {
        const to = 1 + (a % data.length);
        const from = 1 + (b % to);
        const path = consistencyPath(frontierSubtrees(data), from, to);
        expect(path.map((h) => h.toString("hex"))).toEqual(PROOF(from, data.slice(0, to)).map((h) => h.toString("hex")));
        const fromRoot = MTH(data.slice(0, from));
        const toRoot = MTH(data.slice(0, to));
        expect(verifyConsistency(from, to, path, fromRoot, toRoot)).toBe(true);
        expect(verifyConsistency(from, to, path, sha(randomBytes(8)), toRoot)).toBe(false);
        expect(verifyConsistency(from, to, path, fromRoot, sha(randomBytes(8)))).toBe(false);
        if (path.length > 0) expect(verifyConsistency(from, to, path.slice(0, -1), fromRoot, toRoot)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("the frontier's shape is one perfect subtree per set bit of the size, largest first", () => {
    expect(frontierShape(0)).toEqual([]);
    expect(frontierShape(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    const data = Array.from({ length: 13 }, () => randomBytes(32));
    const subtrees = frontierSubtrees(data);
    const resumed = createMerkleFrontier(13, frontierShape(13).map(({ level, index }) => ({ level, index, hash: subtrees.hashOf(level, index) })));
    const extra = randomBytes(32);
    resumed.push(leafHash(extra), () => undefined);
    expect(resumed.root().equals(MTH([...data, extra]))).toBe(true);
  });

  it("node hashing is RFC 9162's: 0x01 ‖ left ‖ right", () => {
    const [l, r] = [randomBytes(32), randomBytes(32)];
    expect(nodeHash(l, r).equals(sha(Buffer.from([1]), l, r))).toBe(true);
  });
});
