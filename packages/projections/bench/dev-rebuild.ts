// scratch dev harness (to be removed)
import { rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { allProjections, createProjectionEngine, createSqliteReadModelStore } from "@duty-ledger/projections";
import { prepareRebuildLog } from "./rebuild-log.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const target = Number(process.env["EVENTS"] ?? 200_000);
const dir = `/tmp/rebuild-dev/log-${target}`;
const log = process.env["PROVINCE"] ? { path: "/tmp/rebuild-dev/province/events.sqlite", events: 1295726 } : await prepareRebuildLog(dir, target, (l) => console.log(l));
console.log(`log ${log.events}`);
const mode = process.argv[2] ?? "both";
if (mode !== "rebuild") {
  const db = new Database(log.path, { readonly: true });
  const scan = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position").raw();
  const start = performance.now();
  let n = 0;
  for (const row of scan.iterate() as Iterable<unknown[]>) { JSON.parse(row[5] as string); JSON.parse(row[6] as string); n++; }
  const s = (performance.now() - start) / 1000;
  console.log(`scan ${n} in ${s.toFixed(2)} s = ${(n / s / 1000).toFixed(1)}k/s`);
  db.close();
}
if (mode !== "scan") {
  const store = createSqliteEventStore({ path: log.path, durability: "normal", pollIntervalMs: 0 });
  const path = join("/tmp/rebuild-dev", `rm-${process.pid}.sqlite`);
  const readModels = createSqliteReadModelStore({ path });
  let peak = 0;
  const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 100);
  const engine = createProjectionEngine({ store, readModels, projections: allProjections, logger: silent });
  const start = performance.now(); const c0 = process.cpuUsage();
  await engine.start();
  const ok = await engine.waitFor(log.events, 3_600_000);
  const s = (performance.now() - start) / 1000; const cu = process.cpuUsage(c0);
  console.log(`cpu ${((cu.user + cu.system) / 1e6).toFixed(2)} s`);
  await engine.stop();
  clearInterval(t);
  await readModels.close();
  await store.close();
  const size = (await import("node:fs")).statSync(path).size;
  console.log(`rebuild ${ok} ${log.events} in ${s.toFixed(2)} s = ${(log.events / s / 1000).toFixed(1)}k/s peak rss ${(peak / 1048576).toFixed(0)} MiB, file ${(size / 1048576).toFixed(0)} MiB`);
  if (process.env["KEEP"] === undefined) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  else console.log(`kept ${path}`);
}
console.log((globalThis as any).__t);
