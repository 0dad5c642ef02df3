import type { EventStore } from "./event-store.js";
import { onDemandStore } from "./on-demand-store.js";
import type { PostgresEventStoreOptions } from "./pg-event-store.js";

/**
 * The PostgreSQL adapter (`createPostgresEventStore` of pg-event-store.ts), created with its
 * driver on first use (`onDemandStore`): loading `pg` costs ~0.1 s, which a process on the
 * embedded store never pays. What `openStore` gives for `DUTY_LEDGER_STORE=postgres`.
 */
export const openPostgresEventStore = (options: PostgresEventStoreOptions): EventStore =>
  onDemandStore("postgres", { densePositions: true }, async () => (await import("./pg-event-store.js")).createPostgresEventStore(options), {
    transparencyLog: options.keepMerkleTree ?? true,
  });
