import { mkdirSync } from "node:fs";
import type { EventStore } from "@duty-ledger/event-store";
import {
  allProjections,
  createProjectionEngine,
  createReadModels,
  openReadModelStore,
  readModelsPath,
  retiredProjections,
  type AnyProjection,
  type EnginePhase,
  type ProjectionEngine,
  type ProjectionLogger,
  type ProjectionProgress,
  type ReadModels,
  type ReadModelSettings,
  type ReadModelStore,
} from "@duty-ledger/projections";

/**
 * The projector: the projections of the read side (all of them by default), run by one engine
 * over the event store, into `<dataDir>/read-models.sqlite` or the store `readModels` names. A factory without process concerns (no exit, no
 * signal handlers): `main.ts` runs it standalone, the all-in-one server embeds it and
 * hands `readModels` to the query API.
 */

export interface ProjectorOptions {
  readonly store: EventStore;
  readonly dataDir: string;
  /** Where the read models are. Default `<dataDir>/read-models.sqlite`. */
  readonly readModels?: ReadModelSettings;
  readonly logger: ProjectionLogger;
  /** The projections this engine runs. Default `allProjections`; a projector on two threads runs a group each. */
  readonly projections?: readonly AnyProjection[];
  /** Projections whose documents are dropped at start if an older file has them. Default `retiredProjections`. */
  readonly retired?: readonly string[];
  /** Engine tuning (defaults of `createProjectionEngine`). */
  readonly batchSize?: number;
  readonly maxBatchWaitMs?: number;
  readonly catchUpBatchSize?: number;
  /** Changed documents held in memory before a commit while catching up (the rebuild's memory bound). */
  readonly catchUpCachedDocs?: number;
  readonly onProgress?: (progress: ProjectionProgress) => void;
  /** Called once if the engine fails (the read models stay at their last checkpoint). */
  readonly onFailure?: (error: unknown) => void;
}

/** GET /v1/health's projection part. */
export interface ProjectorHealth {
  /** `ok` when live, `catching-up` while behind the head it started with, else the engine's phase. */
  readonly status: "ok" | "catching-up" | "starting" | "stopped" | "failed";
  readonly position: number;
  readonly lag: number;
  readonly error: string | null;
}

export interface Projector {
  readonly engine: ProjectionEngine;
  /** The typed readers for the query API (its `waitFor` is the engine's). */
  readonly readModels: ReadModels;
  readonly readModelStore: ReadModelStore;
  /** Prepares the read models (rebuilding projections whose version changed) and starts projecting. */
  start(): Promise<void>;
  /** Flushes the batch in progress and its checkpoint, then closes the read-model store. The event store stays open. */
  stop(): Promise<void>;
  health(): Promise<ProjectorHealth>;
}

const statusOf = (phase: EnginePhase): ProjectorHealth["status"] => {
  switch (phase) {
    case "live":
      return "ok";
    case "catching-up":
      return "catching-up";
    case "idle":
      return "starting";
    case "stopped":
      return "stopped";
    case "failed":
      return "failed";
    default: {
      const _exhaustive: never = phase;
      throw new Error(`unknown phase ${String(_exhaustive)}`);
    }
  }
};

/** How long a commit waits for the read-model file's write lock (another engine's commit). */
const WRITE_LOCK_WAIT_MS = 600_000;

export const createProjector = (options: ProjectorOptions): Projector => {
  mkdirSync(options.dataDir, { recursive: true });
  // Another engine's rebuild may hold the file's write lock for its whole commit (seconds over a
  // province): wait for it rather than fail.
  const settings: ReadModelSettings = options.readModels ?? { kind: "sqlite", path: readModelsPath(options.dataDir) };
  const readModelStore = openReadModelStore(settings, { busyTimeoutMs: WRITE_LOCK_WAIT_MS });
  const engine = createProjectionEngine({
    store: options.store,
    readModels: readModelStore,
    projections: options.projections ?? allProjections,
    retired: options.retired ?? retiredProjections,
    logger: options.logger,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.maxBatchWaitMs === undefined ? {} : { maxBatchWaitMs: options.maxBatchWaitMs }),
    ...(options.catchUpBatchSize === undefined ? {} : { catchUpBatchSize: options.catchUpBatchSize }),
    ...(options.catchUpCachedDocs === undefined ? {} : { catchUpCachedDocs: options.catchUpCachedDocs }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onFailure === undefined ? {} : { onFailure: options.onFailure }),
  });
  const readModels = createReadModels(readModelStore, { waitFor: engine.waitFor });
  let stopped: Promise<void> | undefined;

  return {
    engine,
    readModels,
    readModelStore,
    start: () => engine.start(),
    stop: () =>
      (stopped ??= (async () => {
        try {
          await engine.stop();
        } finally {
          await readModelStore.close();
        }
      })()),
    health: async () => {
      const status = engine.status();
      let lag = 0;
      try {
        lag = status.phase === "stopped" ? 0 : await engine.lag();
      } catch (error) {
        options.logger.warn({ err: error }, "projector: could not read the head of the log for the lag");
      }
      return { status: statusOf(status.phase), position: status.position, lag, error: status.error };
    },
  };
};
