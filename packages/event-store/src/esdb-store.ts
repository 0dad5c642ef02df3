import type { EsdbEventStoreOptions } from "./esdb-event-store.js";
import type { EventStore, StoreCapabilities } from "./event-store.js";
import { onDemandStore } from "./on-demand-store.js";

/** What the EventStoreDB adapter offers: positions are log offsets, not 1, 2, 3, … */
export const ESDB_CAPABILITIES: StoreCapabilities = { densePositions: false };

/**
 * The EventStoreDB adapter (`createEsdbEventStore` of `esdb-event-store.ts`), created with its
 * client on first use (`onDemandStore`): a process on the embedded store never loads the
 * client. What `openStore` gives for `DUTY_LEDGER_STORE=esdb`.
 */
export const openEsdbEventStore = (options: EsdbEventStoreOptions): EventStore =>
  onDemandStore("esdb", ESDB_CAPABILITIES, async () => (await import("./esdb-event-store.js")).createEsdbEventStore(options));
