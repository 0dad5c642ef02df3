import { join } from "node:path";
import Database from "better-sqlite3";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import { prepareRebuildLog } from "./rebuild-log.js";
import { rmSync } from "node:fs";

const dir = process.argv[2] ?? "/tmp/rebuild-bench";
const target = Number(process.argv[3] ?? 200_000);
const batchSize = Number(process.argv[4] ?? 5000);
const t0 = performance.now();
const { path, events } = await prepareRebuildLog(dir, target, console.log);
console.log(`log ready: ${events} events (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

// bare scan
{
  const db = new Database(path, { readonly: true });
  const t = performance.now();
  let n = 0;
  for (const row of db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw().iterate() as Iterable<unknown[]>) {
    JSON.parse(row[5] as string);
    JSON.parse(row[6] as string);
    n++;
  }
  const s = (performance.now() - t) / 1000;
  console.log(`bare scan: ${n} events in ${s.toFixed(2)} s = ${Math.round(n / s)} ev/s`);
  db.close();
}
// rebuild
{
  const rm = join(dir, "rm.sqlite");
  rmSync(rm, { force: true }); rmSync(`${rm}-wal`, { force: true }); rmSync(`${rm}-shm`, { force: true });
  const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });
  const readModels = createSqliteReadModelStore({ path: rm });
  const logger = { debug() {}, info(o: object, m?: string) { console.log(m, JSON.stringify(o)); }, warn() {}, error(o: object, m?: string) { console.error(m, o); } };
  const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger, batchSize });
  const t = performance.now();
  await engine.start();
  await engine.waitFor(events, 600_000);
  const s = (performance.now() - t) / 1000;
  console.log(`rebuild: ${events} events in ${s.toFixed(2)} s = ${Math.round(events / s)} ev/s`);
  await engine.stop();
  await readModels.close();
  await store.close();
}
