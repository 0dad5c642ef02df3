import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { createProjector } from "@duty-ledger/projector";
import { createSimulatedClock, seedStore, type GenerateHistoryOptions } from "@duty-ledger/testing/generator";
import { eventsFileName } from "../src/query-service.js";

/**
 * The data the read-load benchmark serves: a generated history (`seedStore`, recorded on the
 * simulated clock like `duty-ledger seed`) in `<dir>/events.sqlite`, projected to the head
 * (`createProjector`) in `<dir>/read-models.sqlite`, plus what the load needs to know: the
 * registered deputies (the ids the record requests rotate through) and the year to ask for.
 * A folder already prepared for the same history (`read-load.json`) is reused as it is.
 */

export interface ReadLoadData {
  readonly dataDir: string;
  readonly history: GenerateHistoryOptions;
  readonly events: number;
  /** Every deputy registered in the history, in registration order. */
  readonly deputyIds: readonly string[];
  /** The Shanghai year of the history's first day: `year=` of the records, `period=` of the scores. */
  readonly year: number;
  readonly seedSeconds: number;
  readonly projectSeconds: number;
}

const manifestName = "read-load.json";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const sameHistory = (a: GenerateHistoryOptions, b: GenerateHistoryOptions): boolean =>
  a.profile === b.profile && String(a.seed) === String(b.seed) && (a.scale ?? 1) === (b.scale ?? 1) && (a.years ?? null) === (b.years ?? null);

export const prepareReadLoadData = async (
  dataDir: string,
  history: GenerateHistoryOptions,
  log: (line: string) => void = () => undefined,
): Promise<ReadLoadData> => {
  mkdirSync(dataDir, { recursive: true });
  const manifestPath = join(dataDir, manifestName);
  if (existsSync(manifestPath)) {
    const previous = JSON.parse(readFileSync(manifestPath, "utf8")) as ReadLoadData;
    if (sameHistory(previous.history, history)) {
      log(`  reusing ${dataDir}: ${previous.events} events, ${previous.deputyIds.length} deputies`);
      return { ...previous, dataDir };
    }
    throw new Error(`${dataDir} holds another history (${JSON.stringify(previous.history)}); use an empty folder`);
  }

  const clock = createSimulatedClock();
  const store = createSqliteEventStore({ path: join(dataDir, eventsFileName), now: clock.now, durability: "normal", pollIntervalMs: 0 });
  const deputyIds: string[] = [];
  let seeded;
  let projectSeconds: number;
  try {
    seeded = await seedStore(store, history, {
      clock,
      observe: (append) => {
        for (const event of append.events) {
          if (event.type !== "DeputyRegistered") continue;
          const id = (event.data as Record<string, unknown>)["deputyId"];
          if (typeof id === "string") deputyIds.push(id);
        }
      },
    });
    log(`  seeded ${seeded.events} events (${history.profile}, seed ${history.seed}) in ${(seeded.elapsedMs / 1000).toFixed(1)} s`);

    const projector = createProjector({ store, dataDir, logger: silent });
    const started = performance.now();
    try {
      await projector.start();
      if (!(await projector.engine.waitFor(seeded.headPosition, 3_600_000))) throw new Error("the projector did not reach the head of the log");
    } finally {
      await projector.stop();
    }
    projectSeconds = (performance.now() - started) / 1000;
    log(`  projected ${seeded.headPosition} events in ${projectSeconds.toFixed(1)} s`);
  } finally {
    await store.close();
  }

  const data: ReadLoadData = {
    dataDir,
    history,
    events: seeded.events,
    deputyIds,
    year: Number(seeded.options.from.slice(0, 4)),
    seedSeconds: seeded.elapsedMs / 1000,
    projectSeconds,
  };
  writeFileSync(manifestPath, `${JSON.stringify(data)}\n`);
  return data;
};
