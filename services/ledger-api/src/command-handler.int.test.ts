import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConflictError, deciders, isLedgerErrorOf, streamIdOf, type UnitCommand } from "@duty-ledger/domain";
import { createSqliteEventStore, newEventId, type SqliteEventStore } from "@duty-ledger/event-store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCommandHandler, type EventIdSource } from "./command-handler.js";
import { createKeyedLock } from "./keyed-lock.js";

const actor = { id: "O-1", role: "office" } as const;

const register = (unitId: string, name: string, now: string): UnitCommand => ({
  type: "RegisterUnit",
  data: { unitId, name },
  metadata: { actor, now },
});

/** Fixed ids, as under an Idempotency-Key (a retry mints the same ones). */
const fixedIds = (prefix: string): EventIdSource => {
  const ids = [newEventId(), newEventId()];
  return (index) => ids[index] ?? `${prefix}-${index}`;
};

const freshIds = (): EventIdSource => {
  const ids = new Map<number, string>();
  return (index) => {
    const id = ids.get(index) ?? newEventId();
    ids.set(index, id);
    return id;
  };
};

describe("command handler, commands that start their stream (expectNewStream)", () => {
  let dir: string;
  let store: SqliteEventStore;
  let handler: ReturnType<typeof createCommandHandler>;
  const startsStream = { expectNewStream: true } as const;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "duty-ledger-handler-"));
    store = createSqliteEventStore({ path: join(dir, "events.sqlite"), durability: "normal" });
    handler = createCommandHandler({ store, lock: createKeyedLock() });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("appends to a new stream and answers with the ids, the position and the stored events", async () => {
    const handled = await handler.handle(deciders.unit, streamIdOf.unit("U-1"), register("U-1", "交通局", "2026-01-05T09:00:00+08:00"), freshIds(), startsStream);
    expect(handled.position).toBe(await store.headPosition());
    expect(handled.eventIds).toHaveLength(1);
    expect(handled.events.map((event) => event.id)).toEqual(handled.eventIds);
    expect(handled.events[0]).toMatchObject({ type: "UnitRegistered", revision: 0, data: { unitId: "U-1", name: "交通局" } });
  });

  it("refuses a registration of an existing unit as the ordinary path does, appending nothing", async () => {
    const streamId = streamIdOf.unit("U-2");
    await handler.handle(deciders.unit, streamId, register("U-2", "交通局", "2026-01-05T09:00:00+08:00"), freshIds());
    const head = await store.headPosition();
    const refusals = await Promise.allSettled([
      handler.handle(deciders.unit, streamId, register("U-2", "水利局", "2026-01-05T10:00:00+08:00"), freshIds(), startsStream),
      handler.handle(deciders.unit, streamId, register("U-2", "水利局", "2026-01-05T10:00:00+08:00"), freshIds()),
    ]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe("rejected");
      const reason = (refusal as PromiseRejectedResult).reason as unknown;
      expect(isLedgerErrorOf(reason, "CONFLICT"), String(reason)).toBe(true);
      expect((reason as ConflictError).message).toMatch(/already registered/);
    }
    expect(await store.headPosition()).toBe(head);
  });

  it("answers a retry with the same ids with the original events, whenever it was decided", async () => {
    const streamId = streamIdOf.unit("U-3");
    const ids = fixedIds("U-3");
    const first = await handler.handle(deciders.unit, streamId, register("U-3", "交通局", "2026-01-05T09:00:00+08:00"), ids, startsStream);
    const head = await store.headPosition();
    // Decided again at the same time: the store recognises the very same events.
    const same = await handler.handle(deciders.unit, streamId, register("U-3", "交通局", "2026-01-05T09:00:00+08:00"), ids, startsStream);
    // Decided at another time (other data under the same ids): found by reading the stream.
    const later = await handler.handle(deciders.unit, streamId, register("U-3", "交通局", "2026-01-05T09:30:00+08:00"), ids, startsStream);
    for (const retry of [same, later]) {
      expect(retry.eventIds).toEqual(first.eventIds);
      expect(retry.position).toBe(first.position);
      expect(retry.events.map((event) => event.data)).toEqual(first.events.map((event) => event.data));
    }
    expect(await store.headPosition()).toBe(head);
  });

  it("lets exactly one of many concurrent registrations of one unit win", async () => {
    const streamId = streamIdOf.unit("U-4");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => handler.handle(deciders.unit, streamId, register("U-4", `局 ${i}`, "2026-01-05T09:00:00+08:00"), freshIds(), startsStream)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await store.streamRevision(streamId)).toBe(0);
  });

  it("takes the ordinary path for a command the empty state refuses (a correction)", async () => {
    const streamId = streamIdOf.unit("U-5");
    await handler.handle(deciders.unit, streamId, register("U-5", "交通局", "2026-01-05T09:00:00+08:00"), freshIds());
    const corrected = await handler.handle(
      deciders.unit,
      streamId,
      { type: "CorrectUnit", data: { unitId: "U-5", name: "交通运输局", reason: "更名" }, metadata: { actor, now: "2026-01-06T09:00:00+08:00" } },
      freshIds(),
      startsStream,
    );
    expect(corrected.events[0]).toMatchObject({ type: "UnitCorrected", revision: 1 });
  });
});
