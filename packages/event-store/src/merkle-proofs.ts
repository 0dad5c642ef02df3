import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint, type Hash } from "./merkle-hash.js";

/**
 * Roots and proofs of RFC 9162 §2.1 over any source of *perfect* subtree hashes, and their
 * verification (§2.1.3.2, §2.1.4.2). A perfect subtree is `(level, index)`: the 2^level leaves
 * from index · 2^level. Every subtree the RFC's recursion needs is either perfect and aligned
 * so, or a right edge split again at its largest power of two: so a store that can answer
 * for perfect subtrees can answer for any tree size (sqlite-merkle-tree.ts).
 */

export interface PerfectSubtrees {
  /** The hash of the 2^level leaves from index · 2^level (level 0: a leaf hash). */
  hashOf(level: number, index: number): Hash;
}

const log2 = (powerOfTwo: number): number => Math.round(Math.log2(powerOfTwo));

/** MTH(D[start:end]) for a range the RFC's recursion produces (aligned to its largest perfect part). */
export function rangeHash(source: PerfectSubtrees, start: number, end: number): Hash {
  const size = end - start;
  if (size <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size)) return source.hashOf(log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

export const rootOf = (source: PerfectSubtrees, treeSize: number): Hash => rangeHash(source, 0, treeSize);

/** PATH(leafIndex, D[0:treeSize]) of §2.1.3.1, from the leaf's sibling up; requires leafIndex < treeSize. */
export function inclusionPath(source: PerfectSubtrees, leafIndex: number, treeSize: number): Hash[] {
  const path: Hash[] = [];
  const walk = (start: number, end: number): void => {
    if (end - start <= 1) return;
    const k = splitPoint(end - start);
    if (leafIndex < start + k) {
      walk(start, start + k);
      path.push(rangeHash(source, start + k, end));
    } else {
      walk(start + k, end);
      path.push(rangeHash(source, start, start + k));
    }
  };
  walk(0, treeSize);
  return path;
}

/** PROOF(from, D[0:to]) of §2.1.4.1; requires 0 < from ≤ to (empty when from = to). */
export function consistencyPath(source: PerfectSubtrees, from: number, to: number): Hash[] {
  const path: Hash[] = [];
  const sub = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) path.push(rangeHash(source, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, complete);
      path.push(rangeHash(source, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      path.push(rangeHash(source, start, start + k));
    }
  };
  sub(from, 0, to, true);
  return path;
}

/** §2.1.3.2: does `path` prove the leaf with `leafHash` at `leafIndex` in the tree of `treeSize` with `root`? */
export function verifyInclusion(leafHash: Hash, leafIndex: number, treeSize: number, path: readonly Hash[], root: Hash): boolean {
  if (leafIndex >= treeSize || leafIndex < 0) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** §2.1.4.2: does `path` prove the tree of `from` with `fromRoot` a prefix of the tree of `to` with `toRoot`? */
export function verifyConsistency(from: number, to: number, path: readonly Hash[], fromRoot: Hash, toRoot: Hash): boolean {
  if (from < 0 || from > to) return false;
  if (from === to) return path.length === 0 && fromRoot.equals(toRoot);
  if (from === 0) return path.length === 0 && fromRoot.equals(EMPTY_ROOT);
  if (path.length === 0) return false;
  const proof = isPowerOfTwo(from) ? [fromRoot, ...path] : [...path];
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = proof[0] as Hash;
  let sr = fr;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(fromRoot) && sr.equals(toRoot) && sn === 0;
}
