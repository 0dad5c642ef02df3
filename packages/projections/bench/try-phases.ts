import { rmSync } from "node:fs";
import { join } from "node:path";
import { createSqliteEventStore, type RecordedEvent } from "@duty-ledger/event-store";
import { allProjections, applyBatch, createCursor, createSqliteReadModelStore, planBatch } from "@duty-ledger/projections";

const dir = "/tmp/rebuild-bench";
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const batch = Number(process.argv[2] ?? 50000);
const store = createSqliteEventStore({ path: join(dir, "events.sqlite"), durability: "normal", pollIntervalMs: 0 });
const events: RecordedEvent[] = [];
let t = cpu();
for await (const e of store.readAll()) events.push(e);
console.log("read", events.length, (cpu() - t).toFixed(0));
const rm = join(dir, "phases.sqlite");
for (const s of ["", "-wal", "-shm"]) rmSync(rm + s, { force: true });
const rms = createSqliteReadModelStore({ path: rm });
let cursors = allProjections.map((p) => createCursor(p, 0));
const tm = { plan: 0, load: 0, apply: 0, write: 0, stringify: 0, idx: 0 };
// bare scan baseline (CPU ms)
{
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(join(dir, "events.sqlite"), { readonly: true });
  const c0 = cpu();
  for (const row of db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw().iterate() as Iterable<unknown[]>) { JSON.parse(row[5] as string); JSON.parse(row[6] as string); }
  console.log("bare scan cpu ms", (cpu() - c0).toFixed(0));
  db.close();
}
let writes = 0, bytes = 0;
for (let i = 0; i < events.length; i += batch) {
  const b = events.slice(i, i + batch);
  t = cpu(); const plan = planBatch(cursors, b); tm.plan += cpu() - t;
  t = cpu();
  const loaded = [];
  for (let c = 0; c < cursors.length; c++) loaded.push(await rms.getMany(cursors[c]!.projection.name, plan.keys[c]!));
  tm.load += cpu() - t;
  t = cpu(); const changed = applyBatch(cursors, plan, loaded); tm.apply += cpu() - t;
  t = cpu();
  for (let c = 0; c < cursors.length; c++) for (const [k, d] of changed[c]!) { bytes += JSON.stringify(d).length; cursors[c]!.projection.indexesOf?.(d, k); }
  tm.stringify += cpu() - t;
  t = cpu();
  const last = b[b.length - 1]!.position;
  await rms.transaction((w) => {
    cursors.forEach((cursor, c) => {
      for (const [key, doc] of changed[c]!) { writes++; w.put(cursor.projection.name, key, doc, cursor.projection.indexesOf?.(doc, key)); }
      w.setCheckpoint(cursor.projection.name, 1, last);
    });
  });
  tm.write += cpu() - t;
  cursors = cursors.map((c) => ({ ...c, checkpoint: last }));
}
console.log(tm, { writes, bytes });
await rms.close(); await store.close();
