import type { EventStore } from "./event-store.js";
import { ESDB_CAPABILITIES, type EsdbEventStoreOptions } from "./esdb-options.js";
import { onDemandStore } from "./on-demand-store.js";

export { ESDB_CAPABILITIES } from "./esdb-options.js";

/**
 * The EventStoreDB adapter (`createEsdbEventStore` of `esdb-event-store.ts`), created with its
 * client on first use (`onDemandStore`): a process on the embedded store never loads the
 * client. What `openStore` gives for `DUTY_LEDGER_STORE=esdb`.
 */
export const openEsdbEventStore = (options: EsdbEventStoreOptions): EventStore =>
  onDemandStore("esdb", ESDB_CAPABILITIES, async () => (await import("./esdb-event-store.js")).createEsdbEventStore(options));
