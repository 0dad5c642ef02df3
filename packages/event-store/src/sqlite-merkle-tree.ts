import type Database from "better-sqlite3";
import { TreeSizeError } from "./errors.js";
import type { EventStoreLogger } from "./logger.js";
import { createMerkleFrontier, frontierShape, type MerkleFrontier, type PerfectNode } from "./merkle-frontier.js";
import { eventLeafHash, nodeHash, toHex, type Hash } from "./merkle-hash.js";
import { consistencyPath, inclusionPath, rootOf, type PerfectSubtrees } from "./merkle-proofs.js";
import type { ConsistencyProof, InclusionProof, SignedTreeHead, TransparencyLog, TreeHead } from "./transparency-log.js";

/**
 * The SQLite event store's Merkle tree (tables in sqlite-schema.ts), kept in the transaction
 * that writes the events: `extend` adds their leaves, storing every perfect subtree of 16
 * leaves or more it completes (about one row per 8 events). Roots and proofs read those rows
 * and hash the few leaves below them from the events' hashes, so a proof costs O(log² n)
 * point reads, never a rebuild.
 */

/** Perfect subtrees of 2^STORED_LEVEL leaves and more are stored; smaller ones are hashed from the events. */
export const STORED_LEVEL = 4;

/** Events read per transaction when a tree behind the log catches up. */
const CATCH_UP_CHUNK = 20_000;

export interface SqliteMerkleTree {
  /**
   * In the open write transaction: the events at positions `firstLeafIndex + 1`, … with these
   * hashes (hex `metadata.hash`) were written; their leaves join the tree. Catches the tree up
   * first if it is behind `firstLeafIndex` (read from the events).
   */
  extend(firstLeafIndex: number, eventHashes: readonly string[]): void;
  /** Brings a tree behind the log (a store of schema version 1) up to the head, in transactions of its own. */
  catchUp(onProgress?: (done: number, total: number) => void): void;
  readonly log: TransparencyLog;
}

interface TreeStatements {
  readonly selectSize: Database.Statement;
  readonly updateSize: Database.Statement;
  readonly selectNode: Database.Statement;
  readonly insertNode: Database.Statement;
  readonly selectEventHashes: Database.Statement;
  readonly selectHead: Database.Statement;
  readonly insertSignedHead: Database.Statement;
  readonly selectSignedHeads: Database.Statement;
}

const prepareTreeStatements = (db: Database.Database): TreeStatements => ({
  selectSize: db.prepare("SELECT size FROM merkle_tree WHERE id = 1").pluck(),
  updateSize: db.prepare("UPDATE merkle_tree SET size = ? WHERE id = 1"),
  selectNode: db.prepare("SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?").pluck(),
  insertNode: db.prepare("INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)"),
  selectEventHashes: db.prepare("SELECT json_extract(metadata, '$.hash') FROM events WHERE position > ? AND position <= ? ORDER BY position").pluck(),
  selectHead: db.prepare("SELECT coalesce(max(position), 0) FROM events").pluck(),
  insertSignedHead: db.prepare("INSERT OR IGNORE INTO tree_heads (tree_size, root_hash, issued_at, key_id, signature) VALUES (?, ?, ?, ?, ?)"),
  selectSignedHeads: db.prepare("SELECT tree_size, root_hash, issued_at, key_id, signature FROM tree_heads WHERE tree_size >= ? ORDER BY tree_size LIMIT ?").raw(),
});

/** The hashes of the events at positions after `from` up to `to`; throws if a position is missing. */
function eventHashesOf(statements: TreeStatements, from: number, to: number): string[] {
  const hashes = statements.selectEventHashes.all(from, to) as unknown[];
  if (hashes.length !== to - from || !hashes.every((hash): hash is string => typeof hash === "string")) {
    throw new Error(`event store: the events at positions ${from + 1}–${to} are not all there with a hash: the Merkle tree cannot be kept`);
  }
  return hashes;
}

/** The root of the perfect subtree over these leaf hashes (a power-of-two count). */
function perfectRoot(leaves: readonly Hash[]): Hash {
  let level = [...leaves];
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
    level = next;
  }
  return level[0] as Hash;
}

/** Perfect subtrees read from the tables; those below `STORED_LEVEL` hashed from the events' hashes (at most 8). */
const storedSubtrees = (statements: TreeStatements): PerfectSubtrees => ({
  hashOf: (level, index) => {
    if (level < STORED_LEVEL) {
      const first = index * 2 ** level;
      return perfectRoot(eventHashesOf(statements, first, first + 2 ** level).map(eventLeafHash));
    }
    const hash = statements.selectNode.get(level, index) as Buffer | undefined;
    if (hash === undefined) throw new Error(`event store: the Merkle tree has no node (${level}, ${index})`);
    return hash;
  },
});

export function createSqliteMerkleTree(db: Database.Database, logger: EventStoreLogger): SqliteMerkleTree {
  const statements = prepareTreeStatements(db);
  let frontier: MerkleFrontier | null = null;

  const keep = (node: PerfectNode): void => {
    if (node.level >= STORED_LEVEL) statements.insertNode.run(node.level, node.index, node.hash);
  };

  /** The frontier of the stored tree, read from the tables. */
  const loadFrontier = (): MerkleFrontier => {
    const size = statements.selectSize.get() as number;
    const subtrees = storedSubtrees(statements);
    const nodes = frontierShape(size).map(({ level, index }) => ({ level, index, hash: subtrees.hashOf(level, index) }));
    return createMerkleFrontier(size, nodes);
  };

  const push = (tree: MerkleFrontier, eventHashes: readonly string[]): void => {
    for (const hash of eventHashes) tree.push(eventLeafHash(hash), keep);
  };

  const extend = (firstLeafIndex: number, eventHashes: readonly string[]): void => {
    // Another process, or a rolled-back transaction, may have moved the stored tree.
    if (frontier === null || frontier.size !== firstLeafIndex || (statements.selectSize.get() as number) !== firstLeafIndex) {
      frontier = loadFrontier();
      if (frontier.size > firstLeafIndex) throw new Error(`event store: the Merkle tree covers ${frontier.size} events, more than the log's ${firstLeafIndex}`);
      push(frontier, eventHashesOf(statements, frontier.size, firstLeafIndex));
    }
    try {
      push(frontier, eventHashes);
      statements.updateSize.run(frontier.size);
    } catch (error) {
      frontier = null;
      throw error;
    }
  };

  const catchUp = (onProgress?: (done: number, total: number) => void): void => {
    const start = statements.selectSize.get() as number;
    const total = statements.selectHead.get() as number;
    if (start >= total) return;
    logger.info({ from: start, to: total }, "event store: building the Merkle tree over the log");
    for (;;) {
      const done = db
        .transaction((): number => {
          const size = statements.selectSize.get() as number;
          const head = statements.selectHead.get() as number;
          const to = Math.min(head, size + CATCH_UP_CHUNK);
          if (to > size) extend(size, eventHashesOf(statements, size, to));
          return to;
        })
        .immediate();
      onProgress?.(done, total);
      if (done >= (statements.selectHead.get() as number)) break;
    }
    logger.info({ size: statements.selectSize.get() }, "event store: Merkle tree built");
  };

  const checkSize = (treeSize: number, what: string): number => {
    const size = statements.selectSize.get() as number;
    if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new TreeSizeError(`${what} must be a non-negative integer, got ${treeSize}`, false);
    if (treeSize > size) throw new TreeSizeError(`${what} ${treeSize} is past the log's head (${size})`, true);
    return size;
  };

  /** Runs `read` on one snapshot of the tables (a read transaction, unless a write is open). */
  const snapshot = <T>(read: () => T): T => (db.inTransaction ? read() : db.transaction(read).deferred());

  const treeHead = (treeSize?: number): TreeHead =>
    snapshot(() => {
      const size = treeSize ?? (statements.selectSize.get() as number);
      checkSize(size, "treeSize");
      return { treeSize: size, rootHash: toHex(rootOf(storedSubtrees(statements), size)) };
    });

  const inclusionProof = (leafIndex: number, treeSize: number): InclusionProof =>
    snapshot(() => {
      checkSize(treeSize, "treeSize");
      if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
        throw new TreeSizeError(`leaf index ${leafIndex} is not in a tree of ${treeSize} events`, false);
      }
      const subtrees = storedSubtrees(statements);
      return { leafIndex, treeSize, leafHash: toHex(subtrees.hashOf(0, leafIndex)), path: inclusionPath(subtrees, leafIndex, treeSize).map(toHex) };
    });

  const consistencyProof = (from: number, to: number): ConsistencyProof =>
    snapshot(() => {
      checkSize(to, "to");
      if (!Number.isSafeInteger(from) || from < 1 || from > to) throw new TreeSizeError(`from must be an integer from 1 to ${to}, got ${from}`, false);
      return { from, to, path: consistencyPath(storedSubtrees(statements), from, to).map(toHex) };
    });

  const log: TransparencyLog = {
    treeHead: async (treeSize) => treeHead(treeSize),
    inclusionProof: async (leafIndex, treeSize) => inclusionProof(leafIndex, treeSize),
    consistencyProof: async (from, to) => consistencyProof(from, to),
    saveSignedHead: async (head: SignedTreeHead) => {
      statements.insertSignedHead.run(head.treeSize, head.rootHash, head.issuedAt, head.keyId, head.signature);
    },
    signedHeads: async ({ from = 0, limit }) =>
      (statements.selectSignedHeads.all(from, limit) as [number, string, string, string, string][]).map(([treeSize, rootHash, issuedAt, keyId, signature]) => ({
        treeSize,
        rootHash,
        issuedAt,
        keyId,
        signature,
      })),
  };

  return { extend, catchUp, log };
}
