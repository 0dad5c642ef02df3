import type { SignedTreeHead, TransparencyLog } from "@duty-ledger/event-store";
import type { Logger } from "pino";
import type { TreeSigner } from "./signing-key.js";
import { signTreeHead } from "./tree-head-signature.js";

/**
 * Issues and keeps signed tree heads: every `intervalMs` (default 10 minutes) while the log
 * grows, and at shutdown over the whole log. Auditors list them
 * (`GET /v1/audit/tree-heads`) and keep copies.
 */

export const DEFAULT_TREE_HEAD_INTERVAL_MS = 10 * 60 * 1000;

export interface TreeHeadIssuerOptions {
  readonly log: TransparencyLog;
  readonly signer: TreeSigner;
  /** The log's head position (the last head covers it). */
  readonly headPosition: () => Promise<number>;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

export interface TreeHeadIssuer {
  /** Signs and keeps a head for `treeSize` (default: what the tree covers now) unless one was issued for that size; returns it. */
  issue(treeSize?: number): Promise<SignedTreeHead | null>;
  /** Stops the timer and issues a head over the whole log. */
  stop(): Promise<void>;
}

export function startTreeHeadIssuer(options: TreeHeadIssuerOptions): TreeHeadIssuer {
  const { log, signer, logger } = options;
  const now = options.now ?? (() => new Date());
  let issuedSize = -1;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const issueNow = async (treeSize?: number): Promise<SignedTreeHead | null> => {
    const head = await log.treeHead(treeSize);
    if (head.treeSize <= issuedSize) return null;
    const signed = signTreeHead(signer, head, now());
    await log.saveSignedHead(signed);
    issuedSize = head.treeSize;
    logger.info({ treeSize: signed.treeSize, rootHash: signed.rootHash, keyId: signed.keyId }, "tree head issued");
    return signed;
  };
  /** One issue at a time, in order. */
  const issue = (treeSize?: number): Promise<SignedTreeHead | null> => {
    const next = running.then(() => issueNow(treeSize));
    running = next.catch(() => undefined);
    return next;
  };

  const timer = setInterval(() => {
    issue().catch((error: unknown) => logger.warn({ err: error }, "issuing a tree head failed; trying again at the next interval"));
  }, options.intervalMs ?? DEFAULT_TREE_HEAD_INTERVAL_MS);
  timer.unref();

  return {
    issue,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await issue(await options.headPosition());
    },
  };
}
