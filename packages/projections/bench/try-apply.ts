import { join } from "node:path";
import { createSqliteEventStore, type RecordedEvent } from "@duty-ledger/event-store";
import { allProjections } from "@duty-ledger/projections";

const store = createSqliteEventStore({ path: join("/tmp/rebuild-bench", "events.sqlite"), durability: "normal", pollIntervalMs: 0 });
const events: RecordedEvent[] = [];
for await (const e of store.readAll()) events.push(e);
for (const p of allProjections) {
  const handles = new Set(p.handles);
  const docs = new Map<string, unknown>();
  let t = performance.now();
  let keysT = 0; let n = 0;
  for (const e of events) {
    if (!handles.has(e.type)) continue;
    const t0 = performance.now();
    const keys = p.keysOf(e);
    keysT += performance.now() - t0;
    for (const k of keys) { n++; docs.set(k, p.apply(docs.has(k) ? docs.get(k) : p.init(k), e)); }
  }
  console.log(p.name, n, "applies", (performance.now() - t).toFixed(0), "ms; keysOf", keysT.toFixed(0));
}
await store.close();
