import type { StoreCapabilities } from "./event-store.js";
import type { EventStoreLogger } from "./logger.js";

/**
 * What the EventStoreDB adapter is opened with and what it offers: shared by its lazy opener
 * (esdb-store.ts) and the adapter (esdb-event-store.ts), which load nothing of each other here.
 */

export interface EsdbEventStoreOptions {
  /**
   * E.g. `esdb://node1:2113,node2:2113,node3:2113?tls=false`. Keep the default
   * `nodePreference=leader`: appends read the stream's head right before writing.
   */
  readonly connectionString: string;
  readonly logger?: EventStoreLogger;
  /** The store's clock for `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * How often an append is planned again when another process appended to the same stream
   * first (appends of this process to one stream are queued, they do not race). Default 10.
   */
  readonly maxAppendAttempts?: number;
}

/** What the EventStoreDB adapter offers: positions are log offsets, not 1, 2, 3, … */
export const ESDB_CAPABILITIES: StoreCapabilities = { densePositions: false };
