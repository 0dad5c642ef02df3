import { getSQLiteEventStore } from "@event-driven-io/emmett-sqlite";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
const dir = mkdtempSync(join(tmpdir(), "emt-"));
const fileName = join(dir, "e.sqlite");
const store = getSQLiteEventStore({ fileName });
await store.schema.migrate();
let ok = 0, fail = 0, retries = 0;
const msgs = new Map<string, number>();
const t0 = performance.now();
await Promise.all(Array.from({ length: 64 }, async (_, lane) => {
  let v = 0n;
  for (let i = 0; i < 5; i++) {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.appendToStream(`s-${lane}`, [{ type: "T", data: { i } }], { expectedStreamVersion: v });
        v++; ok++; break;
      } catch (e) {
        const m = (e as Error).message; msgs.set(m, (msgs.get(m) ?? 0) + 1);
        if (attempt >= 5) { fail++; break; }
        retries++;
      }
    }
  }
}));
console.error({ ok, fail, retries, msgs, seconds: (performance.now() - t0) / 1000 });
