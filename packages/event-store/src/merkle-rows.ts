import type { MerkleFrontier } from "./merkle-frontier.js";
import { leafHash, nodeHash, type Hash } from "./merkle-hash.js";

/**
 * How the stores keep a Merkle tree in rows, the same on SQLite (sqlite-merkle-tree.ts) and
 * PostgreSQL (pg-merkle-tree.ts, pg-merkle-nodes.ts): the leaf hashes 16 to a row (block b holds
 * the leaves 16b …, 32 bytes each; the last block may hold fewer), and every complete perfect
 * subtree of 16 leaves or more as a row of its own (level ≥ 4). A smaller subtree is hashed
 * from its block.
 */

export const LEAVES_PER_BLOCK = 16;
export const STORED_LEVEL = 4; // log2(LEAVES_PER_BLOCK)
export const HASH_BYTES = 32;

/** The rows a step of integration writes. */
export interface IntegratedRows {
  /** The block of `blocks[0]`: the one the tree's last leaves were in, completed, then new ones. */
  readonly firstBlock: number;
  readonly blocks: readonly Buffer[];
  /** The perfect subtrees of 16 leaves and more completed: `[level, index, hash]`. */
  readonly nodes: readonly (readonly [number, number, Hash])[];
}

/**
 * Pushes the leaves of events whose hashes are `eventHashes` (32 bytes each, in order) onto
 * `frontier`, whose last, incomplete block holds `lastBlock` (`frontier.size % 16` leaf hashes);
 * returns the rows to store.
 */
export function pushEventHashes(frontier: MerkleFrontier, lastBlock: Buffer, eventHashes: Buffer): IntegratedRows {
  const firstBlock = Math.floor(frontier.size / LEAVES_PER_BLOCK);
  const leaves: Hash[] = [lastBlock];
  const nodes: [number, number, Hash][] = [];
  for (let offset = 0; offset < eventHashes.length; offset += HASH_BYTES) {
    frontier.push(leafHash(eventHashes.subarray(offset, offset + HASH_BYTES)), (node) => {
      if (node.level === 0) leaves.push(node.hash);
      else if (node.level >= STORED_LEVEL) nodes.push([node.level, node.index, node.hash]);
    });
  }
  const all = Buffer.concat(leaves);
  const blocks: Buffer[] = [];
  for (let start = 0; start < all.length; start += LEAVES_PER_BLOCK * HASH_BYTES) blocks.push(all.subarray(start, start + LEAVES_PER_BLOCK * HASH_BYTES));
  return { firstBlock, blocks, nodes };
}

/** The block holding leaf `leafIndex`. */
export const blockOf = (leafIndex: number): number => Math.floor(leafIndex / LEAVES_PER_BLOCK);

/** The leaf hashes a tree of `size` leaves holds in its last, incomplete block, whose row is `row`. */
export const partialBlock = (row: Buffer | undefined, size: number): Buffer => (row ?? Buffer.alloc(0)).subarray(0, (size % LEAVES_PER_BLOCK) * HASH_BYTES);

/** Leaf `leafIndex`'s hash in its block's row (`undefined` or shorter: not stored). */
export function leafInBlock(row: Buffer | undefined, leafIndex: number): Hash | null {
  const offset = (leafIndex % LEAVES_PER_BLOCK) * HASH_BYTES;
  const leaf = (row ?? Buffer.alloc(0)).subarray(offset, offset + HASH_BYTES);
  return leaf.length === HASH_BYTES ? leaf : null;
}

/** The root of the perfect subtree `(level, index)`, level < 4, hashed from its block's row. */
export function subtreeInBlock(row: Buffer | undefined, level: number, index: number): Hash {
  const first = index * 2 ** level;
  let hashes: Hash[] = [];
  for (let i = first; i < first + 2 ** level; i++) {
    const leaf = leafInBlock(row, i);
    if (leaf === null) throw new Error(`event store: the Merkle tree has no leaf ${first + 2 ** level - 1}`);
    hashes.push(leaf);
  }
  while (hashes.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < hashes.length; i += 2) next.push(nodeHash(hashes[i] as Hash, hashes[i + 1] as Hash));
    hashes = next;
  }
  return hashes[0] as Hash;
}
