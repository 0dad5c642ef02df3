import type { EventStoreLogger } from "./logger.js";
import type { PgMerkleTree } from "./pg-merkle-tree.js";

/**
 * Runs the PostgreSQL store's tree integration (pg-merkle-tree.ts) in the background of the
 * process, one step at a time (the steps share the process's frontier): woken after the
 * store's commits, it gathers the commits of a few milliseconds, then integrates until the tree
 * reaches the log's head. A reader asking for a size the tree does not cover yet (`integrated`)
 * runs the steps itself, so events another process committed (and has not integrated) are
 * integrated on demand.
 */

export interface PgTreeIntegrator {
  /** Events were committed: integrate them soon. */
  wake(): void;
  /** Resolves once the stored tree covers `size` events (the caller checked the log has them). */
  integrated(size: number): Promise<void>;
  /** Waits for the step under way; no more steps afterwards. */
  stop(): Promise<void>;
}

const CHUNK_EVENTS = 4096;
/** A wake gathers the commits of this long before integrating (ms), as the SQLite store's worker does. */
const BATCH_DELAY_MS = 25;

export function createPgTreeIntegrator(tree: PgMerkleTree, logger: EventStoreLogger): PgTreeIntegrator {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  /** One integration step, after the ones before it. */
  const step = (): Promise<{ size: number; head: number }> => {
    const next = chain.then(() => tree.integrate(CHUNK_EVENTS));
    chain = next.catch(() => undefined);
    return next;
  };

  const catchUp = async (): Promise<void> => {
    for (;;) {
      if (stopped) return;
      const { size, head } = await step();
      if (size >= head) return;
    }
  };

  return {
    wake: () => {
      if (stopped || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        catchUp().catch((error: unknown) => logger.warn({ err: error }, "event store: integrating events into the Merkle tree failed; the next commit retries"));
      }, BATCH_DELAY_MS);
      timer.unref();
    },
    integrated: async (size) => {
      for (;;) {
        const reached = await step();
        if (reached.size >= size) return;
      }
    },
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await chain;
    },
  };
}
