// scratch: fold cost per projection, events in memory
import { performance } from "node:perf_hooks";
import { createSqliteEventStore, type RecordedEvent } from "@duty-ledger/event-store";
import { allProjections, applyBatch, createCursor, planBatch } from "@duty-ledger/projections";

const target = Number(process.env["EVENTS"] ?? 200_000);
const store = createSqliteEventStore({ path: `/tmp/rebuild-dev/log-${target}/events.sqlite`, durability: "normal", pollIntervalMs: 0 });
const events: RecordedEvent[] = [];
let t = performance.now();
for await (const e of store.readAll()) events.push(e);
console.log(`read ${events.length} in ${(performance.now() - t).toFixed(0)} ms`);
const batch = Number(process.env["BATCH"] ?? 50_000);
for (const p of allProjections) {
  for (let rep = 0; rep < 2; rep++) {
    const cursors = [createCursor(p, 0)];
    const state = new Map<string, unknown>();
    let tp = 0, ta = 0;
    for (let i = 0; i < events.length; i += batch) {
      const slice = events.slice(i, i + batch);
      let t0 = performance.now();
      const plan = planBatch(cursors, slice);
      tp += performance.now() - t0; t0 = performance.now();
      const changed = applyBatch(cursors, plan, [state]);
      for (const [k, d] of changed[0]!) state.set(k, d);
      ta += performance.now() - t0;
    }
    let bytes = 0; t = performance.now();
    for (const d of state.values()) bytes += JSON.stringify(d).length;
    console.log(`${p.name}: plan ${tp.toFixed(0)} ms apply ${ta.toFixed(0)} ms, ${state.size} docs, stringify ${(performance.now() - t).toFixed(0)} ms ${(bytes / 1e6).toFixed(1)} MB`);
  }
}
await store.close();
