import { acquireProjectorLease, type ReadModelSettings } from "@duty-ledger/projections";
import type { Logger } from "pino";
import { startProjectorThread, type ProjectorThread, type ProjectorThreadOptions } from "./projector-thread.js";

/**
 * The projector of one process under the lease of design/scale-out.md. On SQLite read models
 * (one machine, one file) there is no lease: the projector starts at once. On PostgreSQL the
 * process first holds the read-model database's lease (`acquireProjectorLease`), waiting as a
 * standby while another process holds it, then starts its threads from the checkpoints the
 * previous holder committed. Losing the lease's connection while active is a failure
 * (`onFailure`): the process stops projecting and a supervisor restarts it, as a standby.
 */

export interface LeasedProjectorOptions extends Omit<ProjectorThreadOptions, "readModels" | "onFailure"> {
  readonly readModels: ReadModelSettings;
  readonly logger: Logger;
  /** Between two tries of the lease while another process holds it (ms). Default 1000. */
  readonly leaseRetryMs?: number;
  /** Called once if the projector fails after it started (its engine, or the lease lost). */
  readonly onFailure?: (error: string) => void;
}

export interface LeasedProjector {
  /** Resolves with the running projector once this process holds the lease; rejects if it could not start (or was stopped first). */
  readonly active: Promise<ProjectorThread>;
  /** The running projector, or `null` while standing by. */
  current(): ProjectorThread | null;
  /** `standby` while waiting for the lease, else the projector's phase. */
  status(): { readonly phase: string; readonly error: string | null };
  /** Stops waiting, or stops the projector (flushing its batch and checkpoint) and gives the lease up. */
  stop(): Promise<void>;
}

export const startLeasedProjector = (options: LeasedProjectorOptions): LeasedProjector => {
  const { logger, leaseRetryMs, onFailure, ...threadOptions } = options;
  let thread: ProjectorThread | null = null;
  let stopping = false;
  let failed: string | null = null;
  const fail = (error: string): void => {
    if (failed !== null || stopping) return;
    failed = error;
    onFailure?.(error);
  };
  const lease =
    options.readModels.kind === "postgres"
      ? acquireProjectorLease({
          connectionString: options.readModels.connectionString,
          ...(leaseRetryMs === undefined ? {} : { retryMs: leaseRetryMs }),
          onStandby: () => logger.info("projector: standby (another process holds the projector lease)"),
        })
      : null;
  const active = (async () => {
    if (lease !== null) {
      await lease.held;
      logger.info("projector: holds the projector lease; starting from the committed checkpoints");
      void lease.lost.then((error) => {
        logger.fatal({ err: error }, "projector: the projector lease was lost");
        fail(`the projector lease was lost: ${error.message}`);
      });
    }
    if (stopping) throw new Error("the projector was stopped before it started");
    const started = await startProjectorThread({ ...threadOptions, onFailure: fail });
    thread = started;
    return started;
  })();
  active.catch(() => undefined);
  return {
    active,
    current: () => thread,
    status: () => {
      if (failed !== null) return { phase: "failed", error: failed };
      return thread === null ? { phase: stopping ? "stopped" : "standby", error: null } : thread.status();
    },
    stop: async () => {
      stopping = true;
      // A standby stops waiting at once; an active projector keeps the lease until its last commit.
      if (thread === null) await lease?.release();
      const running = await active.catch(() => null);
      await running?.stop();
      // The lease goes last, once the last batch and its checkpoint are committed.
      await lease?.release();
    },
  };
};
