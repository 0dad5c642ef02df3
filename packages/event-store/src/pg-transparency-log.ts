import type pg from "pg";
import { TreeSizeError } from "./errors.js";
import { toHex } from "./merkle-hash.js";
import { consistencyPath, inclusionPath, rootOf } from "./merkle-proofs.js";
import { blockOf, leafInBlock, LEAVES_PER_BLOCK } from "./merkle-rows.js";
import { fetchBlocks, withStoredSubtrees } from "./pg-merkle-nodes.js";
import type { PgMerkleTree } from "./pg-merkle-tree.js";
import type { PgTreeIntegrator } from "./pg-tree-integrator.js";
import type { ConsistencyProof, InclusionProof, SignedTreeHead, TransparencyLog, TreeHead } from "./transparency-log.js";

/**
 * The PostgreSQL store's transparency log: heads and proofs read from the stored tree
 * (pg-merkle-nodes.ts: O(log² n) rows, never the events), signed heads in `tree_heads`. A size
 * the tree does not cover yet but the log does is integrated first.
 */

export interface PgTransparencyLogContext {
  readonly pool: pg.Pool;
  readonly tree: PgMerkleTree;
  readonly integrator: PgTreeIntegrator;
  readonly ready: () => Promise<void>;
}

export function pgTransparencyLog(context: PgTransparencyLogContext): TransparencyLog {
  const { pool, tree, integrator, ready } = context;

  const headPosition = async (): Promise<number> => (await pool.query<[number]>({ text: "SELECT position FROM log_head WHERE id = 1", rowMode: "array" })).rows[0]?.[0] ?? 0;

  /** Waits until the tree covers `treeSize` events; refuses a size past the log's head. */
  const covered = async (treeSize: number, what: string): Promise<void> => {
    await ready();
    if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new TreeSizeError(`${what} must be a non-negative integer, got ${treeSize}`, false);
    if (treeSize <= (await tree.size())) return;
    const head = await headPosition();
    if (treeSize > head) throw new TreeSizeError(`${what} ${treeSize} is past the log's head (${head})`, true);
    await integrator.integrated(treeSize);
  };

  return {
    treeHead: async (treeSize?: number): Promise<TreeHead> => {
      await ready();
      const size = treeSize ?? (await tree.size());
      await covered(size, "treeSize");
      return { treeSize: size, rootHash: toHex(await withStoredSubtrees(pool, (subtrees) => rootOf(subtrees, size))) };
    },
    inclusionProof: async (leafIndex: number, treeSize: number): Promise<InclusionProof> => {
      await covered(treeSize, "treeSize");
      if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
        throw new TreeSizeError(`leaf index ${leafIndex} is not in a tree of ${treeSize} events`, false);
      }
      return withStoredSubtrees(pool, (subtrees) => ({
        leafIndex,
        treeSize,
        leafHash: toHex(subtrees.hashOf(0, leafIndex)),
        path: inclusionPath(subtrees, leafIndex, treeSize).map(toHex),
      }));
    },
    consistencyProof: async (from: number, to: number): Promise<ConsistencyProof> => {
      await covered(to, "to");
      if (!Number.isSafeInteger(from) || from < 1 || from > to) throw new TreeSizeError(`from must be an integer from 1 to ${to}, got ${from}`, false);
      return { from, to, path: await withStoredSubtrees(pool, (subtrees) => consistencyPath(subtrees, from, to).map(toHex)) };
    },
    leafHashes: async (from: number, count: number): Promise<string[]> => {
      await ready();
      if (!Number.isSafeInteger(from) || from < 0 || !Number.isSafeInteger(count) || count < 0) throw new TreeSizeError(`leaves ${from} + ${count}: not a valid range`, false);
      const to = Math.min(from + count, await tree.size());
      const first = blockOf(from);
      const blocks = await fetchBlocks(pool, Array.from({ length: Math.max(0, Math.ceil(to / LEAVES_PER_BLOCK) - first) }, (_, i) => first + i));
      const hashes: string[] = [];
      for (let i = from; i < to; i++) hashes.push((leafInBlock(blocks.get(blockOf(i)), i) ?? Buffer.alloc(0)).toString("hex"));
      return hashes;
    },
    saveSignedHead: async (head: SignedTreeHead) => {
      await ready();
      await pool.query("INSERT INTO tree_heads (tree_size, root_hash, issued_at, key_id, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING", [
        head.treeSize,
        head.rootHash,
        head.issuedAt,
        head.keyId,
        head.signature,
      ]);
    },
    signedHeads: async ({ from = 0, limit }) => {
      await ready();
      const result = await pool.query<[number, string, string, string, string]>({
        text: "SELECT tree_size, root_hash, issued_at, key_id, signature FROM tree_heads WHERE tree_size >= $1 ORDER BY tree_size LIMIT $2",
        values: [from, limit],
        rowMode: "array",
      });
      return result.rows.map(([treeSize, rootHash, issuedAt, keyId, signature]) => ({ treeSize, rootHash, issuedAt, keyId, signature }));
    },
  };
}
