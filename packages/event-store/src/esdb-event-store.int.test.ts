import { describeEventStoreConformance, describeWithEventStoreDb, findEventStoreDb, startEventStoreDb, type EventStoreDbServer } from "@duty-ledger/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInvalidAppend } from "./errors.js";
import { createEsdbEventStore } from "./esdb-event-store.js";
import { RESERVATION_EVENT_TYPE, RESERVATION_STREAM_PREFIX } from "./esdb-mapping.js";
import type { EventStore, NewEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";

/**
 * The shared EventStore conformance suite against EventStoreDB: the server at EVENTSTORE_URL,
 * else a throw-away container when a Docker engine answers (`findEventStoreDb` of
 * `@duty-ledger/testing`), else reported as skipped with one line saying why — or failed when
 * REQUIRE_EVENTSTORE=1.
 */

const target = await findEventStoreDb();

describeWithEventStoreDb("EventStoreDB conformance", target, (reachable) => {
  let server: EventStoreDbServer | undefined;
  let connectionString = "";
  const opened = new Set<EventStore>();

  beforeAll(async () => {
    server = await startEventStoreDb(reachable);
    connectionString = server.connectionString;
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([...opened].map((store) => store.close()));
    await server?.stop();
  }, 60_000);

  const open = async (): Promise<EventStore> => {
    const store = createEsdbEventStore({ connectionString });
    opened.add(store);
    return store;
  };

  describeEventStoreConformance("esdb", open);

  describe("esdb adapter specifics", () => {
    const actor = { id: "tester", role: "office" };
    const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const event = (id: string, n: number): NewEvent => ({ id, type: "Counted", data: { n }, metadata: { actor } });

    it("keeps ids that are not UUIDs (EventStoreDB stores a name-based UUID)", async () => {
      const store = await open();
      const streamId = `esdb-ids-${run}`;
      const result = await store.append(streamId, [event(`plain-id-${run}`, 1), event(`A1B2C3D4-0000-4000-8000-${"0".repeat(12)}`, 2)]);
      expect(result.events.map((e) => e.id)).toEqual([`plain-id-${run}`, `A1B2C3D4-0000-4000-8000-${"0".repeat(12)}`]);
      const read = [];
      for await (const e of store.readStream(streamId)) read.push(e.id);
      expect(read).toEqual(result.events.map((e) => e.id));
    });

    it("refuses EventStoreDB's reserved $ streams and event types", async () => {
      const store = await open();
      await expect(store.append(`$esdb-${run}`, [event(`r1-${run}`, 1)])).rejects.toSatisfy(isInvalidAppend);
      await expect(store.append(`esdb-r-${run}`, [{ ...event(`r2-${run}`, 1), type: "$weird" }])).rejects.toSatisfy(isInvalidAppend);
    });

    it("keeps one hash chain when two clients append to a stream concurrently", async () => {
      const [a, b] = [await open(), await open()];
      const streamId = `esdb-race-${run}`;
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).append(streamId, [event(`race-${run}-${i}`, i)])),
      );
      const events = [];
      for await (const e of a.readStream(streamId)) events.push(e);
      expect(events).toHaveLength(10);
      expect(verifyStreamChain(events)).toMatchObject({ ok: true, checked: 10 });
    });

    it("hides its event id reservations from reads of the log", async () => {
      const store = await open();
      await store.append(`esdb-hidden-${run}`, [event(`hidden-${run}`, 1)]);
      const recent = [];
      for await (const e of store.readAll({ direction: "backwards", maxCount: 50 })) recent.push(e);
      expect(recent.map((e) => e.id)).toContain(`hidden-${run}`);
      expect(recent.filter((e) => e.streamId.startsWith(RESERVATION_STREAM_PREFIX) || e.type === RESERVATION_EVENT_TYPE)).toEqual([]);
    });

    it("recognises a repeat of an older append under 'any'", async () => {
      const store = await open();
      const streamId = `esdb-repeat-${run}`;
      const first = await store.append(streamId, [event(`rep-${run}-0`, 0), event(`rep-${run}-1`, 1)]);
      await store.append(streamId, [event(`rep-${run}-2`, 2)]);
      const again = await store.append(streamId, [event(`rep-${run}-0`, 0), event(`rep-${run}-1`, 1)]);
      expect(again).toEqual(first);
      expect(await store.streamRevision(streamId)).toBe(2);
    });
  });
});
