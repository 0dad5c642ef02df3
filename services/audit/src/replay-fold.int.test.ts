import { join } from "node:path";
import type { RecordedEvent } from "@duty-ledger/event-store";
import { createProjectionEngine, createSqliteReadModelStore, type ReadModelSnapshot } from "@duty-ledger/projections";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, smallLog, tempDir, writeSampleStore } from "./audit.test-support.js";
import { createInMemoryFold, replayProjections } from "./replay-fold.js";
import { silentLogger } from "@duty-ledger/testing";

// The replay's fold keeps documents in memory across batches and writes them to its store only
// when its cache is full or at `flush()`: whatever the bound and the batches, the store must
// end up holding exactly what the projector's engine writes for the same projections.


/** Documents and index entries only: checkpoints carry the time they were written. */
const contentOf = (snapshot: ReadModelSnapshot): Omit<ReadModelSnapshot, "checkpoints"> & { positions: number[] } => ({
  docs: snapshot.docs,
  index: snapshot.index,
  positions: snapshot.checkpoints.map((checkpoint) => checkpoint.position),
});

describe("the replay's in-memory fold", () => {
  const temp = tempDir("fold");
  let events: RecordedEvent[] = [];
  let expected: ReturnType<typeof contentOf>;

  beforeAll(async () => {
    const path = join(temp.dir, "events.sqlite");
    const head = await writeSampleStore(path, { ...smallLog, voidRate: 0.1 });
    const store = openStore(path);
    const readModels = createSqliteReadModelStore({ path: ":memory:" });
    try {
      for await (const event of store.readAll()) events.push(event);
      const engine = createProjectionEngine({ store, readModels, projections: replayProjections, logger: silentLogger });
      await engine.start();
      expect(await engine.waitFor(head, 30_000)).toBe(true);
      await engine.stop();
      expected = contentOf(readModels.snapshot());
    } finally {
      await readModels.close();
      await store.close();
    }
    expect(events.length).toBe(head);
    expect(expected.docs.length).toBeGreaterThan(50);
  });

  afterAll(() => temp.remove());

  const foldInBatches = async (batchSize: number, maxCachedDocuments?: number): Promise<ReturnType<typeof contentOf>> => {
    const fold = createInMemoryFold(maxCachedDocuments === undefined ? {} : { maxCachedDocuments });
    try {
      for (let start = 0; start < events.length; start += batchSize) await fold.apply(events.slice(start, start + batchSize));
      await fold.flush();
      return contentOf(fold.store.snapshot());
    } finally {
      await fold.close();
    }
  };

  it("holds what the projector writes, every document kept in memory until the flush", async () => {
    expect(await foldInBatches(25)).toEqual(expected);
  });

  it("holds the same when its cache is written and read back after almost every batch", async () => {
    expect(await foldInBatches(7, 1)).toEqual(expected);
    expect(await foldInBatches(1, 20)).toEqual(expected);
  });

  it("writes nothing before the flush while under its bound", async () => {
    const fold = createInMemoryFold();
    try {
      await fold.apply(events);
      expect(fold.store.snapshot().docs).toEqual([]);
      await fold.flush();
      expect(fold.store.snapshot().docs.length).toBe(expected.docs.length);
    } finally {
      await fold.close();
    }
  });
});
