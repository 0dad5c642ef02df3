import { NotFoundError, ValidationError } from "@duty-ledger/domain";
import { isTreeSizeError, type EventStore, type TransparencyLog } from "@duty-ledger/event-store";
import { authenticate, parseQuery, requireRole, type PrincipalRole, type TokenVerifier } from "@duty-ledger/http-kit";
import { Router, type RequestHandler, type Response } from "express";
import { formatCheckpoint } from "./checkpoint-note.js";
import type { TreeSigner } from "./signing-key.js";
import { signTreeHead } from "./tree-head-signature.js";
import { consistencyQuery, headsQuery, inclusionQuery, treeSizeQuery } from "./transparency-queries.js";

/**
 * The transparency log's endpoints (docs/api.md, "Transparency log"): signed tree heads, the
 * public keys, the C2SP checkpoint, inclusion and consistency proofs, the heads kept. Sizes
 * that are not sizes are 400; sizes past the head 404. All read; none changes anything.
 */

export interface TransparencyApiOptions {
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  readonly signer: TreeSigner;
  /** The checkpoint's origin line (`DUTY_LEDGER_LOG_ORIGIN`). */
  readonly origin: string;
  /** Extra middleware after authentication (e.g. a per-subject rate limit). */
  readonly afterAuth?: readonly RequestHandler[];
}

/** TreeSizeError as the API answers it: past the head 404, else 400. */
async function answering<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isTreeSizeError(error)) throw error;
    if (error.beyondHead) throw new NotFoundError(error.message);
    throw new ValidationError(error.message, { errors: [{ path: "", message: error.message }] });
  }
}

const noStore = (res: Response): void => {
  res.setHeader("Cache-Control", "private, no-store");
};

export function createTransparencyApi(options: TransparencyApiOptions): Router {
  const { signer, origin } = options;
  const logOf = (): TransparencyLog => {
    const log = options.store.transparencyLog;
    if (log === undefined) throw new NotFoundError(`the event store (${options.store.name}) keeps no Merkle tree: tree heads and proofs need the SQLite store`);
    return log;
  };
  const as = (...roles: PrincipalRole[]): RequestHandler[] => [authenticate(options.verifier), ...(options.afterAuth ?? []), requireRole(...roles)];
  const router = Router();

  router.get("/v1/audit/tree-head", ...as("auditor", "office"), async (req, res) => {
    const { treeSize } = parseQuery(treeSizeQuery, req);
    const head = await answering(() => logOf().treeHead(treeSize));
    const kept = (await logOf().signedHeads({ from: head.treeSize, limit: 1 }))[0];
    noStore(res);
    // A head kept for this size is answered as issued; any other size is signed now.
    if (kept !== undefined && kept.treeSize === head.treeSize && kept.keyId === signer.keyId) res.json(kept);
    else res.json(signTreeHead(signer, head, new Date()));
  });

  router.get("/v1/audit/public-keys", authenticate(options.verifier), ...(options.afterAuth ?? []), (_req, res) => {
    res.json({ keys: [{ keyId: signer.keyId, alg: "Ed25519", publicKey: signer.publicKey.toString("base64url") }] });
  });

  router.get("/v1/audit/checkpoint", ...as("auditor", "office"), async (req, res) => {
    const { treeSize } = parseQuery(treeSizeQuery, req);
    const head = await answering(() => logOf().treeHead(treeSize));
    noStore(res);
    res.type("text/plain; charset=utf-8").send(formatCheckpoint(origin, head, signer));
  });

  router.get("/v1/audit/proofs/inclusion", ...as("auditor"), async (req, res) => {
    const { position, treeSize } = parseQuery(inclusionQuery, req);
    const proof = await answering(() => logOf().inclusionProof(position - 1, treeSize));
    noStore(res);
    res.json(proof);
  });

  router.get("/v1/audit/proofs/consistency", ...as("auditor"), async (req, res) => {
    const { from, to } = parseQuery(consistencyQuery, req);
    if (from > to) throw new ValidationError("from must not be larger than to", { errors: [{ path: "from", message: `must be at most to (${to})` }] });
    const proof = await answering(() => logOf().consistencyProof(from, to));
    noStore(res);
    res.json(proof);
  });

  router.get("/v1/audit/tree-heads", ...as("auditor", "office"), async (req, res) => {
    const query = parseQuery(headsQuery, req);
    const limit = query.limit ?? 100;
    const heads = await logOf().signedHeads({ from: query.from ?? 0, limit: limit + 1 });
    const next = heads.length > limit ? heads[limit] : undefined;
    noStore(res);
    res.json({ heads: heads.slice(0, limit), nextFrom: next?.treeSize ?? null });
  });

  return router;
}
