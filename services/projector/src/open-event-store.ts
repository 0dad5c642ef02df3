import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createEsdbEventStore, createSqliteEventStore, type EventStore, type EventStoreLogger } from "@duty-ledger/event-store";
import type { ProjectorConfig } from "./projector-config.js";

/** The embedded store's file inside the data folder (the same as the all-in-one server's). */
export const EVENTS_FILE_NAME = "events.sqlite";

/** Opens the event store the configuration names: the embedded SQLite file, or EventStoreDB. */
export const openEventStore = (config: ProjectorConfig, logger: EventStoreLogger): EventStore => {
  switch (config.store) {
    case "sqlite":
      mkdirSync(config.dataDir, { recursive: true });
      return createSqliteEventStore({ path: join(config.dataDir, EVENTS_FILE_NAME), durability: config.durability, logger });
    case "esdb":
      if (config.eventStoreUrl === undefined) throw new Error("EVENTSTORE_URL is required when DUTY_LEDGER_STORE=esdb");
      return createEsdbEventStore({ connectionString: config.eventStoreUrl, logger });
    default: {
      const _exhaustive: never = config.store;
      throw new Error(`unknown store ${String(_exhaustive)}`);
    }
  }
};
