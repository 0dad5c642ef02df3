import type pg from "pg";
import { createMerkleFrontier, frontierShape, type MerkleFrontier } from "./merkle-frontier.js";
import { eventLeafHash, type Hash } from "./merkle-hash.js";
import { fetchBlocks, HASH_BYTES, LEAVES_PER_BLOCK, STORED_LEVEL, withStoredSubtrees } from "./pg-merkle-nodes.js";

/**
 * Keeping the PostgreSQL store's Merkle tree (RFC 9162, merkle-frontier.ts) off the append
 * path: `integrate` reads the events committed since the tree's size, hashes them here, and
 * stores the new leaf rows and subtrees in a short transaction that first locks `merkle_tree`
 * and checks its size did not move (another process may integrate the same events: one wins,
 * the other reloads). Several processes may run it at once; the tree never has gaps.
 */

export interface PgMerkleTree {
  /** How many events the stored tree covers. */
  size(): Promise<number>;
  /** Adds up to `maxEvents` events to the tree; returns the stored size after the call and the log's head. */
  integrate(maxEvents: number): Promise<{ readonly size: number; readonly head: number }>;
}

export function createPgMerkleTree(pool: pg.Pool): PgMerkleTree {
  let frontier: MerkleFrontier | null = null;

  const loadFrontier = async (size: number): Promise<MerkleFrontier> => {
    const shape = frontierShape(size);
    const hashes = await withStoredSubtrees(pool, (subtrees) => shape.map(({ level, index }) => subtrees.hashOf(level, index)));
    return createMerkleFrontier(size, shape.map(({ level, index }, i) => ({ level, index, hash: hashes[i] as Hash })));
  };

  const integrate = async (maxEvents: number): Promise<{ size: number; head: number }> => {
    const state = (await pool.query<[number, number]>({ text: "SELECT t.size, h.position FROM merkle_tree t, log_head h WHERE t.id = 1 AND h.id = 1", rowMode: "array" })).rows[0] as [number, number];
    const [size, head] = state;
    const to = Math.min(head, size + maxEvents);
    if (to <= size) return { size, head };
    if (frontier === null || frontier.size !== size) frontier = await loadFrontier(size);
    const tree = frontier;
    const firstBlock = Math.floor(size / LEAVES_PER_BLOCK);
    const [events, stored] = await Promise.all([
      pool.query<[string | null]>({ text: "SELECT metadata::json ->> 'hash' FROM events WHERE position > $1 AND position <= $2 ORDER BY position", values: [size, to], rowMode: "array" }),
      fetchBlocks(pool, [firstBlock]),
    ]);
    if (events.rows.length !== to - size || events.rows.some(([hash]) => typeof hash !== "string")) {
      throw new Error(`event store: the events at positions ${size + 1}–${to} are not all there with a hash: the Merkle tree cannot be kept`);
    }
    const nodes: [number, number, Hash][] = [];
    const leaves: Hash[] = [];
    try {
      for (const [hash] of events.rows) {
        tree.push(eventLeafHash(hash as string), (node) => {
          if (node.level === 0) leaves.push(node.hash);
          else if (node.level >= STORED_LEVEL) nodes.push([node.level, node.index, node.hash]);
        });
      }
    } catch (error) {
      frontier = null;
      throw error;
    }
    // The rows of leaf hashes touched: the first one completed, the others new.
    const blocks: [number, Buffer][] = [];
    const firstOffset = size % LEAVES_PER_BLOCK;
    const firstRow = stored.get(firstBlock) ?? Buffer.alloc(0);
    for (let start = 0; start < leaves.length; ) {
      const room = LEAVES_PER_BLOCK - (blocks.length === 0 ? firstOffset : 0);
      const part = leaves.slice(start, start + room);
      blocks.push([firstBlock + blocks.length, Buffer.concat(blocks.length === 0 ? [firstRow.subarray(0, firstOffset * HASH_BYTES), ...part] : part)]);
      start += part.length;
    }
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const current = (await client.query<[number]>({ text: "SELECT size FROM merkle_tree WHERE id = 1 FOR UPDATE", rowMode: "array" })).rows[0]?.[0] ?? 0;
      if (current !== size) {
        await client.query("ROLLBACK");
        frontier = null; // another process integrated these events first
        return { size: current, head };
      }
      await client.query(
        "INSERT INTO merkle_leaves (block, hashes) SELECT * FROM unnest($1::bigint[], $2::bytea[]) ON CONFLICT (block) DO UPDATE SET hashes = excluded.hashes",
        [blocks.map(([block]) => block), blocks.map(([, hashes]) => hashes)],
      );
      if (nodes.length > 0) {
        await client.query("INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bytea[])", [
          nodes.map(([level]) => level),
          nodes.map(([, index]) => index),
          nodes.map(([, , hash]) => hash),
        ]);
      }
      await client.query("UPDATE merkle_tree SET size = $1 WHERE id = 1", [to]);
      await client.query("COMMIT");
      return { size: to, head };
    } catch (error) {
      frontier = null;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    size: async () => (await pool.query<[number]>({ text: "SELECT size FROM merkle_tree WHERE id = 1", rowMode: "array" })).rows[0]?.[0] ?? 0,
    integrate,
  };
}
