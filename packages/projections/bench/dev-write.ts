// scratch: write cost of the folded docs
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createSqliteEventStore, type RecordedEvent } from "@duty-ledger/event-store";
import { allProjections, applyBatch, createCursor, createSqliteReadModelStore, planBatch } from "@duty-ledger/projections";

const target = Number(process.env["EVENTS"] ?? 200_000);
const store = createSqliteEventStore({ path: `/tmp/rebuild-dev/log-${target}/events.sqlite`, durability: "normal", pollIntervalMs: 0 });
const events: RecordedEvent[] = [];
for await (const e of store.readAll()) events.push(e);
await store.close();
const states = allProjections.map((p) => {
  const cursors = [createCursor(p, 0)];
  const plan = planBatch(cursors, events);
  return applyBatch(cursors, plan, [new Map()])[0]!;
});
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const modes = (process.env["MODES"] ?? "full,noidx,nodoc,stringify").split(",");
for (let rep = 0; rep < 2; rep++) for (const mode of modes) {
  const path = `/tmp/rebuild-dev/w-${process.pid}.sqlite`;
  const rm = createSqliteReadModelStore({ path });
  const w0 = performance.now(), c0 = cpu();
  let rows = 0;
  if (mode === "stringify") {
    for (const s of states) for (const d of s.values()) rows += JSON.stringify(d).length;
  } else {
    // in chunks of 20k docs per transaction
    for (let p = 0; p < allProjections.length; p++) {
      const proj = allProjections[p]!;
      const entries = [...states[p]!];
      for (let i = 0; i < entries.length; i += 20000) {
        await rm.transaction((w) => {
          for (const [k, d] of entries.slice(i, i + 20000)) {
            const idx = mode === "noidx" ? [] : proj.indexesOf?.(d, k);
            if (mode === "nodoc") { rows += idx?.length ?? 0; w.put(proj.name, k, 0, idx, []); }
            else { rows++; w.put(proj.name, k, d, idx, []); }
          }
        });
      }
    }
  }
  await rm.close();
  console.log(`${mode}: wall ${(performance.now() - w0).toFixed(0)} ms cpu ${(cpu() - c0).toFixed(0)} ms (${rows})`);
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
}
