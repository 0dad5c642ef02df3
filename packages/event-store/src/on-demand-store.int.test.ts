import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeEventStoreConformance } from "@duty-ledger/testing";
import { firstValueFrom } from "rxjs";
import { afterAll, describe, expect, it } from "vitest";
import { isStoreClosed } from "./errors.js";
import { newEventId } from "./event-id.js";
import type { EventStore } from "./event-store.js";
import { onDemandStore } from "./on-demand-store.js";
import { createSqliteEventStore } from "./sqlite-event-store.js";

const dir = mkdtempSync(join(tmpdir(), "duty-ledger-on-demand-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = (): string => join(dir, `store-${++files}.db`);

/** An on-demand SQLite store, and how many times it opened the adapter. */
const counted = (): { store: EventStore; opens: () => number } => {
  let opens = 0;
  const path = newPath();
  const store = onDemandStore("sqlite", { densePositions: true }, async () => {
    opens++;
    return createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 20 });
  });
  return { store, opens: () => opens };
};

const actor = { id: "on-demand-test", role: "system" };

{
  const path = newPath();
  describeEventStoreConformance("on demand (sqlite)", async () =>
    onDemandStore("sqlite", { densePositions: true }, async () => createSqliteEventStore({ path, durability: "normal", pollIntervalMs: 50 })),
  );
}

describe("an on-demand store", () => {
  it("opens its adapter at the first call, once, and every call reaches it", async () => {
    const { store, opens } = counted();
    expect(store).toMatchObject({ name: "sqlite", capabilities: { densePositions: true } });
    expect(opens()).toBe(0);
    const [head, appended] = await Promise.all([
      store.headPosition(),
      store.append("thing-1", [{ id: newEventId(), type: "Tested", data: { n: 1 }, metadata: { actor } }]),
    ]);
    expect(opens()).toBe(1);
    expect(head).toBeLessThanOrEqual(1);
    expect(appended.position).toBe(1);
    expect((await firstValueFrom(store.subscribe({ after: 0 }))).id).toBe(appended.events[0]?.id);
    expect((await store.readEvent(appended.events[0]!.id))?.streamId).toBe("thing-1");
    expect(opens()).toBe(1);
    await store.close();
    await expect(store.headPosition()).rejects.toSatisfy(isStoreClosed);
  });

  it("closed before any call, it never opens, and refuses what comes after", async () => {
    const { store, opens } = counted();
    await store.close();
    await expect(store.append("thing-1", [])).rejects.toSatisfy(isStoreClosed);
    await expect(firstValueFrom(store.subscribe())).rejects.toSatisfy(isStoreClosed);
    const read = async (): Promise<void> => {
      for await (const _ of store.readAll()) break;
    };
    await expect(read()).rejects.toSatisfy(isStoreClosed);
    expect(opens()).toBe(0);
  });

  it("a failed open fails every call with its error, and the store still closes", async () => {
    let opens = 0;
    const store = onDemandStore("broken", { densePositions: false }, async () => {
      opens++;
      throw new Error("no server at esdb://nowhere:2113");
    });
    await expect(store.headPosition()).rejects.toThrow(/no server/);
    await expect(store.readEvent("x")).rejects.toThrow(/no server/);
    expect(opens).toBe(1);
    await store.close();
  });
});
