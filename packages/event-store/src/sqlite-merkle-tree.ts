import type Database from "better-sqlite3";
import { TreeSizeError } from "./errors.js";
import type { EventStoreLogger } from "./logger.js";
import type { HandedHashes } from "./handed-hashes.js";
import { createMerkleFrontier, frontierShape, type MerkleFrontier } from "./merkle-frontier.js";
import { eventLeafHash, toHex, type Hash } from "./merkle-hash.js";
import { blockOf, HASH_BYTES, leafInBlock, LEAVES_PER_BLOCK, partialBlock, pushEventHashes, STORED_LEVEL, subtreeInBlock } from "./merkle-rows.js";
import { consistencyPath, inclusionPath, rootOf, type PerfectSubtrees } from "./merkle-proofs.js";
import type { ConsistencyProof, InclusionProof, SignedTreeHead, TransparencyLog, TreeHead } from "./transparency-log.js";

/**
 * The SQLite event store's Merkle tree (tables in the tree's own file, sqlite-tree-file.ts; the
 * signed heads in the log's, sqlite-schema.ts). Appends do not touch it: `integrate` adds the
 * events written since, in the background (sqlite-tree-integrator.ts)
 * or when a bulk load closes, storing their leaf hashes (16 to a row) and every perfect subtree
 * of 16 leaves or more it completes. Roots and proofs read those rows (O(log² n) point reads,
 * never a rebuild, never the events), and since the tree keeps its own copy of the leaves, an
 * event altered afterwards no longer matches it: `firstLeafDifference` finds where.
 */


/** Statements on the tree's file. */
interface TreeStatements {
  readonly selectSize: Database.Statement;
  readonly updateSize: Database.Statement;
  readonly selectNode: Database.Statement;
  readonly insertNode: Database.Statement;
  readonly selectBlock: Database.Statement;
  readonly upsertBlock: Database.Statement;
}

/** Statements on the log's file. */
interface LogStatements {
  readonly selectEventHashes: Database.Statement;
  readonly selectHead: Database.Statement;
}

/** The connections of a tree: `log` on the log's file, `tree` on the tree's (sqlite-tree-file.ts). */
export interface TreeConnections {
  readonly log: Database.Database;
  readonly tree: Database.Database;
}

const prepareTreeStatements = (db: Database.Database): TreeStatements => ({
  selectSize: db.prepare("SELECT size FROM merkle_tree WHERE id = 1").pluck(),
  updateSize: db.prepare("UPDATE merkle_tree SET size = ? WHERE id = 1"),
  selectNode: db.prepare("SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?").pluck(),
  insertNode: db.prepare("INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)"),
  selectBlock: db.prepare("SELECT hashes FROM merkle_leaves WHERE block = ?").pluck(),
  upsertBlock: db.prepare("INSERT INTO merkle_leaves (block, hashes) VALUES (?, ?) ON CONFLICT (block) DO UPDATE SET hashes = excluded.hashes"),
});

const prepareLogStatements = (db: Database.Database): LogStatements => ({
  selectEventHashes: db.prepare("SELECT json_extract(metadata, '$.hash') FROM events WHERE position > ? AND position <= ? ORDER BY position").pluck(),
  selectHead: db.prepare("SELECT coalesce(max(position), 0) FROM events").pluck(),
});

/** The hashes of the events at positions after `from` up to `to`, 32 bytes each; throws if a position is missing. */
function eventHashesOf(statements: LogStatements, from: number, to: number): Buffer {
  const hashes = statements.selectEventHashes.all(from, to) as unknown[];
  if (hashes.length !== to - from || !hashes.every((hash): hash is string => typeof hash === "string" && hash.length === 2 * HASH_BYTES)) {
    throw new Error(`event store: the events at positions ${from + 1}–${to} are not all there with a hash: the Merkle tree cannot be kept`);
  }
  return Buffer.from(hashes.join(""), "hex");
}

/** The stored leaf hashes of block `block` (fewer than 16 in the last, incomplete one). */
const blockLeaves = (statements: TreeStatements, block: number): Buffer => (statements.selectBlock.get(block) as Buffer | undefined) ?? Buffer.alloc(0);

/** Perfect subtrees read from the tables (below 16 leaves, hashed from a row of leaf hashes). */
const storedSubtrees = (statements: TreeStatements): PerfectSubtrees => ({
  hashOf: (level, index) => {
    if (level < STORED_LEVEL) return subtreeInBlock(blockLeaves(statements, blockOf(index * 2 ** level)), level, index);
    const hash = statements.selectNode.get(level, index) as Buffer | undefined;
    if (hash === undefined) throw new Error(`event store: the Merkle tree has no node (${level}, ${index})`);
    return hash;
  },
});

export interface SqliteMerkleTree {
  /** How many events the stored tree covers. */
  size(): number;
  /** The log's head position. */
  head(): number;
  /**
   * Adds up to `maxEvents` events written since to the tree: reads and hashes them outside any
   * write transaction, then stores the new rows in a short one, unless another connection
   * moved the tree meanwhile (then nothing is stored and the next call starts from there).
   * Returns the stored size after the call. `handed`: the events' hashes the caller has (the
   * appending thread handed them over): while they continue the tree, it integrates those and
   * no further, so that none is read from the log.
   */
  integrate(maxEvents: number, handed?: Pick<HandedHashes, "heldThrough" | "take">): number;
  /**
   * Why the stored tree cannot be this log's (its file came from another log, or from a longer
   * one, or the log's last covered event changed), or `null`: compares the tree's last leaf with
   * the leaf of the log's event at that position.
   */
  mismatch(): string | null;
}

export function createSqliteMerkleTree({ log, tree: db }: TreeConnections): SqliteMerkleTree {
  const statements = prepareTreeStatements(db);
  const logStatements = prepareLogStatements(log);
  let frontier: MerkleFrontier | null = null;

  const loadFrontier = (size: number): MerkleFrontier => {
    const subtrees = storedSubtrees(statements);
    return createMerkleFrontier(
      size,
      frontierShape(size).map(({ level, index }) => ({ level, index, hash: subtrees.hashOf(level, index) })),
    );
  };

  const integrate = (maxEvents: number, handed?: Pick<HandedHashes, "heldThrough" | "take">): number => {
    // Read what to add and hash it on one snapshot of the tree, without its write lock (the
    // log's events up to its head never change).
    const read = db
      .transaction(() => {
        const size = statements.selectSize.get() as number;
        const held = handed?.heldThrough(size) ?? size;
        const to = Math.min(held > size ? held : (logStatements.selectHead.get() as number), size + maxEvents);
        if (to <= size) return { size, hashes: Buffer.alloc(0), lastBlock: Buffer.alloc(0) };
        if (frontier === null || frontier.size !== size) frontier = loadFrontier(size);
        const hashes = (held > size ? handed?.take(size, to) : null) ?? eventHashesOf(logStatements, size, to);
        return { size, hashes, lastBlock: partialBlock(blockLeaves(statements, blockOf(size)), size) };
      })
      .deferred();
    if (read.hashes.length === 0) return read.size;
    const tree = frontier as MerkleFrontier;
    const rows = pushEventHashes(tree, read.lastBlock, read.hashes);
    return db
      .transaction((): number => {
        const size = statements.selectSize.get() as number;
        if (size !== read.size) {
          frontier = null; // another connection integrated these events first
          return size;
        }
        rows.blocks.forEach((hashes, i) => statements.upsertBlock.run(rows.firstBlock + i, hashes));
        for (const [level, index, hash] of rows.nodes) statements.insertNode.run(level, index, hash);
        statements.updateSize.run(tree.size);
        return tree.size;
      })
      .immediate();
  };

  const mismatch = (): string | null => {
    const size = statements.selectSize.get() as number;
    if (size === 0) return null;
    const head = logStatements.selectHead.get() as number;
    if (size > head) return `the tree covers ${size} events, the log holds ${head}`;
    const leaf = leafInBlock(blockLeaves(statements, blockOf(size - 1)), size - 1);
    const [hash] = logStatements.selectEventHashes.all(size - 1, size) as unknown[];
    return leaf !== null && typeof hash === "string" && leaf.equals(eventLeafHash(hash)) ? null : `the tree's leaf ${size - 1} is not the leaf of the log's event at position ${size}`;
  };

  return { size: () => statements.selectSize.get() as number, head: () => logStatements.selectHead.get() as number, integrate, mismatch };
}

/** Integrates every event of the log into the tree, on the caller's connection (the end of a bulk load). */
export function integrateTree(connections: TreeConnections, logger: EventStoreLogger): void {
  const tree = createSqliteMerkleTree(connections);
  const head = tree.head();
  let size = tree.size();
  if (size >= head) return;
  const started = performance.now();
  logger.info({ from: size, to: head }, "event store: building the Merkle tree");
  let reported = size;
  while (size < head) {
    size = tree.integrate(65_536);
    if (size - reported >= 262_144 || size >= head) {
      logger.info({ size, head }, "event store: Merkle tree progress");
      reported = size;
    }
  }
  logger.info({ size, seconds: ((performance.now() - started) / 1000).toFixed(1) }, "event store: Merkle tree built");
}

/**
 * Reads of the stored tree: heads, proofs; the signed heads, kept in the log's file.
 * `integrated(size)` resolves once the tree covers `size` events.
 */
export function sqliteTransparencyLog({ log, tree: db }: TreeConnections, integrated: (size: number) => Promise<void>): TransparencyLog {
  const statements = prepareTreeStatements(db);
  const logStatements = prepareLogStatements(log);
  const insertSignedHead = log.prepare("INSERT OR IGNORE INTO tree_heads (tree_size, root_hash, issued_at, key_id, signature) VALUES (?, ?, ?, ?, ?)");
  const selectSignedHeads = log.prepare("SELECT tree_size, root_hash, issued_at, key_id, signature FROM tree_heads WHERE tree_size >= ? ORDER BY tree_size LIMIT ?").raw();

  /** Waits until the tree covers `treeSize` events; refuses a size past the log's head. */
  const covered = async (treeSize: number, what: string): Promise<void> => {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new TreeSizeError(`${what} must be a non-negative integer, got ${treeSize}`, false);
    if (treeSize <= (statements.selectSize.get() as number)) return;
    const head = logStatements.selectHead.get() as number;
    if (treeSize > head) throw new TreeSizeError(`${what} ${treeSize} is past the log's head (${head})`, true);
    await integrated(treeSize);
  };

  /** Runs `read` on one snapshot of the tables. */
  const snapshot = <T>(read: (subtrees: PerfectSubtrees) => T): T => db.transaction(() => read(storedSubtrees(statements))).deferred();

  return {
    treeHead: async (treeSize?: number): Promise<TreeHead> => {
      const size = treeSize ?? (statements.selectSize.get() as number);
      await covered(size, "treeSize");
      return { treeSize: size, rootHash: toHex(snapshot((subtrees) => rootOf(subtrees, size))) };
    },
    inclusionProof: async (leafIndex: number, treeSize: number): Promise<InclusionProof> => {
      await covered(treeSize, "treeSize");
      if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
        throw new TreeSizeError(`leaf index ${leafIndex} is not in a tree of ${treeSize} events`, false);
      }
      return snapshot((subtrees) => ({
        leafIndex,
        treeSize,
        leafHash: toHex(subtrees.hashOf(0, leafIndex)),
        path: inclusionPath(subtrees, leafIndex, treeSize).map(toHex),
      }));
    },
    consistencyProof: async (from: number, to: number): Promise<ConsistencyProof> => {
      await covered(to, "to");
      if (!Number.isSafeInteger(from) || from < 1 || from > to) throw new TreeSizeError(`from must be an integer from 1 to ${to}, got ${from}`, false);
      return { from, to, path: snapshot((subtrees) => consistencyPath(subtrees, from, to).map(toHex)) };
    },
    leafHashes: async (from: number, count: number): Promise<string[]> => {
      if (!Number.isSafeInteger(from) || from < 0 || !Number.isSafeInteger(count) || count < 0) throw new TreeSizeError(`leaves ${from} + ${count}: not a valid range`, false);
      return db
        .transaction(() => {
          const to = Math.min(from + count, statements.selectSize.get() as number);
          const hashes: string[] = [];
          for (let block = blockOf(from); block * LEAVES_PER_BLOCK < to; block++) {
            const leaves = blockLeaves(statements, block);
            for (let i = Math.max(from, block * LEAVES_PER_BLOCK); i < Math.min(to, (block + 1) * LEAVES_PER_BLOCK); i++) {
              hashes.push((leafInBlock(leaves, i) ?? Buffer.alloc(0)).toString("hex"));
            }
          }
          return hashes;
        })
        .deferred();
    },
    saveSignedHead: async (head: SignedTreeHead) => {
      insertSignedHead.run(head.treeSize, head.rootHash, head.issuedAt, head.keyId, head.signature);
    },
    signedHeads: async ({ from = 0, limit }) =>
      (selectSignedHeads.all(from, limit) as [number, string, string, string, string][]).map(([treeSize, rootHash, issuedAt, keyId, signature]) => ({
        treeSize,
        rootHash,
        issuedAt,
        keyId,
        signature,
      })),
  };
}
