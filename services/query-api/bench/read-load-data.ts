import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createSqliteBulkWriter, createSqliteEventStore, EVENTS_FILE_NAME } from "@duty-ledger/event-store";
import { createProjector } from "@duty-ledger/projector";
import { cachedProvinceLog, copyStoreFiles, silentLogger, type CachedLogProfile } from "@duty-ledger/testing/bench";
import { createSimulatedClock, seedStore, type GenerateHistoryOptions } from "@duty-ledger/generator";

/**
 * The data the read-load benchmark serves: a generated history in `<dir>/events.sqlite` — a
 * copy of the shared cached log of `cachedProvinceLog` (seeded once, like `duty-ledger seed`)
 * when the history is unscaled, else seeded here with `seedStore` on the simulated clock —
 * projected to the head (`createProjector`) in `<dir>/read-models.sqlite`, plus what the load
 * needs to know: the registered deputies and stations (the ids the record requests rotate
 * through), the unit and the station with the most opinions referred (whose views of the
 * opinions list are loaded) and the year to ask for. A folder already prepared for the same
 * history (`read-load.json`) is reused as it is.
 */

/** The HS256 secret the benchmark's server verifies tokens with (the load generator signs its own). */
export const READ_LOAD_SECRET = "bench-secret-of-at-least-thirty-two-bytes";

export interface ReadLoadData {
  readonly dataDir: string;
  readonly history: GenerateHistoryOptions;
  readonly events: number;
  /** Every deputy registered in the history, in registration order. */
  readonly deputyIds: readonly string[];
  /** Every station registered in the history, in registration order. */
  readonly stationIds: readonly string[];
  /** The unit most opinions are referred to, and the station most referred opinions were gathered at. */
  readonly busiestUnitId: string;
  readonly busiestStationId: string;
  /** The year of the first registration (the history's first year): `year=` of the records, `period=` of the scores. */
  readonly year: number;
  /** Where the log came from: the shared cache (copied) or seeded for this run. */
  readonly source: "cached log" | "seeded";
  readonly projectSeconds: number;
}

const manifestName = "read-load.json";


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
    if (sameHistory(previous.history, history) && previous.stationIds !== undefined) {
      log(`  reusing ${dataDir}: ${previous.events} events, ${previous.deputyIds.length} deputies`);
      return { ...previous, dataDir };
    }
    throw new Error(`${dataDir} holds another history (${JSON.stringify(previous.history)}); use an empty folder`);
  }

  const path = join(dataDir, EVENTS_FILE_NAME);
  const scale = history.scale ?? 1;
  const cacheable = scale === 1 && history.years === undefined && history.from === undefined;
  let source: ReadLoadData["source"];
  if (cacheable) {
    // The cached file is shared and must stay untouched: the server gets a copy.
    copyStoreFiles(await cachedProvinceLog({ profile: history.profile as CachedLogProfile, seed: history.seed, log }), path);
    source = "cached log";
  } else {
    const clock = createSimulatedClock();
    const seeding = createSqliteBulkWriter(path, { now: clock.now, durability: "normal" });
    try {
      const seeded = await seedStore(seeding, history, { clock });
      log(`  seeded ${seeded.events} events (${history.profile}, seed ${history.seed}, scale ${scale}) in ${(seeded.elapsedMs / 1000).toFixed(1)} s`);
    } finally {
      await seeding.close();
    }
    source = "seeded";
  }

  const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });
  const deputyIds: string[] = [];
  const stationIds: string[] = [];
  const stationOfContact = new Map<string, string>();
  const referralsByUnit = new Map<string, number>();
  const referralsByStation = new Map<string, number>();
  const count = (counts: Map<string, number>, id: string | undefined): void => {
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  const busiest = (counts: ReadonlyMap<string, number>): string => [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), ["", 0])[0];
  let events = 0;
  let firstOccurredYear: number | undefined;
  let projectSeconds: number;
  try {
    for await (const event of store.readAll()) {
      events++;
      const data = event.data as Record<string, unknown>;
      if (event.type === "StationRegistered" && typeof data["stationId"] === "string") stationIds.push(data["stationId"]);
      if (event.type === "ContactRecorded" && typeof data["stationId"] === "string") stationOfContact.set(String(data["contactId"]), data["stationId"]);
      if (event.type === "OpinionReferred") {
        count(referralsByUnit, String(data["unitId"]));
        count(referralsByStation, stationOfContact.get(String(data["contactId"])));
      }
      if (event.type !== "DeputyRegistered") continue;
      if (typeof data["deputyId"] === "string") deputyIds.push(data["deputyId"]);
      if (firstOccurredYear === undefined && typeof data["registeredAt"] === "string") firstOccurredYear = Number(data["registeredAt"].slice(0, 4));
    }
    const head = await store.headPosition();
    const projector = createProjector({ store, dataDir, logger: silentLogger });
    const started = performance.now();
    try {
      await projector.start();
      if (!(await projector.engine.waitFor(head, 3_600_000))) throw new Error("the projector did not reach the head of the log");
    } finally {
      await projector.stop();
    }
    projectSeconds = (performance.now() - started) / 1000;
    log(`  projected ${head} events in ${projectSeconds.toFixed(1)} s`);
  } finally {
    await store.close();
  }
  if (firstOccurredYear === undefined || deputyIds.length === 0) throw new Error("the history registers no deputy");
  if (stationIds.length === 0 || referralsByUnit.size === 0 || referralsByStation.size === 0) throw new Error("the history registers no station, or refers no opinion");

  const data: ReadLoadData = {
    dataDir,
    history,
    events,
    deputyIds,
    stationIds,
    busiestUnitId: busiest(referralsByUnit),
    busiestStationId: busiest(referralsByStation),
    year: firstOccurredYear,
    source,
    projectSeconds,
  };
  writeFileSync(manifestPath, `${JSON.stringify(data)}\n`);
  return data;
};
