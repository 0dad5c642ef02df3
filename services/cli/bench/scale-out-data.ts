import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { openPostgresEventStore, type EventMetadata, type RecordedEvent } from "@duty-ledger/event-store";
import { cachedProvinceLog, type CachedLogProfile } from "@duty-ledger/testing/bench";

/**
 * The history the scale-out bench serves and rebuilds: the cached generated log
 * (`cachedProvinceLog`, a SQLite file, read-only) imported as it is (`importRecorded`: same
 * ids, hashes and times) into a PostgreSQL database, its Merkle tree integrated before anything
 * is timed. Also what the read load asks for: the registered deputies and the history's first year.
 */

export interface PgHistory {
  readonly profile: CachedLogProfile;
  readonly events: number;
  readonly deputyIds: readonly string[];
  /** The year of the first registration: `year=` of the records, `period=` of the scores. */
  readonly year: number;
  readonly importSeconds: number;
}

const IMPORT_BATCH = 2000;

type Row = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];

export async function importCachedLog(profile: CachedLogProfile, connectionString: string, log: (line: string) => void): Promise<PgHistory> {
  const path = await cachedProvinceLog({ profile, log });
  const source = new Database(path, { readonly: true });
  const store = openPostgresEventStore({ connectionString, pollIntervalMs: 0 });
  const deputyIds: string[] = [];
  let year: number | undefined;
  let events = 0;
  const started = performance.now();
  try {
    const rows = source.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw().iterate() as Iterable<Row>;
    let batch: RecordedEvent[] = [];
    for (const [position, streamId, revision, id, type, dataJson, metadataJson] of rows) {
      const data = JSON.parse(dataJson) as Record<string, unknown>;
      if (type === "DeputyRegistered") {
        if (typeof data["deputyId"] === "string") deputyIds.push(data["deputyId"]);
        if (year === undefined && typeof data["registeredAt"] === "string") year = Number(data["registeredAt"].slice(0, 4));
      }
      batch.push({ id, type, streamId, revision, position, data, metadata: JSON.parse(metadataJson) as EventMetadata });
      if (batch.length === IMPORT_BATCH) {
        events += (await store.importRecorded(batch)).imported;
        batch = [];
      }
    }
    if (batch.length > 0) events += (await store.importRecorded(batch)).imported;
    await store.transparencyLog?.treeHead(events); // waits until the background integration covers the log
  } finally {
    source.close();
    await store.close();
  }
  if (year === undefined || deputyIds.length === 0) throw new Error(`the ${profile} history registers no deputy`);
  const importSeconds = (performance.now() - started) / 1000;
  log(`scale-out bench: imported the ${profile} log (${events} events, ${deputyIds.length} deputies, from ${year}) into PostgreSQL in ${importSeconds.toFixed(1)} s`);
  return { profile, events, deputyIds, year, importSeconds };
}
