import type pg from "pg";
import { createMerkleFrontier, frontierShape, type MerkleFrontier } from "./merkle-frontier.js";
import { createHandedHashes } from "./handed-hashes.js";
import type { Hash } from "./merkle-hash.js";
import { blockOf, HASH_BYTES, partialBlock, pushEventHashes } from "./merkle-rows.js";
import { fetchBlocks, withStoredSubtrees } from "./pg-merkle-nodes.js";

/**
 * Keeping the PostgreSQL store's Merkle tree (RFC 9162, merkle-frontier.ts) off the append
 * path: `integrate` takes the hashes of the events committed since the tree's size (handed over
 * by this process's appends, else read from the log), hashes them into the tree here, and
 * stores the new leaf rows and subtrees in one statement that moves `merkle_tree.size` only if
 * no other process moved it (another process may integrate the same events: one wins, the other
 * reloads). Several processes may run it at once; the tree never has gaps.
 *
 * While this process's own commits continue the tree it last wrote, a step is that one
 * statement: the frontier and the last, partial row of leaves are kept from the step before.
 * Otherwise (another process's events between, nothing handed, another process moved the tree)
 * it reads the tree's size and the log's head, and the events' hashes from the log.
 */

export interface PgMerkleTree {
  /** How many events the stored tree covers. */
  size(): Promise<number>;
  /** This process committed these events' hashes from `firstPosition` on: integrated without reading them back. */
  hand(firstPosition: number, hashes: readonly string[]): void;
  /**
   * Adds up to `maxEvents` events to the tree; returns the stored size after the call and the
   * head it looked towards: the log's, or the last event of this process's commits that
   * continue the tree (then the log may hold more: a caller waiting for a size steps again).
   */
  integrate(maxEvents: number): Promise<{ readonly size: number; readonly head: number }>;
}

/** Handed hashes kept at most, waiting for the tree. */
const MAX_HANDED = 100_000;

/** This process's view of the stored tree: its frontier and the leaf hashes of its last, partial row. */
interface Known {
  readonly frontier: MerkleFrontier;
  /** The leaf hashes stored in row `floor(size / LEAVES_PER_BLOCK)` (`size % LEAVES_PER_BLOCK` of them). */
  readonly lastBlock: Buffer;
}

export function createPgMerkleTree(pool: pg.Pool): PgMerkleTree {
  /** The stored tree as this process last wrote or read it; `null` when it must be read again. */
  let known: Known | null = null;
  /** Hashes handed over by this process's commits, until the tree covers them. */
  const handed = createHandedHashes(MAX_HANDED);

  /** The hashes of the events at positions after `from` up to `to`, read from the log, 32 bytes each. */
  const readHashes = async (from: number, to: number): Promise<Buffer> => {
    const rows = (
      await pool.query<[string | null]>({ text: "SELECT metadata::json ->> 'hash' FROM events WHERE position > $1 AND position <= $2 ORDER BY position", values: [from, to], rowMode: "array" })
    ).rows;
    if (rows.length !== to - from || rows.some(([hash]) => typeof hash !== "string" || hash.length !== 2 * HASH_BYTES)) {
      throw new Error(`event store: the events at positions ${from + 1}–${to} are not all there with a hash: the Merkle tree cannot be kept`);
    }
    return Buffer.from(rows.map(([hash]) => hash).join(""), "hex");
  };

  /** The stored tree of `size` leaves: its frontier's subtrees and its last row of leaves. */
  const load = async (size: number): Promise<Known> => {
    const shape = frontierShape(size);
    const lastRow = blockOf(size);
    const [hashes, rows] = await Promise.all([
      withStoredSubtrees(pool, (subtrees) => shape.map(({ level, index }) => subtrees.hashOf(level, index))),
      fetchBlocks(pool, [lastRow]),
    ]);
    return {
      frontier: createMerkleFrontier(size, shape.map(({ level, index }, i) => ({ level, index, hash: hashes[i] as Hash }))),
      lastBlock: partialBlock(rows.get(lastRow), size),
    };
  };

  /**
   * Hashes the events at `size + 1` … `size + hashes.length / 32` into `tree` and stores the
   * rows they touch, in one statement that moves the stored size from `size` only if no other
   * process moved it first. Returns the stored size afterwards; `known` follows it.
   */
  const extend = async (current: Known, hashes: Buffer): Promise<number> => {
    const tree = current.frontier;
    const size = tree.size;
    const to = size + hashes.length / HASH_BYTES;
    try {
      const rows = pushEventHashes(tree, current.lastBlock, hashes);
      // One statement, atomic: the size moves from `size` to `to` only if no other process moved
      // it (a concurrent one waits for the row, then finds the size changed), and the rows are
      // stored only with it.
      const stored = await pool.query<[number]>({
        text: `WITH moved AS (UPDATE merkle_tree SET size = $2 WHERE id = 1 AND size = $1 RETURNING size),
          leaves AS (
            INSERT INTO merkle_leaves (block, hashes) SELECT b.block, b.hashes FROM unnest($3::bigint[], $4::bytea[]) AS b (block, hashes) WHERE EXISTS (SELECT 1 FROM moved)
            ON CONFLICT (block) DO UPDATE SET hashes = excluded.hashes),
          nodes AS (
            INSERT INTO merkle_nodes (level, idx, hash) SELECT n.level, n.idx, n.hash FROM unnest($5::integer[], $6::bigint[], $7::bytea[]) AS n (level, idx, hash) WHERE EXISTS (SELECT 1 FROM moved))
          SELECT coalesce((SELECT size FROM moved), (SELECT size FROM merkle_tree WHERE id = 1))`,
        values: [
          size,
          to,
          rows.blocks.map((_, i) => rows.firstBlock + i),
          rows.blocks,
          rows.nodes.map(([level]) => level),
          rows.nodes.map(([, index]) => index),
          rows.nodes.map(([, , hash]) => hash),
        ],
        rowMode: "array",
      });
      const after = stored.rows[0]?.[0] ?? 0;
      known = after === to ? { frontier: tree, lastBlock: partialBlock(rows.blocks[rows.blocks.length - 1], to) } : null; // null: another process integrated these events first
      return after;
    } catch (error) {
      known = null;
      throw error;
    }
  };

  const integrate = async (maxEvents: number): Promise<{ size: number; head: number }> => {
    // This process's own commits continuing the tree it wrote last: no need to read the state or the log.
    if (known !== null) {
      const size = known.frontier.size;
      const held = handed.heldThrough(size);
      if (held > size) {
        const to = Math.min(held, size + maxEvents);
        return { size: await extend(known, handed.take(size, to) as Buffer), head: held };
      }
    }
    const state = (await pool.query<[number, number]>({ text: "SELECT t.size, h.position FROM merkle_tree t, log_head h WHERE t.id = 1 AND h.id = 1", rowMode: "array" })).rows[0] as [number, number];
    const [size, head] = state;
    const to = Math.min(head, size + maxEvents);
    if (to <= size) return { size, head };
    if (known === null || known.frontier.size !== size) known = await load(size);
    const hashes = handed.take(size, to) ?? (await readHashes(size, to));
    return { size: await extend(known, hashes), head };
  };

  return {
    hand: (firstPosition, hashes) => handed.add(firstPosition, Buffer.from(hashes.join(""), "hex")),
    size: async () => (await pool.query<[number]>({ text: "SELECT size FROM merkle_tree WHERE id = 1", rowMode: "array" })).rows[0]?.[0] ?? 0,
    integrate,
  };
}
