import type { LogVerification } from "./verify-log.js";
import type { VerifyRequest, VerifyRunner } from "./verify-thread.js";

/**
 * One verification at a time (issue 20, point 8): each reads the whole log, so a second one
 * while the first runs is refused (the API answers 503 with `Retry-After`) rather than queued.
 */
export interface VerifyGate {
  /** The running verification, or `null` when one is already running (nothing started). */
  tryVerify(request: VerifyRequest): Promise<LogVerification> | null;
  /** Seconds to wait before asking again: what the last verification took, less what the running one took so far (1-60). */
  retryAfterSeconds(): number;
}

export const createVerifyGate = (run: VerifyRunner, clock: () => number = () => performance.now()): VerifyGate => {
  let startedAt: number | null = null;
  let lastDurationMs = 1_000;
  return {
    tryVerify(request) {
      if (startedAt !== null) return null;
      const started = clock();
      startedAt = started;
      return run(request).finally(() => {
        lastDurationMs = clock() - started;
        startedAt = null;
      });
    },
    retryAfterSeconds() {
      const remainingMs = lastDurationMs - (startedAt === null ? 0 : clock() - startedAt);
      return Math.min(60, Math.max(1, Math.ceil(remainingMs / 1000)));
    },
  };
};
