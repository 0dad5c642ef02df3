import { describeEventStoreConformance } from "@duty-ledger/testing";
import { GenericContainer, Wait, getContainerRuntimeClient } from "testcontainers";
import type { StartedTestContainer } from "testcontainers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInvalidAppend } from "./errors.js";
import { createEsdbEventStore } from "./esdb-event-store.js";
import { RESERVATION_EVENT_TYPE, RESERVATION_STREAM_PREFIX } from "./esdb-mapping.js";
import type { EventStore, NewEvent } from "./event-store.js";
import { verifyStreamChain } from "./hash-chain.js";

/**
 * The shared EventStore conformance suite against EventStoreDB, on
 * - the server at EVENTSTORE_URL when set (e.g. `esdb://localhost:2113?tls=false`), else
 * - a throw-away single node (`eventstore/eventstore:24.10`, insecure, in memory) started with
 *   testcontainers when a Docker engine answers, else
 * - nothing: the suite is reported as skipped with one line saying why, or fails when
 *   REQUIRE_EVENTSTORE=1 (CI machines that must prove the EventStoreDB adapter).
 */

const IMAGE = "eventstore/eventstore:24.10";
const HTTP_PORT = 2113;

type Target = { readonly kind: "url"; readonly url: string } | { readonly kind: "container" } | { readonly kind: "none"; readonly reason: string };

const findTarget = async (): Promise<Target> => {
  const url = process.env["EVENTSTORE_URL"];
  if (url !== undefined && url.trim() !== "") return { kind: "url", url: url.trim() };
  try {
    await getContainerRuntimeClient();
    return { kind: "container" };
  } catch (error) {
    return { kind: "none", reason: error instanceof Error ? error.message : String(error) };
  }
};

const target = await findTarget();
const required = process.env["REQUIRE_EVENTSTORE"] === "1";

if (target.kind === "none") {
  const why = `no EVENTSTORE_URL and no Docker engine (${target.reason})`;
  if (required) {
    describe("EventStoreDB conformance", () => {
      it("runs against EventStoreDB (REQUIRE_EVENTSTORE=1)", () => {
        throw new Error(`EventStoreDB conformance required (REQUIRE_EVENTSTORE=1) but cannot run: ${why}`);
      });
    });
  } else {
    console.warn(`EventStoreDB conformance skipped: ${why}`);
    describe.skip("EventStoreDB conformance", () => {
      it("runs the shared EventStore conformance suite against the esdb adapter", () => {});
    });
  }
} else {
  let container: StartedTestContainer | undefined;
  let connectionString = target.kind === "url" ? target.url : "";
  const opened = new Set<EventStore>();

  beforeAll(async () => {
    if (target.kind !== "container") return;
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: "true",
        EVENTSTORE_MEM_DB: "true",
        EVENTSTORE_RUN_PROJECTIONS: "None",
        EVENTSTORE_START_STANDARD_PROJECTIONS: "false",
        EVENTSTORE_CLUSTER_SIZE: "1",
      })
      .withExposedPorts(HTTP_PORT)
      .withWaitStrategy(Wait.forHttp("/health/live", HTTP_PORT).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(HTTP_PORT)}?tls=false`;
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([...opened].map((store) => store.close()));
    await container?.stop();
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
}
