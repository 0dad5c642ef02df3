import { EMPTY_ROOT, nodeHash, type Hash } from "./merkle-hash.js";

/**
 * The right edge of a Merkle tree as it grows: the roots of the perfect subtrees its size
 * decomposes into (one per set bit, largest first), enough to add a leaf and to compute the
 * root. Adding a leaf merges equal-sized subtrees and reports each perfect subtree it
 * completes, so that a store can keep them (sqlite-merkle-tree.ts).
 */

export interface PerfectNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Hash;
}

export interface MerkleFrontier {
  /** Leaves added so far. */
  readonly size: number;
  /** Adds the leaf with this leaf hash; `completed` receives every perfect subtree it completes (the leaf itself first). */
  push(leafHash: Hash, completed: (node: PerfectNode) => void): void;
  /** The root of the tree of `size` leaves. */
  root(): Hash;
  /** The frontier's subtrees, largest first. */
  nodes(): readonly PerfectNode[];
}

/** A frontier over the first `size` leaves, given its perfect subtrees largest first (see `frontierShape`). */
export function createMerkleFrontier(size = 0, nodes: readonly PerfectNode[] = []): MerkleFrontier {
  const stack: PerfectNode[] = [...nodes];
  let leaves = size;
  return {
    get size() {
      return leaves;
    },
    push: (leafHash, completed) => {
      let node: PerfectNode = { level: 0, index: leaves, hash: leafHash };
      completed(node);
      let top = stack[stack.length - 1];
      while (top !== undefined && top.level === node.level) {
        stack.pop();
        node = { level: node.level + 1, index: top.index / 2, hash: nodeHash(top.hash, node.hash) };
        completed(node);
        top = stack[stack.length - 1];
      }
      stack.push(node);
      leaves++;
    },
    root: () => {
      let root = stack[stack.length - 1]?.hash;
      if (root === undefined) return EMPTY_ROOT;
      for (let i = stack.length - 2; i >= 0; i--) root = nodeHash((stack[i] as PerfectNode).hash, root);
      return root;
    },
    nodes: () => [...stack],
  };
}

/** The perfect subtrees `(level, index)` a tree of `size` leaves decomposes into, largest first. */
export function frontierShape(size: number): { level: number; index: number }[] {
  const shape: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      shape.push({ level, index: start / width });
      start += width;
    }
  }
  return shape;
}
