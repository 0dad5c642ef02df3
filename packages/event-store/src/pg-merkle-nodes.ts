import type pg from "pg";
import type { Hash } from "./merkle-hash.js";
import { blockOf, HASH_BYTES, STORED_LEVEL, subtreeInBlock } from "./merkle-rows.js";
import type { PerfectSubtrees } from "./merkle-proofs.js";

/**
 * Reading the PostgreSQL store's stored Merkle tree (tables of pg-schema.ts, laid out as the
 * SQLite store's, merkle-rows.ts: leaf hashes 16 to a row of `merkle_leaves`, perfect subtrees
 * of 16 leaves and more in `merkle_nodes`). The proof functions (merkle-proofs.ts) ask for subtrees one at a
 * time, synchronously; their questions depend on the sizes alone, never on the hashes, so
 * `withStoredSubtrees` runs a computation once to learn which subtrees it asks for, fetches them
 * all in two queries, and runs it again on the answers. Rows of a size the tree covers never
 * change (a block only gains leaves after those already there), so no snapshot is needed.
 */

const PLACEHOLDER: Hash = Buffer.alloc(HASH_BYTES);

/** The stored rows of leaf hashes of these blocks. */
export async function fetchBlocks(client: pg.Pool | pg.ClientBase, blocks: readonly number[]): Promise<Map<number, Buffer>> {
  if (blocks.length === 0) return new Map();
  const result = await client.query<[number, Buffer]>({ text: "SELECT block, hashes FROM merkle_leaves WHERE block = ANY($1::bigint[])", values: [[...blocks]], rowMode: "array" });
  return new Map(result.rows);
}

/** Runs `compute` over the stored subtrees it asks for. */
export async function withStoredSubtrees<T>(client: pg.Pool | pg.ClientBase, compute: (subtrees: PerfectSubtrees) => T): Promise<T> {
  const wanted: [number, number][] = [];
  compute({
    hashOf: (level, index) => {
      wanted.push([level, index]);
      return PLACEHOLDER;
    },
  });
  const nodes = wanted.filter(([level]) => level >= STORED_LEVEL);
  const blocks = [...new Set(wanted.filter(([level]) => level < STORED_LEVEL).map(([level, index]) => blockOf(index * 2 ** level)))];
  const [stored, leafRows] = await Promise.all([
    nodes.length === 0
      ? Promise.resolve(new Map<string, Buffer>())
      : client
          .query<[number, number, Buffer]>({
            text: "SELECT n.level, n.idx, n.hash FROM merkle_nodes n JOIN unnest($1::integer[], $2::bigint[]) AS w (level, idx) ON n.level = w.level AND n.idx = w.idx",
            values: [nodes.map(([level]) => level), nodes.map(([, index]) => index)],
            rowMode: "array",
          })
          .then((result) => new Map(result.rows.map(([level, index, hash]) => [`${level}:${index}`, hash]))),
    fetchBlocks(client, blocks),
  ]);
  return compute({
    hashOf: (level, index) => {
      if (level < STORED_LEVEL) return subtreeInBlock(leafRows.get(blockOf(index * 2 ** level)), level, index);
      const hash = stored.get(`${level}:${index}`);
      if (hash === undefined) throw new Error(`event store: the Merkle tree has no node (${level}, ${index})`);
      return hash;
    },
  });
}
