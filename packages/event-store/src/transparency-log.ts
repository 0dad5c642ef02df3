/**
 * The transparency-log part of the event-store port: the RFC 9162 Merkle tree over the global
 * log (leaf i = the event at position i + 1, leaf data = the 32 bytes of its `metadata.hash`),
 * its proofs, and the signed tree heads the ledger issued. Hashes are lowercase hex. A store
 * that keeps the tree offers this as `EventStore.transparencyLog`.
 */

export interface TreeHead {
  readonly treeSize: number;
  readonly rootHash: string;
}

/** A tree head signed by the ledger (see `docs/audit.md` for the signed message). */
export interface SignedTreeHead extends TreeHead {
  readonly issuedAt: string;
  readonly keyId: string;
  /** base64url Ed25519 signature. */
  readonly signature: string;
}

export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly path: readonly string[];
}

export interface ConsistencyProof {
  readonly from: number;
  readonly to: number;
  readonly path: readonly string[];
}

export interface SignedHeadsQuery {
  /** The smallest tree size listed (inclusive). Default 0. */
  readonly from?: number;
  readonly limit: number;
}

export interface TransparencyLog {
  /** The head of the tree of `treeSize` events (default: the whole log); `TreeSizeError` past the head. */
  treeHead(treeSize?: number): Promise<TreeHead>;
  /** Requires leafIndex < treeSize ≤ the head (`TreeSizeError` otherwise). */
  inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof>;
  /** Requires 0 < from ≤ to ≤ the head (`TreeSizeError` otherwise). */
  consistencyProof(from: number, to: number): Promise<ConsistencyProof>;
  /**
   * The tree's own copy of the leaf hashes of leaves `from` … `from + count - 1` (fewer at the
   * end of the tree): an auditor compares them with the leaves it computes from the events to
   * find the first event altered, removed or moved since it joined the tree.
   */
  leafHashes(from: number, count: number): Promise<string[]>;
  /** Keeps a signed head; a second head for the same size is ignored. */
  saveSignedHead(head: SignedTreeHead): Promise<void>;
  /** Signed heads kept, by tree size ascending. */
  signedHeads(query: SignedHeadsQuery): Promise<SignedTreeHead[]>;
}
