import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createSqliteEventStore } from "@duty-ledger/event-store";
import { appendSampleLog, countSampleEvents, generateSampleLog, type SampleAppend } from "@duty-ledger/projections";

/**
 * The log the rebuild benchmark replays: the deterministic sample log, scaled to about
 * `events` events (contacts, suggestions and registries in the sample's proportions), in an
 * `events.sqlite` of `dir` (reused when it is already there).
 */
export const prepareRebuildLog = async (dir: string, events: number, log: (line: string) => void = () => undefined): Promise<{ path: string; events: number }> => {
  const path = join(dir, "events.sqlite");
  mkdirSync(dir, { recursive: true });
  const store = createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 0 });
  try {
    const have = await store.headPosition();
    if (have > 0 && existsSync(path)) return { path, events: have };
    // ~3.85 events per contact+suggestion unit of the sample's mix (see generateSampleLog).
    const parts = Math.max(1, Math.round(events / 38_600));
    let total = 0;
    for (let part = 0; part < parts; part++) {
      const appends: SampleAppend[] = generateSampleLog({
        seed: 1000 + part,
        deputies: 300,
        units: 40,
        stations: 20,
        contacts: 10_000,
        suggestions: 3_000,
        idPrefix: `p${part}-`,
      });
      total += countSampleEvents(appends);
      await appendSampleLog(store, appends, 2000);
      log(`  rebuild log: ${total} events written`);
    }
    return { path, events: total };
  } finally {
    await store.close();
  }
};
