import type { EventStore } from "@duty-ledger/event-store";
import { createReadModels, openReadModelStore, type ReadModels } from "@duty-ledger/projections";
import { startLeasedProjector, type LeasedProjector } from "@duty-ledger/projector";
import { readModelsProjectorView, type ProjectorView } from "@duty-ledger/query-api";
import type { Logger } from "pino";
import type { Config } from "./config.js";

/**
 * The read side of one process: its projector when it runs the `projector` part, and the read
 * models its query API and rankings read. On SQLite read models with the projector here (`pnpm
 * start`), the projector starts before anything is served and the readers are its own (its
 * `waitFor`). Otherwise the readers open the read models themselves (read-only) and wait for a
 * position by polling the checkpoints, whoever projects: this process once it holds the lease,
 * or another process (design/scale-out.md).
 */
export interface ReadSide {
  readonly readModels: ReadModels;
  /** What the query API and the health answer know of the projector. */
  readonly view: ProjectorView;
  /** This process's projector, when it runs the `projector` part. */
  readonly projector: LeasedProjector | null;
  /** Lets this process's projector reach `position` (bounded), when it is the active one. */
  drain(position: number, timeoutMs: number): Promise<void>;
  /** Stops the projector (flushing its batch), closes the read models. */
  close(): Promise<void>;
}

export const startReadSide = async (config: Config, store: EventStore, logger: Logger): Promise<ReadSide> => {
  const projector = config.parts.projector
    ? startLeasedProjector({
        store: config.store,
        dataDir: config.dataDir,
        readModels: config.readModels,
        logLevel: config.logLevel,
        log: store,
        logger,
        ...(config.catchUpBatchSize === undefined ? {} : { catchUpBatchSize: config.catchUpBatchSize }),
      })
    : null;
  if (projector !== null && config.readModels.kind === "sqlite") {
    const thread = await projector.active;
    return {
      readModels: thread.readModels,
      view: thread,
      projector,
      drain: async (position, timeoutMs) => {
        await thread.waitFor(position, timeoutMs);
      },
      close: () => projector.stop(),
    };
  }
  const readModelStore = openReadModelStore(config.readModels, { readonly: true });
  const readModels = createReadModels(readModelStore);
  return {
    readModels,
    // The phase is this process's projector's (`standby` while another holds the lease), when it runs one.
    view: { ...readModelsProjectorView(readModels, () => store.headPosition()), ...(projector === null ? {} : { status: () => projector.status() }) },
    projector,
    drain: async (position, timeoutMs) => {
      await projector?.current()?.waitFor(position, timeoutMs);
    },
    close: async () => {
      await projector?.stop();
      await readModelStore.close();
    },
  };
};
